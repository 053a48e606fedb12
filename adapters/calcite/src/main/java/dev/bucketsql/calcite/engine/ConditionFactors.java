package dev.bucketsql.calcite.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.Program;

/**
 * The conjuncts common to every branch of an OR in a filter or join condition, pulled out before
 * Calcite optimizes: {@code (p_partkey = l_partkey AND a) OR (p_partkey = l_partkey AND b)} becomes
 * {@code p_partkey = l_partkey AND (a OR b)}, so that the join key reaches the join and it runs as
 * a hash join rather than a nested loop over every pair of rows (TPC-H q19 over lineitem and part).
 * The rewrite is an equivalence: NULLs and three-valued logic are unchanged.
 *
 * <p>Then, for a column that every branch of such an OR compares with literals, the OR of those
 * comparisons is added beside it ({@link #withImplied}): {@code (n1.n_name = 'FRANCE' AND n2.n_name
 * = 'GERMANY') OR (n1.n_name = 'GERMANY' AND n2.n_name = 'FRANCE')} gains {@code (n1.n_name =
 * 'FRANCE' OR n1.n_name = 'GERMANY')} and the same of {@code n2.n_name}, which the optimizer pushes
 * to each nation's scan (TPC-H q07, q19), as DuckDB and Trino derive them. A filter or join
 * condition keeps a row only where it is TRUE, and then some branch is TRUE, so the added OR is
 * TRUE too: the rows kept are the same.
 */
final class ConditionFactors {
  /** The program that rewrites a whole plan. */
  static final Program PROGRAM =
      (planner, rel, requiredOutputTraits, materializations, lattices) -> rel.accept(new Plan());

  private ConditionFactors() {}

  /** Branches of an OR beyond which nothing is derived: the work grows with their number. */
  private static final int MAX_BRANCHES = 16;

  /**
   * {@code condition} with, for each OR among its conjuncts, the OR of the comparisons with
   * literals that each of its branches makes of a column present in all of them (the branch's
   * comparisons of that column ANDed), added as conjuncts; the condition itself when there is none.
   */
  static RexNode withImplied(RexBuilder rexBuilder, RexNode condition) {
    List<RexNode> conjuncts = RelOptUtil.conjunctions(condition);
    List<RexNode> added = new ArrayList<>();
    for (RexNode conjunct : conjuncts) {
      if (!conjunct.isA(SqlKind.OR)) {
        continue;
      }
      List<RexNode> branches = RelOptUtil.disjunctions(conjunct);
      if (branches.size() > MAX_BRANCHES) {
        continue;
      }
      Map<Integer, List<RexNode>> perColumn = null;
      for (RexNode branch : branches) {
        Map<Integer, List<RexNode>> here = new LinkedHashMap<>();
        for (RexNode part : RelOptUtil.conjunctions(branch)) {
          int column = comparedColumn(part);
          if (column >= 0) {
            here.computeIfAbsent(column, k -> new ArrayList<>()).add(part);
          }
        }
        if (perColumn == null) {
          perColumn = new LinkedHashMap<>();
          for (Map.Entry<Integer, List<RexNode>> e : here.entrySet()) {
            perColumn.put(
                e.getKey(),
                new ArrayList<>(List.of(RexUtil.composeConjunction(rexBuilder, e.getValue()))));
          }
        } else {
          perColumn.keySet().retainAll(here.keySet());
          for (Map.Entry<Integer, List<RexNode>> e : perColumn.entrySet()) {
            e.getValue().add(RexUtil.composeConjunction(rexBuilder, here.get(e.getKey())));
          }
        }
        if (perColumn.isEmpty()) {
          break;
        }
      }
      for (List<RexNode> each : perColumn == null ? List.<List<RexNode>>of() : perColumn.values()) {
        RexNode implied = RexUtil.composeDisjunction(rexBuilder, each);
        if (!conjuncts.contains(implied) && !added.contains(implied)) {
          added.add(implied);
        }
      }
    }
    if (added.isEmpty()) {
      return condition;
    }
    List<RexNode> all = new ArrayList<>(conjuncts);
    all.addAll(added);
    return RexUtil.composeConjunction(rexBuilder, all);
  }

  /**
   * The column a comparison with a literal compares ({@code x = 'a'}, {@code 5 < x}, a SEARCH of
   * {@code x}), or -1.
   */
  private static int comparedColumn(RexNode node) {
    if (!(node instanceof RexCall call) || call.getOperands().size() != 2) {
      return -1;
    }
    if (!SqlKind.COMPARISON.contains(call.getKind()) && call.getKind() != SqlKind.SEARCH) {
      return -1;
    }
    RexNode a = call.getOperands().get(0);
    RexNode b = call.getOperands().get(1);
    if (a instanceof RexInputRef ref && b instanceof RexLiteral) {
      return ref.getIndex();
    }
    if (b instanceof RexInputRef ref
        && a instanceof RexLiteral
        && call.getKind() != SqlKind.SEARCH) {
      return ref.getIndex();
    }
    return -1;
  }

  private static final class Plan extends RelHomogeneousShuttle {
    @Override
    public RelNode visit(RelNode other) {
      RelNode visited = super.visit(other);
      RexBuilder rexBuilder = visited.getCluster().getRexBuilder();
      if (visited instanceof LogicalFilter filter) {
        RexNode pulled =
            withImplied(rexBuilder, RexUtil.pullFactors(rexBuilder, filter.getCondition()));
        return pulled.equals(filter.getCondition())
            ? filter
            : filter.copy(filter.getTraitSet(), filter.getInput(), pulled);
      }
      if (visited instanceof Join join) {
        RexNode pulled =
            withImplied(rexBuilder, RexUtil.pullFactors(rexBuilder, join.getCondition()));
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
