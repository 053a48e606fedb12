package dev.bucketsql.calcite.engine;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * A binary operator that the validator's type derivation puts in place of Calcite's once the
 * operand types are known ({@link DateArithmetic}, {@link DoubleRemainders}). It keeps the
 * precedence of the operator it replaces, so the call unparses (and names its column) as typed, and
 * derives its type from its operands alone: it was chosen for them, there is nothing to look up.
 */
abstract class OperandTypedOperator extends SqlBinaryOperator {
  OperandTypedOperator(
      String name, int precedence, SqlReturnTypeInference type, SqlOperandTypeChecker operands) {
    super(name, SqlKind.OTHER, precedence, true, type, InferTypes.FIRST_KNOWN, operands);
  }

  @Override
  public final RelDataType deriveType(
      SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
    for (SqlNode operand : call.getOperandList()) {
      validator.deriveType(scope, operand);
    }
    return validateOperands(validator, scope, call);
  }
}
