package dev.bucketsql.calcite.rel;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.JoinPushThroughJoinRule;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/**
 * Calcite's cost-based optimizer phase (the planner with the connection's rules) run with {@link
 * EstimatedRowCounts} as its row counts; a statement with {@code minJoins} or more joins has its
 * inner joins gathered into a {@code MultiJoin} first and ordered by Calcite's heuristic ({@code
 * LoptOptimizeJoinRule}: one greedy order per starting table, over connected tables first) instead
 * of its exhaustive search, which took 9 s to plan six sample tables and 16-32 s for TPC-H q07. The
 * planner then keeps the cheapest of those orders, the cost being the rows each join produces: with
 * our estimates, the order that joins the filtered small tables first.
 */
public final class EstimatedJoinOrder implements Program {
  private final int minJoins;

  /** Ordered heuristically from {@code minJoins} joins on. */
  public EstimatedJoinOrder(int minJoins) {
    this.minJoins = minJoins;
  }

  @Override
  public RelNode run(
      RelOptPlanner planner,
      RelNode rel,
      RelTraitSet requiredOutputTraits,
      List<RelOptMaterialization> materializations,
      List<RelOptLattice> lattices) {
    List<RelOptRule> rules = new ArrayList<>(planner.getRules());
    RelNode input = rel;
    if (RelOptUtil.countJoins(rel) >= minJoins) {
      HepProgram gather =
          HepProgram.builder()
              .addRuleInstance(CoreRules.FILTER_INTO_JOIN)
              .addMatchOrder(HepMatchOrder.BOTTOM_UP)
              .addRuleInstance(CoreRules.JOIN_TO_MULTI_JOIN)
              .build();
      input =
          Programs.of(gather, false, EstimatedRowCounts.PROVIDER)
              .run(planner, rel, requiredOutputTraits, materializations, lattices);
      // these rules search every order: the MultiJoin's rule builds the orders instead
      rules.removeAll(
          List.of(
              CoreRules.JOIN_COMMUTE,
              CoreRules.JOIN_ASSOCIATE,
              JoinPushThroughJoinRule.LEFT,
              JoinPushThroughJoinRule.RIGHT));
      rules.add(CoreRules.MULTI_JOIN_OPTIMIZE);
    }
    input.getCluster().setMetadataProvider(EstimatedRowCounts.PROVIDER);
    input.getCluster().invalidateMetadataQuery();
    return Programs.ofRules(rules)
        .run(planner, input, requiredOutputTraits, materializations, lattices);
  }
}
