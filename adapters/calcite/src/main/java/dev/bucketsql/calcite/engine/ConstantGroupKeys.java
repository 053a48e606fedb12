package dev.bucketsql.calcite.engine;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.tools.Program;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Keeps constant group keys ({@code GROUP BY 'a'}) while Calcite decorrelates. Its decorrelator
 * drops every group key its input projects as a literal: when all keys are, the aggregate
 * becomes a global one, which returns a row over an empty input where the grouping returns none
 * ({@code SELECT 1 FROM t WHERE EXISTS (...) GROUP BY 'a'} gave a row for a filter that keeps
 * none), and whose MIN or MAX turns nullable ("Decorrelation produced a relation with a
 * different type"); with correlated columns it put the dropped constants back at wrong
 * positions ("Index: 2, Size: 1"). Before decorrelation each constant key is wrapped in a marker
 * call, which is no literal; after it the markers are removed again, so the rest of the
 * optimizer sees the plain constants.
 */
final class ConstantGroupKeys {
  /** The identity call that hides a literal group key from the decorrelator. */
  static final SqlFunction MARKER =
      new SqlFunction("$CONSTANT_GROUP_KEY", SqlKind.OTHER_FUNCTION, ReturnTypes.ARG0, null,
          OperandTypes.ANY, SqlFunctionCategory.SYSTEM);

  /** The program that marks the constant keys, to run before decorrelation. */
  static final Program MARK =
      (planner, rel, requiredOutputTraits, materializations, lattices) -> rel.accept(new Mark());

  /** The program that removes the markers, to run after decorrelation. */
  static final Program UNMARK =
      (planner, rel, requiredOutputTraits, materializations, lattices) -> rel.accept(new Unmark());

  private ConstantGroupKeys() {}

  private static final class Mark extends RelHomogeneousShuttle {
    @Override
    public RelNode visit(RelNode other) {
      RelNode rel = super.visit(other);
      if (!(rel instanceof LogicalAggregate aggregate)
          || aggregate.getGroupType() != Aggregate.Group.SIMPLE
          || aggregate.getGroupSet().isEmpty()
          || !(aggregate.getInput() instanceof LogicalProject project)) {
        return rel;
      }
      List<RexNode> exprs = new ArrayList<>(project.getProjects());
      boolean changed = false;
      for (int key : aggregate.getGroupSet()) {
        RexNode constant = constantBelow(exprs.get(key), project.getInput());
        if (constant != null) {
          exprs.set(key, rel.getCluster().getRexBuilder().makeCall(MARKER, constant));
          changed = true;
        }
      }
      if (!changed) {
        return rel;
      }
      RelNode marked = project.copy(project.getTraitSet(), project.getInput(), exprs, project.getRowType());
      return aggregate.copy(aggregate.getTraitSet(), List.of(marked));
    }
  }

  /**
   * {@code expr} when it is constant, or the constant a reference to a field of stacked
   * projections below stands for (SQL-to-rel conversion puts the aggregate's own projection over
   * the query's: {@code GROUP BY 'a'} groups by {@code $0} of a projection of {@code 'a'}, which the
   * decorrelator merges and then drops), or null.
   */
  private static @Nullable RexNode constantBelow(RexNode expr, RelNode input) {
    RexNode e = expr;
    RelNode below = input;
    while (e instanceof RexInputRef ref && below instanceof LogicalProject lower) {
      e = lower.getProjects().get(ref.getIndex());
      below = lower.getInput();
    }
    return RexUtil.isConstant(e) ? e : null;
  }

  private static final class Unmark extends RelHomogeneousShuttle {
    private final RexShuttle calls =
        new RexShuttle() {
          @Override
          public RexNode visitCall(RexCall call) {
            return call.getOperator() == MARKER ? call.getOperands().get(0).accept(this) : super.visitCall(call);
          }
        };

    @Override
    public RelNode visit(RelNode other) {
      return super.visit(other).accept(calls);
    }
  }
}
