package dev.bucketsql.calcite.run;

import dev.bucketsql.engine.join.JoinType;
import dev.bucketsql.engine.join.NestedLoopJoin;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.BiRel;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A join on any condition on the engine ({@code NestedLoopJoin}): the right input is read once and
 * held, where Calcite's nested-loop join enumerates it again for every left row. EXPLAIN shows the
 * type and the condition: {@code EngineNestedLoopJoin(type=[inner], condition=[<($0, $1)])}.
 */
public final class EngineNestedLoopJoin extends BiRel implements EngineRel {
  private final JoinType type;
  private final RexNode condition;
  private final ExprTranslator.@Nullable Maker maker;
  private final List<String> tables;
  private final EnumerableRel original;

  /**
   * @param maker the condition on the engine; null for a condition that is always TRUE
   */
  EngineNestedLoopJoin(
      RelNode left,
      RelNode right,
      JoinType type,
      RexNode condition,
      ExprTranslator.@Nullable Maker maker,
      List<String> tables,
      EnumerableRel original) {
    super(left.getCluster(), original.getTraitSet(), left, right);
    this.type = type;
    this.condition = condition;
    this.maker = maker;
    this.tables = List.copyOf(tables);
    this.original = original;
  }

  @Override
  protected RelDataType deriveRowType() {
    return original.getRowType();
  }

  @Override
  public EngineNode node(List<RelNode> fallbacks) {
    EngineNode l = EngineRel.nodeOf(getLeft(), fallbacks);
    EngineNode r = EngineRel.nodeOf(getRight(), fallbacks);
    JoinType t = type;
    ExprTranslator.Maker m = maker;
    String subject = MemoryLimitExceededException.subject(tables);
    return run ->
        new NestedLoopJoin(
            l.open(run), r.open(run), m == null ? null : m.make(), t, run.join(), subject);
  }

  @Override
  public List<ColumnType> types() {
    List<ColumnType> t = new ArrayList<>(((EngineRel) getLeft()).types());
    if (type.outputsRight()) {
      t.addAll(((EngineRel) getRight()).types());
    }
    return t;
  }

  @Override
  public EnumerableRel original() {
    return original;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EngineNestedLoopJoin(
        inputs.get(0), inputs.get(1), type, condition, maker, tables, original);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("type", type.name().toLowerCase(Locale.ROOT))
        .item("condition", condition);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return mq.getRowCount(original);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    return EngineImplementor.implement(this, implementor);
  }
}
