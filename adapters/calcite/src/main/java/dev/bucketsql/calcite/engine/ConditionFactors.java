package dev.bucketsql.calcite.engine;

import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.tools.Program;

/**
 * The conjuncts common to every branch of an OR in a filter or join condition, pulled out before
 * Calcite optimizes: {@code (p_partkey = l_partkey AND a) OR (p_partkey = l_partkey AND b)} becomes
 * {@code p_partkey = l_partkey AND (a OR b)}, so that the join key reaches the join and it runs as
 * a hash join rather than a nested loop over every pair of rows (TPC-H q19 over lineitem and part).
 * The rewrite is an equivalence: NULLs and three-valued logic are unchanged.
 */
final class ConditionFactors {
  /** The program that rewrites a whole plan. */
  static final Program PROGRAM =
      (planner, rel, requiredOutputTraits, materializations, lattices) -> rel.accept(new Plan());

  private ConditionFactors() {}

  private static final class Plan extends RelHomogeneousShuttle {
    @Override
    public RelNode visit(RelNode other) {
      RelNode visited = super.visit(other);
      RexBuilder rexBuilder = visited.getCluster().getRexBuilder();
      if (visited instanceof LogicalFilter filter) {
        RexNode pulled = RexUtil.pullFactors(rexBuilder, filter.getCondition());
        return pulled.equals(filter.getCondition())
            ? filter
            : filter.copy(filter.getTraitSet(), filter.getInput(), pulled);
      }
      if (visited instanceof Join join) {
        RexNode pulled = RexUtil.pullFactors(rexBuilder, join.getCondition());
        return pulled.equals(join.getCondition())
            ? join
            : join.copy(
                join.getTraitSet(),
                pulled,
                join.getLeft(),
                join.getRight(),
                join.getJoinType(),
                join.isSemiJoinDone());
      }
      return visited;
    }
  }
}
