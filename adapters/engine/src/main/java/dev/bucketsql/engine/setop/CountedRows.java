package dev.bucketsql.engine.setop;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.BatchWriter;
import dev.bucketsql.engine.Cells;
import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.List;

/**
 * The rows of an {@code INTERSECT} or {@code EXCEPT} from its counts: the input holds each distinct
 * row once, its {@code width} columns followed by how many times each of the operation's inputs has
 * it (BIGINT); each row comes out as many times as the operation keeps it ({@link
 * SetOperation#times}), which may be none, once or, with {@code ALL}, many.
 */
final class CountedRows implements Operator {
  private final Operator input;
  private final SetOperation operation;
  private final boolean all;
  private final int width;
  private final int inputs;
  private final ExecContext context;
  private final List<ColumnType> types;
  private final long[] counts;
  private BatchWriter out;
  private ColumnBatch batch;
  private int nextRow;
  private int row;
  private long left;
  private boolean done;
  private boolean closed;

  CountedRows(
      Operator input,
      SetOperation operation,
      boolean all,
      int width,
      int inputs,
      ExecContext context) {
    this.input = requireNonNull(input, "input is null");
    this.operation = requireNonNull(operation, "operation is null");
    this.all = all;
    this.width = width;
    this.inputs = inputs;
    this.context = requireNonNull(context, "context is null");
    this.types = List.copyOf(input.types().subList(0, width));
    this.counts = new long[inputs];
  }

  @Override
  public List<ColumnType> types() {
    return types;
  }

  @Override
  public ColumnBatch next() {
    if (closed) {
      return null;
    }
    if (out == null) {
      out = new BatchWriter(types, context.batchSize());
    }
    ColumnBatch o = out.batch();
    while (!out.full()) {
      if (left > 0) {
        int r = out.row();
        for (int c = 0; c < width; c++) {
          Cells.copy(batch, c, row, o, c, r);
        }
        out.commit();
        left--;
        continue;
      }
      if (batch == null || nextRow == batch.size()) {
        if (done) {
          break;
        }
        batch = input.next();
        if (batch == null) {
          done = true;
          break;
        }
        context.checkCancelled();
        nextRow = 0;
        continue;
      }
      row = nextRow++;
      for (int i = 0; i < inputs; i++) {
        counts[i] = batch.longs(width + i)[row];
      }
      left = operation.times(counts, all);
    }
    return out.take();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      batch = null;
      input.close();
    }
  }
}
