package dev.bucketsql.engine.sort;

/**
 * One key of an ORDER BY: a column, its direction and where NULLs go.
 *
 * @param column the input column
 * @param descending DESC rather than ASC
 * @param nullsFirst NULLS FIRST rather than NULLS LAST (SQL leaves the default to the system: the
 *     caller states it)
 */
public record SortKey(int column, boolean descending, boolean nullsFirst) {
  /** Checks the arguments. */
  public SortKey {
    if (column < 0) {
      throw new IllegalArgumentException("a sort column is not negative: " + column);
    }
  }

  /** {@code column ASC NULLS LAST}. */
  public static SortKey asc(int column) {
    return new SortKey(column, false, false);
  }

  /** {@code column DESC NULLS FIRST}. */
  public static SortKey desc(int column) {
    return new SortKey(column, true, true);
  }
}
