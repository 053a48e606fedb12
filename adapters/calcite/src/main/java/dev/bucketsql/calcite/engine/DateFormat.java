package dev.bucketsql.calcite.engine;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * DuckDB's {@code strftime(value, format)} (and {@code strftime(format, value)}): a DATE or
 * TIMESTAMP written with C-style {@code %} specifiers, in English. Called by generated code; public
 * for that reason only.
 *
 * <p>Specifiers: {@code %a %A %b %B %c %d %f %g %G %H %I %j %m %M %n %p %S %u %U %V %w %W %x %X %y
 * %Y %z %Z %%}, and {@code %-d %-H %-I %-j %-m %-M %-S %-y} without padding. Any other specifier
 * fails with a message naming it.
 */
public final class DateFormat {
  private DateFormat() {}

  /** {@code strftime(date, format)}. */
  public static String formatDate(Date value, String format) {
    return value == null || format == null
        ? null
        : format(value.toLocalDate().atStartOfDay(), format);
  }

  /** {@code strftime(timestamp, format)}. */
  public static String formatTimestamp(Timestamp value, String format) {
    return value == null || format == null ? null : format(value.toLocalDateTime(), format);
  }

  /** {@code strftime(format, date)}, the argument order DuckDB also takes. */
  public static String formatDateFirst(String format, Date value) {
    return formatDate(value, format);
  }

  /** {@code strftime(format, timestamp)}. */
  public static String formatTimestampFirst(String format, Timestamp value) {
    return formatTimestamp(value, format);
  }

  static String format(LocalDateTime t, String format) {
    StringBuilder out = new StringBuilder(format.length() + 16);
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (i + 1 >= format.length()) {
        throw bad(format, "%");
      }
      char s = format.charAt(++i);
      boolean unpadded = false;
      if (s == '-' && i + 1 < format.length()) {
        unpadded = true;
        s = format.charAt(++i);
      }
      if (unpadded && "dHIjmMSy".indexOf(s) < 0) {
        throw bad(format, "%-" + s);
      }
      switch (s) {
        case 'a' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
        case 'A' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        case 'b', 'h' -> out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
        case 'B' -> out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        case 'c' -> out.append(format(t, "%Y-%m-%d %H:%M:%S"));
        case 'd' -> number(out, t.getDayOfMonth(), 2, unpadded);
        case 'f' -> number(out, t.getNano() / 1_000, 6, false);
        case 'g' -> number(out, t.getNano() / 1_000_000, 3, false);
        case 'n' -> number(out, t.getNano(), 9, false);
        case 'G' -> year(out, t.get(IsoFields.WEEK_BASED_YEAR));
        case 'H' -> number(out, t.getHour(), 2, unpadded);
        case 'I' -> number(out, t.getHour() % 12 == 0 ? 12 : t.getHour() % 12, 2, unpadded);
        case 'j' -> number(out, t.getDayOfYear(), 3, unpadded);
        case 'm' -> number(out, t.getMonthValue(), 2, unpadded);
        case 'M' -> number(out, t.getMinute(), 2, unpadded);
        case 'p' -> out.append(t.getHour() < 12 ? "AM" : "PM");
        case 'S' -> number(out, t.getSecond(), 2, unpadded);
        case 'u' -> out.append(t.getDayOfWeek().getValue());
        case 'w' -> out.append(t.getDayOfWeek().getValue() % 7);
        case 'U' -> number(out, weekOfYear(t, 0), 2, false);
        case 'W' -> number(out, weekOfYear(t, 1), 2, false);
        case 'V' -> number(out, t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, false);
        case 'x' -> out.append(format(t, "%Y-%m-%d"));
        case 'X' -> out.append(format(t, "%H:%M:%S"));
        case 'y' -> number(out, t.getYear() % 100, 2, unpadded);
        case 'Y' -> year(out, t.getYear());
        case 'z', 'Z' -> {
          // values carry no zone: nothing to write, as DuckDB does for TIMESTAMP
        }
        case '%' -> out.append('%');
        default -> throw bad(format, "%" + s);
      }
    }
    return out.toString();
  }

  /**
   * Week of the year with weeks starting on Sunday (0) or Monday (1); days before the first are
   * week 0.
   */
  private static int weekOfYear(LocalDateTime t, int firstDay) {
    int dayOfYear = t.get(ChronoField.DAY_OF_YEAR) - 1;
    int weekday = t.getDayOfWeek().getValue() % 7; // Sunday 0
    int offset = (weekday - firstDay + 7) % 7; // days since the week's first day
    return (dayOfYear - offset + 7) / 7;
  }

  /** A year as DuckDB writes it: four digits at least ({@code 0044}), a negative one unpadded. */
  private static void year(StringBuilder out, int year) {
    number(out, year, year < 0 ? 0 : 4, false);
  }

  private static void number(StringBuilder out, int value, int width, boolean unpadded) {
    String digits = Integer.toString(value);
    if (!unpadded) {
      for (int i = digits.length(); i < width; i++) {
        out.append('0');
      }
    }
    out.append(digits);
  }

  private static IllegalArgumentException bad(String format, String specifier) {
    return new IllegalArgumentException(
        "strftime: unknown format specifier '"
            + specifier
            + "' in '"
            + format
            + "'; supported: %a %A %b %B %c %d %f %g %G %H %I %j %m %M %n %p %S %u %U %V %w %W %x %X %y %Y %%,"
            + " and %-d %-H %-I %-j %-m %-M %-S %-y without padding");
  }
}
