package dev.bucketsql.calcite.rel;

import dev.bucketsql.calcite.exec.MarkJoins;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JoinPredicates;
import org.apache.calcite.linq4j.function.Predicate2;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A semi-join or anti-join on equal keys, and maybe more conditions (a correlated {@code EXISTS}
 * comparing other columns too, see {@code CorrelatedExists}), that holds its LEFT input in memory
 * and streams its right one ({@link MarkJoins}), where Calcite's {@code EnumerableHashJoin} holds
 * the right one's keys: {@link BucketPlanRewriter} puts it in place of a semi- or anti-join whose
 * right input is clearly the bigger (an {@code EXISTS} over lineitem for a few orders). The answer
 * is the same rows in the same order: those left rows with (anti: without) a right row of equal,
 * non-null keys that makes the rest of the condition true.
 *
 * <p>{@code EXPLAIN} shows {@code BucketMarkJoin(condition=[=($0, $4)], joinType=[semi],
 * build=[left])}, with the held left input under a {@link BucketMemoryGuard}.
 */
public final class BucketMarkJoin extends Join implements EnumerableRel {
  private BucketMarkJoin(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelNode left,
      RelNode right,
      RexNode condition,
      Set<CorrelationId> variablesSet,
      JoinRelType joinType) {
    super(cluster, traits, List.of(), left, right, condition, variablesSet, joinType);
    if (joinType != JoinRelType.SEMI && joinType != JoinRelType.ANTI) {
      throw new IllegalArgumentException("a mark join is a semi- or anti-join, not " + joinType);
    }
    if (analyzeCondition().leftKeys.isEmpty()) {
      throw new IllegalArgumentException("a mark join needs equal keys: " + condition);
    }
  }

  /**
   * {@code join}'s semi- or anti-join over {@code left} and {@code right}, with {@code condition}.
   */
  static BucketMarkJoin of(Join join, RelNode left, RelNode right, RexNode condition) {
    return new BucketMarkJoin(
        join.getCluster(),
        join.getTraitSet(),
        left,
        right,
        condition,
        join.getVariablesSet(),
        join.getJoinType());
  }

  /**
   * A mark join in place of {@code join}, a semi- or anti-join on keys (and maybe more) whose right
   * input holds clearly more distinct keys than its left input has rows ({@link RowEstimates},
   * bounded by the key columns' footer ranges), else null. A right input that only makes its keys
   * distinct (a grouping without aggregate calls, as a decorrelated {@code EXISTS} or {@code IN}
   * gives) is read without that grouping: a key met twice marks the same rows.
   */
  static @Nullable BucketMarkJoin instead(EnumerableHashJoin join, double ratio) {
    JoinInfo info = join.analyzeCondition();
    if ((join.getJoinType() != JoinRelType.SEMI && join.getJoinType() != JoinRelType.ANTI)
        || info.leftKeys.isEmpty()) {
      return null;
    }
    RelNode streamed = join.getRight();
    List<Integer> keys = info.rightKeys;
    // a condition beyond the keys reads the right input's own fields: its grouping stays
    List<Integer> grouped = info.isEqui() ? groupedKeys(streamed, keys) : null;
    if (grouped != null) {
      streamed =
          ((SingleRel) (streamed instanceof EnumerableCalc calc ? calc.getInput() : streamed))
              .getInput();
      keys = grouped;
    }
    double distinct = RowEstimates.rows(streamed);
    double values = 1;
    for (int key : keys) {
      KeyOrigin origin = KeyOrigin.of(streamed, key);
      values *= origin == null ? Double.POSITIVE_INFINITY : origin.values();
    }
    if (!(Math.min(distinct, values) > RowEstimates.rows(join.getLeft()) * ratio)) {
      return null;
    }
    if (!info.isEqui()) {
      return of(join, join.getLeft(), streamed, join.getCondition());
    }
    RexBuilder rex = join.getCluster().getRexBuilder();
    int leftCount = join.getLeft().getRowType().getFieldCount();
    List<RexNode> conditions = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      RexNode l = rex.makeInputRef(join.getLeft(), info.leftKeys.get(i));
      RexNode r =
          new RexInputRef(
              leftCount + keys.get(i),
              streamed.getRowType().getFieldList().get(keys.get(i)).getType());
      conditions.add(
          rex.makeCall(
              info.nullExclusionFlags.get(i)
                  ? SqlStdOperatorTable.EQUALS
                  : SqlStdOperatorTable.IS_NOT_DISTINCT_FROM,
              l,
              r));
    }
    return of(join, join.getLeft(), streamed, RexUtil.composeConjunction(rex, conditions));
  }

  /**
   * The fields of the input of {@code right}'s grouping that {@code keys} read, when {@code right}
   * is a grouping without aggregate calls (or a calc without condition over one) and each key is a
   * group key passed through unchanged; else null.
   */
  private static @Nullable List<Integer> groupedKeys(RelNode right, List<Integer> keys) {
    EnumerableCalc calc =
        right instanceof EnumerableCalc c && c.getProgram().getCondition() == null ? c : null;
    RelNode below = calc != null ? calc.getInput() : right;
    if (!(below instanceof EnumerableAggregate aggregate)
        || !aggregate.getAggCallList().isEmpty()
        || aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
      return null;
    }
    List<Integer> fields = new ArrayList<>();
    for (int key : keys) {
      int field = key;
      if (calc != null) {
        RexNode e = calc.getProgram().expandLocalRef(calc.getProgram().getProjectList().get(key));
        if (!(e instanceof RexInputRef ref)) {
          return null;
        }
        field = ref.getIndex();
      }
      if (field >= aggregate.getGroupCount()) {
        return null;
      }
      fields.add(aggregate.getGroupSet().nth(field));
    }
    return fields;
  }

  @Override
  public Join copy(
      RelTraitSet traitSet,
      RexNode condition,
      RelNode left,
      RelNode right,
      JoinRelType joinType,
      boolean semiJoinDone) {
    return new BucketMarkJoin(
        getCluster(), traitSet, left, right, condition, variablesSet, joinType);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("build", "left");
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder builder = new BlockBuilder();
    Result left = implementor.visitChild(this, 0, (EnumerableRel) getLeft(), pref);
    Expression leftRows = builder.append("left", left.block);
    Result right = implementor.visitChild(this, 1, (EnumerableRel) getRight(), pref);
    Expression rightRows = builder.append("right", right.block);
    // the rest of the condition, as Calcite's hash joins evaluate theirs: NULL is not a match
    Expression residual =
        joinInfo.nonEquiConditions.isEmpty()
            ? Expressions.constant(null, Predicate2.class)
            : JoinPredicates.predicate(
                implementor,
                getLeft(),
                getRight(),
                left.physType,
                right.physType,
                RexUtil.composeConjunction(
                    getCluster().getRexBuilder(), joinInfo.nonEquiConditions));
    // the key selectors of Calcite's own semi-join: null for a key that cannot match
    Expression call =
        Expressions.call(
            MarkJoins.class,
            "semi",
            leftRows,
            rightRows,
            left.physType.generateNullAwareAccessor(joinInfo.leftKeys, joinInfo.nullExclusionFlags),
            right.physType.generateNullAwareAccessor(
                joinInfo.rightKeys, joinInfo.nullExclusionFlags),
            residual,
            Expressions.constant(getJoinType() == JoinRelType.ANTI));
    return implementor.result(left.physType, builder.append(call).toBlock());
  }
}
