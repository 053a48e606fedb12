package dev.bucketsql.calcite.rel;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.EnumerableValues;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexLiteral;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Many constant rows (a long {@code IN} list, which Calcite turns into a join with its values)
 * handed to the generated code as one stashed list rather than written into it: Calcite's {@code
 * EnumerableValues} writes every value into the Java code it compiles, and a few thousand values
 * make that code larger than a class file allows ({@code Code grows beyond 64 KB}). Small value
 * lists stay Calcite's.
 */
final class BucketValues extends AbstractRelNode implements EnumerableRel {
  /** Value lists longer than this are stashed. */
  static final int STASHED_ABOVE = 64;

  private final List<List<RexLiteral>> tuples;
  private final RelDataType rowType;

  private BucketValues(
      RelOptCluster cluster,
      RelTraitSet traits,
      RelDataType rowType,
      List<List<RexLiteral>> tuples) {
    super(cluster, traits);
    this.rowType = rowType;
    this.tuples = tuples;
  }

  /** {@code values} as a stashed list when it is long, else itself. */
  static RelNode over(EnumerableValues values) {
    if (values.getTuples().size() <= STASHED_ABOVE) {
      return values;
    }
    List<List<RexLiteral>> tuples = new ArrayList<>();
    values.getTuples().forEach(t -> tuples.add(List.copyOf(t)));
    return new BucketValues(values.getCluster(), values.getTraitSet(), values.getRowType(), tuples);
  }

  @Override
  protected RelDataType deriveRowType() {
    return rowType;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new BucketValues(getCluster(), traitSet, rowType, tuples);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("rows", tuples.size());
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return tuples.size();
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    JavaTypeFactory types = implementor.getTypeFactory();
    PhysType physType = PhysTypeImpl.of(types, getRowType(), pref.preferArray());
    int columns = rowType.getFieldCount();
    List<@Nullable Object> rows = new ArrayList<>(tuples.size());
    for (List<RexLiteral> tuple : tuples) {
      if (physType.getFormat() == JavaRowFormat.SCALAR) {
        rows.add(value(types, tuple.get(0)));
      } else {
        @Nullable Object[] row = new Object[columns];
        for (int c = 0; c < columns; c++) {
          row[c] = value(types, tuple.get(c));
        }
        rows.add(physType.getFormat() == JavaRowFormat.LIST ? List.of(row) : row);
      }
    }
    return implementor.result(
        physType,
        Blocks.toBlock(
            Expressions.call(Linq4j.class, "asEnumerable", implementor.stash(rows, List.class))));
  }

  /** The literal as the Java object the generated code holds for its type. */
  private static @Nullable Object value(JavaTypeFactory types, RexLiteral literal) {
    if (literal.isNull()) {
      return null;
    }
    java.lang.reflect.Type javaType = types.getJavaClass(literal.getType());
    Class<?> boxed = javaType instanceof Class<?> c ? Primitive.box(c) : Object.class;
    return literal.getValueAs(boxed);
  }
}
