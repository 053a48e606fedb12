package dev.bucketsql.calcite.engine;

import org.apache.calcite.linq4j.function.Strict;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * DOUBLE functions as DuckDB computes them, where Calcite's throw on NaN, the infinities or a
 * non-positive logarithm, or lose the sign of -0.0: {@code ln(0)} is -Infinity and {@code ln(-1)}
 * NaN (Calcite throws), {@code round} keeps NaN, the infinities and -0.0 (Calcite rounds through
 * {@code BigDecimal}, which has none of them), and a cast to VARCHAR spells them {@code nan},
 * {@code inf}, {@code -inf}. Calls are written into plans by {@link DoubleCalls} and made by
 * generated code, hence public; {@link Strict}: NULL gives NULL.
 */
@Strict
public final class DoubleMath {
  private DoubleMath() {}

  /** {@code ln(v)}: natural logarithm; -Infinity for 0, NaN below. */
  public static double ln(double v) {
    return Math.log(v);
  }

  /** {@code log10(v)}: -Infinity for 0, NaN below. */
  public static double log10(double v) {
    return Math.log10(v);
  }

  /**
   * {@code sqrt(v)}: NaN below zero, -Infinity included (Calcite computes {@code POWER(v, 0.5)},
   * which is +Infinity for -Infinity).
   */
  public static double sqrt(double v) {
    return Math.sqrt(v);
  }

  /**
   * {@code power(a, b)}, {@code a ^ b}, {@code a ** b}: C's {@code pow}, as DuckDB computes it.
   * Java's {@code Math.pow} differs where C99 fixes the answer: 1 to any power, NaN included, is 1,
   * and so is -1 to an infinite power (Java gives NaN for both).
   */
  public static double power(double a, double b) {
    if (a == 1.0 || (a == -1.0 && Double.isInfinite(b))) {
      return 1.0;
    }
    return Math.pow(a, b);
  }

  /** {@code a % b} of doubles: C's {@code fmod}, which Java's {@code %} of doubles is. */
  public static double remainder(double a, double b) {
    return a % b;
  }

  /** {@code round(v)} of a DOUBLE. */
  public static double round(double v) {
    return roundDigits(v, 0);
  }

  /**
   * {@code round(v, digits)} of a DOUBLE as DuckDB computes it: scaled by a power of ten, rounded
   * to an integer halves away from zero, scaled back ({@code round(1.005, 2)} is 1.0, the double
   * nearest 1.005 lying below it); NaN, the infinities and a result that would overflow are the
   * value itself, and the sign of zero is kept.
   */
  public static double roundDigits(double v, int digits) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return v;
    }
    double rounded;
    if (digits >= 0) {
      double modifier = Math.pow(10, digits);
      rounded = halfAway(v * modifier) / modifier;
    } else {
      double modifier = Math.pow(10, -digits);
      rounded = halfAway(v / modifier) * modifier;
    }
    return Double.isNaN(rounded) || Double.isInfinite(rounded) ? v : rounded;
  }

  /** C's {@code round}: the nearest integer, halves away from zero, the sign kept. */
  private static double halfAway(double v) {
    double magnitude = Math.abs(v);
    double whole = Math.floor(magnitude);
    // exact: whole <= magnitude < whole + 1
    if (magnitude - whole >= 0.5) {
      whole += 1;
    }
    return Math.copySign(whole, v);
  }

  /**
   * DuckDB's text of NaN and the infinities ({@code nan}, {@code inf}, {@code -inf}); null for any
   * other value, which is written as a number.
   */
  static @Nullable String specialText(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    return null;
  }
}
