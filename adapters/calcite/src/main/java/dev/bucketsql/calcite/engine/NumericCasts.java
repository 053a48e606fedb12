package dev.bucketsql.calcite.engine;

import dev.bucketsql.engine.expr.Casts;
import dev.bucketsql.format.SqlStateException;
import java.math.BigDecimal;
import org.apache.calcite.linq4j.function.Strict;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Casts of numbers to integer types as DuckDB makes them: a DOUBLE or REAL is rounded to the
 * nearest integer, halves to even ({@code CAST(2.5 AS INTEGER)} of a DOUBLE is 2, of 3.5 is 4); a
 * DECIMAL is rounded halves away from zero ({@code CAST(2.5 AS INTEGER)} of a DECIMAL is 3); a
 * wider integer keeps its value. A value that does not fit the type, NaN and the infinities fail
 * with SQLSTATE 22003 naming the value and the type, where a Java cast would saturate or wrap;
 * {@code TRY_CAST} gives NULL instead. Casts to {@code DECIMAL(p,s)} round as DuckDB's too, where
 * Calcite truncates: a DECIMAL of a larger scale halves away from zero ({@code CAST(1.25 AS
 * DECIMAL(3,1))} is 1.3); a DOUBLE is multiplied by 10^s as a double and that rounded halves away
 * from zero ({@code CAST(0.15e0 AS DECIMAL(3,1))} is 0.2, as DuckDB answers, though the double 0.15
 * lies just below 0.15); a value with more than p - s integer digits fails. Calls are written into
 * plans by {@link CheckedArithmetic} and made by generated code, hence public; {@link Strict}: NULL
 * gives NULL.
 */
@Strict
public final class NumericCasts {
  private NumericCasts() {}

