package dev.bucketsql.csv;

import dev.bucketsql.format.ColumnType;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads field text as the values {@link ColumnType} documents. The same rules decide type inference
 * and conversion, so a value that made the sample infer a type always converts.
 */
final class CsvValues {
  /** Returned when text is not a value of the asked type; distinct from a NULL value. */
  static final Object NO_FIT = new Object();

  private static final Pattern DECIMAL =
      Pattern.compile("-?(0|[1-9][0-9]*)?(\\.[0-9]*)?([eE][+-]?[0-9]+)?");
  private static final Pattern PLAIN_DECIMAL =
      Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)");
  private static final Pattern DATE = Pattern.compile("([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})");

  /** ISO date and time; seconds and their fraction optional, one-digit fields allowed. */
  private static final Pattern TIMESTAMP =
      Pattern.compile(
          "([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})[ T]([0-9]{1,2}):([0-9]{1,2})"
              + "(?::([0-9]{1,2})(?:\\.([0-9]{1,3}))?)?");

  private CsvValues() {}

  /**
   * Converts the trimmed, non-empty {@code text} to {@code type}'s representation, or returns
   * {@link #NO_FIT}.
   */
  static Object parse(String text, ColumnType type) {
    switch (type) {
      case VARCHAR:
        return text;
      case BOOLEAN:
        return parseBoolean(text);
      case INTEGER:
        {
          Long v = parseLong(text);
          return v != null && v == v.intValue() ? (Object) v.intValue() : NO_FIT;
        }
      case BIGINT:
        {
          Long v = parseLong(text);
          return v != null ? (Object) v : NO_FIT;
        }
      case DOUBLE:
        return parseDouble(text);
      case DATE:
        return parseDate(text);
      case TIMESTAMP:
        return parseTimestamp(text);
      case DECIMAL:
        return parseDecimal(text, 38, 10);
      default:
        throw new IllegalArgumentException("no CSV text form for " + type);
    }
  }

  /**
   * DuckDB's words for a BOOLEAN, any case: {@code true}, {@code t}, {@code yes} and {@code false},
   * {@code f}, {@code no}. Not {@code 1} and {@code 0}, which are integers, nor {@code y} and
   * {@code n}.
   */
  private static Object parseBoolean(String text) {
    if (text.equalsIgnoreCase("true")
        || text.equalsIgnoreCase("t")
        || text.equalsIgnoreCase("yes")) {
      return Boolean.TRUE;
    }
    if (text.equalsIgnoreCase("false")
        || text.equalsIgnoreCase("f")
        || text.equalsIgnoreCase("no")) {
      return Boolean.FALSE;
    }
    return NO_FIT;
  }

  /**
   * Reads {@code text} as a DECIMAL({@code precision}, {@code scale}): an exact decimal number (no
   * exponent) with at most {@code scale} fraction digits and {@code precision - scale} integer
   * digits, else {@link #NO_FIT}. Nothing is rounded.
   */
  static Object parseDecimal(String text, int precision, int scale) {
    if (!PLAIN_DECIMAL.matcher(text).matches()) {
      return NO_FIT;
    }
    java.math.BigDecimal v = new java.math.BigDecimal(text);
    if (v.scale() > scale) {
      // Trailing zeros beyond the scale lose nothing; other digits would be rounded away.
      java.math.BigDecimal stripped = v.stripTrailingZeros();
      if (stripped.scale() > scale) {
        return NO_FIT;
      }
    }
    v = v.setScale(scale, java.math.RoundingMode.UNNECESSARY);
    return v.precision() - v.scale() > precision - scale && v.signum() != 0 ? NO_FIT : v;
  }

  /**
   * Whether {@code text} is an integer without leading zeros: the form INTEGER and BIGINT accept.
   * Leading zeros ({@code 007}) mark codes, not numbers, so those stay text.
   */
  static boolean isPlainInteger(String text) {
    int start = text.startsWith("-") ? 1 : 0;
    int n = text.length() - start;
    if (n == 0 || (n > 1 && text.charAt(start) == '0')) {
      return false;
    }
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** The value of a plain integer within 64 bits, else null. */
  static Long parseLong(String text) {
    if (!isPlainInteger(text) || text.length() > 20) {
      return null;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Object parseDouble(String text) {
    if (!DECIMAL.matcher(text).matches() || !hasDigit(text)) {
      return specialDouble(text);
    }
    double v;
    try {
      v = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return NO_FIT;
    }
    // Out of range would read as infinity: not the value written.
    return Double.isInfinite(v) ? NO_FIT : v;
  }

  /**
   * NaN and the infinities as DuckDB's CSV reader spells them: {@code nan}, {@code inf} or {@code
   * infinity} in any case, the infinities with an optional minus sign ({@code +inf} and {@code
   * -nan} stay text, as there).
   */
  private static Object specialDouble(String text) {
    boolean minus = text.startsWith("-");
    String word = minus ? text.substring(1) : text;
    if (word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("infinity")) {
      return minus ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return !minus && word.equalsIgnoreCase("nan") ? (Object) Double.NaN : NO_FIT;
  }

  private static boolean hasDigit(String text) {
    // The pattern's parts are all optional; at least one digit must come before any exponent.
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 'e' || c == 'E') {
        return false;
      }
      if (c >= '0' && c <= '9') {
        return true;
      }
    }
    return false;
  }

  private static Object parseDate(String text) {
    // yyyy-MM-dd by hand: the regular expression and LocalDate.parse cost more than the rest
    // of a row's conversion together.
    if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
      return parseShortDate(text);
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    if (year < 0 || month < 0 || day < 0) {
      return NO_FIT;
    }
    try {
      return Math.toIntExact(LocalDate.of(year, month, day).toEpochDay());
    } catch (java.time.DateTimeException | ArithmeticException e) {
      return NO_FIT;
    }
  }

  /** {@code yyyy-M-d}: a month or day of one digit, as DuckDB accepts ({@code 2024-1-2}). */
  private static Object parseShortDate(String text) {
    int m = text.indexOf('-', 5);
    if (text.length() < 8 || text.length() > 9 || text.charAt(4) != '-' || m < 6 || m > 7) {
      return NO_FIT;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, m);
    int dayDigits = text.length() - m - 1;
    int day = dayDigits == 1 || dayDigits == 2 ? digits(text, m + 1, text.length()) : -1;
    if (year < 0 || month < 0 || day < 0) {
      return NO_FIT;
    }
    try {
      return Math.toIntExact(LocalDate.of(year, month, day).toEpochDay());
    } catch (java.time.DateTimeException | ArithmeticException e) {
      return NO_FIT;
    }
  }

  /** The ASCII digits {@code text[from, to)} as a number, or -1 if one is not a digit. */
  private static int digits(String text, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** The former, regular-expression form of {@link #parseDate}, kept for tests to compare. */
  static Object parseDateSlow(String text) {
    Matcher m = DATE.matcher(text);
    if (!m.matches()) {
      return NO_FIT;
    }
    try {
      return Math.toIntExact(LocalDate.of(number(m, 1), number(m, 2), number(m, 3)).toEpochDay());
    } catch (java.time.DateTimeException | ArithmeticException e) {
      return NO_FIT;
    }
  }

  private static Object parseTimestamp(String text) {
    Matcher m = TIMESTAMP.matcher(text);
    if (!m.matches()) {
      return NO_FIT;
    }
    try {
      LocalDate date = LocalDate.of(number(m, 1), number(m, 2), number(m, 3));
      int second = m.group(6) == null ? 0 : number(m, 6);
      LocalTime time = LocalTime.of(number(m, 4), number(m, 5), second);
      long seconds = date.atTime(time).toEpochSecond(ZoneOffset.UTC);
      // At most three fraction digits match, so millisecond precision loses nothing.
      String fraction = m.group(7) == null ? "" : m.group(7);
      int millis = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00").substring(0, 3));
      return seconds * 1000 + millis;
    } catch (java.time.DateTimeException e) {
      return NO_FIT;
    }
  }

  private static int number(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }
}
