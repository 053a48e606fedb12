package dev.bucketsql.calcite.engine;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.implicit.TypeCoercionImpl;

/**
 * Calcite's implicit casts, plus DuckDB's division: {@code x / y} of two integers or decimals is a
 * DOUBLE ({@code 7 / 2} is 3.5, not 3; {@code 1.0 / 3} is 0.3333333333333333, not a DECIMAL cut at
 * Calcite's derived scale), as DuckDB computes it; the left operand is cast to DOUBLE while the
 * statement is validated, so the plan and {@code EXPLAIN} show the cast. An aggregate of numbers
 * does not take a string ({@code SUM(name)}): as in DuckDB it is an error naming the function and
 * the argument's type, where Calcite would cast the strings to a DECIMAL and fail on the first that
 * is not a number, or on one that has too many digits.
 */
final class BucketTypeCoercion extends TypeCoercionImpl {
  BucketTypeCoercion(RelDataTypeFactory typeFactory, SqlValidator validator) {
    super(typeFactory, validator);
  }

  /** An integer or a DECIMAL: DuckDB divides both as DOUBLEs. */
  private static boolean isExact(RelDataType type) {
    return SqlTypeName.INT_TYPES.contains(type.getSqlTypeName())
        || type.getSqlTypeName() == SqlTypeName.DECIMAL;
  }

  @Override
  public boolean builtinFunctionCoercion(
      SqlCallBinding binding,
      List<RelDataType> operandTypes,
      List<SqlTypeFamily> expectedFamilies) {
    if (binding.getOperator().isAggregator()) {
      for (int i = 0; i < operandTypes.size() && i < expectedFamilies.size(); i++) {
        if (SqlTypeUtil.isCharacter(operandTypes.get(i))
            && expectedFamilies.get(i) != SqlTypeFamily.CHARACTER
            && expectedFamilies.get(i) != SqlTypeFamily.STRING
            && expectedFamilies.get(i) != SqlTypeFamily.ANY) {
          return false;
        }
      }
    }
    return super.builtinFunctionCoercion(binding, operandTypes, expectedFamilies);
  }

  @Override
  public boolean binaryArithmeticCoercion(SqlCallBinding binding) {
    if (binding.getOperator().getKind() == SqlKind.DIVIDE && binding.getOperandCount() == 2) {
      RelDataType left = binding.getOperandType(0);
      RelDataType right = binding.getOperandType(1);
      if (isExact(left) && isExact(right)) {
        RelDataType dbl =
            factory.createTypeWithNullability(
                factory.createSqlType(SqlTypeName.DOUBLE), left.isNullable());
        return coerceOperandType(binding.getScope(), binding.getCall(), 0, dbl);
      }
    }
    return super.binaryArithmeticCoercion(binding);
  }
}
