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
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's {@code LENGTH}/{@code CHAR_LENGTH}, {@code LEFT}, {@code RIGHT}, {@code SUBSTRING}/
 * {@code SUBSTR}, {@code UPPER} and {@code LOWER} converted to calls of {@link DuckDbStrings},
 * which give DuckDB's answers: characters are code points (an emoji is one), a negative count keeps
 * all but that many ({@code left('hello', -2)} is {@code 'hel'}, where Calcite gives {@code ''}), a
 * negative start of a substring counts from the end, and case maps one code point at a time. The
 * validated type of the call is kept (a length is a BIGINT: {@link DuckResultTypes}).
 */
final class StringCalls {
  private static final Map<String, SqlUserDefinedFunction> FUNCTIONS =
      Map.of(
          "LENGTH", function("length", "length"),
          "CHAR_LENGTH", function("char_length", "length"),
          "CHARACTER_LENGTH", function("character_length", "length"),
          "LEFT", function("left", "left"),
          "RIGHT", function("right", "right"),
          "SUBSTRING", function("substring", "substring"),
          "SUBSTR", function("substr", "substring"),
          "UPPER", function("upper", "upper"),
          "LOWER", function("lower", "lower"));

  /** {@code SUBSTRING}/{@code SUBSTR} with a start only, by name. */
  private static final Map<String, SqlUserDefinedFunction> FROM =
      Map.of(
          "SUBSTRING", function("substring", "substringFrom"),
          "SUBSTR", function("substr", "substringFrom"));

  /** The functions of one string argument; the others take the string and one or two counts. */
  private static final java.util.Set<String> UNARY =
      java.util.Set.of("length", "char_length", "character_length", "upper", "lower");

  private StringCalls() {}

  /** Whether {@code call} is one of the functions replaced. */
  static boolean handles(SqlCall call) {
    return FUNCTIONS.containsKey(call.getOperator().getName().toUpperCase(Locale.ROOT));
  }

  /** {@code call} as a call of DuckDB's version, or null when it is not one of these. */
  static @Nullable RexNode convert(SqlRexContext cx, SqlCall call, RelDataType validatedType) {
    SqlUserDefinedFunction function =
        FUNCTIONS.get(call.getOperator().getName().toUpperCase(Locale.ROOT));
    if (function == null) {
      return null;
    }
    int operands = call.getOperandList().size();
    boolean unary = UNARY.contains(function.getName());
    boolean counted =
        !unary && (operands == 2 || operands == 3 && function.getName().startsWith("substr"));
    if (unary != (operands == 1) || !unary && !counted) {
      return null;
    }
    if (counted && operands == 2 && function.getName().startsWith("substr")) {
      function = FROM.get(call.getOperator().getName().toUpperCase(Locale.ROOT));
    }
    RexBuilder rexBuilder = cx.getRexBuilder();
    RexNode text = cx.convertExpression(call.operand(0));
    if (!SqlTypeUtil.isCharacter(text.getType())) {
      return null;
    }
    if (unary) {
      return rexBuilder.makeCall(validatedType, function, List.of(text));
    }
    List<RexNode> arguments = new java.util.ArrayList<>(List.of(text));
    for (SqlNode operand : call.getOperandList().subList(1, operands)) {
      RexNode count = cx.convertExpression(operand);
      if (!SqlTypeUtil.isIntType(count.getType())) {
        return null;
      }
      RelDataType bigint =
          rexBuilder
              .getTypeFactory()
              .createTypeWithNullability(
                  rexBuilder.getTypeFactory().createSqlType(SqlTypeName.BIGINT),
                  count.getType().isNullable());
      arguments.add(rexBuilder.makeCast(bigint, count));
    }
    return rexBuilder.makeCall(validatedType, function, arguments);
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
