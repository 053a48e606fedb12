package dev.bucketsql.calcite.engine;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql2rel.SqlRexContext;

/**
 * DuckDB's arithmetic of dates, which Calcite's validator refuses ({@code Cannot apply '-' to
 * arguments of type '<DATE> - <DATE>'}):
 *
 * <ul>
 *   <li>{@code date + n}, {@code n + date}, {@code date - n} with {@code n} a TINYINT, SMALLINT or
 *       INTEGER: a DATE, {@code n} days later or earlier ({@link DateArithmeticFunctions}, which
 *       fails with 22008 outside the years 1 to 9999 rather than answer a date DuckDB would not);
 *   <li>{@code date - date}: a BIGINT, the days between them;
 *   <li>{@code timestamp - timestamp}: a day-to-second INTERVAL, which {@code epoch(...)} and
 *       {@code EXTRACT(EPOCH FROM ...)} turn into seconds ({@link DuckEpoch}) and which adds to a
 *       TIMESTAMP;
 *   <li>{@code date_add(d, x)}: {@code d + x}, where a DATE plus an INTERVAL is a TIMESTAMP (as in
 *       DuckDB; the {@code +} operator itself keeps Calcite's DATE there).
 * </ul>
 *
 * <p>Where it hooks in: the validator's {@code deriveType}, which sees the operand types before the
 * operator checks them ({@link #retarget}, as {@link ListFolds#retarget} does for {@code length} of
 * a list). There the call's {@code +} or {@code -} is replaced by one of these operators, which
 * derive their own type without a lookup. Two other hooks do not fit: implicit casts ({@code
 * BucketTypeCoercion}) can only cast operands, and no cast makes {@code DATE - DATE} a BIGINT; and
 * the operator table cannot choose between binary operators by operand type (Calcite's lookup
 * filters only functions by type), so a second {@code -} there would replace the standard one for
 * numbers too. Every other form of {@code +} and {@code -} (numbers, {@code DATE + INTERVAL},
 * {@code TIMESTAMP - INTERVAL}) keeps Calcite's operator, unchanged.
 */
final class DateArithmetic extends OperandTypedOperator {
  /** The types of a number of days DuckDB adds to a date (a BIGINT it refuses). */
  private static final Set<SqlTypeName> DAY_COUNTS =
      Set.of(SqlTypeName.TINYINT, SqlTypeName.SMALLINT, SqlTypeName.INTEGER);

  private static final SqlReturnTypeInference DATE =
      ReturnTypes.cascade(ReturnTypes.explicit(SqlTypeName.DATE), SqlTypeTransforms.TO_NULLABLE);
  private static final SqlReturnTypeInference BIGINT = ReturnTypes.BIGINT_NULLABLE;
  private static final SqlReturnTypeInference INTERVAL =
      ReturnTypes.cascade(
          binding -> binding.getTypeFactory().createSqlIntervalType(dayToSecond()),
          SqlTypeTransforms.TO_NULLABLE);

  /** {@code date + n}. */
  static final DateArithmetic DATE_PLUS_DAYS =
      new DateArithmetic("+", DATE, OperandTypes.family(SqlTypeFamily.DATE, SqlTypeFamily.INTEGER));

  /** {@code n + date}. */
  static final DateArithmetic DAYS_PLUS_DATE =
      new DateArithmetic("+", DATE, OperandTypes.family(SqlTypeFamily.INTEGER, SqlTypeFamily.DATE));

  /** {@code date - n}. */
  static final DateArithmetic DATE_MINUS_DAYS =
      new DateArithmetic("-", DATE, OperandTypes.family(SqlTypeFamily.DATE, SqlTypeFamily.INTEGER));

  /** {@code date - date}. */
  static final DateArithmetic DATE_MINUS_DATE =
      new DateArithmetic("-", BIGINT, OperandTypes.family(SqlTypeFamily.DATE, SqlTypeFamily.DATE));

  /** {@code timestamp - timestamp}. */
  static final DateArithmetic TIMESTAMP_MINUS_TIMESTAMP =
      new DateArithmetic(
          "-", INTERVAL, OperandTypes.family(SqlTypeFamily.TIMESTAMP, SqlTypeFamily.TIMESTAMP));

  private static final SqlUserDefinedFunction PLUS_DAYS = function("plusDays");
  private static final SqlUserDefinedFunction MINUS_DAYS = function("minusDays");

  private DateArithmetic(String name, SqlReturnTypeInference type, SqlOperandTypeChecker operands) {
    // the precedence of + and -
    super(name, 40, type, operands);
  }

  private static SqlIntervalQualifier dayToSecond() {
    return new SqlIntervalQualifier(TimeUnit.DAY, TimeUnit.SECOND, SqlParserPos.ZERO);
  }

  private static SqlUserDefinedFunction function(String method) {
    return new SqlUserDefinedFunction(
        new SqlIdentifier(method, SqlParserPos.ZERO),
        SqlKind.OTHER_FUNCTION,
        ReturnTypes.ARG0_NULLABLE,
        InferTypes.FIRST_KNOWN,
        null,
        ScalarFunctionImpl.create(DateArithmeticFunctions.class, method));
  }

