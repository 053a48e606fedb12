package dev.bucketsql.calcite.engine;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * DuckDB's {@code epoch_ms(value)} (milliseconds since 1970-01-01 00:00:00, a BIGINT; of a BIGINT,
 * the TIMESTAMP that many milliseconds after the epoch); {@code epoch(value)} is {@link DuckEpoch}.
 * Values carry no zone: a TIMESTAMP counts as UTC, as DuckDB counts it. Called by generated code;
 * public for that reason only.
 */
public final class Epoch {
  private Epoch() {}

  /** {@code epoch_ms(timestamp)}. */
  public static Long millisOfTimestamp(Timestamp value) {
    return value == null ? null : millis(value.toLocalDateTime());
  }

  /** {@code epoch_ms(date)}. */
  public static Long millisOfDate(Date value) {
    return value == null ? null : millis(value.toLocalDate().atStartOfDay());
  }

  /** {@code epoch_ms(bigint)}: the TIMESTAMP {@code millis} milliseconds after the epoch. */
  public static Timestamp timestampOfMillis(Long millis) {
    return millis == null
        ? null
        : Timestamp.valueOf(LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
  }

  private static long millis(LocalDateTime t) {
    return t.toInstant(ZoneOffset.UTC).toEpochMilli();
  }
}
