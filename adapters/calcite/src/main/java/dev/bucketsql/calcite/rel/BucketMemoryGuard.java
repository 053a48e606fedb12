package dev.bucketsql.calcite.rel;

import dev.bucketsql.calcite.exec.HeldRows;
import java.util.ArrayList;
import java.util.List;
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
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeFamily;

/**
 * Above the input a Calcite join holds in memory (the right input of {@code
 * EnumerableHashJoin} and {@code EnumerableNestedLoopJoin}): passes its rows through and fails
 * the query with an error naming {@code joinMemory} once they would take more than it, at
 * {@link #bytesPerRow()} a row. {@code EXPLAIN} shows it as {@code BucketMemoryGuard(holds=[...],
 * bytesPerRow=[...])}.
 */
public final class BucketMemoryGuard extends SingleRel implements EnumerableRel {
  private final long bytesPerRow;
  private final String holds;

  private BucketMemoryGuard(
      RelOptCluster cluster, RelTraitSet traits, RelNode input, long bytesPerRow, String holds) {
    super(cluster, traits, input);
    this.bytesPerRow = bytesPerRow;
    this.holds = holds;
  }

  /** A guard over {@code input}, with its row size estimated from its row type. */
  static BucketMemoryGuard over(RelNode input) {
    return new BucketMemoryGuard(
        input.getCluster(), input.getTraitSet(), input, estimateBytesPerRow(input), tables(input));
  }

  /** The estimated memory of one held row. */
  public long bytesPerRow() {
    return bytesPerRow;
  }

  /**
   * A held row: the row array and the lookup's entry for it (about 64 bytes), and for each
   * field its reference and boxed value (24 bytes), strings and other objects 64 more.
   */
  static long estimateBytesPerRow(RelNode input) {
    long bytes = 64;
    for (RelDataTypeField f : input.getRowType().getFieldList()) {
      SqlTypeFamily family = f.getType().getSqlTypeName().getFamily();
      boolean small =
          family == SqlTypeFamily.NUMERIC
              || family == SqlTypeFamily.BOOLEAN
              || family == SqlTypeFamily.DATE
              || family == SqlTypeFamily.TIMESTAMP;
      bytes += small ? 24 : 88;
    }
    return bytes;
  }

  private static String tables(RelNode input) {
    List<String> names = new ArrayList<>();
    collect(input, names);
    return names.isEmpty() ? "the join's right input" : String.join(", ", names);
  }

  private static void collect(RelNode rel, List<String> names) {
    if (rel instanceof BucketTableScan scan) {
      List<String> qualified = scan.getTable().getQualifiedName();
      names.add(qualified.get(qualified.size() - 1));
      return;
    }
    for (RelNode input : rel.getInputs()) {
      collect(input, names);
    }
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new BucketMemoryGuard(getCluster(), traitSet, sole(inputs), bytesPerRow, holds);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("holds", holds).item("bytesPerRow", bytesPerRow);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder builder = new BlockBuilder();
    Result child = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
    Expression rows = builder.append("held", child.block);
    builder.add(
        Expressions.call(
            HeldRows.class,
            "guard",
            rows,
            implementor.getRootExpression(),
            Expressions.constant(bytesPerRow),
            Expressions.constant(holds)));
    return implementor.result(child.physType, builder.toBlock());
  }
}
