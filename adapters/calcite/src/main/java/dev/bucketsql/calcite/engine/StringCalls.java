package dev.bucketsql.calcite.engine;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
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
 * Calcite's {@code LENGTH}/{@code CHAR_LENGTH}, {@code LEFT} and {@code RIGHT} converted to calls
 * of {@link DuckDbStrings}, which give DuckDB's answers: characters are code points (an emoji is
 * one), and a negative count keeps all but that many ({@code left('hello', -2)} is {@code
 * 'hel'}, where Calcite gives {@code ''}). The validated type of the call is kept.
 */
final class StringCalls {
  private static final Map<String, SqlUserDefinedFunction> FUNCTIONS =
      Map.of(
          "LENGTH", function("length", "length"),
          "CHAR_LENGTH", function("char_length", "length"),
          "CHARACTER_LENGTH", function("character_length", "length"),
          "LEFT", function("left", "left"),
          "RIGHT", function("right", "right"));

  private StringCalls() {}

  /** Whether {@code call} is one of the functions replaced. */
  static boolean handles(SqlCall call) {
    return FUNCTIONS.containsKey(call.getOperator().getName().toUpperCase(Locale.ROOT));
  }

  /** {@code call} as a call of DuckDB's version, or null when it is not one of these. */
  static @Nullable RexNode convert(SqlRexContext cx, SqlCall call, RelDataType validatedType) {
    SqlUserDefinedFunction function = FUNCTIONS.get(call.getOperator().getName().toUpperCase(Locale.ROOT));
    if (function == null) {
      return null;
    }
    boolean length = call.getOperandList().size() == 1 && function.getName().endsWith("length");
    boolean sides = call.getOperandList().size() == 2 && !function.getName().endsWith("length");
    if (!length && !sides) {
      return null;
    }
    RexBuilder rexBuilder = cx.getRexBuilder();
    RexNode text = cx.convertExpression(call.operand(0));
    if (!SqlTypeUtil.isCharacter(text.getType())) {
      return null;
    }
    if (length) {
      return rexBuilder.makeCall(validatedType, function, List.of(text));
    }
    RexNode count = cx.convertExpression(call.operand(1));
    if (!SqlTypeUtil.isIntType(count.getType())) {
      return null;
    }
    RelDataType bigint =
        rexBuilder.getTypeFactory().createTypeWithNullability(
            rexBuilder.getTypeFactory().createSqlType(SqlTypeName.BIGINT), count.getType().isNullable());
    return rexBuilder.makeCall(validatedType, function, List.of(text, rexBuilder.makeCast(bigint, count)));
  }

  private static SqlUserDefinedFunction function(String name, String method) {
    return new SqlUserDefinedFunction(
        new SqlIdentifier(name, SqlParserPos.ZERO),
        SqlKind.OTHER_FUNCTION,
        ReturnTypes.ARG0_NULLABLE,
        InferTypes.FIRST_KNOWN,
        null,
        ScalarFunctionImpl.create(DuckDbStrings.class, method));
  }
}
