package dev.bucketsql.engine.expr;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.List;

/**
 * WHERE: the input rows for which a BOOLEAN condition is TRUE (not FALSE, not NULL), compacted into
 * batches of their own; a batch where no row passes is skipped, never returned empty.
 */
public final class Filter implements Operator {
  private final Operator input;
  private final Expr condition;
  private final ExecContext context;
  private ColumnBatch out;
  private int[] selection = new int[0];
  private boolean closed;

  /** Keeps the rows of {@code input} where {@code condition} is TRUE. */
  public Filter(Operator input, Expr condition, ExecContext context) {
    this.input = requireNonNull(input, "input is null");
    this.condition = requireNonNull(condition, "condition is null");
    this.context = requireNonNull(context, "context is null");
    if (condition.type() != ColumnType.BOOLEAN) {
      throw new IllegalArgumentException("a filter condition is BOOLEAN, not " + condition.type());
    }
  }

  @Override
  public List<ColumnType> types() {
    return input.types();
  }

  @Override
  public ColumnBatch next() {
    while (!closed) {
      context.checkCancelled();
      ColumnBatch b = input.next();
      if (b == null) {
        return null;
      }
      ColumnBatch keep = condition.evaluate(b);
      boolean[] nulls = keep.nulls(0);
      long[] values = keep.longs(0);
      int n = b.size();
      int passing = 0;
      for (int r = 0; r < n; r++) {
        if (!nulls[r] && values[r] != 0) {
          passing++;
        }
      }
      if (passing == n) {
        return b;
      }
      if (passing == 0) {
        continue;
      }
      if (out == null || out.capacity() < n) {
        out = new ColumnBatch(types().toArray(new ColumnType[0]), Math.max(n, b.capacity()));
      }
      if (selection.length < n) {
        selection = new int[Math.max(n, b.capacity())];
      }
      int w = 0;
      for (int r = 0; r < n; r++) {
        if (!nulls[r] && values[r] != 0) {
          selection[w++] = r;
        }
      }
      out.clear();
      for (int c = 0; c < b.columnCount(); c++) {
        out.gather(b, c, selection, w, c);
      }
      out.setSize(w);
      return out;
    }
    return null;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      input.close();
    }
  }
}
