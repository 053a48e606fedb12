package dev.bucketsql.calcite.engine;

import dev.bucketsql.format.SqlStateException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Locale;

/**
 * DuckDB's {@code date_diff(part, start, end)} (also {@code datediff}): how many boundaries of
 * {@code part} lie between {@code start} and {@code end}, negative when {@code end} comes first.
 * {@code date_diff('month', DATE '2020-01-31', DATE '2020-02-01')} is 1; decades, centuries and
 * millennia are the year divided by 10, 100 and 1000 ({@code date_diff('century', DATE
 * '1999-12-31', DATE '2000-01-01')} is 1); weeks are whole spans of seven days ({@code
 * date_diff('week', ...)} of a Sunday and the next Monday is 0). Called by generated code; public
 * for that reason only.
 */
public final class DateDiff {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private DateDiff() {}

  /** {@code date_diff(part, date, date)}. */
  public static Long diffDates(String part, Date start, Date end) {
    return start == null || end == null || part == null
        ? null
        : diff(part, start.toLocalDate().atStartOfDay(), end.toLocalDate().atStartOfDay());
  }

  /** {@code date_diff(part, timestamp, timestamp)}. */
  public static Long diffTimestamps(String part, Timestamp start, Timestamp end) {
    return start == null || end == null || part == null
        ? null
        : diff(part, start.toLocalDateTime(), end.toLocalDateTime());
  }

  /** {@code date_diff(part, date, timestamp)}. */
  public static Long diffDateTimestamp(String part, Date start, Timestamp end) {
    return start == null || end == null || part == null
        ? null
        : diff(part, start.toLocalDate().atStartOfDay(), end.toLocalDateTime());
  }

  /** {@code date_diff(part, timestamp, date)}. */
  public static Long diffTimestampDate(String part, Timestamp start, Date end) {
    return start == null || end == null || part == null
        ? null
        : diff(part, start.toLocalDateTime(), end.toLocalDate().atStartOfDay());
  }

  static long diff(String part, LocalDateTime a, LocalDateTime b) {
    return switch (unit(part)) {
      case "millennium" -> Math.floorDiv(b.getYear(), 1000) - Math.floorDiv(a.getYear(), 1000);
      case "century" -> Math.floorDiv(b.getYear(), 100) - Math.floorDiv(a.getYear(), 100);
      case "decade" -> Math.floorDiv(b.getYear(), 10) - Math.floorDiv(a.getYear(), 10);
      case "year" -> (long) b.getYear() - a.getYear();
      case "quarter" -> quarters(b) - quarters(a);
      case "month" -> months(b) - months(a);
      case "week" -> (days(b) - days(a)) / 7;
      case "day" -> days(b) - days(a);
      case "hour" ->
          Math.floorDiv(nanos(b), 3_600 * NANOS_PER_SECOND)
              - Math.floorDiv(nanos(a), 3_600 * NANOS_PER_SECOND);
      case "minute" ->
          Math.floorDiv(nanos(b), 60 * NANOS_PER_SECOND)
              - Math.floorDiv(nanos(a), 60 * NANOS_PER_SECOND);
      case "second" ->
          Math.floorDiv(nanos(b), NANOS_PER_SECOND) - Math.floorDiv(nanos(a), NANOS_PER_SECOND);
      case "millisecond" ->
          Math.floorDiv(nanos(b), 1_000_000L) - Math.floorDiv(nanos(a), 1_000_000L);
      case "microsecond" -> Math.floorDiv(nanos(b), 1_000L) - Math.floorDiv(nanos(a), 1_000L);
      default ->
          throw new SqlStateException(
              SqlStateException.INVALID_PARAMETER_VALUE,
              "date_diff: unknown part '"
                  + part
                  + "'; use millennium, century, decade, year, quarter, month, week, day, hour, minute,"
                  + " second, millisecond or microsecond");
    };
  }

  private static long quarters(LocalDateTime t) {
    return t.getYear() * 4L + (t.getMonthValue() - 1) / 3;
  }

  private static long months(LocalDateTime t) {
    return t.getYear() * 12L + t.getMonthValue() - 1;
  }

  private static long days(LocalDateTime t) {
    return t.toLocalDate().toEpochDay();
  }

  private static long nanos(LocalDateTime t) {
    return t.toLocalDate().toEpochDay() * 86_400L * NANOS_PER_SECOND
        + t.toLocalTime().toNanoOfDay();
  }

  static String unit(String part) {
    String p = part.trim().toLowerCase(Locale.ROOT);
    return switch (p) {
      case "millennia", "millenniums" -> "millennium";
      case "centuries" -> "century";
      case "ms", "msec", "msecs", "milliseconds" -> "millisecond";
      case "us", "usec", "usecs", "microseconds" -> "microsecond";
      default -> p.endsWith("s") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
    };
  }
}
