package dev.bucketsql.format;

/**
 * A cursor that can say how much of its object it skipped thanks to the scan's predicate, for
 * tests, {@code EXPLAIN} and the server's statistics.
 */
public interface PrunableCursor extends RowCursor {
  /** What was pruned and read so far; {@link PruningStats#NONE} before the first row. */
  PruningStats pruningStats();
}
