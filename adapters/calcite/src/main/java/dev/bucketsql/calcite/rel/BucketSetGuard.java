package dev.bucketsql.calcite.rel;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.calcite.exec.HeldSets;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.adapter.enumerable.EnumerableIntersect;
import org.apache.calcite.adapter.enumerable.EnumerableMinus;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.EnumerableUnion;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.function.EqualityComparer;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.core.SetOp;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Above one of Calcite's hash set operations ({@code EnumerableUnion} without {@code ALL}, {@code
 * EnumerableMinus}, {@code EnumerableIntersect}): bounds the rows it holds by the connection's
 * {@code queryMemory}, at {@link #bytesPerRow} a row, and fails the query with an error naming the
 * operation, the tables and the setting when they would need more. A {@code UNION ALL} holds
 * nothing and gets no guard.
 *
 * <p>It counts what the operation really holds, not its input rows: the distinct rows of all inputs
 * for a {@code UNION}, of the first input for an {@code EXCEPT} (the others only remove rows from
 * them), of the second for an {@code INTERSECT} (the others are matched against them); with {@code
 * ALL}, a count each. So the guard computes the operation itself, through {@link HeldSets}, over
 * the inputs' code as Calcite generates it, and counts a row when it is new to the set, never a
 * duplicate. The operation below it stays in the plan to say what is computed.
 *
 * <p>{@code EXPLAIN} shows it as {@code BucketSetGuard(holds=[events, groups], bytesPerRow=[200],
 * for=[union], limit=[queryMemory])}, where {@code holds} names the tables of the inputs held.
 */
public final class BucketSetGuard extends SingleRel implements EnumerableRel {
  private final long bytesPerRow;
  private final List<String> holds;
  private final HeldBy heldBy;

  private BucketSetGuard(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelNode setOp,
      long bytesPerRow,
      List<String> holds,
      HeldBy heldBy) {
    super(cluster, traits, setOp);
    this.bytesPerRow = bytesPerRow;
    this.holds = List.copyOf(holds);
    this.heldBy = requireNonNull(heldBy, "heldBy is null");
  }

  /**
   * {@code rel} under a guard when it is one of Calcite's hash set operations, else {@code rel}
   * itself (a {@code UNION ALL} streams its inputs).
   */
  static RelNode over(RelNode rel) {
    HeldBy by = heldBy(rel);
    if (by == null) {
      return rel;
    }
    SetOp setOp = (SetOp) rel;
    List<RelNode> inputs = setOp.getInputs();
    // what HeldSets holds: all inputs of a UNION, the first of an EXCEPT, the second of an
    // INTERSECT
    RelNode held =
        switch (by) {
          case EXCEPT -> inputs.get(0);
          case INTERSECT -> inputs.get(Math.min(1, inputs.size() - 1));
          default -> setOp;
        };
    return new BucketSetGuard(
        rel.getCluster(),
        rel.getTraitSet(),
        rel,
        bytesPerRow(setOp),
        BucketMemoryGuard.tables(held),
        by);
  }

  /**
   * The operation {@code rel} is, when Calcite runs it on hash sets; exact classes only: {@code
   * EnumerableMergeUnion}, a union of sorted inputs that keeps their order and holds the rows of
   * one sort key at a time, extends {@code EnumerableUnion}.
   */
  private static @Nullable HeldBy heldBy(RelNode rel) {
    if (rel.getClass() == EnumerableUnion.class) {
      return ((EnumerableUnion) rel).all ? null : HeldBy.UNION;
    }
    if (rel.getClass() == EnumerableMinus.class) {
      return HeldBy.EXCEPT;
    }
    if (rel.getClass() == EnumerableIntersect.class) {
      return HeldBy.INTERSECT;
    }
    return null;
  }

  /**
   * One held row: its size as a join holds it (row, values, hash entry), the wrapper that compares
   * a row of several columns by its values (24 bytes), and with {@code ALL} its counts (32 bytes).
   */
  static long bytesPerRow(SetOp setOp) {
    long bytes = BucketMemoryGuard.estimateBytesPerRow(setOp.getRowType());
    if (setOp.getRowType().getFieldCount() > 1) {
      bytes += 24;
    }
    return setOp.all ? bytes + 32 : bytes;
  }

  /** The estimated memory of one held row. */
  public long bytesPerRow() {
    return bytesPerRow;
  }

  /** The set operation guarded. */
  public HeldBy heldBy() {
    return heldBy;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new BucketSetGuard(getCluster(), traitSet, sole(inputs), bytesPerRow, holds, heldBy);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("holds", BucketMemoryGuard.explainTables(holds))
        .item("bytesPerRow", bytesPerRow)
        .item("for", heldBy.name().toLowerCase(Locale.ROOT))
        .item("limit", BucketMemoryGuard.explainSetting(heldBy));
  }

  /**
   * The code of the set operation's inputs as Calcite generates them, then one call to {@link
   * HeldSets} over them, with the row format and comparer Calcite's operation would use.
   */
  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    SetOp setOp = (SetOp) getInput();
    PhysType physType =
        PhysTypeImpl.of(
            implementor.getTypeFactory(), setOp.getRowType(), pref.prefer(JavaRowFormat.CUSTOM));
    BlockBuilder builder = new BlockBuilder();
    List<Expression> inputs = new ArrayList<>();
    for (int i = 0; i < setOp.getInputs().size(); i++) {
      Result input =
          implementor.visitChild((EnumerableRel) setOp, i, (EnumerableRel) setOp.getInput(i), pref);
      // inputs may come in different row formats (an aggregate's one column as a one-element
      // array, a projection's as the value itself): rows compare only in one format
      inputs.add(
          input.physType.convertTo(builder.append("input" + i, input.block), physType.getFormat()));
    }
    Expression comparer = physType.comparer();
    List<Expression> args = new ArrayList<>();
    args.add(Expressions.newArrayInit(Enumerable.class, inputs));
    if (heldBy != HeldBy.UNION) {
      args.add(Expressions.constant(setOp.all));
    }
    args.add(comparer != null ? comparer : Expressions.constant(null, EqualityComparer.class));
    args.add(implementor.getRootExpression());
    args.add(Expressions.constant(bytesPerRow));
    args.add(Expressions.constant(MemoryLimitExceededException.subject(holds)));
    builder.add(Expressions.call(HeldSets.class, heldBy.name().toLowerCase(Locale.ROOT), args));
    return implementor.result(physType, builder.toBlock());
  }
}
