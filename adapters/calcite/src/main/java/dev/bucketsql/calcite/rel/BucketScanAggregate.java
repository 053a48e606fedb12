package dev.bucketsql.calcite.rel;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.calcite.exec.JoinAggregatePlan;
import dev.bucketsql.calcite.exec.Operand;
import dev.bucketsql.calcite.exec.Repr;
import dev.bucketsql.calcite.exec.ScanAggregateExec;
import dev.bucketsql.calcite.exec.ScanAggregatePlan;
import java.util.BitSet;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An aggregate over one BucketSQL table scan, computed in one operator ({@link ScanAggregateExec}):
 * the table is read in column batches and every row goes straight into its group's accumulators,
 * without an {@code Object[]} per row. Its input is the scan.
 *
 * <p>{@code EXPLAIN PLAN FOR} shows the table, the groups and the calls, e.g. {@code
 * BucketScanAggregate(table=[PP_recipes], group=[[calorie_level]], aggregates=[[COUNT()]])}. Made
 * by {@link BucketPlanRewriter} from the plan Calcite chose, for an {@code EnumerableAggregate}
 * over a {@link BucketTableScan}, possibly through a calc without a condition whose expressions
 * {@link OperandTranslator} interprets; it keeps that plan, which runs instead with pushdown off
 * for the connection.
 */
public final class BucketScanAggregate extends SingleRel implements EnumerableRel {
  private final RelDataType aggregateRowType;
  private final ScanAggregatePlan plan;
  private final EnumerableRel unfused;

  private BucketScanAggregate(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelNode scan,
      RelDataType aggregateRowType,
      ScanAggregatePlan plan,
      EnumerableRel unfused) {
    super(cluster, traits, scan);
    this.aggregateRowType = requireNonNull(aggregateRowType, "aggregateRowType is null");
    this.plan = requireNonNull(plan, "plan is null");
    this.unfused = requireNonNull(unfused, "unfused is null");
  }

  /** The plan it stands for (Calcite's aggregate over its inputs), which runs without pushdown. */
  public EnumerableRel unfused() {
    return unfused;
  }

  /**
   * The fused operator for {@code aggregate}, or null when it does not apply.
   *
   * @param unfused what runs instead with pushdown off: {@code aggregate} as the rest of the plan
   *     is rewritten (its memory guard included)
   */
  static @Nullable BucketScanAggregate match(EnumerableAggregate aggregate, EnumerableRel unfused) {
    OperandTranslator.Below below = OperandTranslator.Below.of(aggregate);
    if (!(below.input() instanceof BucketTableScan scan)) {
      return null;
    }
    FusedInput input = FusedInput.of(scan);
    if (input == null || input.table() == null) {
      return null;
    }
    OperandTranslator t =
        new OperandTranslator(scan.getRowType()) {
          @Override
          Operand column(int index, Repr repr, String name, BitSet columns) {
            return Operand.column(Operand.PROBE, index, repr, name);
          }
        };
    OperandTranslator.Shape shape = t.shape(aggregate, below.projects());
    if (shape == null) {
      return null;
    }
    JoinAggregatePlan.Input scanInput = input.input(-1);
    return new BucketScanAggregate(
        aggregate.getCluster(),
        aggregate.getTraitSet(),
        scan,
        aggregate.getRowType(),
        new ScanAggregatePlan(scanInput, shape.groups(), shape.aggregates()),
        unfused);
  }

  @Override
  protected RelDataType deriveRowType() {
    return aggregateRowType;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new BucketScanAggregate(
        getCluster(), traitSet, inputs.get(0), aggregateRowType, plan, unfused);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return FusedAggregates.explainAggregate(
        super.explainTerms(pw).item("table", plan.input().name()),
        plan.groups(),
        plan.aggregates());
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return unfused.estimateRowCount(mq);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double rows = mq.getRowCount(getInput());
    return planner.getCostFactory().makeCost(rows, rows, 0);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    return implementor.result(
        FusedAggregates.physType(implementor, getRowType()),
        Blocks.toBlock(
            FusedAggregates.rows(
                implementor,
                getRowType(),
                Expressions.call(
                    ScanAggregateExec.class,
                    "run",
                    implementor.getRootExpression(),
                    implementor.stash(plan, ScanAggregatePlan.class),
                    FusedAggregates.unfusedRows(implementor, unfused)))));
  }
}
