package dev.bucketsql.calcite.run;

import dev.bucketsql.engine.aggregate.AggregateCall;
import dev.bucketsql.engine.aggregate.AggregateCall.Function;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.List;
import org.apache.calcite.sql.SqlKind;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The engine's form of a Calcite aggregate call: COUNT(*), COUNT, MIN, MAX, and SUM and $SUM0 of
 * DOUBLE or DECIMAL values, with or without DISTINCT and FILTER, and no ordering or approximation.
 * A SUM or AVG of integers reaches here as the sum of their DECIMAL(38, 0) casts (the SQL layer's
 * type), and an AVG as a $SUM0 and a COUNT (Calcite's reduction), so both run on the engine's exact
 * decimal sum; the engine's own BIGINT sum of integers is not Calcite's type. The caller also
 * checks that the engine's result type is the call's.
 */
final class AggregateCalls {
  private AggregateCalls() {}

  /**
   * The engine's function for an aggregate of {@code kind} over {@code column} (-1 for none) of
   * type {@code arg}, or null where the engine does not compute it as Calcite does; shared by
   * aggregates and windows.
   */
  static @Nullable Function function(SqlKind kind, int column, @Nullable ColumnType arg) {
    Function function =
        switch (kind) {
          case COUNT -> column < 0 ? Function.COUNT_STAR : Function.COUNT;
          case MIN -> Function.MIN;
          case MAX -> Function.MAX;
          // integers are summed as DECIMAL(38, 0): the SQL layer casts them before the sum
          case SUM -> arg == ColumnType.DOUBLE || arg == ColumnType.DECIMAL ? Function.SUM : null;
          case SUM0 -> arg == ColumnType.DOUBLE || arg == ColumnType.DECIMAL ? Function.SUM0 : null;
          default -> null;
        };
    if (function == null || (function != Function.COUNT_STAR && column < 0)) {
      return null;
    }
    // MIN and MAX of BOOLEAN order FALSE before TRUE, as Calcite's lesser and greater of booleans
    // (AND and OR), and the engine holds a BOOLEAN as 0 and 1
    if ((function == Function.MIN || function == Function.MAX) && !EngineTypes.comparable(arg)) {
      return null;
    }
    return function;
  }

  /** The engine call for {@code call} over columns of {@code input}, or null. */
  static @Nullable AggregateCall of(
      org.apache.calcite.rel.core.AggregateCall call, List<ColumnType> input) {
    if ((call.filterArg >= 0 && input.get(call.filterArg) != ColumnType.BOOLEAN)
        || call.isApproximate()
        || !call.getCollation().getFieldCollations().isEmpty()
        || !call.rexList.isEmpty()) {
      return null;
    }
    SqlKind kind = call.getAggregation().getKind();
    if (kind == SqlKind.ARG_MIN || kind == SqlKind.ARG_MAX) {
      AggregateCall engine = argExtreme(call, input, kind);
      return engine == null || call.filterArg < 0 ? engine : engine.withFilter(call.filterArg);
    }
    if (call.getArgList().size() > 1) {
      return null;
    }
    int column = call.getArgList().isEmpty() ? -1 : call.getArgList().get(0);
    ColumnType arg = column < 0 ? null : input.get(column);
    Function function = function(call.getAggregation().getKind(), column, arg);
    if (function == null || (function == Function.COUNT_STAR && call.isDistinct())) {
      return null;
    }
    AggregateCall engine;
    if (function == Function.COUNT_STAR) {
      engine = AggregateCall.countStar();
    } else {
      String name =
          call.getAggregation().getName()
              + "("
              + (call.isDistinct() ? "DISTINCT " : "")
              + "#"
              + column
              + ")";
      engine = new AggregateCall(function, column, call.isDistinct(), name);
    }
    // FILTER: Calcite's code adds a row when the filter column is TRUE, as the engine does
    return call.filterArg >= 0 ? engine.withFilter(call.filterArg) : engine;
  }

  /**
   * {@code ARG_MIN(x, y)} or {@code ARG_MAX(x, y)}, or null. Calcite's code skips a row where x or
   * y is NULL and takes a row's x only when its y is strictly below (above) the one held, by Java's
   * {@code <} for a primitive y and {@code compareTo} for a DECIMAL: the engine's order of longs
   * and of decimals. A y of DOUBLE (NaN, -0.0) or VARCHAR (UTF-16 units against code points) is
   * ordered otherwise by the engine, and stays Calcite's.
   */
  private static @Nullable AggregateCall argExtreme(
      org.apache.calcite.rel.core.AggregateCall call, List<ColumnType> input, SqlKind kind) {
    if (call.isDistinct() || call.getArgList().size() != 2) {
      return null;
    }
    int column = call.getArgList().get(0);
    int by = call.getArgList().get(1);
    ColumnType byType = input.get(by);
    if (input.get(column).isNested()
        || !(ColumnBatch.Kind.of(byType) == ColumnBatch.Kind.LONG
            || byType == ColumnType.DECIMAL)) {
      return null;
    }
    Function function = kind == SqlKind.ARG_MIN ? Function.ARG_MIN : Function.ARG_MAX;
    String name = call.getAggregation().getName() + "(#" + column + ", #" + by + ")";
    return AggregateCall.argExtreme(function, column, by, name);
  }
}
