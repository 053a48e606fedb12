package dev.bucketsql.calcite.rel;

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
import org.apache.calcite.adapter.enumerable.EnumerableRepeatUnion;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.adapter.enumerable.EnumerableValues;
import org.apache.calcite.adapter.enumerable.EnumerableWindow;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.tools.Program;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The last step of planning a BucketSQL statement, over the physical plan Calcite chose:
 *
 * <ul>
 *   <li>an aggregate over an inner equi-join of two table scans becomes a {@link
 *       BucketJoinAggregate} when {@link JoinAggregateMatcher} can compute it exactly;
 *   <li>an aggregate over one table scan becomes a {@link BucketScanAggregate} when it can compute
 *       it exactly;
 *   <li>any other inner {@code EnumerableHashJoin} whose right input is clearly bigger than its
 *       left (by {@link RowEstimates}: table row counts through filters, joins and aggregates) gets
 *       its inputs swapped, with a projection restoring the column order: Calcite's hash join holds
 *       its right input in memory, so it should be the smaller one;
 *   <li>a semi- or anti-join on keys whose right input holds clearly more distinct keys than its
 *       left has rows becomes a {@link BucketMarkJoin}, which holds its left input (under a {@link
 *       BucketMemoryGuard}) and streams the right one, without a grouping that only made the right
 *       keys distinct;
 *   <li>the right input of every remaining {@code EnumerableHashJoin} and {@code
 *       EnumerableNestedLoopJoin}, the one held whole in memory, goes under a {@link
 *       BucketMemoryGuard}, so it too is bounded by {@code joinMemory} (else {@code queryMemory});
 *   <li>a sort with a constant {@code LIMIT} ({@code EnumerableLimit} over {@code EnumerableSort},
 *       which sorts its whole input) becomes an {@code EnumerableLimitSort}, which keeps only
 *       offset + fetch rows while it reads;
 *   <li>the input of every sort and of every {@code EnumerableWindow}, which hold all their input
 *       rows, goes under a {@link BucketMemoryGuard} bounded by {@code queryMemory} (for a sort
 *       with a limit, only past offset + fetch rows);
 *   <li>every remaining {@code EnumerableAggregate} that holds groups (a GROUP BY, or calls that
 *       keep their values) goes under a {@link BucketGroupGuard}, which counts its groups against
 *       {@code queryMemory}; the fused aggregates count theirs themselves; one over grouping sets
 *       that include {@code ()} keeps that set's row over no row ({@link GrandTotalRow});
 *   <li>a long list of constant rows (a long {@code IN} list becomes a join with them) is handed to
 *       the generated code as one list ({@link BucketValues}), not written into it;
 *   <li>every set operation Calcite runs on hash sets ({@code UNION} without {@code ALL}, {@code
 *       EXCEPT}, {@code INTERSECT}) goes under a {@link BucketSetGuard}, which counts the distinct
 *       rows it holds against {@code queryMemory}.
 * </ul>
 *
 * <p>A rewrite over the chosen plan rather than a cost-based rule: the shapes are the ones Calcite
 * produces after its own rules ran (aggregate calls reduced, projections merged into calcs), and a
 * fixed pass keeps the choice predictable and visible in EXPLAIN.
 */
public final class BucketPlanRewriter implements Program {
  /** Swap a hash join's inputs when the right one is estimated this many times the left. */
  private static final double SWAP_RATIO = 1.5;

  @Override
  public RelNode run(
      RelOptPlanner planner,
      RelNode rel,
      RelTraitSet requiredOutputTraits,
      List<RelOptMaterialization> materializations,
      List<RelOptLattice> lattices) {
    return rewrite(rel);
  }

  /** {@code rel} with the rewrites above applied, top down. */
  public static RelNode rewrite(RelNode rel) {
    if (rel instanceof EnumerableAggregate aggregate) {
      // with pushdown off, a fused operator runs this instead: Calcite's aggregate, guarded
      EnumerableRel unfused = (EnumerableRel) rewriteInputs(aggregate);
      RelNode fused = JoinAggregateMatcher.match(aggregate, unfused);
      if (fused == null) {
        fused = BucketScanAggregate.match(aggregate, unfused);
      }
      return fused != null ? fused : unfused;
    }
    if (rel instanceof EnumerableValues values) {
      return BucketValues.over(values);
    }
    if (rel instanceof EnumerableHashJoin join) {
      RelNode mark = BucketMarkJoin.instead(join, SWAP_RATIO);
      if (mark != null) {
        return rewriteInputs(mark);
      }
    }
    RelNode topN = limitSort(rel);
    return rewriteInputs(topN != null ? topN : rel);
  }

