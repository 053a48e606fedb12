package dev.bucketsql.calcite.engine;

import dev.bucketsql.format.SqlStateException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.format.TextStyle;
import java.util.Locale;
import org.apache.calcite.linq4j.function.Strict;

/**
 * Small DuckDB number and date functions Calcite's libraries lack: {@code gcd}, {@code lcm}, {@code
 * isnan}, {@code isinf}, {@code isfinite}, {@code dayname}, {@code monthname} and {@code epoch_us}.
 * Called by generated code; public for that reason only. Strict: a NULL argument gives NULL without
 * a call.
 */
@Strict
public final class DuckDbMathDateFunctions {
  private DuckDbMathDateFunctions() {}

  /** {@code gcd(a, b)}: the greatest common divisor, not negative; {@code gcd(0, 0)} is 0. */
  public static long gcd(long a, long b) {
    long x = abs("gcd", a);
    long y = abs("gcd", b);
    while (y != 0) {
      long r = x % y;
      x = y;
      y = r;
    }
    return x;
  }

  /** {@code lcm(a, b)}: the least common multiple, not negative; 0 if either is 0. */
  public static long lcm(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    try {
      return Math.multiplyExact(abs("lcm", a) / gcd(a, b), abs("lcm", b));
    } catch (ArithmeticException e) {
      throw outOfRange("lcm(" + a + ", " + b + ")");
    }
  }

  private static long abs(String function, long value) {
    if (value == Long.MIN_VALUE) {
      throw outOfRange(function + " of " + value);
    }
    return Math.abs(value);
  }

  private static SqlStateException outOfRange(String what) {
    return new SqlStateException(
        SqlStateException.NUMERIC_OUT_OF_RANGE,
        what + " is out of the range of a BIGINT; use smaller numbers");
  }

  /** {@code isnan(x)}: whether {@code x} is NaN (never, for an integer or a DECIMAL). */
  public static boolean isnan(Object x) {
    return number(x) != number(x);
  }

  /** {@code isinf(x)}: whether {@code x} is an infinity. */
  public static boolean isinf(Object x) {
    return Double.isInfinite(number(x));
  }

  /** {@code isfinite(x)}: neither NaN nor an infinity. */
  public static boolean isfinite(Object x) {
    return Double.isFinite(number(x));
  }

  private static double number(Object x) {
    if (x instanceof Number n) {
      return n.doubleValue();
    }
    throw new SqlStateException(
        SqlStateException.INVALID_PARAMETER_VALUE,
        "expected a number, not '" + x + "'; cast it to DOUBLE");
  }

  /** {@code dayname(d)}: the English name of the day of the week. */
  public static String daynameOfDate(Date d) {
    return d.toLocalDate().getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
  }

  /** {@code dayname(ts)}. */
  public static String daynameOfTimestamp(Timestamp t) {
    return t.toLocalDateTime().getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
  }

  /** {@code monthname(d)}: the English name of the month. */
  public static String monthnameOfDate(Date d) {
    return d.toLocalDate().getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
  }

  /** {@code monthname(ts)}. */
  public static String monthnameOfTimestamp(Timestamp t) {
    return t.toLocalDateTime().getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
  }

  /**
   * {@code epoch_us(ts)}: microseconds since 1970-01-01 00:00:00 (a TIMESTAMP here holds
   * milliseconds).
   */
  public static long microsOfTimestamp(Timestamp t) {
    return Epoch.millisOfTimestamp(t) * 1000;
  }

  /** {@code epoch_us(d)}: microseconds of the date's midnight. */
  public static long microsOfDate(Date d) {
    return Epoch.millisOfDate(d) * 1000;
  }
}
