package dev.bucketsql.calcite.run;

import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import dev.bucketsql.engine.sort.Limit;
import dev.bucketsql.engine.sort.Sort;
import dev.bucketsql.engine.sort.SortKey;
import dev.bucketsql.engine.sort.TopN;
import dev.bucketsql.format.ColumnType;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

/**
 * An ORDER BY and/or OFFSET/FETCH on the engine: {@code Sort} without a limit, {@code TopN} with
 * order and limit, {@code Limit} without order. Named in EXPLAIN by the operator that runs: {@code
 * EngineSort}, {@code EngineTopN(offset=[0], fetch=[10])}, {@code EngineLimit}.
 */
public final class EngineSort extends SingleRel implements EngineRel {
  private final List<SortKey> keys;
  private final long offset;
  private final long fetch;
  private final List<String> tables;
  private final EnumerableRel original;

  /**
   * @param fetch the rows after the offset, or {@link Limit#ALL}
   */
  EngineSort(
      RelNode input,
      List<SortKey> keys,
      long offset,
      long fetch,
      List<String> tables,
      EnumerableRel original) {
    super(input.getCluster(), original.getTraitSet(), input);
    this.keys = List.copyOf(keys);
    this.offset = offset;
    this.fetch = fetch;
    this.tables = List.copyOf(tables);
    this.original = original;
  }

  @Override
  protected RelDataType deriveRowType() {
    return original.getRowType();
  }

  @Override
  public String getRelTypeName() {
    if (keys.isEmpty()) {
      return "EngineLimit";
    }
    return fetch == Limit.ALL && offset == 0 ? "EngineSort" : "EngineTopN";
  }

  @Override
  public EngineNode node(List<RelNode> fallbacks) {
    EngineNode in = EngineRel.nodeOf(getInput(), fallbacks);
    List<SortKey> k = keys;
    long o = offset;
    long f = fetch;
    String subject = MemoryLimitExceededException.subject(tables);
    if (k.isEmpty()) {
      return run -> new Limit(in.open(run), o, f, run.query());
    }
    // a sort reads its whole input before its first row: on every thread where it is a scan's
    // pipeline
    EngineNode all = ParallelScanRows.over(getInput(), in, HeldBy.SORT, subject);
    if (f == Limit.ALL && o == 0) {
      return run -> new Sort(all.open(run), k, run.query(), subject);
    }
    return run -> new TopN(all.open(run), k, o, f, run.query(), subject);
  }

  @Override
  public List<ColumnType> types() {
    return ((EngineRel) getInput()).types();
  }

  @Override
  public EnumerableRel original() {
    return original;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EngineSort(sole(inputs), keys, offset, fetch, tables, original);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .itemIf("keys", keys.stream().map(EngineSort::keyText).toList(), !keys.isEmpty())
        .itemIf("offset", offset, offset != 0 || fetch != Limit.ALL)
        .itemIf("fetch", fetch, fetch != Limit.ALL);
  }

  private static String keyText(SortKey k) {
    return k.column()
        + (k.descending() ? " DESC" : "")
        + (k.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
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
