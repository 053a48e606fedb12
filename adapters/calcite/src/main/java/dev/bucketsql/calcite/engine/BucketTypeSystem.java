package dev.bucketsql.calcite.engine;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Calcite's type system with the aggregate types DuckDB, PostgreSQL and Trino users expect:
 * {@code AVG} of an exact number is a {@code DOUBLE} (4.4, not Calcite's integer 4), and
 * {@code SUM} of a small integer type is a {@code BIGINT}, so summing a million INTEGER values
 * cannot overflow. String literals of different lengths in one CASE or UNION give a VARCHAR,
 * not a CHAR padded with spaces ({@code 'low'}, not {@code 'low '}).
 */
public final class BucketTypeSystem extends RelDataTypeSystemImpl {
  /** The instance named in the connection property {@code typeSystem}. */
  public static final BucketTypeSystem INSTANCE = new BucketTypeSystem();

  private BucketTypeSystem() {}

  @Override
  public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    if (SqlTypeUtil.isExactNumeric(argumentType)) {
      return typeFactory.createTypeWithNullability(
          typeFactory.createSqlType(SqlTypeName.DOUBLE), argumentType.isNullable());
    }
    return super.deriveAvgAggType(typeFactory, argumentType);
  }

  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }

  @Override
  public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    switch (argumentType.getSqlTypeName()) {
      case TINYINT, SMALLINT, INTEGER -> {
        return typeFactory.createTypeWithNullability(
            typeFactory.createSqlType(SqlTypeName.BIGINT), argumentType.isNullable());
      }
      default -> {
        return super.deriveSumType(typeFactory, argumentType);
      }
    }
  }
}
