package dev.bucketsql.engine.window;

/**
 * The frame a {@link Window} computes its aggregates, FIRST_VALUE and LAST_VALUE over: which rows
 * of the partition, around the current one, belong to a row's frame.
 *
 * <p>A ROWS frame counts rows: {@code lower} and {@code upper} are offsets from the current row's
 * position (negative: {@code n PRECEDING}, 0: {@code CURRENT ROW}, positive: {@code n FOLLOWING}),
 * {@link #UNBOUNDED_PRECEDING} and {@link #UNBOUNDED_FOLLOWING} the partition's ends. A frame whose
 * start comes after its end is empty (COUNT 0, SUM NULL). The one RANGE frame is {@link
 * #RANGE_TO_CURRENT}: up to the current row's last peer.
 *
 * @param rows whether it counts rows (false only for {@link #RANGE_TO_CURRENT})
 * @param lower the start, an offset or {@link #UNBOUNDED_PRECEDING}
 * @param upper the end, an offset or {@link #UNBOUNDED_FOLLOWING}
 */
public record Frame(boolean rows, long lower, long upper) {
  /** {@code UNBOUNDED PRECEDING}: the partition's first row. */
  public static final long UNBOUNDED_PRECEDING = Long.MIN_VALUE;

  /** {@code UNBOUNDED FOLLOWING}: the partition's last row. */
  public static final long UNBOUNDED_FOLLOWING = Long.MAX_VALUE;

  /** The largest offset a bound takes: positions plus offsets stay far from overflow. */
  public static final long MAX_OFFSET = Integer.MAX_VALUE;

  /**
   * {@code ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW}: the rows of the partition up to this
   * one, in order; two rows with equal order keys have different values.
   */
  public static final Frame ROWS_TO_CURRENT = new Frame(true, UNBOUNDED_PRECEDING, 0);

  /**
   * {@code RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW}, the default with an ORDER BY: up to
   * the last peer of this row (equal order keys), so peers share a value. Without order keys every
   * row of a partition is a peer: the whole partition.
   */
  public static final Frame RANGE_TO_CURRENT = new Frame(false, UNBOUNDED_PRECEDING, 0);

  /** {@code UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING} (ROWS or RANGE): the whole partition. */
  public static final Frame PARTITION = new Frame(true, UNBOUNDED_PRECEDING, UNBOUNDED_FOLLOWING);

  /** Checks the bounds. */
  public Frame {
    if (lower == UNBOUNDED_FOLLOWING || upper == UNBOUNDED_PRECEDING) {
      throw new IllegalArgumentException(
          "a frame starts before UNBOUNDED FOLLOWING and ends after" + " UNBOUNDED PRECEDING");
    }
    if (!bounded(lower) && lower != UNBOUNDED_PRECEDING
        || !bounded(upper) && upper != UNBOUNDED_FOLLOWING) {
      throw new IllegalArgumentException(
          "a frame's offsets are at most " + MAX_OFFSET + ": " + lower + ", " + upper);
    }
    if (!rows && (lower != UNBOUNDED_PRECEDING || upper != 0)) {
      throw new IllegalArgumentException(
          "the one RANGE frame is UNBOUNDED PRECEDING to CURRENT ROW");
    }
  }

  /** {@code ROWS BETWEEN lower AND upper}. */
  public static Frame rows(long lower, long upper) {
    return new Frame(true, lower, upper);
  }

  private static boolean bounded(long offset) {
    return offset >= -MAX_OFFSET && offset <= MAX_OFFSET;
  }

  /** Whether it starts at the partition's first row: its aggregates only ever add rows. */
  public boolean fromStart() {
    return lower == UNBOUNDED_PRECEDING;
  }

  /** Whether it ends at the partition's last row. */
  public boolean toEnd() {
    return upper == UNBOUNDED_FOLLOWING;
  }

  /** How EXPLAIN names it: {@code rows_to_current}, {@code rows 2 preceding to current row}. */
  public String text() {
    if (equals(ROWS_TO_CURRENT)) {
      return "rows_to_current";
    }
    if (equals(RANGE_TO_CURRENT)) {
      return "range_to_current";
    }
    if (equals(PARTITION)) {
      return "partition";
    }
    return "rows " + bound(lower) + " to " + bound(upper);
  }

  private static String bound(long offset) {
    if (offset == UNBOUNDED_PRECEDING) {
      return "unbounded preceding";
    }
    if (offset == UNBOUNDED_FOLLOWING) {
      return "unbounded following";
    }
    return offset == 0
        ? "current row"
        : offset < 0 ? -offset + " preceding" : offset + " following";
  }
}
