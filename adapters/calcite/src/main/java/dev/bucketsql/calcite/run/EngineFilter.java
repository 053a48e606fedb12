package dev.bucketsql.calcite.run;

import dev.bucketsql.engine.expr.Filter;
import dev.bucketsql.format.ColumnType;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/** The condition of a calc on the engine ({@code Filter}): the rows where it is TRUE. */
public final class EngineFilter extends SingleRel implements EngineRel {
  private final RexNode condition;
  private final ExprTranslator.Maker maker;
  private final List<ColumnType> types;
  private final @Nullable EnumerableRel original;

  EngineFilter(
      RelNode input,
      RexNode condition,
      ExprTranslator.Maker maker,
      @Nullable EnumerableRel original) {
    super(input.getCluster(), input.getTraitSet(), input);
    this.condition = condition;
    this.maker = maker;
    this.types = ((EngineRel) input).types();
    this.original = original;
  }

  @Override
  protected org.apache.calcite.rel.type.RelDataType deriveRowType() {
    return original != null ? original.getRowType() : getInput().getRowType();
  }

  @Override
  public EngineNode node(List<RelNode> fallbacks) {
    WindowRankLimit limit = rankLimit();
    if (limit != null) {
      // the window leaves out the rows this filter would drop for their rank
      return over(((EngineWindow) getInput()).limitedNode(fallbacks, limit));
    }
    return over(EngineRel.nodeOf(getInput(), fallbacks));
  }

  /** The bound this filter puts on the ranks of the window below it, if any. */
  private @Nullable WindowRankLimit rankLimit() {
    return getInput() instanceof EngineWindow w ? WindowRankLimit.of(condition, w) : null;
  }

  /** This filter over {@code in}, its input's node. */
  EngineNode over(EngineNode in) {
    ExprTranslator.Maker m = maker;
    return run -> new Filter(in.open(run), m.make(), run.query());
  }

  @Override
  public List<ColumnType> types() {
    return types;
  }

  @Override
  public @Nullable EnumerableRel original() {
    return original;
  }

  /** The condition over the input's columns. */
  RexNode condition() {
    return condition;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EngineFilter(sole(inputs), condition, maker, original);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    WindowRankLimit limit = rankLimit();
    return super.explainTerms(pw)
        .item("condition", condition)
        .itemIf(
            "partitionLimit",
            limit == null ? "" : "$" + limit.column() + " <= " + limit.limit(),
            limit != null);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return original != null ? mq.getRowCount(original) : mq.getRowCount(getInput()) / 2;
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    return EngineImplementor.implement(this, implementor);
  }
}
