package dev.bucketsql.calcite.run;

import dev.bucketsql.engine.join.HashJoin;
import dev.bucketsql.engine.join.JoinType;
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
 * An equi-join on the engine ({@code HashJoin}): INNER, LEFT, RIGHT, FULL, SEMI or ANTI, holding
 * the input with the smaller row estimate in its hash table. EXPLAIN shows the type, the side built
 * and the key pairs: {@code EngineHashJoin(type=[inner], build=[right], keys=[[0 = 2]])}, a pair
 * compared as {@code IS NOT DISTINCT FROM} (NULL matching NULL) written {@code 0 <=> 2}, and the
 * residual condition over the joined row, if any: the rest of the join's condition, evaluated for
 * the pairs whose keys match ({@code residual=[<>($1, $3)]}).
 */
public final class EngineHashJoin extends BiRel implements EngineRel {
  private final JoinType type;
  private final HashJoin.Build build;
  private final int[] leftKeys;
  private final int[] rightKeys;
  private final boolean[] nullSafe;
  private final @Nullable RexNode residual;
  private final ExprTranslator.@Nullable Maker residualMaker;
  private final List<String> tables;
  private final EnumerableRel original;

  EngineHashJoin(
      RelNode left,
      RelNode right,
      JoinType type,
      HashJoin.Build build,
      int[] leftKeys,
      int[] rightKeys,
      boolean[] nullSafe,
      @Nullable RexNode residual,
      ExprTranslator.@Nullable Maker residualMaker,
      List<String> tables,
      EnumerableRel original) {
    super(left.getCluster(), original.getTraitSet(), left, right);
    this.type = type;
    this.build = build;
    this.leftKeys = leftKeys.clone();
    this.rightKeys = rightKeys.clone();
    this.nullSafe = nullSafe.clone();
    this.residual = residual;
    this.residualMaker = residualMaker;
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
    HashJoin.Build b = build;
    int[] lk = leftKeys.clone();
    int[] rk = rightKeys.clone();
    boolean[] ns = nullSafe.clone();
    String subject = MemoryLimitExceededException.subject(tables);
    ExprTranslator.Maker m = residualMaker;
    if (m == null) {
      return run -> new HashJoin(l.open(run), r.open(run), lk, rk, ns, t, b, run.join(), subject);
    }
    return run ->
        new HashJoin(l.open(run), r.open(run), lk, rk, ns, m::make, t, b, run.join(), subject);
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
    return new EngineHashJoin(
        inputs.get(0),
        inputs.get(1),
        type,
        build,
        leftKeys,
        rightKeys,
        nullSafe,
        residual,
        residualMaker,
        tables,
        original);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    List<String> keys = new ArrayList<>();
    int width = getLeft().getRowType().getFieldCount();
    for (int i = 0; i < leftKeys.length; i++) {
      keys.add(leftKeys[i] + (nullSafe[i] ? " <=> " : " = ") + (width + rightKeys[i]));
    }
    return super.explainTerms(pw)
        .item("type", type.name().toLowerCase(Locale.ROOT))
        .item("build", build.name().toLowerCase(Locale.ROOT))
        .item("keys", keys)
        .itemIf("residual", residual, residual != null);
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
