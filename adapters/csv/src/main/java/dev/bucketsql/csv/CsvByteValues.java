package dev.bucketsql.csv;

import dev.bucketsql.format.ColumnType;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Reads the common typed values straight from a field's bytes, with no string in between: INTEGER
 * and BIGINT in their plain form, DATE as {@code yyyy-MM-dd}, DOUBLE as a short plain decimal. Only
 * the clean case is read here; it gives exactly what {@link CsvValues} gives for the same text.
 * Anything else (spaces to trim, a sign other than a leading minus, leading zeros, 19 digits or
 * more, a value out of range, an invalid date) returns null, and the caller takes the text path,
 * which decides and reports.
 */
final class CsvByteValues {
  private CsvByteValues() {}

  /** Whether {@link #parse} reads some values of {@code type}. */
  static boolean handles(ColumnType type) {
    return type == ColumnType.INTEGER
        || type == ColumnType.BIGINT
        || type == ColumnType.DATE
        || type == ColumnType.DOUBLE;
  }

  /** The value of {@code b[s, e)} (non-empty) as {@code type}, or null to take the text path. */
  static Object parse(byte[] b, int s, int e, ColumnType type) {
    if (type == ColumnType.DOUBLE) {
      double v = parseDouble(b, s, e);
      return Double.isNaN(v) ? null : (Object) v;
    }
    long v = parseLong(b, s, e, type);
    if (v == NO_LONG) {
      return null;
    }
    return type == ColumnType.BIGINT ? (Object) v : (Object) (int) v;
  }

  /** Returned by {@link #parseLong} for a value the text path must decide. */
  static final long NO_LONG = Long.MIN_VALUE;

  /**
   * The value of {@code b[s, e)} (non-empty) as an INTEGER, BIGINT or DATE (days since the epoch)
   * in a long, or {@link #NO_LONG} to take the text path.
   */
  static long parseLong(byte[] b, int s, int e, ColumnType type) {
    switch (type) {
      case INTEGER -> {
        long v = plainLong(b, s, e);
        return v == (int) v ? v : NO_LONG;
      }
      case BIGINT -> {
        return plainLong(b, s, e);
      }
      case DATE -> {
        return date(b, s, e);
      }
      default -> {
        return NO_LONG;
      }
    }
  }

  /** Not a plain integer of at most 18 digits (which cannot overflow a long). */
  private static long plainLong(byte[] b, int s, int e) {
    boolean negative = b[s] == '-';
    int i = negative ? s + 1 : s;
    int n = e - i;
    if (n <= 0 || n > 18 || (n > 1 && b[i] == '0')) {
      return NO_LONG;
    }
    long v = 0;
    for (; i < e; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return NO_LONG;
      }
      v = v * 10 + d;
    }
    return negative ? -v : v;
  }

  /** Powers of ten a double holds exactly. */
  private static final double[] POWERS = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POWERS.length; i++) {
      POWERS[i] = p;
      p *= 10;
    }
  }

  /**
   * The value of {@code b[s, e)} (non-empty) as a DOUBLE, or NaN to take the text path. Only a
   * plain decimal ({@code -12.5}, {@code 0.25}, {@code .5}; no exponent, no plus sign, no leading
   * zero before other integer digits) of at most 15 digits is read here: its digits make an integer
   * below 2^53 and its scale a power of ten up to 10^22, both exact in a double, so one division
   * rounds once, exactly as {@link Double#parseDouble} rounds the same text.
   */
  static double parseDouble(byte[] b, int s, int e) {
    boolean negative = b[s] == '-';
    int i = negative ? s + 1 : s;
    int intStart = i;
    long m = 0;
    int digits = 0;
    while (i < e && b[i] >= '0' && b[i] <= '9') {
      m = m * 10 + (b[i] - '0');
      digits++;
      i++;
    }
    int intDigits = i - intStart;
    if (intDigits > 1 && b[intStart] == '0') {
      return Double.NaN;
    }
    int scale = 0;
    if (i < e && b[i] == '.') {
      i++;
      int fracStart = i;
      while (i < e && b[i] >= '0' && b[i] <= '9') {
        m = m * 10 + (b[i] - '0');
        digits++;
        i++;
      }
      scale = i - fracStart;
      if (scale == 0) {
        return Double.NaN; // "1." is not a DOUBLE to the text path
      }
    }
    if (i != e || digits == 0 || digits > 15 || scale >= POWERS.length) {
      return Double.NaN;
    }
    double v = scale == 0 ? (double) m : m / POWERS[scale];
    return negative ? -v : v;
  }

  private static long date(byte[] b, int s, int e) {
    if (e - s != 10 || b[s + 4] != '-' || b[s + 7] != '-') {
      return NO_LONG;
    }
    int year = digits(b, s, s + 4);
    int month = digits(b, s + 5, s + 7);
    int day = digits(b, s + 8, s + 10);
    if (year < 0 || month < 0 || day < 0) {
      return NO_LONG;
    }
    try {
      return LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException ex) {
      return NO_LONG;
    }
  }

  private static int digits(byte[] b, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }
}
