package dev.bucketsql.calcite.engine;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Calcite's type system with the aggregate types DuckDB, PostgreSQL and Trino users expect: {@code
 * AVG} of an exact number is a {@code DOUBLE} (4.4, not Calcite's integer 4), and {@code SUM} of an
 * integer type is a {@code DECIMAL(38,0)}, as DuckDB's is a HUGEINT of 38 digits, so a sum of
 * BIGINT values gives its true value ({@code 27000000000000000000} for three rows of {@code
 * 9000000000000000000}) rather than wrapping; {@code SUM} of a {@code DECIMAL(p,s)} is a {@code
 * DECIMAL(38,s)}. DECIMAL values take up to 38 digits, as in DuckDB (Calcite's default is 19).
 * String literals of different lengths in one CASE or UNION give a VARCHAR, not a CHAR padded with
 * spaces ({@code 'low'}, not {@code 'low '}).
 */
public final class BucketTypeSystem extends RelDataTypeSystemImpl {
  /** The instance named in the connection property {@code typeSystem}. */
  public static final BucketTypeSystem INSTANCE = new BucketTypeSystem();

  /** The most digits a DECIMAL holds, as in DuckDB. */
  static final int MAX_DECIMAL = 38;

  /** The digits of a second's fraction TIMESTAMP and TIME values hold: milliseconds. */
  static final int TIME_PRECISION = 3;

  private BucketTypeSystem() {}

  @Override
  public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL : super.getMaxScale(typeName);
  }

  /**
   * TIMESTAMP and TIME hold milliseconds here (the values Calcite computes with are milliseconds),
   * so their type says so. Calcite's default precision of 0 let the optimizer cast a constant it
   * substituted for a column to whole seconds: {@code WHERE ts = TIMESTAMP '2000-02-29
   * 12:34:56.789' GROUP BY ts} answered {@code 12:34:56}.
   */
  @Override
  public int getDefaultPrecision(SqlTypeName typeName) {
    return switch (typeName) {
      case TIMESTAMP, TIME -> TIME_PRECISION;
      default -> super.getDefaultPrecision(typeName);
    };
  }

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL : super.getMaxPrecision(typeName);
  }

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
      case TINYINT, SMALLINT, INTEGER, BIGINT -> {
        return typeFactory.createTypeWithNullability(
            typeFactory.createSqlType(SqlTypeName.DECIMAL, MAX_DECIMAL, 0),
            argumentType.isNullable());
      }
      case DECIMAL -> {
        return typeFactory.createTypeWithNullability(
            typeFactory.createSqlType(SqlTypeName.DECIMAL, MAX_DECIMAL, argumentType.getScale()),
            argumentType.isNullable());
      }
      default -> {
        return super.deriveSumType(typeFactory, argumentType);
      }
    }
  }
}
