package dev.bucketsql.calcite.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalCorrelate;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.tools.Program;

/**
 * Hides the conditions of LEFT, RIGHT and ANTI joins from Calcite's decorrelator, which reads them
 * as filters of the side the join keeps. It joins a decorrelated subquery back to the outer rows on
 * {@code =} instead of {@code IS NOT DISTINCT FROM} where it proves the correlated column never
 * NULL, and it takes a condition that is not true for a NULL column ({@code 1 = t3.k} in {@code ...
 * RIGHT JOIN t3 ON 1 = t3.k}) as that proof, though a RIGHT JOIN keeps every row of {@code t3},
 * those where {@code k} is NULL too. So an outer row whose correlated column is NULL lost its
 * subquery's answer: {@code WHERE EXISTS (SELECT 1 FROM s WHERE s.k = t3.k OR TRUE)} dropped the
 * row of {@code t3} with a NULL {@code k}. An anti-join (a NOT EXISTS made a join before) keeps
 * exactly the rows its condition is not true for, those with a NULL key among them, and a
 * correlated scalar subquery above it answered NULL for them.
 *
 * <p>Before decorrelation each such condition is wrapped in a marker call, which proves nothing
 * about its columns; after it the markers are removed again. The LEFT correlates the decorrelator
 * itself turns into joins cannot be marked so: the outer input of a correlate above one has its
 * fields passed through the marker instead. Plans without a correlate are left alone.
 */
final class OuterJoinConditions {
  /** The identity call that hides an outer join's condition from the decorrelator. */
  static final SqlFunction MARKER = MarkerCalls.marker("$OUTER_JOIN_CONDITION");

  /** The program that marks the conditions, to run before decorrelation. */
  static final Program MARK =
      (planner, rel, requiredOutputTraits, materializations, lattices) ->
          CorrelatedExists.holdsCorrelate(rel) ? rel.accept(new Mark()) : rel;

  /** The program that removes the markers, to run after decorrelation. */
  static final Program UNMARK =
      (planner, rel, requiredOutputTraits, materializations, lattices) ->
          MarkerCalls.removed(rel, MARKER);

  private OuterJoinConditions() {}

  private static final class Mark extends RelHomogeneousShuttle {
    @Override
    public RelNode visit(RelNode other) {
      RelNode rel = super.visit(other);
      if (rel instanceof LogicalCorrelate correlate && holdsOuterCorrelate(correlate.getLeft())) {
        return correlate.copy(
            correlate.getTraitSet(), List.of(opaque(correlate.getLeft()), correlate.getRight()));
      }
      if (!(rel instanceof LogicalJoin join)
          || join.getJoinType() != JoinRelType.LEFT
              && join.getJoinType() != JoinRelType.RIGHT
              && join.getJoinType() != JoinRelType.ANTI
          || join.getCondition().isAlwaysTrue()
          || join.getCondition() instanceof RexCall call && call.getOperator() == MARKER) {
        return rel;
      }
      return join.copy(
          join.getTraitSet(),
          join.getCluster().getRexBuilder().makeCall(MARKER, join.getCondition()),
          join.getLeft(),
          join.getRight(),
          join.getJoinType(),
          join.isSemiJoinDone());
    }
  }

  /**
   * Whether {@code rel} holds a LEFT or ANTI correlate, which the decorrelator makes a join of the
   * same type, its condition not marked: read as a proof that the outer key is never NULL, it made
   * a correlated subquery above it join back on {@code =} ({@code WHERE EXISTS (...) OR k IS NULL},
   * the EXISTS a LEFT correlate, lost the answer of a scalar subquery for the row whose {@code k}
   * is NULL).
   */
  private static boolean holdsOuterCorrelate(RelNode rel) {
    if (rel instanceof Correlate c
        && (c.getJoinType() == JoinRelType.LEFT || c.getJoinType() == JoinRelType.ANTI)) {
      return true;
    }
    return rel.getInputs().stream().anyMatch(OuterJoinConditions::holdsOuterCorrelate);
  }

  /**
   * {@code rel}'s fields each through the marker: a projection the decorrelator's proof that a
   * field is never NULL does not see through (it follows only plain field references), so the
   * subquery above joins back on {@code IS NOT DISTINCT FROM} unless the field's type is NOT NULL.
   */
  private static RelNode opaque(RelNode rel) {
    RexBuilder rexBuilder = rel.getCluster().getRexBuilder();
    List<RexNode> fields = new ArrayList<>();
    for (int i = 0; i < rel.getRowType().getFieldCount(); i++) {
      fields.add(rexBuilder.makeCall(MARKER, rexBuilder.makeInputRef(rel, i)));
    }
    return LogicalProject.create(
        rel, List.of(), fields, rel.getRowType().getFieldNames(), Set.of());
  }
}
