package dev.bucketsql.calcite.rel;

import dev.bucketsql.calcite.exec.AggregateSpec;
import dev.bucketsql.calcite.exec.Operand;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRel.Prefer;
import org.apache.calcite.adapter.enumerable.EnumerableRel.Result;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.function.Function0;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.type.RelDataType;

/**
 * What the fused aggregate rels ({@link BucketJoinAggregate}, {@link BucketScanAggregate}) share.
 */
final class FusedAggregates {
  private FusedAggregates() {}

  /** Adds the {@code group} and {@code aggregates} terms EXPLAIN shows. */
  static RelWriter explainAggregate(
      RelWriter pw, List<Operand> groups, List<AggregateSpec> aggregates) {
    return pw.item("group", groups.stream().map(Object::toString).toList())
        .item("aggregates", aggregates.stream().map(Object::toString).toList());
  }

  /**
   * The physical type of a fused aggregate's rows, which it makes as arrays: for one column the
   * bare value, Calcite's layout, which the operators above it (a sort, a set operation) assume
   * from the row type alone.
   */
  static PhysType physType(EnumerableRelImplementor implementor, RelDataType rowType) {
    return PhysTypeImpl.of(implementor.getTypeFactory(), rowType, JavaRowFormat.ARRAY);
  }

  /** The arrays {@code rows} in the layout of {@link #physType}. */
  static Expression rows(
      EnumerableRelImplementor implementor, RelDataType rowType, Expression rows) {
    return PhysTypeImpl.of(implementor.getTypeFactory(), rowType, JavaRowFormat.ARRAY, false)
        .convertTo(rows, physType(implementor, rowType).getFormat());
  }

  /**
   * A {@code Function0} making the rows of Calcite's own plan, {@code unfused}, for connections
   * with pushdown off; a lambda, since some of its operators (groupBy) compute their result as soon
   * as they are called.
   */
  static Expression unfusedRows(EnumerableRelImplementor implementor, EnumerableRel unfused) {
    Result unfusedResult = unfused.implement(implementor, Prefer.ARRAY);
    BlockBuilder unfusedBlock = new BlockBuilder();
    unfusedBlock.add(
        Expressions.return_(
            null,
            unfusedResult.physType.convertTo(
                unfusedBlock.append("unfused", unfusedResult.block), JavaRowFormat.ARRAY)));
    return Expressions.lambda(Function0.class, unfusedBlock.toBlock());
  }
}
