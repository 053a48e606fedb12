package dev.bucketsql.engine.window;

/** The frames a {@link Window} computes its aggregates over. */
public enum Frame {
  /**
   * {@code ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW}: the rows of the partition up to this
   * one, in order; two rows with equal order keys have different values.
   */
  ROWS_TO_CURRENT,
  /**
   * {@code RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW}, the default with an ORDER BY: up to
   * the last peer of this row (equal order keys), so peers share a value. Without order keys every
   * row of a partition is a peer: the whole partition.
   */
  RANGE_TO_CURRENT,
  /** {@code UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING} (ROWS or RANGE): the whole partition. */
  PARTITION
}
