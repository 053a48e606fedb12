package dev.bucketsql.engine.expr;

/**
 * The NULL flags of an expression's result: NULL where an operand is NULL or the row is not asked
 * for. Computed without a branch per row: the rows asked for are a filter's live rows, which a
 * branch would mispredict about as often as the filter drops a row.
 */
final class Masks {
  private Masks() {}

  /** {@code out[r] = a[r] | !rows[r]} for {@code r < n} ({@code rows} null: all asked for). */
  static void nulls(boolean[] out, boolean[] a, boolean[] rows, int n) {
    if (rows == null) {
      System.arraycopy(a, 0, out, 0, n);
      return;
    }
    for (int r = 0; r < n; r++) {
      out[r] = a[r] | !rows[r];
    }
  }

  /** {@code out[r] = a[r] | b[r] | !rows[r]} for {@code r < n} ({@code rows} null: all). */
  static void nulls(boolean[] out, boolean[] a, boolean[] b, boolean[] rows, int n) {
    if (rows == null) {
      for (int r = 0; r < n; r++) {
        out[r] = a[r] | b[r];
      }
      return;
    }
    for (int r = 0; r < n; r++) {
      out[r] = a[r] | b[r] | !rows[r];
    }
  }
}
