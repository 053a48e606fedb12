package dev.bucketsql.calcite.rel;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.calcite.exec.HeldRows;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * Above the input of an operator that holds all its rows in memory (the right input of {@code
 * EnumerableHashJoin} and {@code EnumerableNestedLoopJoin}, the input of a sort or of {@code
 * EnumerableWindow}): passes its rows through and fails the query with an error naming the
 * operator, the table and the setting once they would take more than the connection allows, at
 * {@link #bytesPerRow()} a row ({@code joinMemory} for a join when given, else {@code
 * queryMemory}). A sort with a limit keeps at most offset + fetch rows: its guard counts only when
 * those would not fit, and then fails only once more than fit have arrived.
 *
 * <p>{@code EXPLAIN} shows it as {@code BucketMemoryGuard(holds=[RAW_recipes_clean],
 * bytesPerRow=[240], for=[join], limit=[joinMemory|queryMemory])}, with {@code keeps=[10]} under a
 * sort with {@code LIMIT 10}.
 */
public final class BucketMemoryGuard extends SingleRel implements EnumerableRel {
  private final long bytesPerRow;
  private final List<String> holds;
  private final HeldBy heldBy;
  private final long keeps;
  private final boolean once;

  private BucketMemoryGuard(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelNode input,
      long bytesPerRow,
      List<String> holds,
      HeldBy heldBy,
      long keeps,
      boolean once) {
    super(cluster, traits, input);
    this.bytesPerRow = bytesPerRow;
    this.holds = List.copyOf(holds);
    this.heldBy = requireNonNull(heldBy, "heldBy is null");
    this.keeps = keeps;
    this.once = once;
  }

  /**
   * A guard over the repeated part of a recursive query: it counts the rows of all the steps, and
   * checks the statement's cancel flag and timeout, which no scan does inside that loop.
   */
  static BucketMemoryGuard overRecursion(RelNode iterative) {
    return new BucketMemoryGuard(
        iterative.getCluster(),
        iterative.getTraitSet(),
        iterative,
        estimateBytesPerRow(iterative.getRowType()),
        tables(iterative),
        HeldBy.RECURSION,
        -1,
        false);
  }

  /** A guard over the input a join holds, with its row size estimated from its row type. */
  static BucketMemoryGuard over(RelNode input) {
    return new BucketMemoryGuard(
        input.getCluster(),
        input.getTraitSet(),
        input,
        estimateBytesPerRow(input.getRowType()),
        tables(input),
        HeldBy.JOIN,
        -1,
        false);
  }

  /**
   * A guard over the inner (right) input of a nested-loop join, which Calcite's join enumerates
   * again for every outer row: it reads the input once, holding its rows within the join's limit,
   * and gives those rows to every later enumeration, so a scan under it reads its object once per
   * query instead of once per outer row. EXPLAIN adds {@code reads=[once]}.
   */
  static BucketMemoryGuard overLoopInput(RelNode input) {
    return new BucketMemoryGuard(
        input.getCluster(),
        input.getTraitSet(),
        input,
        estimateBytesPerRow(input.getRowType()),
        tables(input),
        HeldBy.JOIN,
        -1,
        true);
  }

  /**
   * A guard over a sort's input: each row costs its own size and its entry in the sort's tree (the
   * entry, the key and the list of rows with that key: about 48 bytes).
   *
   * @param keeps offset + fetch of a sort with a limit, else -1
   */
  static BucketMemoryGuard overSortInput(RelNode input, long keeps) {
    return new BucketMemoryGuard(
        input.getCluster(),
        input.getTraitSet(),
        input,
        estimateBytesPerRow(input.getRowType()) + 48,
        tables(input),
        HeldBy.SORT,
        keeps,
        false);
  }

  /**
   * A guard over the input of a window of output type {@code output}: the window keeps every input
   * row in its partition lists and every output row (references to the input's values and the
   * window's boxed results) until it has read them all.
   */
  static BucketMemoryGuard overWindowInput(RelNode input, RelDataType output) {
    int added = output.getFieldCount() - input.getRowType().getFieldCount();
    long outputRow = 16 + 8L * output.getFieldCount() + 24L * Math.max(0, added);
    return new BucketMemoryGuard(
        input.getCluster(),
        input.getTraitSet(),
        input,
        estimateBytesPerRow(input.getRowType()) + 16 + outputRow,
        tables(input),
        HeldBy.WINDOW,
        -1,
        false);
  }

