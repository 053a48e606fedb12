package dev.bucketsql.calcite.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalCorrelate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A correlated {@code EXISTS} or {@code NOT EXISTS} whose subquery is a filter over uncorrelated
 * rows becomes a semi- or anti-join with that filter's condition, before Calcite's decorrelator
 * sees it. The decorrelator answers a correlation it cannot turn into join keys (TPC-H q21's {@code
 * l2.l_suppkey <> l1.l_suppkey}) by computing the outer query a second time for its distinct
 * correlated values, joining that with the subquery's table and grouping; with an {@code EXISTS}
 * and a {@code NOT EXISTS} q21 read lineitem seven times. A semi-join keeps the outer rows for
 * which a subquery row makes the condition true, which is what {@code EXISTS} means; an anti-join
 * keeps the others, {@code NOT EXISTS}; a condition that is NULL matches nothing in both.
 *
 * <p>Two shapes, as Calcite's subquery removal leaves them: {@code EXISTS} as a conjunct of a WHERE
 * clause is an inner correlate with the distinct {@code TRUE} of the subquery's rows; {@code NOT
 * EXISTS} a left correlate with them under a filter testing that {@code TRUE} for NULL. Only where
 * the condition compares at least one pair of columns for equality (a hash join's keys), the rows
 * below the filter use no correlation, and no correlate is left below the correlate's left input
 * (the decorrelator would change that input's fields under the new join); anything else stays with
 * the decorrelator.
 */
final class CorrelatedExists {
  /**
   * Filters moved into joins and below projections again, as the decorrelator does before its work:
   * the conditions of the outer query's joins sit above the semi- and anti-joins, and the join
   * order is only as good as the join conditions it sees; and a subquery's conditions on its own
   * rows, now in a semi- or anti-join's condition, go below it to filter those rows.
   */
  private static final Program PUSH_FILTERS =
      Programs.hep(
          List.of(
              CoreRules.FILTER_PROJECT_TRANSPOSE,
              CoreRules.FILTER_INTO_JOIN,
              CoreRules.JOIN_CONDITION_PUSH),
          true,
          DefaultRelMetadataProvider.INSTANCE);

  /** The program, to run after subquery removal and before decorrelation. */
  static final Program PROGRAM =
      (planner, rel, requiredOutputTraits, materializations, lattices) -> {
        RelNode rewritten = rel.accept(new Rewrite());
        return rewritten == rel
            ? rel
            : PUSH_FILTERS.run(
                planner, rewritten, requiredOutputTraits, materializations, lattices);
      };

  private CorrelatedExists() {}

  private static final class Rewrite extends RelHomogeneousShuttle {
    @Override
    public RelNode visit(RelNode other) {
      RelNode rel = super.visit(other);
      if (rel instanceof LogicalCorrelate correlate
          && correlate.getJoinType() == JoinRelType.INNER) {
        RelNode semi = join(correlate, JoinRelType.SEMI);
        return semi == null ? rel : withMark(correlate, semi, true);
      }
      if (rel instanceof LogicalFilter filter
          && filter.getInput() instanceof LogicalCorrelate correlate
          && correlate.getJoinType() == JoinRelType.LEFT
          && testsMarkForNull(filter.getCondition(), correlate.getRowType().getFieldCount() - 1)) {
        RelNode anti = join(correlate, JoinRelType.ANTI);
        // the rows the anti-join drops had a TRUE mark, which the filter drops too
        return anti == null
            ? rel
            : filter.copy(
                filter.getTraitSet(), withMark(correlate, anti, false), filter.getCondition());
      }
      return rel;
    }
  }

  /** Whether a conjunct of {@code condition} is {@code field IS NULL}. */
  private static boolean testsMarkForNull(RexNode condition, int field) {
    for (RexNode conjunct : RelOptUtil.conjunctions(condition)) {
      if (conjunct.getKind() == SqlKind.IS_NULL
          && ((RexCall) conjunct).getOperands().get(0) instanceof RexInputRef ref
          && ref.getIndex() == field) {
        return true;
      }
    }
    return false;
  }

  /**
   * The semi- or anti-join of the correlate's left input with the rows under its subquery's filter,
   * on that filter's condition; null when the correlate is not a subquery's distinct {@code TRUE}
   * over such a filter.
   */
  private static @Nullable RelNode join(LogicalCorrelate correlate, JoinRelType type) {
    if (!(correlate.getRight() instanceof LogicalAggregate aggregate)
        || aggregate.getGroupType() != Aggregate.Group.SIMPLE
        || !aggregate.getAggCallList().isEmpty()
        || aggregate.getGroupCount() != 1
        || !(aggregate.getInput() instanceof LogicalProject mark)
        || mark.getProjects().size() != 1
        || !mark.getProjects().get(0).isAlwaysTrue()
        || !(mark.getProjects().get(0) instanceof RexLiteral)) {
      return null;
    }
    RelNode rows = mark.getInput();
    // the subquery's select list does not matter to EXISTS
    while (rows instanceof LogicalProject project) {
      rows = project.getInput();
    }
    if (!(rows instanceof LogicalFilter filter)
        || !RelOptUtil.getVariablesUsed(filter.getInput()).isEmpty()
        || !Set.of(correlate.getCorrelationId()).containsAll(RelOptUtil.getVariablesUsed(filter))) {
      return null;
    }
    RelNode left = correlate.getLeft();
    if (holdsCorrelate(left)) {
      // the decorrelator will rework that correlate and change the left input's fields, and it
      // does not renumber the condition of a join made here above it: WHERE NOT EXISTS (a) AND
      // NOT EXISTS (b) compared b's columns with the wrong fields and kept rows it should drop
      return null;
    }
    RexNode condition =
        filter
            .getCondition()
            .accept(
                new Uncorrelate(
                    correlate.getCorrelationId(),
                    left.getRowType(),
                    correlate.getCluster().getRexBuilder()));
    if (RexUtil.containsCorrelation(condition) || RexUtil.SubQueryFinder.find(condition) != null) {
      return null;
    }
    LogicalJoin join =
        LogicalJoin.create(left, filter.getInput(), List.of(), condition, Set.of(), type);
    JoinInfo keys = join.analyzeCondition();
    return keys.leftKeys.isEmpty() ? null : join;
  }

  /** Whether a correlate is left anywhere in {@code rel}. */
  static boolean holdsCorrelate(RelNode rel) {
    if (rel instanceof LogicalCorrelate) {
      return true;
    }
    for (RelNode input : rel.getInputs()) {
      if (holdsCorrelate(input)) {
        return true;
      }
    }
    return false;
  }

  /** The correlate's row over {@code join}: its left fields and the mark, TRUE or NULL. */
  private static RelNode withMark(LogicalCorrelate correlate, RelNode join, boolean found) {
    RexBuilder rex = correlate.getCluster().getRexBuilder();
    List<RelDataTypeField> fields = correlate.getRowType().getFieldList();
    List<RexNode> projects = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < fields.size() - 1; i++) {
      projects.add(rex.makeInputRef(join, i));
      names.add(fields.get(i).getName());
    }
    RelDataType markType = fields.get(fields.size() - 1).getType();
    projects.add(found ? rex.makeLiteral(true, markType) : rex.makeNullLiteral(markType));
    names.add(fields.get(fields.size() - 1).getName());
    return LogicalProject.create(join, List.of(), projects, names, Set.of());
  }

  /** The correlated fields as fields of the left input, the filter's own after them. */
  private static final class Uncorrelate extends RexShuttle {
    private final CorrelationId id;
    private final RelDataType left;
    private final RexBuilder rex;

    Uncorrelate(CorrelationId id, RelDataType left, RexBuilder rex) {
      this.id = id;
      this.left = left;
      this.rex = rex;
    }

    @Override
    public RexNode visitInputRef(RexInputRef ref) {
      return new RexInputRef(ref.getIndex() + left.getFieldCount(), ref.getType());
    }

    @Override
    public RexNode visitFieldAccess(RexFieldAccess access) {
      if (access.getReferenceExpr() instanceof RexCorrelVariable variable
          && variable.id.equals(id)) {
        int index = access.getField().getIndex();
        return rex.makeInputRef(left.getFieldList().get(index).getType(), index);
      }
      return super.visitFieldAccess(access);
    }
  }
}