  /** {@code rel} over its rewritten inputs, then guarded if it holds what it reads. */
  private static RelNode rewriteInputs(RelNode rel) {
    List<RelNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (RelNode input : rel.getInputs()) {
      RelNode rewritten = rewrite(input);
      changed |= rewritten != input;
      inputs.add(rewritten);
    }
    RelNode result = changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
    if (result instanceof EnumerableHashJoin join) {
      return guarded(smallerSideRight(join));
    }
    if (result instanceof BucketMarkJoin join && !(join.getLeft() instanceof BucketMemoryGuard)) {
      return join.copy(
          join.getTraitSet(),
          join.getCondition(),
          BucketMemoryGuard.over(join.getLeft()),
          join.getRight(),
          join.getJoinType(),
          false);
    }
    if (result instanceof EnumerableNestedLoopJoin join) {
      return guarded(rowsOfTheirOwn(join));
    }
    if (result instanceof EnumerableAggregate aggregate) {
      return GrandTotalRow.kept(aggregate, BucketGroupGuard.over(aggregate));
    }
    if (result instanceof SetOp) {
      return BucketSetGuard.over(result);
    }
    if (result instanceof EnumerableRepeatUnion recursive
        && !(recursive.getIterativeRel() instanceof BucketMemoryGuard)) {
      return recursive.copy(
          recursive.getTraitSet(),
          List.of(
              recursive.getSeedRel(),
              BucketMemoryGuard.overRecursion(recursive.getIterativeRel())));
    }
    if ((result instanceof EnumerableSort || result instanceof EnumerableLimitSort)
        && !(result.getInput(0) instanceof BucketMemoryGuard)) {
      Sort sort = (Sort) result;
      long keeps = result instanceof EnumerableLimitSort ? keeps(sort.offset, sort.fetch) : -1;
      return sort.copy(
          sort.getTraitSet(), List.of(BucketMemoryGuard.overSortInput(sort.getInput(), keeps)));
    }
    if (result instanceof EnumerableWindow window
        && !(window.getInput() instanceof BucketMemoryGuard)) {
      return window.copy(
          window.getTraitSet(),
          List.of(BucketMemoryGuard.overWindowInput(window.getInput(), window.getRowType())));
    }
    return result;
  }

  /**
   * An {@code EnumerableLimitSort} for an {@code EnumerableLimit} with a constant fetch over an
   * {@code EnumerableSort}, or null. Calcite's planner here does not make the top-N sort itself;
   * the full sort would hold every input row to return a few.
   */
  private static @Nullable RelNode limitSort(RelNode rel) {
    if (!(rel instanceof EnumerableLimit limit)
        || !(limit.getInput() instanceof EnumerableSort sort)
        || keeps(limit.offset, limit.fetch) < 0) {
      return null;
    }
    return EnumerableLimitSort.create(
        sort.getInput(), sort.getCollation(), limit.offset, limit.fetch);
  }

  /**
   * How many rows a sort with {@code offset} and {@code fetch} keeps while it reads: offset + fetch
   * when both are constants that fit an int (what Calcite's top-N sort takes), else -1.
   */
  private static long keeps(@Nullable RexNode offset, @Nullable RexNode fetch) {
    long o = offset == null ? 0 : intLiteral(offset);
    long f = fetch == null ? -1 : intLiteral(fetch);
    return o < 0 || f < 0 ? -1 : o + f;
  }

  private static long intLiteral(RexNode node) {
    BigDecimal v = node instanceof RexLiteral literal ? literal.getValueAs(BigDecimal.class) : null;
    if (v != null) {
      try {
        int n = v.intValueExact();
        return n >= 0 ? n : -1;
      } catch (ArithmeticException e) {
        return -1;
      }
    }
    return -1;
  }

