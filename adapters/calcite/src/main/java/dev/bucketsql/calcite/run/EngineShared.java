package dev.bucketsql.calcite.run;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.calcite.rel.BucketMemoryGuard;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import dev.bucketsql.format.ColumnType;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One use of a subplan the engine plan holds more than once ({@link SharedSubplans}): every use
 * reads one {@code SharedResult} of the execution, which computes the subplan once. EXPLAIN shows
 * the subplan under its first use, {@code EngineShared(id=[0], uses=[2])}, and each later use
 * without it, {@code EngineShared(id=[0], uses=[2], input=[above])}.
 */
public final class EngineShared extends AbstractRelNode implements EngineRel {
  private final Plan plan;
  private final boolean first;

  EngineShared(Plan plan, boolean first) {
    super(plan.input().getCluster(), plan.input().getTraitSet());
    this.plan = requireNonNull(plan, "plan is null");
    this.first = first;
  }

  @Override
  public EngineNode node(List<RelNode> fallbacks) {
    EngineNode input = plan.node(fallbacks);
    List<ColumnType> types = types();
    String subject = plan.subject();
    // the node made once for the plan names its result in each execution
    return run -> run.shared(input, input, types, subject).reader(run.query());
  }

  @Override
  public List<ColumnType> types() {
    return ((EngineRel) plan.input()).types();
  }

  @Override
  public @Nullable EnumerableRel original() {
    return ((EngineRel) plan.input()).original();
  }

  /** The subplan, whichever use this is. */
  RelNode subplan() {
    return plan.input();
  }

  @Override
  public List<RelNode> getInputs() {
    // a later use has no input of its own: the plan is walked, explained and built once
    return first ? List.of(plan.input()) : List.of();
  }

  @Override
  protected RelDataType deriveRowType() {
    return plan.input().getRowType();
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    if (!inputs.equals(getInputs())) {
      throw new UnsupportedOperationException("the input of a shared subplan is fixed");
    }
    return this;
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    if (first) {
      pw.input("input", plan.input());
    }
    return pw.item("id", plan.id()).item("uses", plan.uses()).itemIf("input", "above", !first);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return mq.getRowCount(plan.input());
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    return EngineImplementor.implement(this, implementor);
  }

  /**
   * A subplan and its uses: {@code id} numbers it in EXPLAIN. Its engine node is made once, by the
   * first use whose node is asked for, so its enumerable inputs are read once too.
   */
  static final class Plan {
    private final RelNode input;
    private final int id;
    private final int uses;
    private @Nullable List<RelNode> builtFor;
    private @Nullable EngineNode node;

    Plan(RelNode input, int id, int uses) {
      this.input = requireNonNull(input, "input is null");
      this.id = id;
      this.uses = uses;
    }

    RelNode input() {
      return input;
    }

    int id() {
      return id;
    }

    int uses() {
      return uses;
    }

    String subject() {
      EnumerableRel original = ((EngineRel) input).original();
      return MemoryLimitExceededException.subject(
          original == null ? List.of() : BucketMemoryGuard.tables(original));
    }

    /** The subplan's node for the plan being built with {@code fallbacks}: one per build. */
    synchronized EngineNode node(List<RelNode> fallbacks) {
      if (node == null || builtFor != fallbacks) {
        node = EngineRel.nodeOf(input, fallbacks);
        builtFor = fallbacks;
      }
      return node;
    }
  }
}
