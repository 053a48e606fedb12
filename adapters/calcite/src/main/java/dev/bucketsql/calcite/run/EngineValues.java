package dev.bucketsql.calcite.run;

import dev.bucketsql.engine.Rows;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.EnumerableValues;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Constant rows ({@link EnumerableValues}: a VALUES list, the one row Calcite joins a grand total
 * or a scalar subquery to, the names of an unpivot, the empty input of a plan the optimizer proved
 * empty) as batches. Each value is the literal's own value in the engine's representation, as
 * {@link ExprTranslator} reads a literal; a literal whose type is not its column's (another engine
 * type, a DECIMAL of another scale) keeps the node enumerable.
 */
public final class EngineValues extends AbstractRelNode implements EngineRel {
  private final EnumerableValues values;
  private final List<Object[]> rows;
  private final List<ColumnType> types;

  private EngineValues(EnumerableValues values, List<Object[]> rows, List<ColumnType> types) {
    super(values.getCluster(), values.getTraitSet());
    this.values = values;
    this.rows = List.copyOf(rows);
    this.types = List.copyOf(types);
  }

  /** The engine's rows of {@code values}, or null when a column or a literal does not fit. */
  static @Nullable EngineValues of(EnumerableValues values) {
    List<RelDataTypeField> fields = values.getRowType().getFieldList();
    List<ColumnType> types = EngineTypes.of(fields);
    if (types == null || types.isEmpty()) {
      return null;
    }
    List<Object[]> rows = new ArrayList<>();
    for (List<RexLiteral> tuple : values.getTuples()) {
      Object[] row = new Object[types.size()];
      for (int c = 0; c < row.length; c++) {
        RexLiteral literal = tuple.get(c);
        if (literal.isNull()) {
          continue;
        }
        RelDataType field = fields.get(c).getType();
        if (EngineTypes.of(literal.getType()) != types.get(c)
            || field.getSqlTypeName() == SqlTypeName.DECIMAL
                && literal.getType().getScale() != field.getScale()) {
          return null;
        }
        row[c] = ExprTranslator.literalValue(literal, types.get(c));
        if (row[c] == null) {
          return null;
        }
      }
      rows.add(row);
    }
    return new EngineValues(values, rows, types);
  }

  @Override
  public EngineNode node(List<RelNode> fallbacks) {
    List<Object[]> r = rows;
    List<ColumnType> t = types;
    // the batches copy each value, so the rows are shared by every execution
    return run -> Rows.source(t, r.iterator(), run.query().batchSize());
  }

  @Override
  public List<ColumnType> types() {
    return types;
  }

  @Override
  public EnumerableRel original() {
    return values;
  }

  @Override
  protected RelDataType deriveRowType() {
    return values.getRowType();
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return this;
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("tuples", values.getTuples());
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return rows.size();
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    return EngineImplementor.implement(this, implementor);
  }
}
