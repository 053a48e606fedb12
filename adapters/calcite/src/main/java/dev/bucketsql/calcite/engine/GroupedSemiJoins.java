package dev.bucketsql.calcite.engine;

import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.SemiJoinRule;
import org.apache.calcite.rel.rules.SemiJoinRule.JoinToSemiJoinRule.JoinToSemiJoinRuleConfig;
import org.apache.calcite.rel.rules.SemiJoinRule.ProjectToSemiJoinRule.ProjectToSemiJoinRuleConfig;

/**
 * Calcite's rules that turn a join with an aggregate into a semi-join with the aggregate's input,
 * for grouped aggregates only. The rules read an aggregate as "the distinct values of the join
 * keys", which holds for a grouping; a global aggregate ({@code group=[{}]}, what an {@code IN}
 * under {@code OR} becomes for its count) returns one row even over an empty input, and the
 * semi-join with that input returned no row at all ({@code SELECT MAX('a') FROM t WHERE s IN
 * (SELECT ... none) OR b} was NULL where DuckDB answers 'a').
 */
final class GroupedSemiJoins {
  /** {@code Project(Join(x, Aggregate))} to a semi-join, for a grouped aggregate. */
  static final SemiJoinRule PROJECT_TO_SEMI_JOIN =
      ProjectToSemiJoinRuleConfig.DEFAULT
          .withOperandSupplier(
              b ->
                  b.operand(Project.class)
                      .oneInput(
                          b2 ->
                              b2.operand(Join.class)
                                  .predicate(GroupedSemiJoins::innerOrLeft)
                                  .inputs(
                                      b3 -> b3.operand(RelNode.class).anyInputs(),
                                      b4 ->
                                          b4.operand(Aggregate.class)
                                              .predicate(GroupedSemiJoins::grouped)
                                              .anyInputs())))
          .as(ProjectToSemiJoinRuleConfig.class)
          .toRule();

  /** {@code Join(x, Aggregate)} to a semi-join, for a grouped aggregate. */
  static final SemiJoinRule JOIN_TO_SEMI_JOIN =
      JoinToSemiJoinRuleConfig.DEFAULT
          .withOperandSupplier(
              b ->
                  b.operand(Join.class)
                      .predicate(GroupedSemiJoins::innerOrLeft)
                      .inputs(
                          b3 -> b3.operand(RelNode.class).anyInputs(),
                          b4 ->
                              b4.operand(Aggregate.class)
                                  .predicate(GroupedSemiJoins::grouped)
                                  .anyInputs()))
          .as(JoinToSemiJoinRuleConfig.class)
          .toRule();

  private GroupedSemiJoins() {}

  /** Replaces Calcite's two rules in {@code planner} with these. */
  static void register(RelOptPlanner planner) {
    if (planner.removeRule(CoreRules.PROJECT_TO_SEMI_JOIN)) {
      planner.addRule(PROJECT_TO_SEMI_JOIN);
    }
    if (planner.removeRule(CoreRules.JOIN_TO_SEMI_JOIN)) {
      planner.addRule(JOIN_TO_SEMI_JOIN);
    }
  }

  private static boolean innerOrLeft(Join join) {
    return join.getJoinType() == JoinRelType.INNER || join.getJoinType() == JoinRelType.LEFT;
  }

  private static boolean grouped(Aggregate aggregate) {
    return aggregate.getGroupCount() > 0;
  }
}
