package dev.bucketsql.engine.window;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.aggregate.AggregateCall;
import dev.bucketsql.format.ColumnType;
import java.util.List;

/**
 * One function a {@link Window} computes per row: a ranking function, a value of another row of the
 * partition, or an aggregate over the row's frame.
 *
 * @param kind what it computes
 * @param aggregate the aggregate call for {@link Kind#AGGREGATE} (not DISTINCT, no FILTER), else
 *     null
 * @param column the input column LAG, LEAD, FIRST_VALUE and LAST_VALUE read; -1 for the others
 * @param offset LAG's and LEAD's offset (not negative), NTILE's number of tiles (positive); 0 for
 *     the others
 * @param defaultValue LAG's and LEAD's value where the row at the offset is outside the partition,
 *     in the column's representation ({@code Long}, {@code Double}, {@code BigDecimal}, ...); null
 *     for NULL
 */
public record WindowFunction(
    Kind kind, AggregateCall aggregate, int column, long offset, Object defaultValue) {
  /** What a window function computes. */
  public enum Kind {
    /** {@code ROW_NUMBER()}: 1, 2, 3, ... within the partition, in order; BIGINT. */
    ROW_NUMBER,
    /** {@code RANK()}: 1 + the rows of the partition before this row's first peer; BIGINT. */
    RANK,
    /** {@code DENSE_RANK()}: 1 + the groups of peers before this row's; BIGINT. */
    DENSE_RANK,
    /**
     * {@code NTILE(n)}: the partition's rows cut in order into n tiles whose sizes differ by at
     * most one, the bigger first; BIGINT.
     */
    NTILE,
    /** {@code LAG(x, offset, default)}: x of the row offset rows before; x's type. */
    LAG,
    /** {@code LEAD(x, offset, default)}: x of the row offset rows after; x's type. */
    LEAD,
    /** {@code FIRST_VALUE(x)}: x of the frame's first row, NULL for an empty frame. */
    FIRST_VALUE,
    /** {@code LAST_VALUE(x)}: x of the frame's last row, NULL for an empty frame. */
    LAST_VALUE,
    /** An aggregate over the frame: the aggregate's result type. */
    AGGREGATE;

    /** Whether its value depends on the frame. */
    boolean framed() {
      return this == FIRST_VALUE || this == LAST_VALUE || this == AGGREGATE;
    }
  }

  /** Checks the arguments. */
  public WindowFunction {
    requireNonNull(kind, "kind is null");
    if ((kind == Kind.AGGREGATE) != (aggregate != null)) {
      throw new IllegalArgumentException("an aggregate call goes with AGGREGATE only: " + kind);
    }
    boolean reads =
        kind == Kind.LAG
            || kind == Kind.LEAD
            || kind == Kind.FIRST_VALUE
            || kind == Kind.LAST_VALUE;
    if (reads != (column >= 0)) {
      throw new IllegalArgumentException(kind + " reads a column: " + column);
    }
    if (kind == Kind.NTILE ? offset <= 0 : offset < 0 || offset > 0 && !offsetKind(kind)) {
      throw new IllegalArgumentException(kind + " takes no such offset: " + offset);
    }
    if (offset > Frame.MAX_OFFSET) {
      throw new IllegalArgumentException("an offset is at most " + Frame.MAX_OFFSET);
    }
    if (defaultValue != null && kind != Kind.LAG && kind != Kind.LEAD) {
      throw new IllegalArgumentException(kind + " has no default value");
    }
  }

  private static boolean offsetKind(Kind kind) {
    return kind == Kind.LAG || kind == Kind.LEAD || kind == Kind.NTILE;
  }

  /** {@code ROW_NUMBER()}, {@code RANK()} or {@code DENSE_RANK()}. */
  public static WindowFunction ranking(Kind kind) {
    return new WindowFunction(kind, null, -1, 0, null);
  }

  /** {@code NTILE(tiles)}. */
  public static WindowFunction ntile(long tiles) {
    return new WindowFunction(Kind.NTILE, null, -1, tiles, null);
  }

  /** {@code LAG(column, offset, defaultValue)} or LEAD. */
  public static WindowFunction shift(Kind kind, int column, long offset, Object defaultValue) {
    if (kind != Kind.LAG && kind != Kind.LEAD) {
      throw new IllegalArgumentException("LAG or LEAD: " + kind);
    }
    return new WindowFunction(kind, null, column, offset, defaultValue);
  }

  /** {@code FIRST_VALUE(column)} or LAST_VALUE. */
  public static WindowFunction value(Kind kind, int column) {
    if (kind != Kind.FIRST_VALUE && kind != Kind.LAST_VALUE) {
      throw new IllegalArgumentException("FIRST_VALUE or LAST_VALUE: " + kind);
    }
    return new WindowFunction(kind, null, column, 0, null);
  }

  /** The aggregate {@code call} over the frame. */
  public static WindowFunction of(AggregateCall call) {
    return new WindowFunction(Kind.AGGREGATE, requireNonNull(call, "call is null"), -1, 0, null);
  }

  /** The type of its values over input columns of {@code input}. */
  public ColumnType resultType(List<ColumnType> input) {
    return switch (kind) {
      case AGGREGATE ->
          aggregate.resultType(aggregate.column() < 0 ? null : input.get(aggregate.column()));
      case LAG, LEAD, FIRST_VALUE, LAST_VALUE -> input.get(column);
      default -> ColumnType.BIGINT;
    };
  }

  /** How EXPLAIN and errors name it: {@code ROW_NUMBER()}, {@code SUM(#3)}, {@code LAG(#1, 2)}. */
  public String name() {
    return switch (kind) {
      case AGGREGATE -> aggregate.name();
      case NTILE -> "NTILE(" + offset + ")";
      case LAG, LEAD ->
          kind
              + "(#"
              + column
              + ", "
              + offset
              + (defaultValue == null ? "" : ", " + defaultValue)
              + ")";
      case FIRST_VALUE, LAST_VALUE -> kind + "(#" + column + ")";
      default -> kind + "()";
    };
  }
}
