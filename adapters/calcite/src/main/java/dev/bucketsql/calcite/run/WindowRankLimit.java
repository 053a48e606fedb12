package dev.bucketsql.calcite.run;

import dev.bucketsql.engine.window.Window;
import dev.bucketsql.engine.window.WindowFunction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.Sarg;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A bound on a rank implied by a filter over a window ({@code rn = 1}, {@code rn <= 3}, {@code rk <
 * 4}, {@code 2 >= rn}, {@code rn IN (1, 2)}, {@code rn BETWEEN 1 AND 3}, {@code rn <= 3 AND rn <>
 * 2}, {@code rn = 1 OR rn = 3 AND x > 0}): function {@code function} (ROW_NUMBER, RANK or
 * DENSE_RANK) of the window's group {@code group} is at most {@code limit} in every row the filter
 * keeps, so the window may leave out the rest of each partition ({@code Window.ranksUpTo}); the
 * filter still runs above it and decides exactly.
 *
 * @param group the group's index among the window's groups, in Calcite's order
 * @param function the function's index in that group
 * @param column the function's column in the window's output
 * @param limit the largest value a kept row may have
 */
record WindowRankLimit(int group, int function, int column, long limit) {

  /**
   * The tightest bound {@code condition} implies on a function of a group of {@code window} that
   * may be cut: a group of ROW_NUMBER, RANK and DENSE_RANK only, no other group sorting its rows
   * alike but groups of ranks (those number the kept rows after it, as they number all rows); else
   * null.
   */
  static @Nullable WindowRankLimit of(RexNode condition, EngineWindow window) {
    List<EngineWindow.Group> groups = window.groups();
    Map<Integer, Long> bounds = bounds(condition);
    if (bounds.isEmpty()) {
      return null;
    }
    int first = window.types().size();
    for (EngineWindow.Group g : groups) {
      first -= g.functions().size();
    }
    WindowRankLimit best = null;
    for (int i = 0, column = first;
        i < groups.size();
        column += groups.get(i).functions().size(), i++) {
      if (!cuttable(groups, i)) {
        continue;
      }
      for (int f = 0; f < groups.get(i).functions().size(); f++) {
        Long b = bounds.get(column + f);
        if (b != null && (best == null || b < best.limit)) {
          best = new WindowRankLimit(i, f, column + f, b);
        }
      }
    }
    return best;
  }

  /**
   * Whether group {@code i} holds ranks only and every other group that sorts its rows alike does
   * too: a group of other functions sorting alike shares its sort, and cutting would sort twice.
   */
  private static boolean cuttable(List<EngineWindow.Group> groups, int i) {
    EngineWindow.Group g = groups.get(i);
    if (!ranksOnly(g)) {
      return false;
    }
    for (EngineWindow.Group o : groups) {
      if (o != g
          && !ranksOnly(o)
          && Window.sortsAlike(g.partition(), g.order(), o.partition(), o.order())) {
        return false;
      }
    }
    return true;
  }

  /** Whether every function of {@code g} is ROW_NUMBER, RANK or DENSE_RANK. */
  static boolean ranksOnly(EngineWindow.Group g) {
    for (WindowFunction f : g.functions()) {
      switch (f.kind()) {
        case ROW_NUMBER, RANK, DENSE_RANK -> {}
        default -> {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Per column, the largest value it may have in a row where {@code node} is TRUE, for the columns
   * that {@code node} bounds from above by an integer constant: a conjunction takes the tightest
   * bound of each column any conjunct bounds, a disjunction the loosest of the columns every
   * disjunct bounds (a row it keeps satisfies one of them).
   */
  private static Map<Integer, Long> bounds(RexNode node) {
    Map<Integer, Long> out = new HashMap<>();
    if (node.getKind() == SqlKind.AND || node.getKind() == SqlKind.OR) {
      boolean and = node.getKind() == SqlKind.AND;
      List<RexNode> operands = ((RexCall) node).getOperands();
      for (int i = 0; i < operands.size(); i++) {
        Map<Integer, Long> b = bounds(operands.get(i));
        if (and) {
          b.forEach((c, v) -> out.merge(c, v, Math::min));
        } else if (i == 0) {
          out.putAll(b);
        } else {
          out.keySet().retainAll(b.keySet());
          b.forEach((c, v) -> out.computeIfPresent(c, (k, w) -> Math.max(v, w)));
        }
      }
      return out;
    }
    if (!(node instanceof RexCall call) || call.getOperands().size() != 2) {
      return out;
    }
    RexNode a = call.getOperands().get(0);
    RexNode b = call.getOperands().get(1);
    SqlKind kind = call.getKind();
    if (b instanceof RexInputRef && a instanceof RexLiteral) {
      // c >= rn is rn <= c
      RexNode t = a;
      a = b;
      b = t;
      kind = kind.reverse();
    }
    if (!(a instanceof RexInputRef ref) || !(b instanceof RexLiteral literal)) {
      return out;
    }
    Long bound =
        kind == SqlKind.SEARCH
            ? searchBound(literal)
            : SqlTypeName.EXACT_TYPES.contains(literal.getType().getSqlTypeName())
                ? comparisonBound(kind, literal.getValueAs(BigDecimal.class))
                : null;
    if (bound != null) {
      out.put(ref.getIndex(), bound);
    }
    return out;
  }

  /** The bound {@code x kind v} puts on an integer x, or null (a lower bound, a NULL). */
  private static @Nullable Long comparisonBound(SqlKind kind, @Nullable BigDecimal v) {
    if (v == null) {
      return null;
    }
    return switch (kind) {
      // x = 2.5 holds for no integer; x <= 2.5 is x <= 2
      case EQUALS, LESS_THAN_OR_EQUAL -> floor(v);
      case LESS_THAN -> below(v);
      default -> null;
    };
  }

  /** The largest integer in a SEARCH's ranges, when they are bounded above by exact numbers. */
  private static @Nullable Long searchBound(RexLiteral literal) {
    Sarg<?> sarg = literal.getValueAs(Sarg.class);
    if (sarg == null || sarg.rangeSet.isEmpty() || !sarg.rangeSet.span().hasUpperBound()) {
      return null;
    }
    Object upper = sarg.rangeSet.span().upperEndpoint();
    if (!(upper instanceof BigDecimal v)) {
      return null;
    }
    return switch (sarg.rangeSet.span().upperBoundType()) {
      case CLOSED -> floor(v);
      case OPEN -> below(v);
    };
  }

  /** The largest long at most {@code v}, or null beyond a long. */
  private static @Nullable Long floor(BigDecimal v) {
    return exact(v.setScale(0, RoundingMode.FLOOR));
  }

  /** The largest long below {@code v}, or null beyond a long. */
  private static @Nullable Long below(BigDecimal v) {
    return exact(v.setScale(0, RoundingMode.CEILING).subtract(BigDecimal.ONE));
  }

  private static @Nullable Long exact(BigDecimal integral) {
    try {
      return integral.longValueExact();
    } catch (ArithmeticException e) {
      return null;
    }
  }
}
