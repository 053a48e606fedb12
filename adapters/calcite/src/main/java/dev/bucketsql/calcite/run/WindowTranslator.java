package dev.bucketsql.calcite.run;

import dev.bucketsql.calcite.rel.BucketMemoryGuard;
import dev.bucketsql.engine.aggregate.AggregateCall;
import dev.bucketsql.engine.aggregate.AggregateCall.Function;
import dev.bucketsql.engine.sort.SortKey;
import dev.bucketsql.engine.window.Frame;
import dev.bucketsql.engine.window.WindowFunction;
import dev.bucketsql.format.ColumnType;
import java.math.BigDecimal;
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
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An {@code EnumerableWindow} as an {@link EngineWindow}, when the engine's {@code Window} computes
 * exactly what Calcite's generated code computes for every group: ROWS frames whose bounds are
 * UNBOUNDED, CURRENT ROW or a constant offset, and the RANGE frames from the partition's start to
 * the current row's last peer or to the partition's end; ROW_NUMBER, NTILE with a constant number
 * of tiles, LAG and LEAD with a constant offset and a constant default of the value's own type,
 * FIRST_VALUE and LAST_VALUE over any of those frames; RANK and DENSE_RANK over frames from the
 * partition's start to the current row (Calcite counts them from the frame's first row); COUNT, and
 * $SUM0, SUM, MIN and MAX with the restrictions of {@link AggregateCalls} (a window's SUM reaches
 * here as $SUM0 under a CASE of its COUNT, and a SUM or AVG of integers as the sum of DECIMAL(38,
 * 0) casts). Each call's engine type must be its Calcite type. Order keys keep Calcite's directions
 * and NULL placement (NULLs first only where the collation says FIRST, as its comparator does).
 * Anything else keeps the window enumerable.
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
      Frame frame = frame(g, n, window.constants);
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
  private static @Nullable Frame frame(Window.Group g, int n, List<RexLiteral> constants) {
    RexWindowBound lower = g.lowerBound;
    RexWindowBound upper = g.upperBound;
    if (!g.isRows) {
      // RANGE: only from the partition's start, to the last peer or the partition's end
      if (!lower.isUnbounded() || !lower.isPreceding()) {
        return null;
      }
      if (upper.isUnbounded() && upper.isFollowing()) {
        return Frame.PARTITION;
      }
      return upper.isCurrentRow() ? Frame.RANGE_TO_CURRENT : null;
    }
    Long lo = bound(lower, n, constants);
    Long hi = bound(upper, n, constants);
    if (lo == null
        || hi == null
        || lo == Frame.UNBOUNDED_FOLLOWING
        || hi == Frame.UNBOUNDED_PRECEDING) {
      return null;
    }
    return Frame.rows(lo, hi);
  }

  /** A ROWS bound as the engine's offset, or null when it is not a constant the engine takes. */
  private static @Nullable Long bound(RexWindowBound b, int n, List<RexLiteral> constants) {
    if (b.isCurrentRow()) {
      return 0L;
    }
    if (b.isUnbounded()) {
      return b.isPreceding() ? Frame.UNBOUNDED_PRECEDING : Frame.UNBOUNDED_FOLLOWING;
    }
    RexNode offset = b.getOffset();
    Long value = offset == null ? null : count(offset, n, constants);
    if (value == null) {
      return null;
    }
    return b.isPreceding() ? -value : value;
  }

  /**
   * A constant whole number from 0 to {@link Frame#MAX_OFFSET} ({@code node} a literal or a
   * reference to one of the window's constants), or null.
   */
  private static @Nullable Long count(RexNode node, int n, List<RexLiteral> constants) {
    RexLiteral literal = constant(node, n, constants);
    if (literal == null || literal.isNull() || !SqlTypeUtil.isExactNumeric(literal.getType())) {
      return null;
    }
    BigDecimal v = literal.getValueAs(BigDecimal.class);
    if (v == null
        || v.signum() < 0
        || v.stripTrailingZeros().scale() > 0
        || v.compareTo(BigDecimal.valueOf(Frame.MAX_OFFSET)) > 0) {
      return null;
    }
    return v.longValueExact();
  }

  /** {@code node} as a literal: itself, or the window constant it references; else null. */
  private static @Nullable RexLiteral constant(RexNode node, int n, List<RexLiteral> constants) {
    if (node instanceof RexLiteral literal) {
      return literal;
    }
    if (node instanceof RexInputRef ref && ref.getIndex() >= n) {
      return constants.get(ref.getIndex() - n);
    }
    return null;
  }

  /**
   * {@code LAG(x [, offset [, default]])} or LEAD: x an input column, the offset a constant whole
   * number (1 when left out), the default a constant of x's own engine type or NULL (NULL when left
   * out); else null.
   */
  private static @Nullable WindowFunction shift(
      Window.RexWinAggCall call, List<ColumnType> in, List<RexLiteral> constants) {
    List<RexNode> operands = call.getOperands();
    int n = in.size();
    if (operands.isEmpty() || operands.size() > 3) {
      return null;
    }
    int column = column(operands.get(0), n);
    if (column < 0) {
      return null;
    }
    Long offset = operands.size() > 1 ? count(operands.get(1), n, constants) : Long.valueOf(1);
    if (offset == null) {
      return null;
    }
    Object defaultValue = null;
    if (operands.size() > 2) {
      RexLiteral literal = constant(operands.get(2), n, constants);
      if (literal == null) {
        return null;
      }
      if (!literal.isNull()) {
        ColumnType type = in.get(column);
        if (!defaultFits(literal, type)) {
          return null;
        }
        defaultValue = ExprTranslator.literalValue(literal, type);
        if (defaultValue == null) {
          return null;
        }
      }
    }
    WindowFunction.Kind kind =
        call.getKind() == SqlKind.LAG ? WindowFunction.Kind.LAG : WindowFunction.Kind.LEAD;
    return WindowFunction.shift(kind, column, offset, defaultValue);
  }

  /**
   * Whether a default of {@code literal}'s type is a value of {@code type} unchanged: the same
   * type, or an integer into an integer type at least as wide. (A DECIMAL default of a DOUBLE value
   * makes Calcite's code fail to compile, with the engine on too: it is compiled beside the
   * engine's.)
   */
  private static boolean defaultFits(RexLiteral literal, ColumnType type) {
    ColumnType own = EngineTypes.of(literal.getType());
    if (own == type) {
      return true;
    }
    int from = INTEGERS.indexOf(own);
    int to = INTEGERS.indexOf(type);
    return from >= 0 && to >= 0 && from <= to;
  }

  private static final List<ColumnType> INTEGERS =
      List.of(ColumnType.TINYINT, ColumnType.SMALLINT, ColumnType.INTEGER, ColumnType.BIGINT);

  /** The input column {@code node} references, or -1 when it is not one. */
  private static int column(RexNode node, int n) {
    return node instanceof RexInputRef ref && ref.getIndex() < n ? ref.getIndex() : -1;
  }

  private static @Nullable WindowFunction function(
      Window.RexWinAggCall call, List<ColumnType> in, List<RexLiteral> constants, Frame frame) {
    if (call.distinct || call.ignoreNulls) {
      return null;
    }
    List<RexNode> operands = call.getOperands();
    int n = in.size();
    switch (call.getKind()) {
      case ROW_NUMBER:
        return operands.isEmpty() ? WindowFunction.ranking(WindowFunction.Kind.ROW_NUMBER) : null;
      case RANK:
      case DENSE_RANK:
        // Calcite counts ranks from the frame's first row: the same only from the partition's
        if (!operands.isEmpty() || !frame.fromStart() || frame.upper() != 0) {
          return null;
        }
        return WindowFunction.ranking(
            call.getKind() == SqlKind.RANK
                ? WindowFunction.Kind.RANK
                : WindowFunction.Kind.DENSE_RANK);
      case NTILE:
        {
          Long tiles = operands.size() == 1 ? count(operands.get(0), n, constants) : null;
          return tiles == null || tiles == 0 ? null : WindowFunction.ntile(tiles);
        }
      case LAG:
      case LEAD:
        return shift(call, in, constants);
      case FIRST_VALUE:
      case LAST_VALUE:
        {
          int column = operands.size() == 1 ? column(operands.get(0), n) : -1;
          if (column < 0) {
            return null;
          }
          return WindowFunction.value(
              call.getKind() == SqlKind.FIRST_VALUE
                  ? WindowFunction.Kind.FIRST_VALUE
                  : WindowFunction.Kind.LAST_VALUE,
              column);
        }
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
