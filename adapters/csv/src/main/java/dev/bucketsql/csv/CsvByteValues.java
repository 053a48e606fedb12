package dev.bucketsql.csv;

import dev.bucketsql.format.ColumnType;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Reads the common typed values straight from a field's bytes, with no string in between: INTEGER
 * and BIGINT in their plain form, DATE as {@code yyyy-MM-dd}. Only the clean case is read here; it
 * gives exactly what {@link CsvValues} gives for the same text. Anything else (spaces to trim, a
 * sign other than a leading minus, leading zeros, 19 digits or more, a value out of range, an
 * invalid date) returns null, and the caller takes the text path, which decides and reports.
 */
final class CsvByteValues {
  private CsvByteValues() {}

  /** Whether {@link #parse} reads some values of {@code type}. */
  static boolean handles(ColumnType type) {
    return type == ColumnType.INTEGER || type == ColumnType.BIGINT || type == ColumnType.DATE;
  }

  /** The value of {@code b[s, e)} (non-empty) as {@code type}, or null to take the text path. */
  static Object parse(byte[] b, int s, int e, ColumnType type) {
    switch (type) {
      case INTEGER -> {
        long v = plainLong(b, s, e);
        return v != NO_LONG && v == (int) v ? (Object) (int) v : null;
      }
      case BIGINT -> {
        long v = plainLong(b, s, e);
        return v != NO_LONG ? (Object) v : null;
      }
      case DATE -> {
        return date(b, s, e);
      }
      default -> {
        return null;
      }
    }
  }

  /** Not a plain integer of at most 18 digits (which cannot overflow a long). */
  private static final long NO_LONG = Long.MIN_VALUE;

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

  private static Object date(byte[] b, int s, int e) {
    if (e - s != 10 || b[s + 4] != '-' || b[s + 7] != '-') {
      return null;
    }
    int year = digits(b, s, s + 4);
    int month = digits(b, s + 5, s + 7);
    int day = digits(b, s + 8, s + 10);
    if (year < 0 || month < 0 || day < 0) {
      return null;
    }
    try {
      return (int) LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException ex) {
      return null;
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
