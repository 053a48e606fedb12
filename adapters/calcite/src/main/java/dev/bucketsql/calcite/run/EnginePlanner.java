package dev.bucketsql.calcite.run;

import dev.bucketsql.calcite.rel.BucketGroupGuard;
import dev.bucketsql.calcite.rel.BucketMarkJoin;
import dev.bucketsql.calcite.rel.BucketMemoryGuard;
import dev.bucketsql.calcite.rel.BucketScanAggregate;
import dev.bucketsql.calcite.rel.BucketTableScan;
import dev.bucketsql.calcite.rel.RowEstimates;
import dev.bucketsql.engine.join.HashJoin;
import dev.bucketsql.engine.join.JoinType;
import dev.bucketsql.engine.join.KeyFilter;
import dev.bucketsql.engine.sort.Limit;
import dev.bucketsql.engine.sort.SortKey;
import dev.bucketsql.format.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.adapter.enumerable.EnumerableLimitSort;
import org.apache.calcite.adapter.enumerable.EnumerableNestedLoopJoin;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.adapter.enumerable.EnumerableValues;
import org.apache.calcite.adapter.enumerable.EnumerableWindow;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.Program;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Chooses, after {@link dev.bucketsql.calcite.rel.BucketPlanRewriter}, the nodes the engine runs:
 * bottom up, a calc, hash join (the fused {@code BucketMarkJoin} too, as a semi- or anti-join
 * building its left input), aggregate, sort, limit, window or set operation ({@link
 * SetOperationTranslator}) becomes an engine node when the engine computes exactly what it computes
 * (types, values, errors) and at least one of its inputs is an engine node or a table scan; a
 * nested-loop join does whatever its inputs, since the engine reads its right input once.
 * Everything else stays enumerable; an enumerable input of an engine node is read through an {@link
 * EngineRowSource}. The fused aggregates ({@code BucketScanAggregate}, {@code BucketJoinAggregate})
 * are kept, but for a fused scan aggregate on the probe side of a join whose few built keys can
 * filter its input ({@link #filteringJoin}) and for one any engine node reads ({@link
 * #engineInput}), which runs as the engine's aggregate on the workers.
 *
 * <p>A fixed pass over the chosen plan, as the rewriter is: predictable and visible in EXPLAIN.
 * Each engine node keeps the enumerable plan it replaced, which runs with {@code engine=false}.
 */
public final class EnginePlanner implements Program {
  /**
   * How many times the estimated rows of the side it would build instead a join may hold so that
   * its keys filter the aggregate on the other side ({@link #keysFirst}). Past that the keys are
   * probably most of the aggregate's too (TPC-H q20's 10,000 suppliers against the 500 groups of
   * their keys estimated on the other side): the filter would drop little and the table be larger.
   */
  private static final double MAX_FLIP = 4;

  @Override
  public RelNode run(
      RelOptPlanner planner,
      RelNode rel,
      RelTraitSet requiredOutputTraits,
      List<RelOptMaterialization> materializations,
      List<RelOptLattice> lattices) {
    return rewrite(rel);
  }

  /**
   * {@code rel} with the nodes the engine runs replaced by engine nodes, a subplan held twice in
   * one engine subtree computed once ({@link SharedSubplans}).
   */
  public static RelNode rewrite(RelNode rel) {
    return SharedSubplans.share(withOperators(engineNodes(rel)));
  }

  /**
   * {@code rel} where each engine subtree that holds no join, aggregate, sort, limit or set
   * operation but {@code UNION ALL} (only scans with their filters and projections, concatenated)
   * is the enumerable plan it replaced again: Calcite's code filters a scan's rows as fast, and
   * turning batches into rows at the top would only add work.
   */
  private static RelNode withOperators(RelNode rel) {
    return withOperators(rel, false);
  }

  /** As above, {@code underEngine} when {@code rel}'s parent is an engine node. */
  private static RelNode withOperators(RelNode rel, boolean underEngine) {
    if (rel instanceof EngineRel engine && !underEngine && !operates(rel)) {
      // the subtree of such a top holds scans, filters and projections only, straight over
      // table scans (a calc over anything else stays enumerable), so its enumerable plan is whole
      return engine.original();
    }
    // below a row source, an enumerable subtree again
    boolean engineInputs = rel instanceof EngineRel && !(rel instanceof EngineRowSource);
    List<RelNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (RelNode input : rel.getInputs()) {
      RelNode kept = withOperators(input, engineInputs);
      changed |= kept != input;
      inputs.add(kept);
    }
    return changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
  }

  private static boolean operates(RelNode rel) {
    if (rel instanceof EngineHashJoin
        || rel instanceof EngineNestedLoopJoin
        || rel instanceof EngineHashAggregate
        || rel instanceof EngineSort
        || rel instanceof EngineSetOperation s && s.holdsRows()
        || rel instanceof EngineWindow) {
      return true;
    }
    if (!(rel instanceof EngineRel) || rel instanceof EngineRowSource) {
      return false;
    }
    for (RelNode input : rel.getInputs()) {
      if (operates(input)) {
        return true;
      }
    }
    return false;
  }

  private static RelNode engineNodes(RelNode rel) {
    List<RelNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (RelNode input : rel.getInputs()) {
      RelNode rewritten = engineNodes(input);
      changed |= rewritten != input;
      inputs.add(rewritten);
    }
    RelNode engine = toEngine(rel, inputs);
    if (engine != null) {
      return engine;
    }
    return changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
  }

  /** The engine node for {@code rel} over its rewritten {@code inputs}, or null. */
  private static @Nullable RelNode toEngine(RelNode rel, List<RelNode> inputs) {
    if (!(rel instanceof EnumerableRel original)) {
      return null;
    }
    if (rel instanceof EnumerableNestedLoopJoin join) {
      // worth it over any inputs: the engine reads the right input once, where Calcite's join
      // enumerates it again (a scan reads its object again) for every left row
      return nestedLoopJoin(join, inputs.get(0), inputs.get(1));
    }
    if (rel instanceof EnumerableValues values) {
      // constant rows: an engine node only under another one (a top of its own goes back)
      return EngineValues.of(values);
    }
    if (!worthIt(inputs)) {
      return null;
    }
    RelNode setOperation = SetOperationTranslator.toEngine(rel, inputs);
    if (setOperation != null) {
      return setOperation;
    }
    if (rel instanceof EnumerableCalc calc) {
      return calc(calc, inputs.get(0));
    }
    if (rel instanceof EnumerableHashJoin join) {
      // the hash table holds the smaller side, by the same estimates the rewriter uses
      boolean buildLeft = RowEstimates.rows(join.getLeft()) < RowEstimates.rows(join.getRight());
      RelNode engine = filteringJoin(join, inputs.get(0), inputs.get(1), buildLeft);
      if (engine instanceof EngineHashJoin j && j.keyFilterTarget() != null) {
        return engine;
      }
      return keysFirst(join, inputs.get(0), inputs.get(1), buildLeft, engine);
    }
    if (rel instanceof BucketMarkJoin join) {
      // the rewriter chose it to hold the smaller left input and stream the right: the engine's
      // semi- or anti-join building its left input does the same, a batch at a time
      return filteringJoin(join, inputs.get(0), inputs.get(1), true);
    }
    if (rel instanceof BucketGroupGuard guard
        && inputs.get(0) instanceof EngineHashAggregate engine) {
      // the engine counts the groups itself; with the engine off, the guarded aggregate runs
      return engine.withOriginal(guard);
    }
    if (rel instanceof BucketGroupGuard guard
        && inputs.get(0) instanceof EngineProject literals
        && literals.getInput() instanceof EngineHashAggregate
        && literals.original() == guard.getInput()) {
      // the same over an aggregate with literal calls, which a projection adds
      return literals.withOriginal(guard);
    }
    if (rel instanceof EnumerableAggregate aggregate) {
      return AggregateTranslator.translate(aggregate, engineInput(inputs.get(0)), original);
    }
    if (rel instanceof EnumerableSort
        || rel instanceof EnumerableLimitSort
        || rel instanceof EnumerableLimit) {
      return sort(rel, inputs.get(0), original);
    }
    if (rel instanceof EnumerableWindow window) {
      return WindowTranslator.translate(window, engineInput(inputs.get(0)));
    }
    return null;
  }

  /** Whether an engine node over {@code inputs} reads at least one engine input or table scan. */
  private static boolean worthIt(List<RelNode> inputs) {
    for (RelNode input : inputs) {
      RelNode i = unguarded(input);
      if (i instanceof EngineRel || i instanceof BucketTableScan) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code input} without the memory guard the rewriter put over it: engine operators count their
   * own memory.
   */
  private static RelNode unguarded(RelNode input) {
    return input instanceof BucketMemoryGuard guard ? guard.getInput() : input;
  }

  /**
   * {@code input} as an engine node: itself, an engine scan, or a row source; null when none fits.
   */
  static @Nullable EngineRel engineInput(RelNode input) {
    RelNode i = unguarded(input);
    if (i instanceof EngineRel engine) {
      return engine;
    }
    if (i instanceof BucketTableScan scan) {
      EngineScan s = EngineScan.of(scan);
      if (s != null) {
        return s;
      }
    }
    if (withEngineAggregate(i) instanceof EngineRel engine) {
      // a fused scan aggregate reads and groups on one thread and hands its groups on as rows; the
      // engine's reads and groups the pieces on every worker and hands on batches (TPC-H q18's 1.5
      // million orders summed over lineitem took half the query's time fused)
      return engine;
    }
    return EngineRowSource.over(i);
  }

  private static @Nullable RelNode calc(EnumerableCalc calc, RelNode rewrittenInput) {
    EngineRel input = engineInput(rewrittenInput);
    if (input == null) {
      return null;
    }
    RexProgram program = calc.getProgram();
    List<ColumnType> outTypes = EngineTypes.of(calc.getRowType().getFieldList());
    if (outTypes == null) {
      return null;
    }
    ExprTranslator.Maker condition = null;
    RexNode conditionNode = null;
    if (program.getCondition() != null) {
      conditionNode = withoutNotNullCast(program.expandLocalRef(program.getCondition()));
      // the plan's lazy ANDs as conjuncts the filter narrows one after the other (the plan shows
      // the condition as it was)
      RexBuilder rex = calc.getCluster().getRexBuilder();
      condition =
          new ExprTranslator(rex, input.types()).translate(FilterConjuncts.of(rex, conditionNode));
      if (condition == null) {
        return null;
      }
    }
    List<RexNode> exprs = new ArrayList<>();
    for (RexLocalRef ref : program.getProjectList()) {
      exprs.add(program.expandLocalRef(ref));
    }
    List<ExprTranslator.Maker> makers = new ArrayList<>();
    CommonSubexpressions common = CommonSubexpressions.of(exprs);
    ExprTranslator translator =
        new ExprTranslator(calc.getCluster().getRexBuilder(), input.types()).sharing(common);
    boolean identity = program.getProjectList().size() == input.types().size();
    for (int i = 0; i < exprs.size(); i++) {
      RexNode e = exprs.get(i);
      ExprTranslator.Maker m = translator.translate(e);
      if (m == null) {
        return null;
      }
      identity &= e instanceof RexInputRef ref && ref.getIndex() == i;
      makers.add(m);
    }
    if (condition == null
        && input instanceof EngineScan scan
        && exprs.stream().allMatch(e -> e instanceof RexInputRef)) {
      // a calc that only picks columns of a scan: the scan reads just those
      int[] under = scan.scanColumns();
      int[] columns = exprs.stream().mapToInt(e -> under[((RexInputRef) e).getIndex()]).toArray();
      EngineScan narrowed = EngineScan.of(scan.scan(), columns, calc.getRowType(), calc);
      if (narrowed != null) {
        return narrowed;
      }
    }
    RelNode below = input;
    if (condition != null) {
      below = new EngineFilter(input, conditionNode, condition, identity ? calc : null);
    }
    if (identity && condition != null) {
      return below;
    }
    return new EngineProject(below, exprs, makers, common, outTypes, calc);
  }

  /**
   * A condition without an outer cast that only declares it NOT NULL: a filter keeps the rows where
   * it is TRUE, so NULL and FALSE (what Calcite's code reads a NULL as under the cast) both drop
   * the row.
   */
  private static RexNode withoutNotNullCast(RexNode condition) {
    if (condition instanceof RexCall cast
        && cast.getKind() == SqlKind.CAST
        && cast.getType().getSqlTypeName() == SqlTypeName.BOOLEAN
        && cast.getOperands().get(0).getType().getSqlTypeName() == SqlTypeName.BOOLEAN) {
      return cast.getOperands().get(0);
    }
    return condition;
  }

  /**
   * The engine's join, where a fused scan aggregate on the probe side (under projections and
   * filters) runs as the engine's aggregate when that lets the built keys filter its input rows
   * ({@link EngineHashJoin#keyFilterTarget}): only when the built side is estimated at no more rows
   * than a key filter holds, so the filter is published and leaves out most of the input. The fused
   * aggregate reads its rows on one thread and stays where the filter would not apply.
   */
  private static @Nullable RelNode filteringJoin(
      Join join, RelNode left, RelNode right, boolean buildLeft) {
    RelNode built = buildLeft ? join.getLeft() : join.getRight();
    RelNode probe = buildLeft ? right : left;
    RelNode unfused =
        RowEstimates.rows(built) <= KeyFilter.MAX_KEYS ? withEngineAggregate(probe) : null;
    if (unfused != null) {
      RelNode filtering =
          join(join, buildLeft ? left : unfused, buildLeft ? unfused : right, buildLeft);
      if (filtering instanceof EngineHashJoin j && j.keyFilterTarget() != null) {
        return filtering;
      }
    }
    return join(join, left, right, buildLeft);
  }

  /**
   * The join building its other input instead, when that input is estimated at no more rows than a
   * key filter holds and its built keys then filter the rows under an aggregate grouped by the key
   * on this side ({@link EngineHashJoin#keyFilterTarget}); else {@code chosen}. A decorrelated
   * subquery's aggregate, grouped by the correlated key, is joined back to the outer rows (TPC-H
   * q02's minimum cost per part, over all of partsupp, joined to the 460 rows of the parts the
   * outer query keeps): held in the hash table as the smaller side, it groups every key; probing it
   * against the outer rows' keys instead, it groups only theirs, the rows of other keys dropped as
   * they are read. The side built is then no larger than the filter allows, and the aggregate's
   * groups probing it no more than its keys.
   */
  private static @Nullable RelNode keysFirst(
      EnumerableHashJoin join,
      RelNode left,
      RelNode right,
      boolean buildLeft,
      @Nullable RelNode chosen) {
    double other = RowEstimates.rows(buildLeft ? join.getRight() : join.getLeft());
    double built = RowEstimates.rows(buildLeft ? join.getLeft() : join.getRight());
    if (chosen == null || other > KeyFilter.MAX_KEYS || other > MAX_FLIP * built) {
      return chosen;
    }
    RelNode flipped = filteringJoin(join, left, right, !buildLeft);
    return flipped instanceof EngineHashJoin j && j.keyFilterTarget() != null ? flipped : chosen;
  }

  /**
   * {@code rel}, projections and filters over a fused scan aggregate, with the engine's aggregate
   * in place of the fused one; null when {@code rel} is no such plan or a part does not translate.
   */
  private static @Nullable RelNode withEngineAggregate(RelNode rel) {
    RelNode r = unguarded(rel);
    if (r instanceof BucketScanAggregate fused) {
      RelNode engine = engineNodes(fused.unfused());
      return engine instanceof EngineHashAggregate ? engine : null;
    }
    if (r instanceof EnumerableCalc calc) {
      RelNode input = withEngineAggregate(calc.getInput());
      return input == null ? null : calc(calc, input);
    }
    return null;
  }

  private static @Nullable RelNode join(Join join, RelNode left, RelNode right, boolean buildLeft) {
    JoinType type = joinType(join.getJoinType());
    EngineRel l = engineInput(left);
    EngineRel r = engineInput(right);
    if (type == null || l == null || r == null) {
      return null;
    }
    int leftCount = join.getLeft().getRowType().getFieldCount();
    List<Integer> leftKeys = new ArrayList<>();
    List<Integer> rightKeys = new ArrayList<>();
    List<Boolean> nullSafe = new ArrayList<>();
    List<RexNode> remainder = new ArrayList<>();
    for (RexNode conjunct : conjuncts(join.getCondition())) {
      if (!(conjunct instanceof RexCall call)
          || call.getKind() != SqlKind.EQUALS && call.getKind() != SqlKind.IS_NOT_DISTINCT_FROM
          || !(call.getOperands().get(0) instanceof RexInputRef a)
          || !(call.getOperands().get(1) instanceof RexInputRef b)) {
        // not a key: evaluated over the joined row for the pairs whose keys match
        remainder.add(withoutNotNullCast(conjunct));
        continue;
      }
      int x = Math.min(a.getIndex(), b.getIndex());
      int y = Math.max(a.getIndex(), b.getIndex()) - leftCount;
      ColumnType lt = x < leftCount && y >= 0 ? l.types().get(x) : null;
      if (lt == null || lt != r.types().get(y) || !EngineTypes.comparable(lt)) {
        remainder.add(conjunct);
        continue;
      }
      leftKeys.add(x);
      rightKeys.add(y);
      nullSafe.add(call.getKind() == SqlKind.IS_NOT_DISTINCT_FROM);
    }
    if (leftKeys.isEmpty()) {
      return null;
    }
    boolean[] nullsMatch = new boolean[nullSafe.size()];
    for (int i = 0; i < nullsMatch.length; i++) {
      nullsMatch[i] = nullSafe.get(i);
    }
    if (type == JoinType.MARK && nullSafe.contains(true)) {
      return null;
    }
    RexNode residual = null;
    ExprTranslator.Maker residualMaker = null;
    if (!remainder.isEmpty()) {
      List<ColumnType> both = new ArrayList<>(l.types());
      both.addAll(r.types());
      // Calcite's join evaluates the remainder as one predicate, the conjuncts left to right
      residual = RexUtil.composeConjunction(join.getCluster().getRexBuilder(), remainder);
      residualMaker =
          new ExprTranslator(join.getCluster().getRexBuilder(), both).translate(residual);
      if (residualMaker == null) {
        return null;
      }
    }
    return new EngineHashJoin(
        l,
        r,
        type,
        buildLeft ? HashJoin.Build.LEFT : HashJoin.Build.RIGHT,
        leftKeys.stream().mapToInt(Integer::intValue).toArray(),
        rightKeys.stream().mapToInt(Integer::intValue).toArray(),
        nullsMatch,
        residual,
        residualMaker,
        BucketMemoryGuard.tables(buildLeft ? join.getLeft() : join.getRight()),
        (EnumerableRel) join);
  }

  private static @Nullable RelNode nestedLoopJoin(
      EnumerableNestedLoopJoin join, RelNode left, RelNode right) {
    JoinType type = joinType(join.getJoinType());
    EngineRel l = engineInput(left);
    EngineRel r = engineInput(right);
    if (type == null || l == null || r == null || !join.getVariablesSet().isEmpty()) {
      return null;
    }
    List<ColumnType> both = new ArrayList<>(l.types());
    both.addAll(r.types());
    List<ColumnType> outTypes = EngineTypes.of(join.getRowType().getFieldList());
    if (outTypes == null || !outTypes.equals(type.outputsRight() ? both : l.types())) {
      return null;
    }
    RexNode condition = withoutNotNullCast(join.getCondition());
    ExprTranslator.Maker maker = null;
    if (!condition.isAlwaysTrue()) {
      maker = new ExprTranslator(join.getCluster().getRexBuilder(), both).translate(condition);
      if (maker == null) {
        return null;
      }
    }
    return new EngineNestedLoopJoin(
        l, r, type, join.getCondition(), maker, BucketMemoryGuard.tables(join.getRight()), join);
  }

  private static @Nullable JoinType joinType(JoinRelType type) {
    return switch (type) {
      case INNER -> JoinType.INNER;
      case LEFT -> JoinType.LEFT;
      case RIGHT -> JoinType.RIGHT;
      case FULL -> JoinType.FULL;
      case SEMI -> JoinType.SEMI;
      case ANTI -> JoinType.ANTI;
      default -> null;
    };
  }

  private static List<RexNode> conjuncts(RexNode condition) {
    if (condition instanceof RexCall call && call.getKind() == SqlKind.AND) {
      List<RexNode> all = new ArrayList<>();
      for (RexNode o : call.getOperands()) {
        all.addAll(conjuncts(o));
      }
      return all;
    }
    return List.of(condition);
  }

  private static @Nullable RelNode sort(
      RelNode rel, RelNode rewrittenInput, EnumerableRel original) {
    EngineRel input = engineInput(rewrittenInput);
    if (input == null) {
      return null;
    }
    // an EnumerableLimit is no Sort: offset and fetch without order
    RexNode offsetNode = rel instanceof EnumerableLimit limit ? limit.offset : ((Sort) rel).offset;
    RexNode fetchNode = rel instanceof EnumerableLimit limit ? limit.fetch : ((Sort) rel).fetch;
    long offset = offsetNode == null ? 0 : constant(offsetNode);
    long fetch = fetchNode == null ? Limit.ALL : constant(fetchNode);
    if (offset < 0 || fetch < 0) {
      return null;
    }
    RelCollation collation = rel instanceof Sort sort ? sort.getCollation() : null;
    List<SortKey> keys = collation == null ? List.of() : sortKeys(collation, input.types());
    if (keys == null) {
      return null;
    }
    if (!keys.isEmpty()
        && (offset != 0 || fetch != Limit.ALL)
        && offset + fetch >= Integer.MAX_VALUE / 2) {
      return null;
    }
    if (keys.isEmpty() && offset == 0 && fetch == Limit.ALL) {
      return null;
    }
    return new EngineSort(
        input, keys, offset, fetch, BucketMemoryGuard.tables(rel.getInput(0)), original);
  }

  /**
   * The engine's sort keys for {@code collation} over columns of {@code types}, or null where a
   * key's direction or type is not the engine's; shared by sorts and windows.
   */
  static @Nullable List<SortKey> sortKeys(RelCollation collation, List<ColumnType> types) {
    List<SortKey> keys = new ArrayList<>();
    for (RelFieldCollation f : collation.getFieldCollations()) {
      boolean descending;
      switch (f.getDirection()) {
        case ASCENDING -> descending = false;
        case DESCENDING -> descending = true;
        default -> {
          return null;
        }
      }
      int c = f.getFieldIndex();
      if (c >= types.size() || !EngineTypes.comparable(types.get(c))) {
        return null;
      }
      // Calcite's comparator puts NULLs first only when asked; UNSPECIFIED is last
      keys.add(
          new SortKey(c, descending, f.nullDirection == RelFieldCollation.NullDirection.FIRST));
    }
    return keys;
  }

  /** A non-negative integer literal, else -1. */
  private static long constant(RexNode node) {
    if (!(node instanceof RexLiteral literal)) {
      return -1;
    }
    BigDecimal v = literal.getValueAs(BigDecimal.class);
    if (v == null || v.signum() < 0) {
      return -1;
    }
    try {
      return v.longValueExact();
    } catch (ArithmeticException e) {
      return -1;
    }
  }
}
