package dev.bucketsql.calcite.run;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.join.HashJoin;
import dev.bucketsql.engine.join.JoinType;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import dev.bucketsql.format.ColumnBatch.Kind;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
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
 * the pairs whose keys match ({@code residual=[<>($1, $3)]}), and where its built keys filter the
 * input of an aggregate on its probe side ({@code filters=[$0 below]}: that input column) or the
 * scan under its probe side ({@code filters=[at $0 of lineitem (scan)]}, {@link ScanKeyFilters}).
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

  /** Per output column, whether a node above reads it ({@link ColumnUse}); null: every one. */
  private final boolean @Nullable [] read;

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
    this(
        left,
        right,
        type,
        build,
        leftKeys,
        rightKeys,
        nullSafe,
        residual,
        residualMaker,
        tables,
        original,
        null);
  }

  private EngineHashJoin(
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
      EnumerableRel original,
      boolean @Nullable [] read) {
    super(left.getCluster(), original.getTraitSet(), left, right);
    this.read = read == null ? null : read.clone();
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
    return node(fallbacks, null, null, List.of(), List.of());
  }

  /**
   * As {@link #node(List)}, with the keys of joins above ({@code leftPending}, {@code
   * rightPending}, by column of that input) on their way down to the scan of that input they filter
   * ({@link ScanKeyFilters}); this join's own keys join them on the way down its probe side when
   * they filter a scan there. {@code leftInput} or {@code rightInput}, when not null, makes the
   * node of that input from the keys on their way down it: the input with a key filter of a join
   * above placed in it ({@link KeyFilterPlacement}), which never passes through a join that has an
   * aggregate target of its own.
   */
  EngineNode node(
      List<RelNode> fallbacks,
      @Nullable Function<List<ScanKeyFilters.Pending>, EngineNode> leftInput,
      @Nullable Function<List<ScanKeyFilters.Pending>, EngineNode> rightInput,
      List<ScanKeyFilters.Pending> leftPending,
      List<ScanKeyFilters.Pending> rightPending) {
    JoinType t = type;
    HashJoin.Build b = build;
    String subject = MemoryLimitExceededException.subject(tables);
    boolean buildLeft = b == HashJoin.Build.LEFT;
    // the built keys filter the rows under an aggregate on the probe side grouped by the key
    KeyFilterTarget target = keyFilterTarget();
    // else the scan under the probe side
    ScanTarget scanTarget = target != null ? null : scanFilterTarget();
    Object token = target == null && scanTarget == null ? null : new Object();
    int filterKey = target != null ? target.key() : scanTarget != null ? scanTarget.key() : -1;
    List<ScanKeyFilters.Pending> lp = new ArrayList<>(leftPending);
    List<ScanKeyFilters.Pending> rp = new ArrayList<>(rightPending);
    if (scanTarget != null) {
      (buildLeft ? rp : lp).add(new ScanKeyFilters.Pending(scanTarget.column(), token));
    }
    EngineNode leftNode =
        leftInput != null
            ? leftInput.apply(lp)
            : target != null && !buildLeft
                ? target.node(fallbacks, token)
                : ScanKeyFilters.node(getLeft(), fallbacks, lp);
    EngineNode rightNode =
        rightInput != null
            ? rightInput.apply(rp)
            : target != null && buildLeft
                ? target.node(fallbacks, token)
                : ScanKeyFilters.node(getRight(), fallbacks, rp);
    // the side held in memory is read whole: on every thread where it is a scan's pipeline
    EngineNode l =
        buildLeft ? ParallelScanRows.over(getLeft(), leftNode, HeldBy.JOIN, subject) : leftNode;
    EngineNode r =
        buildLeft ? rightNode : ParallelScanRows.over(getRight(), rightNode, HeldBy.JOIN, subject);
    int[] lk = leftKeys.clone();
    int[] rk = rightKeys.clone();
    boolean[] ns = nullSafe.clone();
    ExprTranslator.Maker m = residualMaker;
    boolean[] reads = read;
    SharedJoin share =
        new SharedJoin(
            buildLeft ? l : r,
            probe().types(),
            lk,
            rk,
            ns,
            m,
            t,
            b,
            subject,
            token,
            filterKey,
            reads);
    boolean tracks = tracksMatches();
    List<ColumnType> outputTypes = types();
    EngineNode probeNode = buildLeft ? r : l;
    return run -> {
      HashJoin shared = run.sharedJoin(share);
      if (shared != null && tracks && run.afterScan()) {
        // every piece has probed (or will have, when the first batch is asked for); a join that
        // owes nothing, above this one in the pipeline, probes the rows owed as any piece's rows
        return shared.afterProbes(run.scanPieces(), run.join());
      }
      if (shared != null) {
        return shared.probing(probeNode.open(run), run.join());
      }
      EngineRun probeRun = run;
      if (tracks && run.sharesTables()) {
        // the table would spill, so the pieces cannot mark their matches in one table: the first
        // piece joins the whole probe side on its own, as one thread does, the others add nothing
        if (run.piece() != 0) {
          return Rows.empty(outputTypes);
        }
        probeRun = run.whole();
      }
      // a worker of a parallel pipeline reads a piece of the probe side, the whole build side
      Operator left = l.open(buildLeft ? run.whole() : probeRun);
      Operator right = r.open(buildLeft ? probeRun : run.whole());
      HashJoin join = hashJoin(left, right, lk, rk, ns, m, t, b, run.join(), subject, reads);
      if (token != null) {
        join.publishKeys(run.keyFilter(token), filterKey);
      }
      return join;
    };
  }

  /**
   * Whether every probe row this join emits matched a built row (INNER, SEMI, an outer join
   * preserving the built side only), so that a probe row whose key no built row has may be left out
   * before the join: the joins that may publish their built keys.
   */
  private boolean emitsOnlyMatchedProbeRows() {
    boolean buildLeft = build == HashJoin.Build.LEFT;
    boolean preservesProbe =
        buildLeft
            ? type == JoinType.RIGHT || type == JoinType.FULL
            : type == JoinType.LEFT || type == JoinType.FULL;
    return type != JoinType.ANTI && type != JoinType.MARK && !preservesProbe;
  }

  /**
   * Where this join's built keys can filter rows early: its probe side is an aggregate grouped by a
   * probe key (a LONG, not null-safe) and the join emits no probe row without a match (INNER, SEMI,
   * an outer join preserving the built side only), through projections that pass the key on as it
   * is and filters. A group whose key no built row has can never join, so the aggregate's input
   * rows of that key are dropped before they are grouped (TPC-H q20's sums of lineitem by part and
   * supplier, joined to the few parts named 'forest%'; q17's averages by part).
   */
  @Nullable KeyFilterTarget keyFilterTarget() {
    if (!emitsOnlyMatchedProbeRows()) {
      return null;
    }
    boolean buildLeft = build == HashJoin.Build.LEFT;
    int[] probeKeys = (buildLeft ? rightKeys : leftKeys).clone();
    RelNode probe = buildLeft ? getRight() : getLeft();
    List<EngineRel> path = new ArrayList<>();
    while (probe instanceof EngineProject || probe instanceof EngineFilter) {
      if (probe instanceof EngineProject project) {
        for (int i = 0; i < probeKeys.length; i++) {
          probeKeys[i] = probeKeys[i] < 0 ? -1 : project.inputColumnOf(probeKeys[i]);
        }
      }
      path.add((EngineRel) probe);
      probe = probe.getInput(0);
    }
    if (!(probe instanceof EngineHashAggregate aggregate) || !aggregate.plainGroups()) {
      return null;
    }
    int[] builtKeys = buildLeft ? leftKeys : rightKeys;
    List<ColumnType> builtTypes = ((EngineRel) (buildLeft ? getLeft() : getRight())).types();
    List<ColumnType> inputTypes = ((EngineRel) aggregate.getInput()).types();
    for (int i = 0; i < probeKeys.length; i++) {
      int column = probeKeys[i] < 0 ? -1 : aggregate.keyColumn(probeKeys[i]);
      if (!nullSafe[i]
          && column >= 0
          && Kind.of(inputTypes.get(column)) == Kind.LONG
          && Kind.of(builtTypes.get(builtKeys[i])) == Kind.LONG) {
        return new KeyFilterTarget(
            i, path, aggregate, column, KeyFilterPlacement.below(aggregate.getInput(), column));
      }
    }
    return null;
  }

  /**
   * Where this join's built keys can leave rows out in the scan under its probe side, when they
   * filter no aggregate there ({@link #keyFilterTarget}): the first key pair (a LONG on both sides,
   * not null-safe) whose probe column comes unchanged from a scan's ({@link
   * ScanKeyFilters#target}), for a join that emits no probe row without a match.
   */
  @Nullable ScanTarget scanFilterTarget() {
    if (!emitsOnlyMatchedProbeRows()) {
      return null;
    }
    boolean buildLeft = build == HashJoin.Build.LEFT;
    int[] probeKeys = buildLeft ? rightKeys : leftKeys;
    int[] builtKeys = buildLeft ? leftKeys : rightKeys;
    List<ColumnType> builtTypes = ((EngineRel) (buildLeft ? getLeft() : getRight())).types();
    List<ColumnType> probeTypes = probe().types();
    for (int i = 0; i < probeKeys.length; i++) {
      if (nullSafe[i]
          || Kind.of(builtTypes.get(builtKeys[i])) != Kind.LONG
          || Kind.of(probeTypes.get(probeKeys[i])) != Kind.LONG) {
        continue;
      }
      ScanKeyFilters.Target at = ScanKeyFilters.target(probe(), probeKeys[i]);
      if (at != null) {
        return new ScanTarget(i, probeKeys[i], at);
      }
    }
    return null;
  }

  /**
   * Key pair {@code key}, column {@code column} of the probe input, filters the scan of {@code at}.
   */
  record ScanTarget(int key, int column, ScanKeyFilters.Target at) {}

  /**
   * EXPLAIN's {@code filters=[$0 below]}: the aggregate input column the built keys filter, and
   * where the filter sits when that is deeper ({@code filters=[$0 below, at $0 of partsupp]}).
   */
  private @Nullable String filtersTerm() {
    KeyFilterTarget target = keyFilterTarget();
    if (target == null) {
      ScanTarget scanTarget = scanFilterTarget();
      return scanTarget == null ? null : scanTarget.at().term();
    }
    String term = "$" + target.column() + " below";
    return target.placement().deeper() ? term + ", at " + target.placement().term() : term;
  }

  /** The join's type. */
  JoinType joinType() {
    return type;
  }

  /**
   * Key pair {@code key} filters input column {@code column} of {@code aggregate}, which is under
   * the projections and filters of {@code path} (from the join's input down); the filter sits at
   * {@code placement} under the aggregate.
   */
  record KeyFilterTarget(
      int key,
      List<EngineRel> path,
      EngineHashAggregate aggregate,
      int column,
      KeyFilterPlacement placement) {
    /** The probe side's node, the aggregate's input filtered by the keys {@code token} names. */
    EngineNode node(List<RelNode> fallbacks, Object token) {
      EngineNode n = aggregate.node(fallbacks, placement.node(fallbacks, token));
      for (int i = path.size() - 1; i >= 0; i--) {
        n =
            path.get(i) instanceof EngineProject p
                ? p.over(n)
                : ((EngineFilter) path.get(i)).over(n);
      }
      return n;
    }
  }

  /**
   * The engine's join of {@code left} and {@code right}, with {@code residual} when not null,
   * writing only the output columns {@code read} flags when not null ({@link HashJoin#emitOnly}).
   */
  static HashJoin hashJoin(
      Operator left,
      Operator right,
      int[] leftKeys,
      int[] rightKeys,
      boolean[] nullSafe,
      ExprTranslator.@Nullable Maker residual,
      JoinType type,
      HashJoin.Build build,
      ExecContext context,
      String subject,
      boolean @Nullable [] read) {
    HashJoin join =
        residual == null
            ? new HashJoin(
                left, right, leftKeys, rightKeys, nullSafe, type, build, context, subject)
            : new HashJoin(
                left,
                right,
                leftKeys,
                rightKeys,
                nullSafe,
                residual::make,
                type,
                build,
                context,
                subject);
    if (read != null) {
      join.emitOnly(read);
    }
    return join;
  }

  /** The left input's key columns, for {@link ColumnUse}. */
  int[] leftKeys() {
    return leftKeys.clone();
  }

  /** The right input's key columns. */
  int[] rightKeys() {
    return rightKeys.clone();
  }

  /** The residual condition over the joined row, or null. */
  @Nullable RexNode residual() {
    return residual;
  }

  /**
   * This join over {@code left} and {@code right}, writing only the output columns {@code read}.
   */
  EngineHashJoin reading(RelNode left, RelNode right, boolean[] read) {
    return new EngineHashJoin(
        left,
        right,
        type,
        build,
        leftKeys,
        rightKeys,
        nullSafe,
        residual,
        residualMaker,
        tables,
        original,
        read);
  }

  /** The input probed a batch at a time: where a parallel pipeline continues down. */
  EngineRel probe() {
    return (EngineRel) (build == HashJoin.Build.LEFT ? getRight() : getLeft());
  }

  /**
   * Whether the join tracks which built rows matched: in a parallel pipeline its workers mark their
   * matches in the one shared table, and the build rows it owes come in a piece after the scan's.
   */
  boolean tracksMatches() {
    return SharedJoin.tracksMatches(type, build);
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
        original,
        read);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    List<String> keys = new ArrayList<>();
    String filters = filtersTerm();
    int width = getLeft().getRowType().getFieldCount();
    for (int i = 0; i < leftKeys.length; i++) {
      keys.add(leftKeys[i] + (nullSafe[i] ? " <=> " : " = ") + (width + rightKeys[i]));
    }
    return super.explainTerms(pw)
        .item("type", type.name().toLowerCase(Locale.ROOT))
        .item("build", build.name().toLowerCase(Locale.ROOT))
        .item("keys", keys)
        .itemIf("residual", residual, residual != null)
        .itemIf("filters", filters, filters != null);
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
