package dev.bucketsql.cli;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The text of one value as the shell prints it: timestamps as {@code 2018-12-01 00:00:00}, with
 * fractional seconds only when they are not zero (JDBC's {@code Timestamp.toString} always appends
 * {@code .0}); {@code null} for SQL NULL, which each format writes its way.
 */
final class ValueText {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  private ValueText() {}

  /** The value of column {@code column} (1-based) of the current row, or null. */
  static @Nullable String of(ResultSet rows, int column, int sqlType) throws SQLException {
    Object value = rows.getObject(column);
    if (value == null) {
      return null;
    }
    if (value instanceof Timestamp t) {
      return timestamp(t.toLocalDateTime());
    }
    if (value instanceof LocalDateTime t) {
      return timestamp(t);
    }
    if (value instanceof Time t && sqlType == Types.TIME) {
      return t.toLocalTime().withNano(0).equals(t.toLocalTime())
          ? t.toLocalTime().format(DateTimeFormatter.ISO_LOCAL_TIME)
          : t.toString();
    }
    if (value instanceof LocalTime t) {
      return t.format(DateTimeFormatter.ISO_LOCAL_TIME);
    }
    if (value instanceof byte[] bytes) {
      StringBuilder s = new StringBuilder("\\x");
      for (byte b : bytes) {
        s.append(String.format("%02X", b & 0xff));
      }
      return s.toString();
    }
    return value.toString();
  }

  /** {@code t} with milliseconds (or microseconds) only when they are not zero. */
  static String timestamp(LocalDateTime t) {
    int nanos = t.getNano();
    if (nanos == 0) {
      return t.format(SECONDS);
    }
    return nanos % 1_000_000 == 0 ? t.format(MILLIS) : t.format(MICROS);
  }
}
