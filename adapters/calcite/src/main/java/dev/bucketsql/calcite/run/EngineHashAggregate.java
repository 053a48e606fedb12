package dev.bucketsql.calcite.run;

import dev.bucketsql.engine.aggregate.AggregateCall;
import dev.bucketsql.engine.aggregate.GroupingSetsAggregate;
import dev.bucketsql.engine.aggregate.HashAggregate;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import dev.bucketsql.engine.parallel.ParallelAggregate;
import dev.bucketsql.format.ColumnType;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A GROUP BY (or a grand total) on the engine ({@code HashAggregate}): the group columns, then one
 * column per call, each of exactly the type Calcite's aggregate gives. With grouping sets (ROLLUP,
 * CUBE, GROUPING SETS, or GROUPING calls) it is a {@code GroupingSetsAggregate}: the group columns
 * (NULL where a row's set does not group by them), the calls, then the GROUPING columns.
 */
public final class EngineHashAggregate extends SingleRel implements EngineRel {
  private final int[] keys;
  private final List<AggregateCall> calls;

  /** The grouping sets (input columns), or none for one set of all the keys. */
  private final List<int[]> sets;

  /** The input columns of each GROUPING call. */
  private final List<int[]> groupings;

  private final List<ColumnType> types;
  private final List<String> tables;
  private final EnumerableRel original;

  EngineHashAggregate(
      RelNode input,
      int[] keys,
      List<AggregateCall> calls,
      List<ColumnType> types,
      List<String> tables,
      EnumerableRel original) {
    this(input, keys, calls, List.of(), List.of(), types, tables, original);
  }

  EngineHashAggregate(
      RelNode input,
      int[] keys,
      List<AggregateCall> calls,
      List<int[]> sets,
      List<int[]> groupings,
      List<ColumnType> types,
      List<String> tables,
      EnumerableRel original) {
    super(input.getCluster(), original.getTraitSet(), input);
    this.keys = keys.clone();
    this.calls = List.copyOf(calls);
    this.sets = sets.stream().map(int[]::clone).toList();
    this.groupings = groupings.stream().map(int[]::clone).toList();
    this.types = List.copyOf(types);
    this.tables = List.copyOf(tables);
    this.original = original;
  }

  @Override
  protected RelDataType deriveRowType() {
    return original.getRowType();
  }

  /** The same node standing for {@code original} (the aggregate under its group guard). */
  EngineHashAggregate withOriginal(EnumerableRel original) {
    return new EngineHashAggregate(
        getInput(), keys, calls, sets, groupings, types, tables, original);
  }

  @Override
  public EngineNode node(List<RelNode> fallbacks) {
    return node(fallbacks, null);
  }

  /** Whether this aggregate groups by its keys alone, with no grouping sets. */
  boolean plainGroups() {
    return sets.isEmpty();
  }

  /** The input column of group key {@code g}, or -1 when output column {@code g} is a call. */
  int keyColumn(int g) {
    return g < keys.length ? keys[g] : -1;
  }

  /**
   * As {@link #node(List)}, with {@code input} as its input's node when not null: the input with a
   * key filter of a join above placed in it ({@link KeyFilterPlacement}).
   */
  EngineNode node(List<RelNode> fallbacks, @Nullable EngineNode input) {
    EngineNode in = input != null ? input : EngineRel.nodeOf(getInput(), fallbacks);
    int[] k = keys.clone();
    List<AggregateCall> c = calls;
    String subject = MemoryLimitExceededException.subject(tables);
    if (!sets.isEmpty()) {
      // grouping sets run on one thread: one pass feeding a key table per set
      List<int[]> s = sets;
      List<int[]> g = groupings;
      return run -> new GroupingSetsAggregate(in.open(run), k, s, c, g, run.query(), subject);
    }
    EngineScan scan = ParallelScanAggregate.scanOf(getInput());
    int after = ParallelScanAggregate.piecesAfterScan(getInput());
    List<ColumnType> inputTypes = ((EngineRel) getInput()).types();
    boolean partial = ParallelAggregate.mergeable(c, inputTypes);
    // a floating sum is the sum of its pieces' sums on one thread too, so threads do not change it
    boolean byPiece = partial && ParallelAggregate.byPiece(c, inputTypes);
    List<ColumnType> t = types;
    return run ->
        scan != null && (run.threads() > 1 || byPiece)
            ? new ParallelScanAggregate(run, scan, in, inputTypes, k, c, subject, t, after)
            : new HashAggregate(in.open(run), k, c, run.query(), subject);
  }

  /**
   * How this aggregate runs on several threads: {@code partial} when workers aggregate their pieces
   * and the partial groups merge exactly, {@code input} when workers run only its input pipeline
   * (filters, projections, join probes over one scan) and it aggregates their rows in the serial
   * order, null when its input is not such a pipeline or it has grouping sets.
   */
  private @Nullable String parallel() {
    if (!sets.isEmpty() || ParallelScanAggregate.scanOf(getInput()) == null) {
      return null;
    }
    return ParallelAggregate.mergeable(calls, ((EngineRel) getInput()).types())
        ? "partial"
        : "input";
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
    return new EngineHashAggregate(
        sole(inputs), keys, calls, sets, groupings, types, tables, original);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("group", Arrays.toString(keys))
        .itemIf("sets", sets.stream().map(Arrays::toString).toList(), !sets.isEmpty())
        .item("calls", calls.stream().map(AggregateCall::name).toList())
        .itemIf("grouping", groupings.stream().map(Arrays::toString).toList(), !groupings.isEmpty())
        .itemIf("parallel", parallel(), parallel() != null);
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
