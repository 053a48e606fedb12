package dev.bucketsql.calcite.engine;

import java.math.BigDecimal;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql2rel.SqlRexContext;

/**
 * DuckDB's {@code epoch(x)}, which {@code EXTRACT(EPOCH FROM x)} and {@code date_part('epoch', x)}
 * also become ({@link DatePartUnits}): the seconds of {@code x} as a DOUBLE with their fraction.
 * Calcite's EXTRACT of EPOCH is a BIGINT that drops the fraction ({@code -0.211} became 0).
 *
 * <ul>
 *   <li>TIMESTAMP: seconds since 1970-01-01 00:00:00 (a value without zone counts as UTC);
 *   <li>DATE: the seconds of its midnight; TIME: the seconds since midnight;
 *   <li>a day-time INTERVAL: its seconds; a year-month INTERVAL: 365.25 days a year and 30 days a
 *       month beyond the whole years, as DuckDB counts them.
 * </ul>
 *
 * <p>Each is computed from the value's own number (milliseconds, days or months), so the DOUBLE is
 * the exact quotient rounded once.
 */
final class DuckEpoch extends SqlFunction {
  /** The function. */
  static final DuckEpoch INSTANCE = new DuckEpoch();

  /** The operators looked up before Calcite's: this one. */
  static final SqlOperatorTable TABLE = SqlOperatorTables.of(INSTANCE);

  private static final BigDecimal MILLIS_PER_SECOND = BigDecimal.valueOf(1000);
  private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);
  private static final BigDecimal SECONDS_PER_YEAR = BigDecimal.valueOf(31_557_600);
  private static final BigDecimal SECONDS_PER_MONTH = BigDecimal.valueOf(2_592_000);

  private DuckEpoch() {
    super(
        "EPOCH",
        SqlKind.OTHER_FUNCTION,
        ReturnTypes.DOUBLE_NULLABLE,
        null,
        OperandTypes.or(
            OperandTypes.family(SqlTypeFamily.DATETIME),
            OperandTypes.family(SqlTypeFamily.DATETIME_INTERVAL)),
        SqlFunctionCategory.TIMEDATE);
  }

  /** The call as arithmetic on the number that holds its operand's value. */
  static RexNode convert(SqlRexContext cx, SqlCall call) {
    RexBuilder rex = cx.getRexBuilder();
    RexNode value = cx.convertExpression(call.operand(0));
    RelDataType type = value.getType();
    RelDataType bigint =
        rex.getTypeFactory()
            .createTypeWithNullability(
                rex.getTypeFactory().createSqlType(SqlTypeName.BIGINT), type.isNullable());
    RexNode number =
        rex.makeCast(
            asDouble(rex, type), rex.makeReinterpretCast(bigint, value, rex.makeLiteral(false)));
    SqlTypeName name = type.getSqlTypeName();
    if (name == SqlTypeName.DATE) {
      return times(rex, number, SECONDS_PER_DAY);
    }
    if (SqlTypeName.YEAR_INTERVAL_TYPES.contains(name)) {
      // whole years and the months beyond them, from the months the interval holds
      RexNode months = rex.makeReinterpretCast(bigint, value, rex.makeLiteral(false));
      RexNode twelve = rex.makeExactLiteral(BigDecimal.valueOf(12));
      RexNode years = rex.makeCall(SqlStdOperatorTable.DIVIDE_INTEGER, months, twelve);
      RexNode rest = rex.makeCall(SqlStdOperatorTable.MOD, months, twelve);
      return rex.makeCall(
          SqlStdOperatorTable.PLUS,
          times(rex, rex.makeCast(asDouble(rex, type), years), SECONDS_PER_YEAR),
          times(rex, rex.makeCast(asDouble(rex, type), rest), SECONDS_PER_MONTH));
    }
    // TIMESTAMP, TIME and day-time intervals hold milliseconds
    return rex.makeCall(SqlStdOperatorTable.DIVIDE, number, doubleLiteral(rex, MILLIS_PER_SECOND));
  }

  private static RelDataType asDouble(RexBuilder rex, RelDataType like) {
    return rex.getTypeFactory()
        .createTypeWithNullability(
            rex.getTypeFactory().createSqlType(SqlTypeName.DOUBLE), like.isNullable());
  }

  private static RexNode times(RexBuilder rex, RexNode value, BigDecimal factor) {
    return rex.makeCall(SqlStdOperatorTable.MULTIPLY, value, doubleLiteral(rex, factor));
  }

  private static RexNode doubleLiteral(RexBuilder rex, BigDecimal value) {
    return rex.makeApproxLiteral(value);
  }
}
