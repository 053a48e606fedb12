package dev.bucketsql.calcite.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.adapter.enumerable.EnumerableNestedLoopJoin;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.tools.Program;

/**
 * Rewrites the expressions of an {@link EnumerableCalc} and the conditions of the enumerable joins,
 * for the passes that change how Calcite's code computes a projection, filter or join condition
 * after the optimizer ({@link BranchExtracts}, {@link LazyLogic}, {@link ListElementCasts}): each
 * projection and the condition, expanded from the program's local references, go through one
 * function, and the program is rebuilt only when one of them changed. A join's condition goes
 * through it one conjunct at a time, so that its equality keys stay the conjuncts they were (a hash
 * join finds its keys among them).
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
                if (visited instanceof Join join
                    && (join instanceof EnumerableNestedLoopJoin
                        || join instanceof EnumerableHashJoin)) {
                  RexShuttle shuttle = shuttleFor.apply(join.getCluster().getRexBuilder());
                  return rewritten(join, e -> e.accept(shuttle));
                }
                if (!(visited instanceof EnumerableCalc calc)) {
                  return visited;
                }
                RexShuttle shuttle = shuttleFor.apply(calc.getCluster().getRexBuilder());
                return rewritten(calc, e -> e.accept(shuttle));
              }
            });
  }

  /**
   * {@code join} with {@code rewrite} applied to each conjunct of its condition, or {@code join}.
   */
  private static Join rewritten(Join join, UnaryOperator<RexNode> rewrite) {
    List<RexNode> conjuncts = RelOptUtil.conjunctions(join.getCondition());
    List<RexNode> rewrittenConjuncts = new ArrayList<>();
    boolean changed = false;
    for (RexNode conjunct : conjuncts) {
      RexNode rewrittenConjunct = rewrite.apply(conjunct);
      changed |= rewrittenConjunct != conjunct;
      rewrittenConjuncts.add(rewrittenConjunct);
    }
    if (!changed) {
      return join;
    }
    return join.copy(
        join.getTraitSet(),
        RexUtil.composeConjunction(join.getCluster().getRexBuilder(), rewrittenConjuncts),
        join.getLeft(),
        join.getRight(),
        join.getJoinType(),
        join.isSemiJoinDone());
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
