package dev.bucketsql.engine.window;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.aggregate.AggregateCall;
import dev.bucketsql.format.ColumnType;
import java.util.List;

/**
 * One function a {@link Window} computes per row: a ranking function, or an aggregate over the
 * row's frame.
 *
 * @param kind what it computes
 * @param aggregate the aggregate call for {@link Kind#AGGREGATE} (not DISTINCT, no FILTER), else
 *     null
 */
public record WindowFunction(Kind kind, AggregateCall aggregate) {
  /** What a window function computes. */
  public enum Kind {
    /** {@code ROW_NUMBER()}: 1, 2, 3, ... within the partition, in order; BIGINT. */
    ROW_NUMBER,
    /** {@code RANK()}: 1 + the rows of the partition before this row's first peer; BIGINT. */
    RANK,
    /** {@code DENSE_RANK()}: 1 + the groups of peers before this row's; BIGINT. */
    DENSE_RANK,
    /** An aggregate over the frame: the aggregate's result type. */
    AGGREGATE
  }

  /** Checks the arguments. */
  public WindowFunction {
    requireNonNull(kind, "kind is null");
    if ((kind == Kind.AGGREGATE) != (aggregate != null)) {
      throw new IllegalArgumentException("an aggregate call goes with AGGREGATE only: " + kind);
    }
  }

  /** {@code ROW_NUMBER()}, {@code RANK()} or {@code DENSE_RANK()}. */
  public static WindowFunction ranking(Kind kind) {
    return new WindowFunction(kind, null);
  }

  /** The aggregate {@code call} over the frame. */
  public static WindowFunction of(AggregateCall call) {
    return new WindowFunction(Kind.AGGREGATE, requireNonNull(call, "call is null"));
  }

  /** The type of its values over input columns of {@code input}. */
  public ColumnType resultType(List<ColumnType> input) {
    if (kind != Kind.AGGREGATE) {
      return ColumnType.BIGINT;
    }
    return aggregate.resultType(aggregate.column() < 0 ? null : input.get(aggregate.column()));
  }

  /** How EXPLAIN and errors name it: {@code ROW_NUMBER()}, {@code SUM(#3)}. */
  public String name() {
    return kind == Kind.AGGREGATE ? aggregate.name() : kind + "()";
  }
}
