package dev.bucketsql.calcite.engine;

import java.util.List;
import java.util.function.Function;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexContext;

/**
 * {@code a % b} and {@code mod(a, b)} with a DOUBLE or REAL operand, as DuckDB computes them: C's
 * {@code fmod} of the two doubles, a DOUBLE. Calcite's MOD takes exact numbers only, so it cast the
 * double to DECIMAL(25,15) and rounded it: {@code 1e-20 % 1} answered 0 (DuckDB: 1e-20). Once the
 * operand types are known, such a call gets this operator ({@link #retarget}, from the validator's
 * type derivation, as {@link DateArithmetic} does); Java's {@code %} of doubles is {@code fmod}:
 * the sign of the dividend, NaN for a zero divisor or an infinite dividend, the dividend for an
 * infinite divisor.
 */
final class DoubleRemainders extends OperandTypedOperator {
  /** The operator. */
  static final DoubleRemainders INSTANCE = new DoubleRemainders();

  private static final SqlUserDefinedFunction REMAINDER =
      new SqlUserDefinedFunction(
          new SqlIdentifier("%", SqlParserPos.ZERO),
          SqlKind.OTHER_FUNCTION,
          ReturnTypes.DOUBLE_NULLABLE,
          InferTypes.FIRST_KNOWN,
          null,
          ScalarFunctionImpl.create(DoubleMath.class, "remainder"));

  private DoubleRemainders() {
    // the precedence of %
    super("%", 60, ReturnTypes.DOUBLE_NULLABLE, OperandTypes.NUMERIC_NUMERIC);
  }

  /**
   * Gives {@code expr}, a remainder with an approximate operand, this operator; leaves others
   * alone.
   */
  static void retarget(SqlNode expr, Function<SqlNode, RelDataType> operandType) {
    if (!(expr instanceof SqlBasicCall call)
        || call.getKind() != SqlKind.MOD
        || call.operandCount() != 2
        || call.operand(0) == null
        || call.operand(1) == null) {
      return;
    }
    RelDataType left = operandType.apply(call.operand(0));
    RelDataType right = operandType.apply(call.operand(1));
    if (SqlTypeUtil.isNumeric(left)
        && SqlTypeUtil.isNumeric(right)
        && (SqlTypeUtil.isApproximateNumeric(left) || SqlTypeUtil.isApproximateNumeric(right))) {
      call.setOperator(INSTANCE);
    }
  }

  /** The call as {@code fmod} of its operands as doubles. */
  static RexNode convert(SqlRexContext cx, SqlCall call) {
    RexBuilder rex = cx.getRexBuilder();
    RelDataTypeFactory types = rex.getTypeFactory();
    RelDataType type = cx.getValidator().getValidatedNodeType(call);
    List<RexNode> operands =
        call.getOperandList().stream()
            .map(cx::convertExpression)
            .map(
                o ->
                    o.getType().getSqlTypeName() == SqlTypeName.DOUBLE
                        ? o
                        : rex.makeCast(
                            types.createTypeWithNullability(
                                types.createSqlType(SqlTypeName.DOUBLE), o.getType().isNullable()),
                            o))
            .toList();
    return rex.makeCall(type, REMAINDER, operands);
  }
}
