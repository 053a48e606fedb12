package dev.bucketsql.calcite.run;

import dev.bucketsql.format.ColumnType;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * The boundary from Calcite's enumerable operators into the engine: the rows of its input (an
 * enumerable subtree the engine cannot run) as batches ({@code Rows.source}).
 */
public final class EngineRowSource extends SingleRel implements EngineRel {
  private final List<ColumnType> types;

  private EngineRowSource(RelNode input, List<ColumnType> types) {
    super(input.getCluster(), input.getTraitSet(), input);
    this.types = List.copyOf(types);
  }

  /** {@code input}'s rows for an engine operator, or null when a column has no engine type. */
  static EngineRowSource over(RelNode input) {
    List<ColumnType> types = EngineTypes.of(input.getRowType().getFieldList());
    return types == null ? null : new EngineRowSource(input, types);
  }

  @Override
  public EngineNode node(List<RelNode> fallbacks) {
    int index = fallbacks.size();
    fallbacks.add(getInput());
    List<ColumnType> t = types;
    return run -> run.fallback(index, t);
  }

  @Override
  public List<ColumnType> types() {
    return types;
  }

  @Override
  public EnumerableRel original() {
    return (EnumerableRel) getInput();
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EngineRowSource(sole(inputs), types);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return mq.getRowCount(getInput());
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    // only ever under an engine node; at the top it is its input
    return implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
  }
}
