package dev.bucketsql.engine;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.List;

/**
 * Compacts the rows of a batch an operator keeps into a batch of its own (a filter's passing rows),
 * a column at a time; the batch it returns is reused by the next call. It is the one place where a
 * {@link Selection} becomes a batch of live rows alone: an operator that hands on selections
 * compacts here when its consumer asks {@link Operator#next}, or when too few rows are live for the
 * selection to pay.
 */
public final class RowSelection {
  private final ColumnType[] types;
  private ColumnBatch out;
  private int[] selection = new int[0];

  /** Compacts batches of {@code types}. */
  public RowSelection(List<ColumnType> types) {
    this.types = types.toArray(new ColumnType[0]);
  }

  /**
   * The rows {@code r < n} of {@code b} where {@code keep[r]}, {@code kept} of them, in their
   * order: {@code b} itself when all {@code n} are kept, null when none is (the operator reads on).
   */
  public ColumnBatch keep(ColumnBatch b, boolean[] keep, int n, int kept) {
    if (kept == n) {
      return b;
    }
    if (kept == 0) {
      return null;
    }
    if (selection.length < n) {
      selection = new int[Math.max(n, b.capacity())];
    }
    list(keep, n, kept, selection);
    return gather(b, selection, kept);
  }

  /**
   * The live rows of {@code b} as {@code live} names them, in their order; {@code b} if all are.
   */
  public ColumnBatch compact(ColumnBatch b, Selection live) {
    if (live.all()) {
      return b;
    }
    return gather(b, live.rows(), live.count());
  }

  /**
   * Numbers the rows {@code r < n} where {@code keep[r]} into {@code rows}, in order, and checks
   * that there are {@code kept} of them.
   */
  public static void list(boolean[] keep, int n, int kept, int[] rows) {
    int w = 0;
    for (int r = 0; r < n; r++) {
      // no branch on the row's fate: a filter keeping half its rows would mispredict half
      rows[w] = r;
      w += keep[r] ? 1 : 0;
    }
    if (w != kept) {
      throw new IllegalStateException(kept + " rows counted as kept, " + w + " marked");
    }
  }

  private ColumnBatch gather(ColumnBatch b, int[] rows, int kept) {
    if (out == null || out.capacity() < kept) {
      out = new ColumnBatch(types, Math.max(kept, b.capacity()));
    }
    out.clear();
    for (int c = 0; c < b.columnCount(); c++) {
      out.gather(b, c, rows, kept, c);
    }
    out.setSize(kept);
    return out;
  }
}
