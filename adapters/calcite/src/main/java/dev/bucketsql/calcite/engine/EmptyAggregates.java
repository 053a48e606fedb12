package dev.bucketsql.calcite.engine;

import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.rules.PruneEmptyRules;
import org.apache.calcite.rel.rules.PruneEmptyRules.RemoveEmptySingleRule;
import org.apache.calcite.rel.rules.PruneEmptyRules.RemoveEmptySingleRule.RemoveEmptySingleRuleConfig;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Calcite's rule that makes an aggregate over no row no row, for aggregates none of whose grouping
 * sets is the empty one. Calcite's asks only that the aggregate groups by some column, but an
 * aggregate with grouping sets {@code {(x), ()}} (what Calcite makes of {@code COUNT(DISTINCT x)}
 * beside {@code COUNT(y)}) answers one row for {@code ()} even over no row; pruned, the query's
 * {@code COUNT(y)} over no row became NULL where it is 0.
 */
final class EmptyAggregates {
  /** The rule, for aggregates that answer no row over no row. */
  static final RemoveEmptySingleRule AGGREGATE =
      RemoveEmptySingleRuleConfig.AGGREGATE
          .withOperandFor(Aggregate.class, EmptyAggregates::noRowOverNoRow)
          .withDescription("PruneEmptyAggregateWithoutGrandTotal")
          .as(RemoveEmptySingleRuleConfig.class)
          .toRule();

  private EmptyAggregates() {}

  /** Whether {@code aggregate} answers no row over an input with none: no grouping set is empty. */
  static boolean noRowOverNoRow(Aggregate aggregate) {
    return !aggregate.getGroupSets().contains(ImmutableBitSet.of());
  }

  /** Replaces Calcite's rule in {@code planner} with this one. */
  static void register(RelOptPlanner planner) {
    if (planner.removeRule(PruneEmptyRules.AGGREGATE_INSTANCE)) {
      planner.addRule(AGGREGATE);
    }
  }
}
