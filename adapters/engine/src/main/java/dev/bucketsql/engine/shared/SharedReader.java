package dev.bucketsql.engine.shared;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.List;

/**
 * One consumer of a {@link SharedResult}: the batches held in memory, each copied into a batch of
 * its own (consumers may change the batches they are given, and read on other threads), then the
 * rows of the spill file through a reader of its own. Closing it leaves the result to the others.
 */
final class SharedReader implements Operator {
  private final SharedResult result;
  private final ExecContext context;
  private ColumnBatch out;
  private int next;
  private Operator spilled;
  private boolean inMemory = true;
  private boolean closed;

  SharedReader(SharedResult result, ExecContext context) {
    this.result = result;
    this.context = context;
  }

  @Override
  public List<ColumnType> types() {
    return result.types();
  }

  @Override
  public ColumnBatch next() {
    if (closed) {
      return null;
    }
    context.checkCancelled();
    if (inMemory) {
      ColumnBatch b = copy(next);
      if (b != null) {
        next++;
        return b;
      }
      inMemory = false;
      spilled = result.spilledRows(context);
    }
    return spilled == null ? null : spilled.next();
  }

  /** Batch {@code index} of the result copied into this reader's batch, or null past memory. */
  private ColumnBatch copy(int index) {
    // the copy is made under the result's lock: reading a held batch may convert its decimals
    synchronized (result) {
      ColumnBatch held = result.held(index, context);
      if (held == null) {
        return null;
      }
      if (out == null || out.capacity() < held.size()) {
        out =
            new ColumnBatch(
                types().toArray(ColumnType[]::new), Math.max(held.size(), context.batchSize()));
      }
      out.clear();
      out.append(held, 0, held.size());
      return out;
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    out = null;
    if (spilled != null) {
      spilled.close();
    }
  }
}
