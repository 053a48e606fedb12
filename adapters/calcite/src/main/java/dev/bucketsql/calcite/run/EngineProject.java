package dev.bucketsql.calcite.run;

import dev.bucketsql.engine.expr.Expr;
import dev.bucketsql.engine.expr.Project;
import dev.bucketsql.engine.expr.Shared;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/** The projections of a calc on the engine ({@code Project}): one column per expression. */
public final class EngineProject extends SingleRel implements EngineRel {
  private final List<RexNode> exprs;
  private final List<ExprTranslator.Maker> makers;
  private final @Nullable CommonSubexpressions common;
  private final List<ColumnType> types;
  private final EnumerableRel original;

  /** Per output column, whether a node above reads it ({@link ColumnUse}); null: every one. */
  private final boolean @Nullable [] read;

  EngineProject(
      RelNode input,
      List<RexNode> exprs,
      List<ExprTranslator.Maker> makers,
      @Nullable CommonSubexpressions common,
      List<ColumnType> types,
      EnumerableRel original) {
    this(input, exprs, makers, common, types, original, null);
  }

  private EngineProject(
      RelNode input,
      List<RexNode> exprs,
      List<ExprTranslator.Maker> makers,
      @Nullable CommonSubexpressions common,
      List<ColumnType> types,
      EnumerableRel original,
      boolean @Nullable [] read) {
    super(input.getCluster(), original.getTraitSet(), input);
    this.read = read == null ? null : read.clone();
    this.exprs = List.copyOf(exprs);
    this.makers = List.copyOf(makers);
    this.common = common;
    this.types = List.copyOf(types);
    this.original = original;
  }

  @Override
  protected RelDataType deriveRowType() {
    return original.getRowType();
  }

  /**
   * The same node standing for {@code original}: the group guard over the aggregate whose literal
   * calls this projection adds.
   */
  EngineProject withOriginal(EnumerableRel original) {
    return new EngineProject(getInput(), exprs, makers, common, types, original, read);
  }

  @Override
  public EngineNode node(List<RelNode> fallbacks) {
    return over(EngineRel.nodeOf(getInput(), fallbacks));
  }

  /** This projection over {@code in}, its input's node. */
  EngineNode over(EngineNode in) {
    List<ExprTranslator.Maker> m = makers;
    CommonSubexpressions c = common;
    boolean[] r = read;
    return run -> {
      if (c != null) {
        // the subexpressions the expressions hold more than once, computed once per batch
        List<Shared> shared = new ArrayList<>();
        List<Expr> e = c.make(m, shared);
        return new Project(in.open(run), e, shared, run.query(), r);
      }
      List<Expr> e = new ArrayList<>();
      for (ExprTranslator.Maker maker : m) {
        e.add(maker.make());
      }
      return new Project(in.open(run), e, List.of(), run.query(), r);
    };
  }

  /** The projection's expressions, one per output column. */
  List<RexNode> exprs() {
    return exprs;
  }

  /**
   * This projection over {@code input}, computing only the output columns {@code read} flags; the
   * others come out NULL.
   */
  EngineProject reading(RelNode input, boolean[] read) {
    return new EngineProject(input, exprs, makers, common, types, original, read);
  }

  /** The input column output column {@code c} passes on as it is, or -1 when it computes it. */
  int inputColumnOf(int c) {
    return exprs.get(c) instanceof RexInputRef ref ? ref.getIndex() : -1;
  }

  @Override
  public List<ColumnType> types() {
    return types;
  }

  @Override
  public EnumerableRel original() {
    return original;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EngineProject(sole(inputs), exprs, makers, common, types, original, read);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("exprs", exprs)
        .itemIf("shared", common == null ? List.of() : common.nodes(), common != null);
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
