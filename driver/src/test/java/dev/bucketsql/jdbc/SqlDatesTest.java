package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Calendar;
import java.util.List;
import java.util.Random;
import java.util.TimeZone;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.junit.jupiter.api.Test;

/**
 * {@link SqlDates} gives Avatica's own date for every day, in time zones with midnight gaps and odd
 * offsets, for days that share a slot of its table, in any order.
 */
class SqlDatesTest {
  private static final List<String> ZONES =
      List.of("UTC", "Europe/Berlin", "America/Sao_Paulo", "Pacific/Apia", "Asia/Kolkata");

  @Test
  void givesAvaticasDateForEveryDayInAnyOrder() {
    TimeZone before = TimeZone.getDefault();
    try {
      for (String zone : ZONES) {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        for (Calendar calendar :
            new Calendar[] {
              null,
              Calendar.getInstance(TimeZone.getTimeZone(zone)),
              Calendar.getInstance(TimeZone.getTimeZone("UTC"))
            }) {
          SqlDates dates = new SqlDates(calendar);
          Random random = new Random(zone.hashCode());
          for (int i = 0; i < 20_000; i++) {
            // days from 1900 to 2100, and pairs 4,096 apart, which share a slot
            int day = -25_567 + random.nextInt(73_000);
            int other = random.nextBoolean() ? day + 4096 : day - 4096;
            for (int d : new int[] {day, other, day}) {
              assertThat(dates.of(d).getTime())
                  .as("%s, day %d", zone, d)
                  .isEqualTo(DateTimeUtils.unixDateToSqlDate(d, calendar).getTime());
            }
          }
          // each call a date of its own: a caller changing one changes no other
          java.sql.Date first = dates.of(19_000);
          first.setTime(0);
          assertThat(dates.of(19_000).getTime()).isNotZero();
        }
      }
    } finally {
      TimeZone.setDefault(before);
    }
  }
}
