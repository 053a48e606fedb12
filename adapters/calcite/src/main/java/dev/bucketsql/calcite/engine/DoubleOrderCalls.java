package dev.bucketsql.calcite.engine;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexFieldCollation;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexWindow;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.tools.Program;

/**
 * Aggregates and windows over a DOUBLE or REAL in DuckDB's order of doubles ({@link DoubleOrder}),
 * before the optimizer, subqueries included: MIN and MAX become {@link DoubleExtremes}' calls; a
 * window's ORDER BY of such a value orders by its {@link DoubleOrder#key} instead (Calcite's window
 * comparator converts numbers to {@code BigDecimal}, which fails on NaN and the infinities, and
 * orders -0.0 before 0.0) where the frame does not depend on the value (ROWS, or RANGE bounded by
 * UNBOUNDED and CURRENT ROW only), as an ORDER BY does after the optimizer ({@link DoubleSorts}); a
 * comparison of constant doubles becomes {@link DoubleComparisons}' call, so that the optimizer
 * folds it with DuckDB's answer.
 */
final class DoubleOrderCalls {
  /** The program that rewrites a whole plan, subqueries included. */
  static final Program PROGRAM =
      (planner, rel, requiredOutputTraits, materializations, lattices) -> rel.accept(new Plan());

  private DoubleOrderCalls() {}

  /** Whether a window's frame is the same whatever its ORDER BY values are, only their order. */
  private static boolean frameByOrderOnly(RexWindow window) {
    return window.isRows()
        || (window.getLowerBound().isUnbounded() || window.getLowerBound().isCurrentRow())
            && (window.getUpperBound().isUnbounded() || window.getUpperBound().isCurrentRow());
  }

  private static ImmutableList<RexFieldCollation> orderKeys(
      RexBuilder rexBuilder, RexWindow window) {
    if (!frameByOrderOnly(window)) {
      return window.orderKeys;
    }
    ImmutableList.Builder<RexFieldCollation> keys = ImmutableList.builder();
    for (RexFieldCollation key : window.orderKeys) {
      RexNode value = key.left;
      if (!SqlTypeUtil.isApproximateNumeric(value.getType())) {
        keys.add(key);
        continue;
      }
      keys.add(new RexFieldCollation(DoubleSorts.orderKey(rexBuilder, value), key.right));
    }
    return keys.build();
  }

  private static final class Plan extends RelHomogeneousShuttle {
    private final RexShuttle overs =
        new RexShuttle() {
          @Override
          public RexNode visitSubQuery(RexSubQuery subQuery) {
            RexSubQuery visited = (RexSubQuery) super.visitSubQuery(subQuery);
            RelNode rel = visited.rel.accept(Plan.this);
            return rel == visited.rel ? visited : visited.clone(rel);
          }

          @Override
          public RexNode visitCall(RexCall call) {
            RexNode visited = super.visitCall(call);
            RexNode constant =
                visited instanceof RexCall c
                    ? DoubleComparisons.constantComparison(builder, c)
                    : null;
            RexNode signless =
                constant == null && visited instanceof RexCall c
                    ? DoubleComparisons.signlessConstants(builder, c)
                    : null;
            RexNode result = constant != null ? constant : signless != null ? signless : visited;
            // a constant range becomes an AND of two comparisons: inside another AND (or an OR
            // of ORs) the condition must stay flat, as Calcite's filters require
            return result.isA(SqlKind.AND) || result.isA(SqlKind.OR)
                ? RexUtil.flatten(builder, result)
                : result;
          }

          @Override
          public RexNode visitOver(RexOver over) {
            RexOver visited = (RexOver) super.visitOver(over);
            List<RelDataType> types = new ArrayList<>();
            visited.getOperands().forEach(o -> types.add(o.getType()));
            SqlAggFunction replaced = DoubleExtremes.replacement(visited.getAggOperator(), types);
            SqlAggFunction function = replaced == null ? visited.getAggOperator() : replaced;
            ImmutableList<RexFieldCollation> orderKeys = orderKeys(builder, visited.getWindow());
            if (replaced == null && orderKeys.equals(visited.getWindow().orderKeys)) {
              return visited;
            }
            return Overs.with(
                builder, visited, function, visited.getWindow().partitionKeys, orderKeys);
          }
        };

    private RexBuilder builder;

    @Override
    public RelNode visit(RelNode other) {
      builder = other.getCluster().getRexBuilder();
      RelNode visited = super.visit(other).accept(overs);
      if (!(visited instanceof LogicalAggregate aggregate)) {
        return visited;
      }
      return DoubleExtremes.inDuckDbOrder(aggregate);
    }
  }
}
