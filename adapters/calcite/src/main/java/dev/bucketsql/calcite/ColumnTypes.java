package dev.bucketsql.calcite;

import dev.bucketsql.format.Column;
import dev.bucketsql.format.TableSchema;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/** Maps format column types to Calcite's SQL types. */
final class ColumnTypes {
  private ColumnTypes() {}

  static RelDataType rowType(RelDataTypeFactory types, TableSchema schema) {
    RelDataTypeFactory.Builder row = types.builder();
    for (Column column : schema.columns()) {
      row.add(column.name(), sqlType(types, column));
    }
    return row.build();
  }

  private static RelDataType sqlType(RelDataTypeFactory types, Column column) {
    RelDataType type =
        switch (column.type()) {
          case BOOLEAN -> types.createSqlType(SqlTypeName.BOOLEAN);
          case TINYINT -> types.createSqlType(SqlTypeName.TINYINT);
          case SMALLINT -> types.createSqlType(SqlTypeName.SMALLINT);
          case INTEGER -> types.createSqlType(SqlTypeName.INTEGER);
          case BIGINT -> types.createSqlType(SqlTypeName.BIGINT);
          case REAL -> types.createSqlType(SqlTypeName.REAL);
          case DOUBLE -> types.createSqlType(SqlTypeName.DOUBLE);
          case DECIMAL ->
              types.createSqlType(SqlTypeName.DECIMAL, column.precision(), column.scale());
          case VARCHAR -> types.createSqlType(SqlTypeName.VARCHAR);
          case VARBINARY -> types.createSqlType(SqlTypeName.VARBINARY);
          case DATE -> types.createSqlType(SqlTypeName.DATE);
          case TIME -> types.createSqlType(SqlTypeName.TIME);
          case TIMESTAMP -> types.createSqlType(SqlTypeName.TIMESTAMP);
        };
    return types.createTypeWithNullability(type, column.nullable());
  }
}
