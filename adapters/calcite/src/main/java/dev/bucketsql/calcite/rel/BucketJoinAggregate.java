package dev.bucketsql.calcite.rel;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.calcite.exec.JoinAggregateExec;
import dev.bucketsql.calcite.exec.JoinAggregatePlan;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.BiRel;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * An aggregate over an inner equi-join of two BucketSQL table scans, computed in one operator
 * ({@link JoinAggregateExec}): the smaller input is read into a primitive hash table on the join
 * key, the other is streamed past it in column batches, and every match goes straight into its
 * group's accumulators. No joined row is ever built.
 *
 * <p>Its inputs are the join's inputs, left then right. {@code EXPLAIN PLAN FOR} shows which one is
 * held in memory, the key, the groups and the aggregate calls, e.g. {@code
 * BucketJoinAggregate(build=[left: RAW_recipes_clean], key=[id = recipe_id], group=[[year]],
 * aggregates=[[COUNT(), $SUM0(rating)]])}. Made by {@link BucketPlanRewriter} from the plan Calcite
 * chose, which it keeps: with pushdown off for the connection that plan runs instead.
 */
public final class BucketJoinAggregate extends BiRel implements EnumerableRel {
  private final RelDataType aggregateRowType;
  private final JoinAggregatePlan plan;
  private final EnumerableRel unfused;
  private final String build;
  private final String key;

  BucketJoinAggregate(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelNode left,
      RelNode right,
      RelDataType aggregateRowType,
      JoinAggregatePlan plan,
      EnumerableRel unfused,
      String build,
      String key) {
    super(cluster, traits, left, right);
    this.aggregateRowType = requireNonNull(aggregateRowType, "aggregateRowType is null");
    this.plan = requireNonNull(plan, "plan is null");
    this.unfused = requireNonNull(unfused, "unfused is null");
    this.build = requireNonNull(build, "build is null");
    this.key = requireNonNull(key, "key is null");
  }

  /** The plan it stands for (Calcite's aggregate over its inputs), which runs without pushdown. */
  EnumerableRel unfused() {
    return unfused;
  }

  /** What the operator computes. */
  public JoinAggregatePlan plan() {
    return plan;
  }

  @Override
  protected RelDataType deriveRowType() {
    return aggregateRowType;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new BucketJoinAggregate(
        getCluster(),
        traitSet,
        inputs.get(0),
        inputs.get(1),
        aggregateRowType,
        plan,
        unfused,
        build,
        key);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return FusedAggregates.explainAggregate(
        super.explainTerms(pw).item("build", build).item("key", key),
        plan.groups(),
        plan.aggregates());
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return unfused.estimateRowCount(mq);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double rows = mq.getRowCount(getLeft()) + mq.getRowCount(getRight());
    return planner.getCostFactory().makeCost(rows, rows, 0);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder builder = new BlockBuilder();
    Expression unfusedRows = FusedAggregates.unfusedRows(implementor, unfused);
    Expression left =
        plan.buildIsLeft()
            ? input(implementor, builder, 0, plan.build().table() == null)
            : input(implementor, builder, 0, plan.probe().table() == null);
    Expression right =
        plan.buildIsLeft()
            ? input(implementor, builder, 1, plan.probe().table() == null)
            : input(implementor, builder, 1, plan.build().table() == null);
    builder.add(
        Expressions.return_(
            null,
            FusedAggregates.rows(
                implementor,
                getRowType(),
                Expressions.call(
                    JoinAggregateExec.class,
                    "run",
                    implementor.getRootExpression(),
                    implementor.stash(plan, JoinAggregatePlan.class),
                    left,
                    right,
                    unfusedRows))));
    return implementor.result(
        FusedAggregates.physType(implementor, getRowType()), builder.toBlock());
  }

  /** The rows of input {@code ordinal} as Calcite computes them, when they are needed. */
  private Expression input(
      EnumerableRelImplementor implementor, BlockBuilder builder, int ordinal, boolean needed) {
    if (!needed) {
      return Expressions.constant(null, Enumerable.class);
    }
    Result result =
        implementor.visitChild(this, ordinal, (EnumerableRel) getInput(ordinal), Prefer.ARRAY);
    return result.physType.convertTo(
        builder.append(ordinal == 0 ? "left" : "right", result.block), JavaRowFormat.ARRAY);
  }
}
