package dev.bucketsql.calcite.run;

import dev.bucketsql.calcite.run.ExprTranslator.Maker;
import dev.bucketsql.engine.expr.Expr;
import dev.bucketsql.engine.expr.Exprs;
import dev.bucketsql.engine.expr.Shared;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The subexpressions a projection's expressions hold more than once, for the engine's {@code
 * Project} to compute once per batch ({@code Shared}): TPC-H q01's {@code l_extendedprice * (1 -
 * l_discount)}, a column of its own and a factor of the next one.
 *
 * <p>A call counts only where every occurrence of it is computed for the projection's own rows: an
 * expression of the projection, or an operand of {@code + - * /} of DOUBLE or DECIMAL over one (the
 * engine's arithmetic computes both operands for the rows it is asked for). An occurrence under
 * CASE, AND, OR or any other call, which may compute its operands for fewer rows or not at all,
 * keeps the call out. Only deterministic calls count. So each occurrence would have computed the
 * same value for the same rows; the first one asked computes it, which is the first that computed
 * it before, and nothing is computed, nor fails, that did not before.
 */
final class CommonSubexpressions {
  private final List<RexNode> common;
  private final Map<RexNode, Maker> makers = new HashMap<>();

  /** The shared expressions made so far while {@link #make} makes a projection; else null. */
  private @Nullable Map<RexNode, Shared> making;

  private CommonSubexpressions(List<RexNode> common) {
    this.common = List.copyOf(common);
  }

  /** The common subexpressions of {@code exprs}, or null when there is none. */
  static @Nullable CommonSubexpressions of(List<RexNode> exprs) {
    Map<RexNode, Integer> counts = new LinkedHashMap<>();
    Set<RexNode> elsewhere = new HashSet<>();
    for (RexNode e : exprs) {
      visit(e, true, counts, elsewhere);
    }
    List<RexNode> common = new ArrayList<>();
    counts.forEach(
        (node, n) -> {
          if (n > 1 && !elsewhere.contains(node) && RexUtil.isDeterministic(node)) {
            common.add(node);
          }
        });
    return common.isEmpty() ? null : new CommonSubexpressions(common);
  }

  private static void visit(
      RexNode node, boolean forAllRows, Map<RexNode, Integer> counts, Set<RexNode> elsewhere) {
    if (!(node instanceof RexCall call)) {
      return;
    }
    if (forAllRows) {
      if (counts.merge(call, 1, Integer::sum) > 1) {
        // computed once when shared: what it holds is counted (and marked) from its first place
        return;
      }
    } else {
      elsewhere.add(call);
    }
    boolean operandsForAllRows = forAllRows && arithmetic(call);
    for (RexNode operand : call.getOperands()) {
      visit(operand, operandsForAllRows, counts, elsewhere);
    }
  }

  /** Whether the engine computes {@code call}'s operands for all the rows it is asked for. */
  private static boolean arithmetic(RexCall call) {
    ColumnType type = EngineTypes.of(call.getType());
    return switch (call.getKind()) {
      case PLUS, MINUS, TIMES, DIVIDE -> type == ColumnType.DOUBLE || type == ColumnType.DECIMAL;
      // a numeric cast computes its operand for its own rows (a cast from or to text may not)
      case CAST ->
          numeric(type)
              && call.getOperands().size() == 1
              && numeric(EngineTypes.of(call.getOperands().get(0).getType()));
      default -> false;
    };
  }

  private static boolean numeric(@Nullable ColumnType type) {
    return type == ColumnType.DOUBLE
        || type == ColumnType.DECIMAL
        || (type != null && type.isInteger());
  }

  /** The common subexpressions, outer before inner, in the order the expressions hold them. */
  List<RexNode> nodes() {
    return common;
  }

  /** Whether {@code node} is one of the common subexpressions. */
  boolean contains(RexNode node) {
    return common.contains(node);
  }

  /** The maker already made for common subexpression {@code node}, or null. */
  @Nullable Maker known(RexNode node) {
    return makers.get(node);
  }

  /**
   * The maker of common subexpression {@code node}, whose own expression {@code inner} makes:
   * within {@link #make} one shared expression per projection, elsewhere (a translation's check of
   * its type) the expression alone.
   */
  Maker maker(RexNode node, Maker inner) {
    Maker m = () -> make(node, inner);
    makers.put(node, m);
    return m;
  }

  private synchronized Expr make(RexNode node, Maker inner) {
    Map<RexNode, Shared> made = making;
    if (made == null) {
      return inner.make();
    }
    Shared s = made.get(node);
    if (s == null) {
      // made before it is put: a common subexpression inside it is made (and put) first
      s = Exprs.shared(inner.make());
      made.put(node, s);
    }
    return s;
  }

  /**
   * Makes a projection's expressions with {@code projection}'s makers, handing the shared ones to
   * {@code shared}; one projection at a time (the workers of a parallel pipeline each make their
   * own), each with shared expressions of its own.
   */
  synchronized List<Expr> make(List<Maker> projection, List<Shared> shared) {
    making = new LinkedHashMap<>();
    try {
      List<Expr> exprs = new ArrayList<>();
      for (Maker m : projection) {
        exprs.add(m.make());
      }
      shared.addAll(making.values());
      return exprs;
    } finally {
      making = null;
    }
  }
}
