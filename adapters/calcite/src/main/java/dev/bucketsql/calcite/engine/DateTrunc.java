package dev.bucketsql.calcite.engine;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * PostgreSQL's and DuckDB's {@code date_trunc(part, value)}: the value cut down to the start of its
 * year, quarter, month, week (Monday), day, hour, minute or second. Called by generated code;
 * public for that reason only.
 */
public final class DateTrunc {
  private DateTrunc() {}

  /** {@code date_trunc(part, date)}: a TIMESTAMP at midnight, as in DuckDB and PostgreSQL. */
  public static Timestamp truncDate(String part, Date value) {
    if (part == null || value == null) {
      return null;
    }
    return Timestamp.valueOf(trunc(part, value.toLocalDate()).atStartOfDay());
  }

  private static LocalDate trunc(String part, LocalDate d) {
    LocalDate t =
        switch (unit(part)) {
          case "year" -> d.withDayOfYear(1);
          case "quarter" -> d.withDayOfMonth(1).withMonth((d.getMonthValue() - 1) / 3 * 3 + 1);
          case "month" -> d.withDayOfMonth(1);
          case "week" -> d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
          case "day", "hour", "minute", "second" -> d;
          default -> throw unknown(part);
        };
    return t;
  }

  /** {@code date_trunc(part, timestamp)}: a TIMESTAMP. */
  public static Timestamp truncTimestamp(String part, Timestamp value) {
    if (part == null || value == null) {
      return null;
    }
    LocalDateTime ts = value.toLocalDateTime();
    LocalDateTime t =
        switch (unit(part)) {
          case "year", "quarter", "month", "week" -> trunc(part, ts.toLocalDate()).atStartOfDay();
          case "day" -> ts.truncatedTo(ChronoUnit.DAYS);
          case "hour" -> ts.truncatedTo(ChronoUnit.HOURS);
          case "minute" -> ts.truncatedTo(ChronoUnit.MINUTES);
          case "second" -> ts.truncatedTo(ChronoUnit.SECONDS);
          default -> throw unknown(part);
        };
    return Timestamp.valueOf(t);
  }

  private static String unit(String part) {
    String p = part.trim().toLowerCase(Locale.ROOT);
    return p.endsWith("s") ? p.substring(0, p.length() - 1) : p;
  }

  private static IllegalArgumentException unknown(String part) {
    return new IllegalArgumentException(
        "date_trunc: unknown part '"
            + part
            + "'; use year, quarter, month, week, day, hour, minute or second");
  }
}
