package dev.bucketsql.engine.expr;

import dev.bucketsql.format.SqlStateException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The numeric conversions of casts, shared by the engine's {@link Exprs#cast} and the SQL layer's
 * generated code, so that both compute the same value and fail with the same error. Two families:
 *
 * <ul>
 *   <li>DuckDB's casts, which the SQL layer writes into plans: a DOUBLE to an integer rounds halves
 *       to even, a DECIMAL halves away from zero; a DECIMAL of a larger scale or a DOUBLE to a
 *       {@code DECIMAL(p,s)} rounds halves away from zero; a value that does not fit fails with
 *       SQLSTATE 22003 naming the value and the type.
 *   <li>Calcite's own cast of an integer or a DECIMAL to a {@code DECIMAL(p,s)} (which the SQL
 *       layer leaves where nothing is rounded): the value set to scale {@code s}, truncated, and an
 *       error when it then has more than {@code p} digits.
 * </ul>
 */
public final class Casts {
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private Casts() {}

  /** A DOUBLE rounded halves to even into {@code [min, max]}, the range of {@code type}. */
  public static long doubleToLong(double v, long min, long max, String type) {
    double r = Math.rint(v);
    // -2^63 and 2^63 are exact doubles; Long.MAX_VALUE is not, so compare below 2^63
    boolean fits = min == Long.MIN_VALUE ? r >= -0x1p63 && r < 0x1p63 : r >= min && r <= max;
    if (!fits) {
      throw outOfRange("DOUBLE", Double.toString(v), type, min, max);
    }
    return (long) r;
  }

  /** A DECIMAL rounded halves away from zero into {@code [min, max]}, the range of {@code type}. */
  public static long decimalToLong(BigDecimal v, long min, long max, String type) {
    BigDecimal r = v.setScale(0, RoundingMode.HALF_UP);
    if (r.compareTo(LONG_MIN) < 0 || r.compareTo(LONG_MAX) > 0) {
      throw outOfRange("DECIMAL", v.toPlainString(), type, min, max);
    }
    long l = r.longValueExact();
    if (l < min || l > max) {
      throw outOfRange("DECIMAL", v.toPlainString(), type, min, max);
    }
    return l;
  }

  /** An integer narrowed into {@code [min, max]}, the range of {@code type}. */
  public static long longToLong(long v, long min, long max, String type) {
    if (v < min || v > max) {
      throw outOfRange(null, Long.toString(v), type, min, max);
    }
    return v;
  }

  /** DuckDB's cast of a DECIMAL to {@code DECIMAL(precision, scale)}: halves away from zero. */
  public static BigDecimal decimalToDecimal(BigDecimal v, int precision, int scale) {
    return fits(
        v.setScale(scale, RoundingMode.HALF_UP), precision, scale, "DECIMAL", v.toPlainString());
  }

  /**
   * DuckDB's cast of a DOUBLE to {@code DECIMAL(precision, scale)}: multiplied by 10^scale as a
   * double, rounded halves away from zero.
   */
  public static BigDecimal doubleToDecimal(double v, int precision, int scale) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw decimalOutOfRange("DOUBLE", Double.toString(v), precision, scale);
    }
    double scaled = Math.abs(v * Math.pow(10, scale));
    double whole = Math.floor(scaled);
    if (scaled - whole >= 0.5) {
      whole += 1;
    }
    BigDecimal r =
        new BigDecimal(Math.copySign(whole, v))
            .scaleByPowerOfTen(-scale)
            .setScale(scale, RoundingMode.UNNECESSARY);
    return fits(r, precision, scale, "DOUBLE", Double.toString(v));
  }

  /**
   * Calcite's cast of an integer or DECIMAL {@code v} to {@code DECIMAL(precision, scale)}: set to
   * the scale, truncating, failing when more than {@code precision} digits remain, with the message
   * the SQL layer gives Calcite's error.
   */
  public static BigDecimal truncatingDecimal(BigDecimal v, int precision, int scale) {
    BigDecimal r = v.setScale(scale, RoundingMode.DOWN);
    if (r.precision() > precision) {
      throw new SqlStateException(
          SqlStateException.NUMERIC_OUT_OF_RANGE,
          "numeric value out of range: Value "
              + v
              + " cannot be represented as a DECIMAL("
              + precision
              + ", "
              + scale
              + "); CAST to BIGINT, DOUBLE or a wider DECIMAL");
    }
    return r;
  }

  private static BigDecimal fits(
      BigDecimal r, int precision, int scale, String from, String value) {
    if (r.signum() != 0 && r.precision() - r.scale() > precision - scale) {
      throw decimalOutOfRange(from, value, precision, scale);
    }
    return r;
  }

  private static SqlStateException decimalOutOfRange(
      String from, String value, int precision, int scale) {
    String type = "DECIMAL(" + precision + "," + scale + ")";
    return new SqlStateException(
        SqlStateException.NUMERIC_OUT_OF_RANGE,
        "Cannot cast "
            + from
            + " "
            + value
            + " to "
            + type
            + ": out of range ("
            + type
            + " holds "
            + (precision - scale)
            + " digits before the point); cast to a wider DECIMAL or to DOUBLE, or use TRY_CAST to get NULL");
  }

  private static SqlStateException outOfRange(
      String from, String value, String type, long min, long max) {
    return new SqlStateException(
        SqlStateException.NUMERIC_OUT_OF_RANGE,
        "Cannot cast "
            + (from == null ? "" : from + " ")
            + value
            + " to "
            + type
            + ": out of range ("
            + type
            + " holds "
            + min
            + " to "
            + max
            + "); cast to a wider type, or use TRY_CAST to get NULL");
  }
}
