package dev.bucketsql.calcite.catalog;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A table returned by a table function: Calcite wants a {@link TranslatableTable} there, so this
 * wraps a {@link ProjectableFilterableTable} and turns into a plain table scan, after which the
 * planner treats it like any other table (projections and filters pushed into it).
 */
final class MacroTable extends AbstractTable
    implements TranslatableTable, ProjectableFilterableTable {
  private final ProjectableFilterableTable inner;

  MacroTable(ProjectableFilterableTable inner) {
    this.inner = requireNonNull(inner, "inner is null");
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return inner.getRowType(typeFactory);
  }

  @Override
  public Statistic getStatistic() {
    return inner.getStatistic();
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return LogicalTableScan.create(context.getCluster(), relOptTable, context.getTableHints());
  }

  @Override
  public Enumerable<@Nullable Object[]> scan(
      DataContext root, List<RexNode> filters, int @Nullable [] projects) {
    return inner.scan(root, filters, projects);
  }

  @Override
  public <C extends Object> @Nullable C unwrap(Class<C> aClass) {
    if (aClass.isInstance(this)) {
      return aClass.cast(this);
    }
    if (aClass.isInstance(inner)) {
      return aClass.cast(inner);
    }
    return inner instanceof org.apache.calcite.schema.Wrapper w ? w.unwrap(aClass) : null;
  }
}
