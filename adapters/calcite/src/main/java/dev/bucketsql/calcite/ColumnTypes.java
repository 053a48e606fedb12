package dev.bucketsql.calcite;

import dev.bucketsql.format.Column;
import dev.bucketsql.format.TableSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.StructKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Maps format column types to Calcite's SQL types. Nested types map to Calcite's ARRAY, MAP and
 * ROW, whose values the enumerable runtime handles as {@link java.util.List}, {@link java.util.Map}
 * and {@code Object[]}: exactly the representation the formats produce.
 */
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
          case ARRAY -> types.createArrayType(sqlType(types, column.element()), -1);
          case MAP ->
              types.createMapType(sqlType(types, column.key()), sqlType(types, column.value()));
          case ROW -> row(types, column);
        };
    return types.createTypeWithNullability(type, column.nullable());
  }

  /** A ROW whose fields are reached as {@code s.f} or {@code s['f']}, never unqualified. */
  private static RelDataType row(RelDataTypeFactory types, Column column) {
    List<RelDataType> fieldTypes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Column field : column.fields()) {
      fieldTypes.add(sqlType(types, field));
      names.add(field.name());
    }
    return types.createStructType(StructKind.FULLY_QUALIFIED, fieldTypes, names);
  }
}
