package dev.bucketsql.jdbc;

import java.util.Calendar;
import org.apache.calcite.avatica.util.DateTimeUtils;

/**
 * The {@code java.sql.Date} of a DATE value (days since 1970-01-01) as Avatica's accessor makes it,
 * computed once per distinct day of a result set: Avatica's conversion goes through {@code
 * java.sql.Date.valueOf(LocalDate)} and the time zone's calendar for every value, which a JFR
 * profile of a 219,078-row read showed in a quarter of the reading thread's samples. The
 * milliseconds of each day are kept in a small direct-mapped table (a day and the day 4,096 later
 * share a slot; the later one replaces the earlier), and each call returns a new {@code Date}, as
 * {@code Date} is mutable.
 *
 * <p>One per result set: its calendar is fixed, and the JVM's default time zone is taken to stay
 * the same while one result set is read.
 */
public final class SqlDates {
  private static final int SLOTS = 4096;

  private final int[] days = new int[SLOTS];
  private final long[] millis = new long[SLOTS];
  private final boolean[] filled = new boolean[SLOTS];
  private final Calendar calendar;

  /**
   * @param calendar the result set's calendar, as Avatica hands it to its accessors (null for none)
   */
  public SqlDates(Calendar calendar) {
    this.calendar = calendar;
  }

  /** The date of {@code day}, equal to {@code DateTimeUtils.unixDateToSqlDate(day, calendar)}. */
  public java.sql.Date of(int day) {
    int slot = day & (SLOTS - 1);
    if (!filled[slot] || days[slot] != day) {
      millis[slot] = DateTimeUtils.unixDateToSqlDate(day, calendar).getTime();
      days[slot] = day;
      filled[slot] = true;
    }
    return new java.sql.Date(millis[slot]);
  }
}