  /**
   * Replaces the operator of {@code expr}, a {@code +} or {@code -} of a date and a number of days,
   * of two dates or of two timestamps, by the matching operator of this class; leaves every other
   * expression alone.
   */
  static void retarget(SqlNode expr, Function<SqlNode, RelDataType> operandType) {
    if (!(expr instanceof SqlBasicCall call)
        || call.operandCount() != 2
        || call.operand(0) == null
        || call.operand(1) == null) {
      return;
    }
    SqlOperator op = call.getOperator();
    boolean dateAdd =
        op instanceof SqlUnresolvedFunction && op.getName().equalsIgnoreCase("DATE_ADD");
    if (op != SqlStdOperatorTable.PLUS && op != SqlStdOperatorTable.MINUS && !dateAdd) {
      return;
    }
    SqlTypeName left = operandType.apply(call.operand(0)).getSqlTypeName();
    SqlTypeName right = operandType.apply(call.operand(1)).getSqlTypeName();
    if (dateAdd
        && right != null
        && SqlTypeName.INTERVAL_TYPES.contains(right)
        && (left == SqlTypeName.DATE || left == SqlTypeName.TIMESTAMP)) {
      // date_add(d, INTERVAL ...) is d + INTERVAL, of a date as a TIMESTAMP (DuckDB's type)
      if (left == SqlTypeName.DATE) {
        SqlParserPos pos = call.operand(0).getParserPosition();
        call.setOperand(
            0,
            SqlStdOperatorTable.CAST.createCall(
                pos,
                call.operand(0),
                new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.TIMESTAMP, pos), pos)));
      }
      call.setOperator(SqlStdOperatorTable.PLUS);
      return;
    }
    DateArithmetic target = null;
    if (op != SqlStdOperatorTable.MINUS) {
      if (left == SqlTypeName.DATE && DAY_COUNTS.contains(right)) {
        target = DATE_PLUS_DAYS;
      } else if (DAY_COUNTS.contains(left) && right == SqlTypeName.DATE) {
        target = DAYS_PLUS_DATE;
      }
    } else if (left == SqlTypeName.DATE && DAY_COUNTS.contains(right)) {
      target = DATE_MINUS_DAYS;
    } else if (left == SqlTypeName.DATE && right == SqlTypeName.DATE) {
      target = DATE_MINUS_DATE;
    } else if (left == SqlTypeName.TIMESTAMP && right == SqlTypeName.TIMESTAMP) {
      target = TIMESTAMP_MINUS_TIMESTAMP;
    }
    if (target != null) {
      call.setOperator(target);
    }
  }

  /** The call as arithmetic on the day numbers, or Calcite's difference of two timestamps. */
  static RexNode convert(SqlRexContext cx, SqlCall call) {
    RexBuilder rex = cx.getRexBuilder();
    RelDataTypeFactory types = rex.getTypeFactory();
    RelDataType type = cx.getValidator().getValidatedNodeType(call);
    RexNode left = cx.convertExpression(call.operand(0));
    RexNode right = cx.convertExpression(call.operand(1));
    DateArithmetic op = (DateArithmetic) call.getOperator();
    if (op == TIMESTAMP_MINUS_TIMESTAMP) {
      return rex.makeCall(type, SqlStdOperatorTable.MINUS_DATE, List.of(left, right));
    }
    if (op == DATE_MINUS_DATE) {
      return rex.makeCall(
          type,
          SqlStdOperatorTable.MINUS,
          List.of(days(rex, left, SqlTypeName.BIGINT), days(rex, right, SqlTypeName.BIGINT)));
    }
    RexNode date = op == DAYS_PLUS_DATE ? right : left;
    RexNode count = op == DAYS_PLUS_DATE ? left : right;
    RelDataType integer =
        types.createTypeWithNullability(
            types.createSqlType(SqlTypeName.INTEGER), type.isNullable());
    RexNode shifted =
        rex.makeCall(
            integer,
            op == DATE_MINUS_DAYS ? MINUS_DAYS : PLUS_DAYS,
            List.of(
                days(rex, date, SqlTypeName.INTEGER),
                rex.makeCast(withNullability(types, SqlTypeName.INTEGER, count), count)));
    return rex.makeReinterpretCast(type, shifted, rex.makeLiteral(false));
  }

  /** The day number of a DATE (days since 1970-01-01), as {@code name}. */
  private static RexNode days(RexBuilder rex, RexNode date, SqlTypeName name) {
    return rex.makeReinterpretCast(
        withNullability(rex.getTypeFactory(), name, date), date, rex.makeLiteral(false));
  }

  private static RelDataType withNullability(
      RelDataTypeFactory types, SqlTypeName name, RexNode like) {
    return types.createTypeWithNullability(types.createSqlType(name), like.getType().isNullable());
  }
}
