package dev.bucketsql.calcite.engine;

import java.util.List;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.ProjectMergeRule;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.tools.RelBuilder;

/**
 * Calcite's merge of two projections, with the arithmetic and comparisons that the merge gives a
 * NULL literal operand folded to the NULL they are ({@link NullOperands#fold}) before the merged
 * projection is made.
 *
 * <p>The optimizer puts NULL literals in place of the columns of an outer join's side that can
 * never match ({@code t1 LEFT JOIN t2 ON FALSE}). Merged into a projection above, {@code t1.a /
 * t2.k} becomes {@code a / NULL}, which Calcite's simplifier keeps (a division may fail, so it does
 * not fold it), and a product over it then failed while the merged projection was made: Calcite
 * takes the quotient for a constant and asks for its literal value ({@code AssertionError: not a
 * literal}, XX000). Folded first, the projection holds {@code NULL}, which every operator takes.
 * Merges without such an operand are left to Calcite's rule unchanged.
 */
final class NullProjectMerge extends ProjectMergeRule {
  private static final NullProjectMerge INSTANCE =
      new NullProjectMerge(
          ProjectMergeRule.Config.DEFAULT
              .withDescription("NullProjectMerge")
              .as(ProjectMergeRule.Config.class));

  private NullProjectMerge(ProjectMergeRule.Config config) {
    super(config);
  }

  /** Puts this rule in place of Calcite's {@link CoreRules#PROJECT_MERGE} in {@code planner}. */
  static void register(RelOptPlanner planner) {
    if (planner.removeRule(CoreRules.PROJECT_MERGE)) {
      planner.addRule(INSTANCE);
    }
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Project top = call.rel(0);
    Project bottom = call.rel(1);
    if (bottom.getProjects().stream().anyMatch(e -> RexUtil.isNullLiteral(e, true))
        && !RexOver.containsOver(top.getProjects(), null)
        && !RexOver.containsOver(bottom.getProjects(), null)) {
      List<RexNode> merged = RelOptUtil.pushPastProject(top.getProjects(), bottom);
      List<RexNode> folded = NullOperands.fold(top.getCluster().getRexBuilder(), merged);
      if (!folded.equals(merged)) {
        RelBuilder builder = call.builder();
        builder.push(bottom.getInput()).project(folded, top.getRowType().getFieldNames(), true);
        call.transformTo(builder.build());
        return;
      }
    }
    super.onMatch(call);
  }
}
