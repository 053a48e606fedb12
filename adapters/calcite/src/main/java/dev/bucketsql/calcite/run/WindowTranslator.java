package dev.bucketsql.calcite.run;

import dev.bucketsql.calcite.rel.BucketMemoryGuard;
import dev.bucketsql.engine.aggregate.AggregateCall;
import dev.bucketsql.engine.aggregate.AggregateCall.Function;
import dev.bucketsql.engine.sort.SortKey;
import dev.bucketsql.engine.window.Frame;
import dev.bucketsql.engine.window.WindowFunction;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableWindow;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.rex.RexWindowExclusion;
import org.apache.calcite.sql.SqlKind;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An {@code EnumerableWindow} as an {@link EngineWindow}, when the engine's {@code Window} computes
 * exactly what Calcite's generated code computes for every group: frames that start at the
 * partition and end at the current row (ROWS, or RANGE with peers) or at the partition's end;
 * ROW_NUMBER, RANK and DENSE_RANK (Calcite counts them from the partition's first row, which these
 * frames start at); COUNT, and $SUM0, SUM, MIN and MAX with the restrictions of {@link
 * AggregateCalls} (a window's SUM reaches here as $SUM0 under a CASE of its COUNT, and a SUM or AVG
 * of integers as the sum of DECIMAL(38, 0) casts). Each call's engine type must be its Calcite
 * type. Order keys keep Calcite's directions and NULL placement (NULLs first only where the
 * collation says FIRST, as its comparator does). Anything else keeps the window enumerable.
 */
final class WindowTranslator {
  private WindowTranslator() {}

  /** The engine node for {@code window} over {@code input}, or null. */
  static @Nullable EngineWindow translate(EnumerableWindow window, @Nullable EngineRel input) {
    if (input == null) {
      return null;
    }
    List<ColumnType> in = input.types();
    int n = window.getInput().getRowType().getFieldCount();
    List<ColumnType> outTypes = EngineTypes.of(window.getRowType().getFieldList());
    if (in.size() != n || outTypes == null || !outTypes.subList(0, n).equals(in)) {
      return null;
    }
    List<EngineWindow.Group> groups = new ArrayList<>();
    int out = n;
    for (Window.Group g : window.groups) {
      Frame frame = frame(g);
      if (frame == null || g.exclude != RexWindowExclusion.EXCLUDE_NO_OTHER) {
        return null;
      }
      int[] partition = g.keys.toArray();
      for (int k : partition) {
        if (k >= n || !EngineTypes.comparable(in.get(k))) {
          return null;
        }
      }
      List<SortKey> order = EnginePlanner.sortKeys(g.orderKeys, in);
      if (order == null) {
        return null;
      }
      List<WindowFunction> functions = new ArrayList<>();
      for (Window.RexWinAggCall call : g.aggCalls) {
        WindowFunction f = function(call, in, window.constants, frame);
        if (f == null || f.resultType(in) != outTypes.get(out++)) {
          return null;
        }
        functions.add(f);
      }
      groups.add(new EngineWindow.Group(partition, order, frame, functions));
    }
    return new EngineWindow(
        input, groups, outTypes, BucketMemoryGuard.tables(window.getInput()), window);
  }

  /** The engine's frame of {@code g}, or null when it has none. */
  private static @Nullable Frame frame(Window.Group g) {
    RexWindowBound lower = g.lowerBound;
    RexWindowBound upper = g.upperBound;
    if (!lower.isUnbounded() || !lower.isPreceding()) {
      return null;
    }
    if (upper.isUnbounded() && upper.isFollowing()) {
      return Frame.PARTITION;
    }
    if (upper.isCurrentRow()) {
      return g.isRows ? Frame.ROWS_TO_CURRENT : Frame.RANGE_TO_CURRENT;
    }
    return null;
  }

  private static @Nullable WindowFunction function(
      Window.RexWinAggCall call, List<ColumnType> in, List<RexLiteral> constants, Frame frame) {
    if (call.distinct || call.ignoreNulls) {
      return null;
    }
    List<RexNode> operands = call.getOperands();
    switch (call.getKind()) {
      case ROW_NUMBER:
        return operands.isEmpty() ? WindowFunction.ranking(WindowFunction.Kind.ROW_NUMBER) : null;
      case RANK:
      case DENSE_RANK:
        // over a whole partition Calcite's code adds every row before the first result
        if (!operands.isEmpty() || frame == Frame.PARTITION) {
          return null;
        }
        return WindowFunction.ranking(
            call.getKind() == SqlKind.RANK
                ? WindowFunction.Kind.RANK
                : WindowFunction.Kind.DENSE_RANK);
      default:
        break;
    }
    if (operands.size() > 1) {
      return null;
    }
    int column = -1;
    if (operands.size() == 1) {
      if (!(operands.get(0) instanceof RexInputRef ref)) {
        return null;
      }
      column = ref.getIndex();
      if (column >= in.size()) {
        // a constant argument: COUNT of a non-null one counts every row
        RexLiteral constant = constants.get(column - in.size());
        if (call.getKind() != SqlKind.COUNT || constant.isNull()) {
          return null;
        }
        column = -1;
      }
    }
    ColumnType arg = column < 0 ? null : in.get(column);
    Function function = AggregateCalls.function(call.getKind(), column, arg);
    if (function == null) {
      return null;
    }
    if (function == Function.COUNT_STAR) {
      return WindowFunction.of(AggregateCall.countStar());
    }
    String name = call.getOperator().getName() + "(#" + column + ")";
    return WindowFunction.of(new AggregateCall(function, column, false, name));
  }
}
