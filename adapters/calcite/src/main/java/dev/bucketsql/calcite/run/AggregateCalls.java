package dev.bucketsql.calcite.run;

import dev.bucketsql.engine.aggregate.AggregateCall;
import dev.bucketsql.engine.aggregate.AggregateCall.Function;
import dev.bucketsql.format.ColumnType;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The engine's form of a Calcite aggregate call: COUNT(*), COUNT, MIN, MAX and the SUM of
 * DOUBLE or DECIMAL values (the engine sums integers into BIGINT, Calcite into DECIMAL), with or
 * without DISTINCT, and no FILTER, ordering or approximation. The caller also checks that the
 * engine's result type is the call's.
 */
final class AggregateCalls {
  private AggregateCalls() {}

  /** The engine call for {@code call} over columns of {@code input}, or null. */
  static @Nullable AggregateCall of(org.apache.calcite.rel.core.AggregateCall call, List<ColumnType> input) {
    if (call.filterArg >= 0
        || call.isApproximate()
        || !call.getCollation().getFieldCollations().isEmpty()
        || !call.rexList.isEmpty()
        || call.getArgList().size() > 1) {
      return null;
    }
    int column = call.getArgList().isEmpty() ? -1 : call.getArgList().get(0);
    ColumnType arg = column < 0 ? null : input.get(column);
    Function function =
        switch (call.getAggregation().getKind()) {
          case COUNT -> column < 0 ? Function.COUNT_STAR : Function.COUNT;
          case MIN -> Function.MIN;
          case MAX -> Function.MAX;
          case SUM -> arg == ColumnType.DOUBLE || arg == ColumnType.DECIMAL ? Function.SUM : null;
          default -> null;
        };
    if (function == null
        || (function != Function.COUNT_STAR && column < 0)
        || (function == Function.COUNT_STAR && call.isDistinct())) {
      return null;
    }
    if ((function == Function.MIN || function == Function.MAX)
        && (arg == ColumnType.BOOLEAN || !EngineTypes.comparable(arg))) {
      return null;
    }
    if (function == Function.COUNT_STAR) {
      return AggregateCall.countStar();
    }
    String name = call.getAggregation().getName() + "(" + (call.isDistinct() ? "DISTINCT " : "") + "#" + column + ")";
    return new AggregateCall(function, column, call.isDistinct(), name);
  }
}
