package dev.bucketsql.calcite.meta;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.function.Function;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/** A table of nullable columns whose rows are computed from the statement's root at each scan. */
final class RowsTable extends AbstractTable implements ScannableTable {
  private final List<String> names;
  private final List<SqlTypeName> types;
  private final Function<DataContext, List<@Nullable Object[]>> rows;

  RowsTable(
      List<String> names,
      List<SqlTypeName> types,
      Function<DataContext, List<@Nullable Object[]>> rows) {
    this.names = List.copyOf(names);
    this.types = List.copyOf(types);
    this.rows = requireNonNull(rows, "rows is null");
    if (names.size() != types.size()) {
      throw new IllegalArgumentException(names.size() + " names for " + types.size() + " types");
    }
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder b = typeFactory.builder();
    for (int i = 0; i < names.size(); i++) {
      b.add(
          names.get(i),
          typeFactory.createTypeWithNullability(typeFactory.createSqlType(types.get(i)), true));
    }
    return b.build();
  }

  @Override
  public Enumerable<@Nullable Object[]> scan(DataContext root) {
    return Linq4j.asEnumerable(rows.apply(root));
  }
}
