package dev.bucketsql.calcite.engine;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * Timestamps and times as text the way DuckDB prints them: {@code 2018-12-01 03:04:05.678} and
 * {@code 03:04:05.678}, the fraction without trailing zeros and left out when it is zero ({@code
 * 2018-12-01 00:00:00}). Calcite prints a TIMESTAMP or TIME as text with its type's precision, so a
 * TIMESTAMP(0) column (what CSV inference gives) lost its milliseconds in {@code CAST(ts AS
 * VARCHAR)} and {@code getString}, and so did {@code CAST(TIME '12:34:56.789' AS VARCHAR)}. Used by
 * the casts ({@link #rewrite}) and by the JDBC result sets; called by generated code, public for
 * that reason.
 */
public final class TimestampText {
  private static final SqlUserDefinedFunction CAST = textCast("CAST_TIMESTAMP_TEXT", "castToText");

  private static final SqlUserDefinedFunction CAST_TIME =
      textCast("CAST_TIME_TEXT", "castTimeToText");

  private TimestampText() {}

  /** 1582-10-15 00:00 UTC, from which the JDBC calendar and the proleptic one agree. */
  private static final long GREGORIAN_START = -12_219_292_800_000L;

  /**
   * The text of a timestamp given as {@link java.sql.Timestamp#getTime} of a UTC calendar counts it
   * (what the remote protocol carries): JDBC counts the days before 1582-10-15 in the Julian
   * calendar, so {@code TIMESTAMP '0001-01-01 00:00:00'} arrives two days short of Calcite's
   * proleptic milliseconds; its wall-clock fields in that calendar are printed.
   */
  public static String formatJdbcMillis(long millis) {
    if (millis >= GREGORIAN_START) {
      return format(millis);
    }
    java.util.GregorianCalendar c =
        new java.util.GregorianCalendar(java.util.TimeZone.getTimeZone("UTC"));
    c.setTimeInMillis(millis);
    int year = c.get(java.util.Calendar.YEAR);
    LocalDateTime wall =
        LocalDateTime.of(
            c.get(java.util.Calendar.ERA) == java.util.GregorianCalendar.BC ? 1 - year : year,
            c.get(java.util.Calendar.MONTH) + 1,
            c.get(java.util.Calendar.DAY_OF_MONTH),
            c.get(java.util.Calendar.HOUR_OF_DAY),
            c.get(java.util.Calendar.MINUTE),
            c.get(java.util.Calendar.SECOND),
            c.get(java.util.Calendar.MILLISECOND) * 1_000_000);
    return format(wall.toInstant(ZoneOffset.UTC).toEpochMilli());
  }

  /**
   * The text of a timestamp held as Calcite holds one: milliseconds since 1970-01-01 00:00 of the
   * wall clock (no time zone).
   */
  public static String format(long millis) {
    LocalDateTime t =
        LocalDateTime.ofEpochSecond(
            Math.floorDiv(millis, 1000),
            (int) Math.floorMod(millis, 1000) * 1_000_000,
            ZoneOffset.UTC);
    StringBuilder s = new StringBuilder(26);
    int year = t.getYear();
    if (year < 0) {
      s.append('-');
    }
    pad(s, Math.abs(year), 4).append('-');
    pad(s, t.getMonthValue(), 2).append('-');
    pad(s, t.getDayOfMonth(), 2).append(' ');
    return clock(s, t.getHour(), t.getMinute(), t.getSecond(), (int) Math.floorMod(millis, 1000))
        .toString();
  }

  /** The text of a time of day held as Calcite holds one: milliseconds since midnight. */
  public static String formatTime(long millisOfDay) {
    int ms = (int) Math.floorMod(millisOfDay, 86_400_000L);
    return clock(new StringBuilder(12), ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000)
        .toString();
  }

  /** {@code hh:mm:ss}, then {@code .fff} without trailing zeros unless the fraction is zero. */
  private static StringBuilder clock(StringBuilder s, int hour, int minute, int second, int ms) {
    pad(s, hour, 2).append(':');
    pad(s, minute, 2).append(':');
    pad(s, second, 2);
    if (ms != 0) {
      s.append('.');
      String digits = String.format(java.util.Locale.ROOT, "%03d", ms);
      s.append(digits.replaceFirst("0+$", ""));
    }
    return s;
  }

  /** {@code CAST(t AS VARCHAR)} of a TIME, NULL for NULL; boxed as {@link #castToText} is. */
  public static String castTimeToText(Integer millisOfDay) {
    return millisOfDay == null ? null : formatTime(millisOfDay);
  }

  /**
   * {@code CAST(ts AS VARCHAR)}, NULL for NULL. The argument is boxed: for a primitive one,
   * Calcite's generated code unboxed a NULL timestamp before its null check (a
   * NullPointerException, with a filter or group over the cast).
   */
  public static String castToText(Long millis) {
    return millis == null ? null : format(millis);
  }

  /**
   * The function {@code method} of this class as a cast to VARCHAR, named as the cast it stands for
   * so that EXPLAIN reads {@code CAST_TIMESTAMP_TEXT($t0)}; VARCHAR, nullable as its operand.
   */
  private static SqlUserDefinedFunction textCast(String name, String method) {
    return IntegerCasts.castFunction(name, TimestampText.class, method, SqlTypeName.VARCHAR, false);
  }

  private static StringBuilder pad(StringBuilder s, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      s.append('0');
    }
    return s.append(digits);
  }

  /**
   * {@code converted} with a cast of a TIMESTAMP or TIME to an unbounded VARCHAR (or one long
   * enough for any value) replaced by {@link #castToText} or {@link #castTimeToText}; anything else
   * unchanged.
   */
  static RexNode rewrite(RexBuilder rexBuilder, RexNode converted) {
    if (!(converted instanceof RexCall cast)
        || cast.getKind() != SqlKind.CAST
        || cast.getOperands().size() != 1
        || cast.getType().getSqlTypeName() != SqlTypeName.VARCHAR) {
      return converted;
    }
    SqlTypeName from = cast.getOperands().get(0).getType().getSqlTypeName();
    if (from != SqlTypeName.TIMESTAMP && from != SqlTypeName.TIME) {
      return converted;
    }
    RelDataType type = cast.getType();
    int precision = type.getPrecision();
    if (precision != RelDataType.PRECISION_NOT_SPECIFIED
        && precision < (from == SqlTypeName.TIME ? 12 : 23)) {
      return converted; // a VARCHAR(n) too short: Calcite's cast decides
    }
    return rexBuilder.makeCall(
        type, from == SqlTypeName.TIME ? CAST_TIME : CAST, List.of(cast.getOperands().get(0)));
  }
}
