package dev.bucketsql.calcite.engine;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Result types DuckDB gives where Calcite's differ, set while the statement is validated (so the
 * plan, EXPLAIN and {@code ResultSetMetaData} show them) and honoured when calls are converted:
 *
 * <ul>
 *   <li>{@code length(s)}, {@code char_length(s)}, {@code character_length(s)} are BIGINT (Calcite:
 *       INTEGER), computed by {@link StringCalls};
 *   <li>{@code x % y} and {@code mod(x, y)} of two integers have the wider of both types (Calcite
 *       types them as {@code y}: {@code BIGINT % INTEGER} was an INTEGER);
 *   <li>{@code round(DECIMAL(p,s), n)} with a constant {@code n < s} is a {@code DECIMAL(p,
 *       max(n,0))}, and {@code round(DECIMAL(p,s))} a {@code DECIMAL(p,0)} (Calcite keeps {@code
 *       DECIMAL(p,s)}, where a rounding that adds a digit no longer fits: {@code round(9999999.99,
 *       1)} failed with 22003). The rounded value always fits: it loses more fraction digits than
 *       it can gain integer digits.
 * </ul>
 */
final class DuckResultTypes {
  private static final Set<String> LENGTHS = Set.of("LENGTH", "CHAR_LENGTH", "CHARACTER_LENGTH");

  private static final SqlUserDefinedFunction ROUND =
      new SqlUserDefinedFunction(
          new SqlIdentifier("round", SqlParserPos.ZERO),
          SqlKind.OTHER_FUNCTION,
          ReturnTypes.ARG0_NULLABLE,
          InferTypes.FIRST_KNOWN,
          null,
          ScalarFunctionImpl.create(DuckResultTypes.class, "round"));

  private DuckResultTypes() {}

  /**
   * DuckDB's type for {@code call}, given the types Calcite derived for it and its operands, or
   * {@code calciteType} when they agree.
   */
  static RelDataType of(
      SqlCall call,
      RelDataType calciteType,
      List<RelDataType> operandTypes,
      RelDataTypeFactory factory) {
    String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
    if (LENGTHS.contains(name)
        && operandTypes.size() == 1
        && calciteType.getSqlTypeName() == SqlTypeName.INTEGER) {
      return withNullability(factory, factory.createSqlType(SqlTypeName.BIGINT), calciteType);
    }
    if (call.getKind() == SqlKind.MOD
        && operandTypes.size() == 2
        && isInteger(operandTypes.get(0))
        && isInteger(operandTypes.get(1))
        && isInteger(calciteType)) {
      RelDataType wider =
          factory.leastRestrictive(List.of(operandTypes.get(0), operandTypes.get(1)));
      return wider == null ? calciteType : withNullability(factory, wider, calciteType);
    }
    if (name.equals("ROUND")
        && !operandTypes.isEmpty()
        && operandTypes.get(0).getSqlTypeName() == SqlTypeName.DECIMAL
        && calciteType.getSqlTypeName() == SqlTypeName.DECIMAL) {
      Integer places = operandTypes.size() == 1 ? Integer.valueOf(0) : constant(call.operand(1));
      RelDataType decimal = operandTypes.get(0);
      if (places == null || places >= decimal.getScale()) {
        return calciteType;
      }
      return withNullability(
          factory,
          factory.createSqlType(SqlTypeName.DECIMAL, decimal.getPrecision(), Math.max(places, 0)),
          calciteType);
    }
    return calciteType;
  }

  /**
   * {@code call} converted to a node of its validated type, when {@link #of} changed it from
   * Calcite's; null to convert it as Calcite does.
   */
  static @Nullable RexNode convert(
      SqlRexContext cx, SqlCall call, RelDataType validatedType, RexNode calcite) {
    if (calcite.getType().getSqlTypeName() == validatedType.getSqlTypeName()
        && calcite.getType().getScale() == validatedType.getScale()
        && calcite.getType().getPrecision() == validatedType.getPrecision()) {
      return null;
    }
    RexBuilder rexBuilder = cx.getRexBuilder();
    if (call.getKind() == SqlKind.MOD) {
      List<RexNode> operands =
          call.getOperandList().stream()
              .map(cx::convertExpression)
              .map(
                  o ->
                      rexBuilder.makeCast(
                          withNullability(rexBuilder.getTypeFactory(), validatedType, o.getType()),
                          o))
              .toList();
      return rexBuilder.makeCall(validatedType, SqlStdOperatorTable.MOD, operands);
    }
    if (call.getOperator().getName().equalsIgnoreCase("ROUND")) {
      RexNode value = cx.convertExpression(call.operand(0));
      RexNode places =
          rexBuilder.makeExactLiteral(
              BigDecimal.valueOf(call.operandCount() == 1 ? 0 : constant(call.operand(1))));
      return rexBuilder.makeCall(validatedType, ROUND, List.of(value, places));
    }
    return null;
  }

  /**
   * {@code round(x, places)} of a DECIMAL as DuckDB rounds it: half away from zero, to {@code
   * places} digits after the point (before it when negative), at scale {@code max(places, 0)}.
   * Called by generated code; public for that reason only.
   */
  public static BigDecimal round(BigDecimal x, int places) {
    if (x == null) {
      return null;
    }
    BigDecimal rounded = x.setScale(places, java.math.RoundingMode.HALF_UP);
    return places < 0 ? rounded.setScale(0) : rounded;
  }

  private static boolean isInteger(RelDataType type) {
    return SqlTypeName.INT_TYPES.contains(type.getSqlTypeName());
  }

  /** The value of an integer constant ({@code 2}, {@code -2}), or null. */
  private static @Nullable Integer constant(SqlNode node) {
    boolean negative = false;
    while (node instanceof SqlCall c
        && (c.getKind() == SqlKind.MINUS_PREFIX || c.getKind() == SqlKind.PLUS_PREFIX)
        && c.operandCount() == 1) {
      negative ^= c.getKind() == SqlKind.MINUS_PREFIX;
      node = c.operand(0);
    }
    if (!(node instanceof SqlNumericLiteral literal) || !literal.isExact()) {
      return null;
    }
    BigDecimal value = literal.getValueAs(BigDecimal.class);
    if (value.scale() > 0 && value.stripTrailingZeros().scale() > 0
        || value.abs().compareTo(BigDecimal.valueOf(1000)) > 0) {
      return null;
    }
    int places = value.intValue();
    return negative ? -places : places;
  }

  private static RelDataType withNullability(
      RelDataTypeFactory factory, RelDataType type, RelDataType like) {
    return factory.createTypeWithNullability(type, like.isNullable());
  }
}
