package dev.bucketsql.calcite.engine;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.implicit.TypeCoercionImpl;

/**
 * Calcite's implicit casts, plus DuckDB's division: {@code x / y} of two integers is a DOUBLE
 * ({@code 7 / 2} is 3.5, not 3), as DuckDB users expect; the left operand is cast to DOUBLE while
 * the statement is validated, so the plan and {@code EXPLAIN} show the cast. Division of
 * decimals and doubles is unchanged.
 */
final class BucketTypeCoercion extends TypeCoercionImpl {
  BucketTypeCoercion(RelDataTypeFactory typeFactory, SqlValidator validator) {
    super(typeFactory, validator);
  }

  @Override
  public boolean binaryArithmeticCoercion(SqlCallBinding binding) {
    if (binding.getOperator().getKind() == SqlKind.DIVIDE && binding.getOperandCount() == 2) {
      RelDataType left = binding.getOperandType(0);
      RelDataType right = binding.getOperandType(1);
      if (SqlTypeName.INT_TYPES.contains(left.getSqlTypeName())
          && SqlTypeName.INT_TYPES.contains(right.getSqlTypeName())) {
        RelDataType dbl =
            factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.DOUBLE), left.isNullable());
        return coerceOperandType(binding.getScope(), binding.getCall(), 0, dbl);
      }
    }
    return super.binaryArithmeticCoercion(binding);
  }
}