  /** The estimated memory of one held row. */
  public long bytesPerRow() {
    return bytesPerRow;
  }

  /** The operator holding the rows. */
  public HeldBy heldBy() {
    return heldBy;
  }

  /**
   * A held row: the row array and the lookup's entry for it (about 64 bytes), and for each field
   * its reference and boxed value (24 bytes), strings and other objects 64 more.
   */
  static long estimateBytesPerRow(RelDataType rowType) {
    long bytes = 64;
    for (RelDataTypeField f : rowType.getFieldList()) {
      bytes += estimateBytesPerValue(f.getType());
    }
    return bytes;
  }

  /**
   * One held value: its reference and boxed number (24 bytes), or a string or other object (88).
   */
  static long estimateBytesPerValue(RelDataType type) {
    SqlTypeFamily family = type.getSqlTypeName().getFamily();
    boolean small =
        family == SqlTypeFamily.NUMERIC
            || family == SqlTypeFamily.BOOLEAN
            || family == SqlTypeFamily.DATE
            || family == SqlTypeFamily.TIMESTAMP;
    return small ? 24 : 88;
  }

  /** The tables {@code input} reads, each once, for EXPLAIN and the error. */
  public static List<String> tables(RelNode input) {
    Set<String> names = new LinkedHashSet<>();
    collect(input, names);
    return List.copyOf(names);
  }

  private static void collect(RelNode rel, Set<String> names) {
    if (rel instanceof BucketTableScan scan) {
      List<String> qualified = scan.getTable().getQualifiedName();
      names.add(qualified.get(qualified.size() - 1));
      return;
    }
    for (RelNode input : rel.getInputs()) {
      collect(input, names);
    }
  }

  /** {@code tables} as EXPLAIN shows them. */
  static String explainTables(List<String> tables) {
    return tables.isEmpty() ? "its input" : String.join(", ", tables);
  }

  /**
   * The setting that bounds an operator of kind {@code by}, as EXPLAIN shows it. A join follows
   * {@code joinMemory} when the connection gives it, else {@code queryMemory}; a plan is cached
   * apart from the connection, so it names both.
   */
  static String explainSetting(HeldBy by) {
    return by == HeldBy.JOIN ? "joinMemory|queryMemory" : "queryMemory";
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new BucketMemoryGuard(
        getCluster(), traitSet, sole(inputs), bytesPerRow, holds, heldBy, keeps, once);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("holds", explainTables(holds))
        .item("bytesPerRow", bytesPerRow)
        .item("for", heldBy.name().toLowerCase(Locale.ROOT))
        .itemIf("keeps", keeps, keeps >= 0)
        .itemIf("reads", "once", once)
        .item("limit", explainSetting(heldBy));
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder builder = new BlockBuilder();
    Result child = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
    Expression rows = builder.append("held", child.block);
    if (heldBy == HeldBy.RECURSION) {
      builder.add(
          Expressions.call(
              HeldRows.class,
              "recursion",
              rows,
              implementor.getRootExpression(),
              Expressions.constant(bytesPerRow),
              Expressions.constant(MemoryLimitExceededException.subject(holds))));
      return implementor.result(child.physType, builder.toBlock());
    }
    if (once) {
      builder.add(
          Expressions.call(
              HeldRows.class,
              "once",
              rows,
              implementor.getRootExpression(),
              Expressions.constant(bytesPerRow),
              Expressions.constant(MemoryLimitExceededException.subject(holds))));
      return implementor.result(child.physType, builder.toBlock());
    }
    builder.add(
        Expressions.call(
            HeldRows.class,
            "guard",
            rows,
            implementor.getRootExpression(),
            Expressions.constant(bytesPerRow),
            Expressions.constant(heldBy.name()),
            Expressions.constant(MemoryLimitExceededException.subject(holds)),
            Expressions.constant(keeps)));
    return implementor.result(child.physType, builder.toBlock());
  }
}
