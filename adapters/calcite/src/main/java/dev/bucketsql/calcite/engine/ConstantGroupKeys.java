package dev.bucketsql.calcite.engine;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.tools.Program;

/**
 * Keeps constant group keys ({@code GROUP BY 'a'}) while Calcite decorrelates. Its decorrelator
 * drops every group key its input projects as a literal: when all keys are, the aggregate becomes a
 * global one, which returns a row over an empty input where the grouping returns none ({@code
 * SELECT 1 FROM t WHERE EXISTS (...) GROUP BY 'a'} gave a row for a filter that keeps none), and
 * whose MIN or MAX turns nullable ("Decorrelation produced a relation with a different type"); with
 * correlated columns it put the dropped constants back at wrong positions ("Index: 2, Size: 1").
 * Before decorrelation each constant key is wrapped in a marker call, which is no literal, where it
 * is computed (also below projections that pass it on, which the decorrelator merges: a SUM's type
 * then changes, "Decorrelation produced a relation with a different type"); after it the markers
 * are removed again, so the rest of the optimizer sees the plain constants.
 */
final class ConstantGroupKeys {
  /** The identity call that hides a literal group key from the decorrelator. */
  static final SqlFunction MARKER = MarkerCalls.marker("$CONSTANT_GROUP_KEY");

  /** The program that marks the constant keys, to run before decorrelation. */
  static final Program MARK =
      (planner, rel, requiredOutputTraits, materializations, lattices) -> rel.accept(new Mark());

  /** The program that removes the markers, to run after decorrelation. */
  static final Program UNMARK =
      (planner, rel, requiredOutputTraits, materializations, lattices) ->
          MarkerCalls.removed(rel, MARKER);

  private ConstantGroupKeys() {}

  private static final class Mark extends RelHomogeneousShuttle {
    @Override
    public RelNode visit(RelNode other) {
      RelNode rel = super.visit(other);
      if (!(rel instanceof LogicalAggregate aggregate)
          || aggregate.getGroupType() != Aggregate.Group.SIMPLE
          || aggregate.getGroupSet().isEmpty()) {
        return rel;
      }
      RelNode input = aggregate.getInput();
      for (int key : aggregate.getGroupSet()) {
        input = markKey(input, key);
      }
      return input == aggregate.getInput()
          ? rel
          : aggregate.copy(aggregate.getTraitSet(), List.of(input));
    }

    /**
     * {@code node} with its field {@code field} marked where it is a constant: in the projection
     * that computes it, found through projections that pass it on and filters (the decorrelator
     * merges such projections first, and then sees the literal; GROUP BY a constant over a
     * subquery's filter is such a chain).
     */
    private static RelNode markKey(RelNode node, int field) {
      if (node instanceof LogicalFilter filter) {
        RelNode input = markKey(filter.getInput(), field);
        return input == filter.getInput()
            ? node
            : filter.copy(filter.getTraitSet(), List.of(input));
      }
      if (!(node instanceof LogicalProject project)) {
        return node;
      }
      RexNode expr = project.getProjects().get(field);
      if (expr instanceof RexInputRef ref) {
        RelNode input = markKey(project.getInput(), ref.getIndex());
        return input == project.getInput()
            ? node
            : project.copy(project.getTraitSet(), List.of(input));
      }
      if (!RexUtil.isConstant(expr)
          || expr instanceof RexCall call && call.getOperator() == MARKER) {
        return node;
      }
      List<RexNode> exprs = new ArrayList<>(project.getProjects());
      exprs.set(field, project.getCluster().getRexBuilder().makeCall(MARKER, expr));
      return project.copy(project.getTraitSet(), project.getInput(), exprs, project.getRowType());
    }
  }
}