  /** {@code CAST(v AS TINYINT)} of a DOUBLE or REAL. */
  public static byte doubleToTinyint(double v) {
    return (byte) fromDouble(v, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT");
  }

  /** {@code TRY_CAST(v AS TINYINT)}: NULL where the cast fails. */
  public static @Nullable Byte tryDoubleToTinyint(double v) {
    try {
      return doubleToTinyint(v);
    } catch (SqlStateException e) {
      return null;
    }
  }

  /** {@code CAST(v AS SMALLINT)} of a DOUBLE or REAL. */
  public static short doubleToSmallint(double v) {
    return (short) fromDouble(v, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
  }

  /** {@code TRY_CAST(v AS SMALLINT)}: NULL where the cast fails. */
  public static @Nullable Short tryDoubleToSmallint(double v) {
    try {
      return doubleToSmallint(v);
    } catch (SqlStateException e) {
      return null;
    }
  }

  /** {@code CAST(v AS INTEGER)} of a DOUBLE or REAL. */
  public static int doubleToInteger(double v) {
    return (int) fromDouble(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER");
  }

  /** {@code TRY_CAST(v AS INTEGER)}: NULL where the cast fails. */
  public static @Nullable Integer tryDoubleToInteger(double v) {
    try {
      return doubleToInteger(v);
    } catch (SqlStateException e) {
      return null;
    }
  }

  /** {@code CAST(v AS BIGINT)} of a DOUBLE or REAL. */
  public static long doubleToBigint(double v) {
    return (long) fromDouble(v, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT");
  }

  /** {@code TRY_CAST(v AS BIGINT)}: NULL where the cast fails. */
  public static @Nullable Long tryDoubleToBigint(double v) {
    try {
      return doubleToBigint(v);
    } catch (SqlStateException e) {
      return null;
    }
  }

  /** {@code CAST(v AS TINYINT)} of a DECIMAL. */
  public static byte decimalToTinyint(BigDecimal v) {
    return (byte) fromDecimal(v, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT");
  }

  /** {@code TRY_CAST(v AS TINYINT)}: NULL where the cast fails. */
  public static @Nullable Byte tryDecimalToTinyint(BigDecimal v) {
    try {
      return decimalToTinyint(v);
    } catch (SqlStateException e) {
      return null;
    }
  }

  /** {@code CAST(v AS SMALLINT)} of a DECIMAL. */
  public static short decimalToSmallint(BigDecimal v) {
    return (short) fromDecimal(v, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
  }

  /** {@code TRY_CAST(v AS SMALLINT)}: NULL where the cast fails. */
  public static @Nullable Short tryDecimalToSmallint(BigDecimal v) {
    try {
      return decimalToSmallint(v);
    } catch (SqlStateException e) {
      return null;
    }
  }

  /** {@code CAST(v AS INTEGER)} of a DECIMAL. */
  public static int decimalToInteger(BigDecimal v) {
    return (int) fromDecimal(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER");
  }

  /** {@code TRY_CAST(v AS INTEGER)}: NULL where the cast fails. */
  public static @Nullable Integer tryDecimalToInteger(BigDecimal v) {
    try {
      return decimalToInteger(v);
    } catch (SqlStateException e) {
      return null;
    }
  }

  /** {@code CAST(v AS BIGINT)} of a DECIMAL. */
  public static long decimalToBigint(BigDecimal v) {
    return (long) fromDecimal(v, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT");
  }

  /** {@code TRY_CAST(v AS BIGINT)}: NULL where the cast fails. */
  public static @Nullable Long tryDecimalToBigint(BigDecimal v) {
    try {
      return decimalToBigint(v);
    } catch (SqlStateException e) {
      return null;
    }
  }

  /** {@code CAST(v AS TINYINT)} of a wider integer. */
  public static byte longToTinyint(long v) {
    return (byte) fromLong(v, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT");
  }

  /** {@code TRY_CAST(v AS TINYINT)}: NULL where the cast fails. */
  public static @Nullable Byte tryLongToTinyint(long v) {
    try {
      return longToTinyint(v);
    } catch (SqlStateException e) {
      return null;
    }
  }

  /** {@code CAST(v AS SMALLINT)} of a wider integer. */
  public static short longToSmallint(long v) {
    return (short) fromLong(v, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
  }

  /** {@code TRY_CAST(v AS SMALLINT)}: NULL where the cast fails. */
  public static @Nullable Short tryLongToSmallint(long v) {
    try {
      return longToSmallint(v);
    } catch (SqlStateException e) {
      return null;
    }
  }

  /** {@code CAST(v AS INTEGER)} of a wider integer. */
  public static int longToInteger(long v) {
    return (int) fromLong(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER");
  }

  /** {@code TRY_CAST(v AS INTEGER)}: NULL where the cast fails. */
  public static @Nullable Integer tryLongToInteger(long v) {
    try {
      return longToInteger(v);
    } catch (SqlStateException e) {
      return null;
    }
  }

  /** {@code CAST(v AS BIGINT)} of a wider integer. */
  public static long longToBigint(long v) {
    return (long) fromLong(v, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT");
  }

  /** {@code TRY_CAST(v AS BIGINT)}: NULL where the cast fails. */
  public static @Nullable Long tryLongToBigint(long v) {
    try {
      return longToBigint(v);
    } catch (SqlStateException e) {
      return null;
    }
  }

  /** {@code CAST(v AS DECIMAL(precision, scale))} of a DECIMAL of a larger scale. */
  public static BigDecimal decimalToDecimal(BigDecimal v, int precision, int scale) {
    return Casts.decimalToDecimal(v, precision, scale);
  }

  /** {@code TRY_CAST(v AS DECIMAL(precision, scale))}: NULL where the cast fails. */
  public static @Nullable BigDecimal tryDecimalToDecimal(BigDecimal v, int precision, int scale) {
    try {
      return decimalToDecimal(v, precision, scale);
    } catch (SqlStateException e) {
      return null;
    }
  }

  /** {@code CAST(v AS DECIMAL(precision, scale))} of a DOUBLE or REAL. */
  public static BigDecimal doubleToDecimal(double v, int precision, int scale) {
    return Casts.doubleToDecimal(v, precision, scale);
  }

  /** {@code TRY_CAST(v AS DECIMAL(precision, scale))}: NULL where the cast fails. */
  public static @Nullable BigDecimal tryDoubleToDecimal(double v, int precision, int scale) {
    try {
      return doubleToDecimal(v, precision, scale);
    } catch (SqlStateException e) {
      return null;
    }
  }

  // the conversions themselves are the engine's, so that its casts compute and fail the same
  private static long fromDouble(double v, long min, long max, String type) {
    return Casts.doubleToLong(v, min, max, type);
  }

  private static long fromDecimal(BigDecimal v, long min, long max, String type) {
    return Casts.decimalToLong(v, min, max, type);
  }

  private static long fromLong(long v, long min, long max, String type) {
    return Casts.longToLong(v, min, max, type);
  }
}
