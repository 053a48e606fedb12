package dev.bucketsql.engine.expr;

import dev.bucketsql.format.SqlStateException;
import java.util.Locale;

/**
 * The errors of integer arithmetic: a result out of its type's range (SQLSTATE 22003) and a zero
 * divisor (22012), shared by the engine's expressions and the Calcite binding's generated
 * arithmetic, so both say the same.
 */
public final class Overflow {
  private Overflow() {}

  /**
   * {@code Overflow in addition of INTEGER (2147483647 + 1): the result is out of INTEGER's range;
   * cast an operand to BIGINT to widen it}.
   *
   * @param operation {@code addition}, {@code subtraction}, {@code multiplication}, ...
   * @param type the SQL type of the operation
   * @param op the operator as SQL writes it
   */
  public static SqlStateException binary(String operation, String type, long a, String op, long b) {
    return new SqlStateException(
        SqlStateException.NUMERIC_OUT_OF_RANGE,
        String.format(
            Locale.ROOT,
            "Overflow in %s of %s (%d %s %d): the result is out of %s's range; cast an operand to %s to widen it",
            operation,
            type,
            a,
            op,
            b,
            type,
            wider(type)));
  }

  /**
   * {@code division by zero in 7 // 0; write NULLIF(divisor, 0) to get NULL instead} (SQLSTATE
   * 22012), for an integer {@code //} or {@code %}.
   */
  public static SqlStateException divisionByZero(long a, String op, long b) {
    return new SqlStateException(
        SqlStateException.DIVISION_BY_ZERO,
        String.format(
            Locale.ROOT,
            "division by zero in %d %s %d; write NULLIF(divisor, 0) to get NULL instead",
            a,
            op,
            b));
  }

  /**
   * {@code division by zero: a / or % has a zero divisor; use NULLIF(divisor, 0) to get NULL
   * instead} (SQLSTATE 22012), for a DECIMAL {@code %}: the SQL layer's message for the error
   * {@link java.math.BigDecimal} raises there, which names no operand.
   */
  public static SqlStateException decimalDivisionByZero() {
    return new SqlStateException(SqlStateException.DIVISION_BY_ZERO, DECIMAL_DIVISION_BY_ZERO);
  }

  /** The message of {@link #decimalDivisionByZero}. */
  public static final String DECIMAL_DIVISION_BY_ZERO =
      "division by zero: a / or % has a zero divisor; use NULLIF(divisor, 0) to get NULL instead";

  /**
   * {@code Overflow in negation of INTEGER (-(-2147483648)): the result is out of INTEGER's range;
   * cast the operand to BIGINT to widen it}, for {@code -a} and {@code ABS(a)}.
   */
  public static SqlStateException negation(String type, long a) {
    return new SqlStateException(
        SqlStateException.NUMERIC_OUT_OF_RANGE,
        String.format(
            Locale.ROOT,
            "Overflow in negation of %s (-(%d)): the result is out of %s's range; cast the operand to %s to widen it",
            type,
            a,
            type,
            wider(type)));
  }

  /** The type to cast to so that an operation of {@code type} does not overflow. */
  public static String wider(String type) {
    return switch (type) {
      case "TINYINT", "SMALLINT" -> "INTEGER";
      case "INTEGER" -> "BIGINT";
      default -> "DECIMAL(38,0) or DOUBLE";
    };
  }
}
