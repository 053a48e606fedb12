package dev.bucketsql.calcite.engine;

import dev.bucketsql.format.SqlStateException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.apache.calcite.linq4j.function.Strict;

/**
 * The days of {@link DateArithmetic} and DuckDB's {@code make_date} and {@code make_timestamp}.
 * Called by generated code; public for that reason only. A result outside the years 1 to 9999, the
 * dates BucketSQL reads and writes exactly, fails with 22008 and names the operands. The make
 * functions are strict: a NULL part gives NULL without a call (and lets Calcite widen an INTEGER
 * part to the {@code long} parameter).
 */
public final class DateArithmeticFunctions {
  /** Day numbers (since 1970-01-01) of 0001-01-01 and 9999-12-31. */
  private static final long FIRST_DAY = LocalDate.of(1, 1, 1).toEpochDay();

  private static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

  /** The days the Julian calendar has and the Gregorian skips, which java.sql.Date cannot hold. */
  private static final LocalDate GAP_START = LocalDate.of(1582, 10, 5);

  private static final LocalDate GAP_END = LocalDate.of(1582, 10, 14);

  private DateArithmeticFunctions() {}

  /** The day number {@code days} after {@code date}, both as day numbers. */
  public static Integer plusDays(Integer date, Integer days) {
    if (date == null || days == null) {
      return null;
    }
    return checked((long) date + days, date, "+ " + days);
  }

  /** The day number {@code days} before {@code date}. */
  public static Integer minusDays(Integer date, Integer days) {
    if (date == null || days == null) {
      return null;
    }
    return checked((long) date - days, date, "- " + days);
  }

  private static Integer checked(long day, int date, String operation) {
    if (day < FIRST_DAY || day > LAST_DAY) {
      throw new SqlStateException(
          SqlStateException.DATETIME_FIELD_OVERFLOW,
          "date out of range: DATE '"
              + LocalDate.ofEpochDay(date)
              + "' "
              + operation
              + " days is outside the years 1 to 9999; add fewer days");
    }
    return (int) day;
  }

  /** DuckDB's {@code make_date(year, month, day)}. */
  @Strict
  public static Date makeDate(long year, long month, long day) {
    return Date.valueOf(date("make_date", year, month, day));
  }

  /** DuckDB's {@code make_timestamp(year, month, day, hour, minute, seconds)}. */
  @Strict
  public static Timestamp makeTimestamp(
      long year, long month, long day, long hour, long minute, Object second) {
    // any number: an integer, a DECIMAL literal (5.5) or a DOUBLE arrive as they are
    if (!(second instanceof Number number)) {
      throw new SqlStateException(
          SqlStateException.INVALID_PARAMETER_VALUE,
          "make_timestamp: the seconds must be a number, not '"
              + second
              + "'; cast them to DOUBLE");
    }
    double seconds = number.doubleValue();
    LocalDate date = date("make_timestamp", year, month, day);
    long micros = Math.round(seconds * 1_000_000d);
    if (hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || !(seconds >= 0)
        || micros >= 60_000_000L) {
      throw new SqlStateException(
          SqlStateException.DATETIME_FIELD_OVERFLOW,
          "make_timestamp: "
              + hour
              + ":"
              + minute
              + ":"
              + seconds
              + " is no time of day; give hours 0-23, minutes 0-59 and seconds from 0 to under 60");
    }
    if (micros % 1000 != 0) {
      throw new SqlStateException(
          SqlStateException.DATETIME_FIELD_OVERFLOW,
          "make_timestamp: "
              + seconds
              + " seconds has microseconds; a TIMESTAMP here holds milliseconds");
    }
    return Timestamp.valueOf(
        LocalDateTime.of(date, LocalTime.of((int) hour, (int) minute)).plusNanos(micros * 1000));
  }

  private static LocalDate date(String function, long year, long month, long day) {
    LocalDate date;
    try {
      if (year < 1 || year > 9999) {
        throw new DateTimeException("year");
      }
      date = LocalDate.of((int) year, Math.toIntExact(month), Math.toIntExact(day));
    } catch (DateTimeException | ArithmeticException e) {
      throw new SqlStateException(
          SqlStateException.DATETIME_FIELD_OVERFLOW,
          function
              + ": "
              + year
              + "-"
              + month
              + "-"
              + day
              + " is no date; give a year 1-9999, a month 1-12 and a day of that month");
    }
    if (!date.isBefore(GAP_START) && !date.isAfter(GAP_END)) {
      // the value leaves this function as a java.sql.Date, which counts in the Julian calendar
      // before 1582-10-15 and has no such day: it would become the day ten days later
      throw new SqlStateException(
          SqlStateException.DATETIME_FIELD_OVERFLOW,
          function
              + ": "
              + date
              + " is one of the ten days 1582-10-05 to 1582-10-14 that JDBC's calendar skips; give"
              + " another date");
    }
    return date;
  }
}
