package dev.bucketsql.calcite.run;

import dev.bucketsql.calcite.engine.QuantileFold;
import dev.bucketsql.engine.aggregate.AggregateCall;
import dev.bucketsql.engine.aggregate.AggregateCall.Function;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlKind;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The engine's form of a Calcite aggregate call: COUNT(*), COUNT, MIN, MAX, and SUM and $SUM0 of
 * DOUBLE or DECIMAL values, with or without DISTINCT and FILTER, and no ordering or approximation;
 * ARG_MIN and ARG_MAX; ANY_VALUE of long-held types (Calcite computes it as MAX); LISTAGG without
 * an ORDER BY in the call; and the SQL layer's quantiles as a {@link QuantileFold}. A SUM or AVG of
 * integers reaches here as the sum of their DECIMAL(38, 0) casts (the SQL layer's type), and an AVG
 * as a $SUM0 and a COUNT (Calcite's reduction), so both run on the engine's exact decimal sum; the
 * engine's own BIGINT sum of integers is not Calcite's type. The caller also checks that the
 * engine's result type is the call's.
 */
final class AggregateCalls {
  /** The types of a quantile's fraction column the engine converts to double as Calcite does. */
  private static final Set<ColumnType> FRACTIONS =
      EnumSet.of(
          ColumnType.TINYINT,
          ColumnType.SMALLINT,
          ColumnType.INTEGER,
          ColumnType.BIGINT,
          ColumnType.REAL,
          ColumnType.DOUBLE,
          ColumnType.DECIMAL);

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
      org.apache.calcite.rel.core.AggregateCall call, List<ColumnType> input, RelDataType rowType) {
    if ((call.filterArg >= 0 && input.get(call.filterArg) != ColumnType.BOOLEAN)
        || call.isApproximate()
        || !call.getCollation().getFieldCollations().isEmpty()
        || !call.rexList.isEmpty()) {
      return null;
    }
    SqlKind kind = call.getAggregation().getKind();
    AggregateCall held = holdingValues(call, input, rowType);
    if (held != null) {
      return call.filterArg < 0 ? held : held.withFilter(call.filterArg);
    }
    if (kind == SqlKind.ANY_VALUE) {
      AggregateCall any = anyValue(call, input);
      return any == null || call.filterArg < 0 ? any : any.withFilter(call.filterArg);
    }
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
   * {@code LISTAGG} ({@code string_agg}, {@code group_concat}) and the SQL layer's quantiles, the
   * calls that hold their groups' values, or null for other calls and for these where the engine
   * does not compute them as Calcite does. {@code LISTAGG(x [, sep])} of VARCHAR values and
   * separator is Calcite's {@code acc + sep + x} row by row, {@code ","} without a separator (an
   * {@code ORDER BY} within the call, or DISTINCT, stays Calcite's: the caller refuses a collation
   * first); a quantile is a {@link QuantileFold}, the SQL layer's own group of values.
   */
  private static @Nullable AggregateCall holdingValues(
      org.apache.calcite.rel.core.AggregateCall call, List<ColumnType> input, RelDataType rowType) {
    List<Integer> args = call.getArgList();
    if (args.isEmpty() || args.size() > 2) {
      return null;
    }
    String name =
        call.getAggregation().getName()
            + args.stream().map(a -> "#" + a).collect(Collectors.joining(", ", "(", ")"));
    if (call.getAggregation().getKind() == SqlKind.LISTAGG) {
      boolean texts = args.stream().allMatch(a -> input.get(a) == ColumnType.VARCHAR);
      return call.isDistinct() || !texts
          ? null
          : AggregateCall.stringAgg(args.get(0), args.size() == 2 ? args.get(1) : -1, name);
    }
    int value = args.get(0);
    int fraction = args.size() == 2 ? args.get(1) : -1;
    QuantileFold fold =
        QuantileFold.of(
            call.getAggregation(), rowType.getFieldList().get(value).getType(), value, fraction);
    ColumnType type = EngineTypes.of(call.getType());
    if (fold == null
        || type == null
        || input.get(value).isNested()
        || (fraction >= 0 && !FRACTIONS.contains(input.get(fraction)))
        || (call.isDistinct() && fraction >= 0)) {
      return null;
    }
    int[] columns = fraction < 0 ? new int[] {value} : new int[] {value, fraction};
    return AggregateCall.fold(fold, columns, type, call.isDistinct(), name);
  }

  /**
   * {@code ANY_VALUE(x)}, or null: Calcite's code computes it as MAX (its {@code greater} of each
   * row's value and the one held), which for integers, booleans, dates, times and timestamps is the
   * engine's MAX; other types compare otherwise (a DOUBLE's NaN, strings by UTF-16 unit, a
   * DECIMAL's ties of another scale), and stay Calcite's.
   */
  private static @Nullable AggregateCall anyValue(
      org.apache.calcite.rel.core.AggregateCall call, List<ColumnType> input) {
    if (call.getArgList().size() != 1) {
      return null;
    }
    int column = call.getArgList().get(0);
    if (ColumnBatch.Kind.of(input.get(column)) != ColumnBatch.Kind.LONG) {
      return null;
    }
    String name = call.getAggregation().getName() + "(#" + column + ")";
    return new AggregateCall(Function.MAX, column, call.isDistinct(), name);
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