  /**
   * {@code rel} (a join, or a calc over a swapped join) with a {@link BucketMemoryGuard} over the
   * right input of its join: the input Calcite's hash and nested-loop joins hold whole.
   */
  private static RelNode guarded(RelNode rel) {
    if (rel instanceof EnumerableCalc calc) {
      RelNode join = guarded(calc.getInput());
      return join == calc.getInput() ? calc : calc.copy(calc.getTraitSet(), List.of(join));
    }
    if (!(rel instanceof Join join) || join.getRight() instanceof BucketMemoryGuard) {
      return rel;
    }
    return join.copy(
        join.getTraitSet(),
        join.getCondition(),
        join.getLeft(),
        join instanceof EnumerableNestedLoopJoin
            ? BucketMemoryGuard.overLoopInput(join.getRight())
            : BucketMemoryGuard.over(join.getRight()),
        join.getJoinType(),
        join.isSemiJoinDone());
  }

  /**
   * {@code join}, when it is a RIGHT or FULL nested-loop join of a right input of one column, over
   * that input with a second, constant column (dropped above the join). Calcite's nested-loop join
   * finds the right rows no left row matched in an identity set, and a right input of one column is
   * a stream of the values themselves, where equal small numbers are one object: all but one of the
   * unmatched right rows were lost ({@code FULL JOIN ... ON FALSE} gave the left rows and one right
   * row). Rows of two columns are arrays, one per row.
   */
  private static RelNode rowsOfTheirOwn(EnumerableNestedLoopJoin join) {
    if (!join.getJoinType().generatesNullsOnLeft()
        || join.getRight().getRowType().getFieldCount() != 1) {
      return join;
    }
    RexBuilder rex = join.getCluster().getRexBuilder();
    RelNode right = join.getRight();
    RexProgram widen =
        RexProgram.create(
            right.getRowType(),
            List.of(rex.makeInputRef(right, 0), rex.makeExactLiteral(BigDecimal.ZERO)),
            null,
            List.of(right.getRowType().getFieldList().get(0).getName(), "$row"),
            rex);
    EnumerableNestedLoopJoin widened =
        EnumerableNestedLoopJoin.create(
            join.getLeft(),
            EnumerableCalc.create(right, widen),
            join.getCondition(),
            join.getVariablesSet(),
            join.getJoinType());
    List<RexNode> restore = new ArrayList<>();
    for (int i = 0; i < join.getRowType().getFieldCount(); i++) {
      restore.add(rex.makeInputRef(widened, i));
    }
    return EnumerableCalc.create(
        widened, RexProgram.create(widened.getRowType(), restore, null, join.getRowType(), rex));
  }

  private static RelNode smallerSideRight(EnumerableHashJoin join) {
    if (join.getJoinType() != JoinRelType.INNER) {
      return join;
    }
    double left = RowEstimates.rows(join.getLeft());
    double right = RowEstimates.rows(join.getRight());
    if (!(right > left * SWAP_RATIO)) {
      return join;
    }
    int leftCount = join.getLeft().getRowType().getFieldCount();
    int rightCount = join.getRight().getRowType().getFieldCount();
    RexNode condition =
        join.getCondition()
            .accept(
                new RexShuttle() {
                  @Override
                  public RexNode visitInputRef(RexInputRef ref) {
                    int i = ref.getIndex();
                    return new RexInputRef(
                        i < leftCount ? i + rightCount : i - leftCount, ref.getType());
                  }
                });
    EnumerableHashJoin swapped =
        EnumerableHashJoin.create(
            join.getRight(), join.getLeft(), condition, join.getVariablesSet(), JoinRelType.INNER);
    RexBuilder rex = join.getCluster().getRexBuilder();
    List<RexNode> restore = new ArrayList<>();
    for (int i = 0; i < leftCount + rightCount; i++) {
      int from = i < leftCount ? rightCount + i : i - leftCount;
      restore.add(rex.makeInputRef(swapped, from));
    }
    RexProgram program =
        RexProgram.create(swapped.getRowType(), restore, null, join.getRowType(), rex);
    return EnumerableCalc.create(swapped, program);
  }
}
