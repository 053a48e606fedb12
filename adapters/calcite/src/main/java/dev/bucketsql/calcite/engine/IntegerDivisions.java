package dev.bucketsql.calcite.engine;

import dev.bucketsql.calcite.engine.KeywordNames.Kind;
import dev.bucketsql.calcite.engine.KeywordNames.Token;
import dev.bucketsql.format.SqlStateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexContext;

/**
 * DuckDB's integer division {@code a // b}. Calcite's parser reads {@code //} as the start of a
 * comment, so {@code SELECT 7 // 2 AS q, x FROM t} lost everything after the slashes and still ran.
 * Before the parser, each {@code //} outside literals, quoted names and comments becomes a {@code
 * /} and a space (the text keeps its length) and its place is noted ({@link #mark}); after parsing,
 * the division whose operator sits at a noted place becomes this operator ({@link #rewrite}).
 *
 * <p>As in DuckDB: of two integers, the quotient truncated toward zero in the wider type, a zero
 * divisor an error (22012) and the minimum divided by -1 an overflow (22003), both through the
 * checked integer division ({@link CheckedArithmetic}); otherwise the DOUBLE quotient, where a zero
 * divisor is an error too (DuckDB's {@code /} gives Infinity, its {@code //} fails).
 */
public final class IntegerDivisions {
  /** The operator, of {@code /}'s precedence. */
  static final SqlBinaryOperator OPERATOR =
      new SqlBinaryOperator(
          "//",
          SqlKind.OTHER,
          60,
          true,
          IntegerDivisions::returnType,
          InferTypes.FIRST_KNOWN,
          OperandTypes.NUMERIC_NUMERIC);

  /** The operators looked up before Calcite's: this one. */
  static final SqlOperatorTable TABLE = SqlOperatorTables.of(OPERATOR);

  private static final SqlUserDefinedFunction DOUBLE_QUOTIENT =
      new SqlUserDefinedFunction(
          new SqlIdentifier("//", SqlParserPos.ZERO),
          SqlKind.OTHER_FUNCTION,
          ReturnTypes.DOUBLE_NULLABLE,
          InferTypes.FIRST_KNOWN,
          null,
          ScalarFunctionImpl.create(IntegerDivisions.class, "quotientOfDoubles"));

  private IntegerDivisions() {}

  /** The statement with each {@code //} a {@code / }, and where they were (line, column). */
  record Marked(String sql, List<int[]> places) {}

  /** {@code sql} for the parser, and the places of its integer divisions. */
  static Marked mark(String sql) {
    if (!sql.contains("//")) {
      return new Marked(sql, List.of());
    }
    List<Token> tokens = KeywordNames.tokenize(sql);
    StringBuilder out = new StringBuilder(sql);
    List<int[]> places = new ArrayList<>();
    for (int i = 0; i + 1 < tokens.size(); i++) {
      Token t = tokens.get(i);
      Token next = tokens.get(i + 1);
      if (t.kind() == Kind.SYMBOL
          && t.text().equals("/")
          && next.kind() == Kind.SYMBOL
          && next.text().equals("/")
          && next.start() == t.start() + 1) {
        out.setCharAt(next.start(), ' ');
        places.add(new int[] {t.line(), t.column()});
        i++;
      }
    }
    return new Marked(out.toString(), List.copyOf(places));
  }

  /**
   * Makes each division of {@code node} whose operator stands at one of {@code places} an integer
   * division, in place; returns {@code node}.
   */
  static SqlNode rewrite(SqlNode node, List<int[]> places) {
    if (places.isEmpty()) {
      return node;
    }
    return InPlaceCalls.replace(
        node,
        call ->
            isMarked(call, places)
                ? OPERATOR.createCall(call.getParserPosition(), call.getOperandList())
                : null);
  }

  /** Whether {@code call} is a {@code /} whose operator is one of the noted {@code //}. */
  private static boolean isMarked(SqlCall call, List<int[]> places) {
    if (call.getKind() != SqlKind.DIVIDE || call.operandCount() != 2) {
      return false;
    }
    SqlParserPos left = call.operand(0).getParserPosition();
    SqlParserPos right = call.operand(1).getParserPosition();
    for (int[] place : places) {
      if (before(left.getEndLineNum(), left.getEndColumnNum(), place[0], place[1])
          && before(place[0], place[1], right.getLineNum(), right.getColumnNum())) {
        return true;
      }
    }
    return false;
  }

  private static boolean before(int line, int column, int otherLine, int otherColumn) {
    return line < otherLine || (line == otherLine && column < otherColumn);
  }

  private static RelDataType returnType(SqlOperatorBinding binding) {
    RelDataTypeFactory types = binding.getTypeFactory();
    RelDataType left = binding.getOperandType(0);
    RelDataType right = binding.getOperandType(1);
    boolean nullable = left.isNullable() || right.isNullable();
    if (SqlTypeUtil.isIntType(left) && SqlTypeUtil.isIntType(right)) {
      RelDataType wider = types.leastRestrictive(List.of(left, right));
      if (wider != null) {
        return types.createTypeWithNullability(wider, nullable);
      }
    }
    return types.createTypeWithNullability(types.createSqlType(SqlTypeName.DOUBLE), nullable);
  }

  /** The call as a checked integer division, or a division of doubles that refuses zero. */
  static RexNode convert(SqlRexContext cx, SqlCall call) {
    RexBuilder rex = cx.getRexBuilder();
    RelDataType type = cx.getValidator().getValidatedNodeType(call);
    RexNode left = cx.convertExpression(call.operand(0));
    RexNode right = cx.convertExpression(call.operand(1));
    if (SqlTypeUtil.isIntType(type)) {
      return rex.makeCall(
          type, SqlStdOperatorTable.DIVIDE, List.of(cast(rex, left, type), cast(rex, right, type)));
    }
    return rex.makeCall(
        type, DOUBLE_QUOTIENT, List.of(cast(rex, left, type), cast(rex, right, type)));
  }

  private static RexNode cast(RexBuilder rex, RexNode value, RelDataType type) {
    RelDataType target =
        rex.getTypeFactory().createTypeWithNullability(type, value.getType().isNullable());
    return value.getType().equals(target) ? value : rex.makeCast(target, value, false);
  }

  /**
   * {@code a // b} of doubles: their quotient, or 22012 for a zero divisor. Called by generated
   * code.
   */
  @Strict
  public static double quotientOfDoubles(double a, double b) {
    if (b == 0) {
      throw new SqlStateException(
          SqlStateException.DIVISION_BY_ZERO,
          String.format(
              Locale.ROOT,
              "division by zero in %s // %s; write NULLIF(divisor, 0) to get NULL instead",
              a,
              b));
    }
    return a / b;
  }
}
