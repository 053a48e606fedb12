package dev.bucketsql.engine;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.List;

/**
 * Compacts the rows of a batch an operator keeps into a batch of its own (a filter's passing rows),
 * a column at a time; the batch it returns is reused by the next call.
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
    if (out == null || out.capacity() < n) {
      out = new ColumnBatch(types, Math.max(n, b.capacity()));
    }
    if (selection.length < n) {
      selection = new int[Math.max(n, b.capacity())];
    }
    int w = 0;
    for (int r = 0; r < n; r++) {
      // no branch on the row's fate: a filter keeping half its rows would mispredict half
      selection[w] = r;
      w += keep[r] ? 1 : 0;
    }
    if (w != kept) {
      throw new IllegalStateException(kept + " rows counted as kept, " + w + " marked");
    }
    out.clear();
    for (int c = 0; c < b.columnCount(); c++) {
      out.gather(b, c, selection, w, c);
    }
    out.setSize(w);
    return out;
  }
}
