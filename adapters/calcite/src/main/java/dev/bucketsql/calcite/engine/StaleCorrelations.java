package dev.bucketsql.calcite.engine;

import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.tools.Program;

/**
 * Drops the correlation variables a projection or filter still declares after its subqueries are
 * gone, before the cost-based optimizer: Calcite's enumerable projection refuses a projection that
 * declares any ({@code EnumerableProjectRule.matches}), so the statement failed with "cannot
 * execute" (0A000) although nothing in it is correlated any more.
 *
 * <p>The declaration outlives its subquery when the simplifier folds the subquery away: {@code
 * (SELECT COUNT(*) ... WHERE k = t.a) - NULL} is NULL whatever the count, and {@code EXISTS (q) AND
 * NOT EXISTS (q)} is FALSE. A variable still read anywhere below the node is kept, so a plan that
 * really is correlated is left as it was.
 */
final class StaleCorrelations {
  /** The program that rewrites a whole plan. */
  static final Program PROGRAM =
      (planner, rel, requiredOutputTraits, materializations, lattices) -> rel.accept(new Plan());

  private StaleCorrelations() {}

  /** The variables of {@code declared} that {@code rel} or a node below it still reads. */
  private static ImmutableSet<CorrelationId> stillRead(Set<CorrelationId> declared, RelNode rel) {
    return ImmutableSet.copyOf(Sets.intersection(declared, RelOptUtil.getVariablesUsed(rel)));
  }

  private static final class Plan extends RelHomogeneousShuttle {
    @Override
    public RelNode visit(RelNode other) {
      RelNode rel = super.visit(other);
      if (rel instanceof LogicalProject project
          && !project.getVariablesSet().isEmpty()
          && !RexUtil.SubQueryFinder.containsSubQuery(project)) {
        ImmutableSet<CorrelationId> kept = stillRead(project.getVariablesSet(), project);
        if (kept.size() < project.getVariablesSet().size()) {
          return LogicalProject.create(
              project.getInput(),
              project.getHints(),
              project.getProjects(),
              project.getRowType(),
              kept);
        }
      }
      if (rel instanceof LogicalFilter filter
          && !filter.getVariablesSet().isEmpty()
          && !RexUtil.SubQueryFinder.containsSubQuery(filter)) {
        ImmutableSet<CorrelationId> kept = stillRead(filter.getVariablesSet(), filter);
        if (kept.size() < filter.getVariablesSet().size()) {
          return LogicalFilter.create(filter.getInput(), filter.getCondition(), kept);
        }
      }
      return rel;
    }
  }
}
