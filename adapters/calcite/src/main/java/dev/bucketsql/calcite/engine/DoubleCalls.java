package dev.bucketsql.calcite.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calls of {@code ln}, {@code log10} and {@code sqrt}, {@code power} (and DuckDB's {@code ^}),
 * {@code round} of a DOUBLE or REAL, and casts of a DOUBLE or REAL to VARCHAR, converted to calls
 * of {@link DoubleMath}, which answer as DuckDB does for NaN, the infinities, zero and -0.0.
 * Integer and DECIMAL calls keep Calcite's (and {@link CheckedArithmetic}'s) conversion. The
 * validated type of the call is kept.
 */
final class DoubleCalls {
  private static final Map<String, SqlUserDefinedFunction> FUNCTIONS =
      Map.of(
          "LN", function("ln", "ln"),
          "LOG10", function("log10", "log10"),
          "SQRT", function("sqrt", "sqrt"),
          "POWER", function("POWER", "power"),
          "ROUND", function("ROUND", "round"));

  /**
   * {@code round(v, digits)}: a function of its own, since a function made from a method name takes
   * whichever overload reflection lists first.
   */
  private static final SqlUserDefinedFunction ROUND_DIGITS = function("ROUND", "roundDigits");

  private DoubleCalls() {}

  private static @Nullable SqlUserDefinedFunction functionOf(SqlCall call) {
    return FUNCTIONS.get(call.getOperator().getName().toUpperCase(Locale.ROOT));
  }

  /** Whether {@code call} may be one of the functions replaced. */
  static boolean handles(SqlCall call) {
    return functionOf(call) != null;
  }

  /**
   * {@code call} as a call of {@link DoubleMath}, or null when it is not one of these or no operand
   * that decides it is approximate.
   */
  static @Nullable RexNode convert(SqlRexContext cx, SqlCall call, RelDataType validatedType) {
    SqlUserDefinedFunction function = functionOf(call);
    int arity = call.getOperandList().size();
    if (function == null || arity < 1 || arity > 2) {
      return null;
    }
    RexBuilder rexBuilder = cx.getRexBuilder();
    List<RexNode> operands = new ArrayList<>();
    for (int i = 0; i < arity; i++) {
      operands.add(cx.convertExpression(call.operand(i)));
    }
    String method = function.getName();
    boolean approximate =
        operands.stream().anyMatch(o -> SqlTypeUtil.isApproximateNumeric(o.getType()));
    if (method.equals("ROUND")) {
      // round(v, digits): v decides; digits must be an integer
      if (!SqlTypeUtil.isApproximateNumeric(operands.get(0).getType())
          || arity == 2 && !SqlTypeUtil.isIntType(operands.get(1).getType())) {
        return null;
      }
    } else if (method.equals("POWER")) {
      // always a DOUBLE; C's pow for every operand type (1 ^ NaN, -1 ^ Infinity)
      if (arity != 2
          || !SqlTypeUtil.isNumeric(operands.get(0).getType())
          || !SqlTypeUtil.isNumeric(operands.get(1).getType())) {
        return null;
      }
    } else if (arity != 1
        || !SqlTypeUtil.isNumeric(operands.get(0).getType())
        || !approximate && !SqlTypeUtil.isApproximateNumeric(validatedType)) {
      // ln, log10 and sqrt of an integer or DECIMAL are DOUBLE too, and as Calcite's throw for 0
      return null;
    }
    RelDataTypeFactory types = rexBuilder.getTypeFactory();
    List<RexNode> args = new ArrayList<>();
    for (int i = 0; i < arity; i++) {
      RexNode o = operands.get(i);
      SqlTypeName target =
          method.equals("ROUND") && i == 1 ? SqlTypeName.INTEGER : SqlTypeName.DOUBLE;
      args.add(
          o.getType().getSqlTypeName() == target
              ? o
              : rexBuilder.makeCast(
                  types.createTypeWithNullability(
                      types.createSqlType(target), o.getType().isNullable()),
                  o));
    }
    boolean nullable = operands.stream().anyMatch(o -> o.getType().isNullable());
    RelDataType dbl =
        types.createTypeWithNullability(types.createSqlType(SqlTypeName.DOUBLE), nullable);
    RexNode computed =
        rexBuilder.makeCall(
            dbl, method.equals("ROUND") && arity == 2 ? ROUND_DIGITS : function, args);
    // a type Calcite inferred other than DOUBLE is kept, cast to
    return validatedType.getSqlTypeName() == SqlTypeName.DOUBLE
        ? computed
        : rexBuilder.makeCast(validatedType, computed);
  }

  private static SqlUserDefinedFunction function(String name, String method) {
    return new SqlUserDefinedFunction(
        new SqlIdentifier(name, SqlParserPos.ZERO),
        SqlKind.OTHER_FUNCTION,
        ReturnTypes.DOUBLE_NULLABLE,
        InferTypes.FIRST_KNOWN,
        null,
        ScalarFunctionImpl.create(DoubleMath.class, method));
  }
}
