package dev.bucketsql.calcite.run;

import dev.bucketsql.engine.window.WindowFunction;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A bound on a rank read from a filter over a window ({@code rn = 1}, {@code rn <= 3}, {@code rk <
 * 4}, {@code 2 >= rn}): the window's function {@code function} (ROW_NUMBER, RANK or DENSE_RANK) is
 * at most {@code limit} in every row the filter keeps, so the window may leave out the rest of each
 * partition ({@code Window.ranksUpTo}); the filter still runs above it and decides exactly.
 *
 * @param function the function's index in the window's only group
 * @param limit the largest value a kept row may have
 */
record WindowRankLimit(int function, long limit) {

  /**
   * The tightest bound {@code condition}'s conjuncts put on a function of {@code window}'s only
   * group, when that group has only ROW_NUMBER, RANK and DENSE_RANK; else null.
   */
  static @Nullable WindowRankLimit of(RexNode condition, EngineWindow window) {
    List<EngineWindow.Group> groups = window.groups();
    if (groups.size() != 1) {
      return null;
    }
    List<WindowFunction> functions = groups.get(0).functions();
    for (WindowFunction f : functions) {
      switch (f.kind()) {
        case ROW_NUMBER, RANK, DENSE_RANK -> {}
        default -> {
          return null;
        }
      }
    }
    int first = window.types().size() - functions.size();
    WindowRankLimit best = null;
    for (RexNode c : RelOptUtil.conjunctions(condition)) {
      WindowRankLimit b = bound(c, first, functions.size());
      if (b != null && (best == null || b.limit < best.limit)) {
        best = b;
      }
    }
    return best;
  }

  private static @Nullable WindowRankLimit bound(RexNode node, int first, int count) {
    if (!(node instanceof RexCall call) || call.getOperands().size() != 2) {
      return null;
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
      return null;
    }
    int f = ref.getIndex() - first;
    boolean bounds =
        kind == SqlKind.EQUALS || kind == SqlKind.LESS_THAN || kind == SqlKind.LESS_THAN_OR_EQUAL;
    if (f < 0
        || f >= count
        || !bounds
        || !SqlTypeName.EXACT_TYPES.contains(literal.getType().getSqlTypeName())) {
      return null; // a SEARCH, a lower bound, a literal of another type: no bound taken
    }
    BigDecimal v = literal.getValueAs(BigDecimal.class);
    if (v == null || v.signum() != 0 && v.stripTrailingZeros().scale() > 0) {
      return null; // a NULL or a fraction: no bound taken
    }
    long c;
    try {
      c = v.longValueExact();
    } catch (ArithmeticException e) {
      return null;
    }
    return switch (kind) {
      case EQUALS, LESS_THAN_OR_EQUAL -> new WindowRankLimit(f, c);
      case LESS_THAN -> c == Long.MIN_VALUE ? null : new WindowRankLimit(f, c - 1);
      default -> null;
    };
  }
}
