package dev.bucketsql.calcite.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.tools.Program;

/**
 * Rewrites the expressions of an {@link EnumerableCalc}, for the passes that change how Calcite's
 * code computes a projection or filter after the optimizer ({@link BranchExtracts}, {@link
 * LazyLogic}, {@link ListElementCasts}): each projection and the condition, expanded from the
 * program's local references, go through one function, and the program is rebuilt only when one of
 * them changed.
 */
final class CalcExpressions {
  private CalcExpressions() {}

  /**
   * The program that rewrites the expressions of every {@link EnumerableCalc} of a plan with a
   * shuttle made for that calc (one shuttle serves a calc's projections and condition, in that
   * order, so it may number what it rewrites within the calc).
   */
  static Program program(Function<RexBuilder, RexShuttle> shuttleFor) {
    return (planner, rel, requiredOutputTraits, materializations, lattices) ->
        rel.accept(
            new RelHomogeneousShuttle() {
              @Override
              public RelNode visit(RelNode other) {
                RelNode visited = super.visit(other);
                if (!(visited instanceof EnumerableCalc calc)) {
                  return visited;
                }
                RexShuttle shuttle = shuttleFor.apply(calc.getCluster().getRexBuilder());
                return rewritten(calc, e -> e.accept(shuttle));
              }
            });
  }

  /** {@code calc} with {@code rewrite} applied to its expressions; {@code calc} if none changed. */
  private static EnumerableCalc rewritten(EnumerableCalc calc, UnaryOperator<RexNode> rewrite) {
    RexProgram program = calc.getProgram();
    boolean changed = false;
    List<RexNode> projects = new ArrayList<>();
    for (var ref : program.getProjectList()) {
      RexNode expanded = program.expandLocalRef(ref);
      RexNode rewrittenProject = rewrite.apply(expanded);
      changed |= rewrittenProject != expanded;
      projects.add(rewrittenProject);
    }
    RexNode condition = null;
    if (program.getCondition() != null) {
      RexNode expanded = program.expandLocalRef(program.getCondition());
      condition = rewrite.apply(expanded);
      changed |= condition != expanded;
    }
    if (!changed) {
      return calc;
    }
    return (EnumerableCalc)
        calc.copy(
            calc.getTraitSet(),
            calc.getInput(),
            RexProgram.create(
                program.getInputRowType(),
                projects,
                condition,
                program.getOutputRowType(),
                calc.getCluster().getRexBuilder()));
  }
}
