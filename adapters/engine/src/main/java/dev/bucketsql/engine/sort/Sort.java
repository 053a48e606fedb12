package dev.bucketsql.engine.sort;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.BatchWriter;
import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.RowStore;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryBudget;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.Arrays;
import java.util.List;

/**
 * ORDER BY without a limit: holds every input row (reserved in its memory budget row by row),
 * then returns them ordered by the keys; rows equal on every key keep their input order (the
 * sort is stable).
 */
public final class Sort implements Operator {
  private final Operator input;
  private final RowOrder order;
  private final ExecContext context;
  private final MemoryBudget budget;
  private RowStore store;
  private Integer[] sorted;
  private BatchWriter out;
  private int emitted;
  private boolean closed;

  /** @param subject what it sorts, for the memory error ({@code its input}) */
  public Sort(Operator input, List<SortKey> keys, ExecContext context, String subject) {
    this.input = requireNonNull(input, "input is null");
    this.order = new RowOrder(keys, input.types());
    this.context = requireNonNull(context, "context is null");
    this.budget = context.budget(HeldBy.SORT, subject);
  }

  @Override
  public List<ColumnType> types() {
    return input.types();
  }

  @Override
  public ColumnBatch next() {
    if (closed) {
      return null;
    }
    if (out == null) {
      consume();
      out = new BatchWriter(types(), context.batchSize());
    }
    context.checkCancelled();
    ColumnBatch o = out.batch();
    while (emitted < sorted.length && !out.full()) {
      store.copyTo(sorted[emitted++], o, out.row(), 0);
      out.commit();
    }
    return out.take();
  }

  private void consume() {
    store = new RowStore(input.types());
    for (ColumnBatch b = input.next(); b != null; b = input.next()) {
      context.checkCancelled();
      for (int r = 0; r < b.size(); r++) {
        // the row, and its entry in the index array sorted at the end (a reference and an Integer)
        budget.reserveUpTo(store.bytesAfterAppend(b, r) + 24L * (store.size() + 1), store.size() + 1L);
        store.append(b, r);
      }
    }
    input.close();
    sorted = new Integer[store.size()];
    Arrays.setAll(sorted, i -> i);
    // TimSort is stable: ties keep input order
    Arrays.sort(sorted, (a, b) -> order.compare(store, a, b));
  }

  /** Bytes reserved now, for tests and EXPLAIN ANALYZE. */
  public long reservedBytes() {
    return budget.reserved();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      store = null;
      sorted = null;
      budget.releaseAll();
      input.close();
    }
  }
}
