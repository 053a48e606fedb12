package dev.bucketsql.calcite.engine;

import dev.bucketsql.format.SqlStateException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;

/**
 * DuckDB's {@code date_sub(part, start, end)}: how many whole {@code part}s fit between {@code
 * start} and {@code end}, negative when {@code end} comes first. Unlike {@link DateDiff}, which
 * counts boundaries, {@code date_sub('month', DATE '2020-01-15', DATE '2020-02-14')} is 0. As in
 * DuckDB, a month is complete when the end reaches the start's day and time of day, the start's day
 * taken as the end month's last when that month is shorter ({@code 2020-01-31} to {@code
 * 2020-02-29} is one month); quarters, years, decades, centuries and millennia are whole months
 * divided by 3, 12, 120, 1200 and 12000; days and shorter parts are the elapsed time divided by the
 * part's length, rounded toward zero. Called by generated code; public for that reason only.
 */
public final class DateSub {
  private DateSub() {}

  /** {@code date_sub(part, date, date)}. */
  public static Long subDates(String part, Date start, Date end) {
    return start == null || end == null || part == null
        ? null
        : sub(part, start.toLocalDate().atStartOfDay(), end.toLocalDate().atStartOfDay());
  }

  /** {@code date_sub(part, timestamp, timestamp)}. */
  public static Long subTimestamps(String part, Timestamp start, Timestamp end) {
    return start == null || end == null || part == null
        ? null
        : sub(part, start.toLocalDateTime(), end.toLocalDateTime());
  }

  /** {@code date_sub(part, date, timestamp)}. */
  public static Long subDateTimestamp(String part, Date start, Timestamp end) {
    return start == null || end == null || part == null
        ? null
        : sub(part, start.toLocalDate().atStartOfDay(), end.toLocalDateTime());
  }

  /** {@code date_sub(part, timestamp, date)}. */
  public static Long subTimestampDate(String part, Timestamp start, Date end) {
    return start == null || end == null || part == null
        ? null
        : sub(part, start.toLocalDateTime(), end.toLocalDate().atStartOfDay());
  }

  static long sub(String part, LocalDateTime a, LocalDateTime b) {
    String unit = DateDiff.unit(part);
    return switch (unit) {
      case "millennium" -> months(a, b) / 12_000;
      case "century" -> months(a, b) / 1_200;
      case "decade" -> months(a, b) / 120;
      case "year" -> months(a, b) / 12;
      case "quarter" -> months(a, b) / 3;
      case "month" -> months(a, b);
      case "week" -> ChronoUnit.MICROS.between(a, b) / (7 * 86_400_000_000L);
      case "day" -> ChronoUnit.MICROS.between(a, b) / 86_400_000_000L;
      case "hour" -> ChronoUnit.MICROS.between(a, b) / 3_600_000_000L;
      case "minute" -> ChronoUnit.MICROS.between(a, b) / 60_000_000L;
      case "second" -> ChronoUnit.MICROS.between(a, b) / 1_000_000L;
      case "millisecond" -> ChronoUnit.MICROS.between(a, b) / 1_000L;
      case "microsecond" -> ChronoUnit.MICROS.between(a, b);
      default ->
          throw new SqlStateException(
              SqlStateException.INVALID_PARAMETER_VALUE,
              "date_sub: unknown part '"
                  + part
                  + "'; use millennium, century, decade, year, quarter, month, week, day, hour, minute,"
                  + " second, millisecond or microsecond");
    };
  }

  /** Whole months from {@code a} to {@code b}, negative when {@code b} comes first. */
  private static long months(LocalDateTime a, LocalDateTime b) {
    if (a.isAfter(b)) {
      return -months(b, a);
    }
    long months = (b.getYear() * 12L + b.getMonthValue()) - (a.getYear() * 12L + a.getMonthValue());
    // the start's day, as the end month's last day when that month has fewer days
    int startDay = Math.min(a.getDayOfMonth(), YearMonth.from(b).lengthOfMonth());
    boolean incomplete =
        b.getDayOfMonth() < startDay
            || (b.getDayOfMonth() == startDay && b.toLocalTime().isBefore(a.toLocalTime()));
    return incomplete ? months - 1 : months;
  }
}
