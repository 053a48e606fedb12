package dev.bucketsql.server;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.jdbc.JdbcMeta.ConnectionCacheSettings;
import org.apache.calcite.avatica.jdbc.JdbcMeta.StatementCacheSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that runs the JDBC layer's idle sweep at a fixed period: Avatica's caches
 * expire entries only when they are next written, so without it a killed client's connection and
 * statement (and the S3 streams of its half-read result) stayed until another client came.
 */
final class IdleSweeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IdleSweeper.class);
  private static final Duration MIN_PERIOD = Duration.ofMillis(25);
  private static final Duration MAX_PERIOD = Duration.ofSeconds(5);

  private final ScheduledExecutorService executor;

  private IdleSweeper(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  static IdleSweeper start(Runnable sweep, Duration period) {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "bucketsql-idle-sweeper");
              t.setDaemon(true);
              return t;
            });
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            sweep.run();
          } catch (RuntimeException e) {
            LOG.warn("Idle sweep failed: {}", e.toString());
          }
        },
        period.toMillis(),
        period.toMillis(),
        TimeUnit.MILLISECONDS);
    return new IdleSweeper(executor);
  }

  /**
   * A quarter of the shorter idle timeout in {@code info} (Avatica's cache settings), within 25 ms
   * and 5 s: an idle entry goes at most a quarter late, and an entry with a request in flight is
   * touched well before it could expire.
   */
  static Duration period(Properties info) {
    long shortest =
        Math.min(
            millis(
                info,
                ConnectionCacheSettings.EXPIRY_DURATION.key(),
                ConnectionCacheSettings.EXPIRY_UNIT.key(),
                ConnectionCacheSettings.EXPIRY_DURATION.defaultValue(),
                ConnectionCacheSettings.EXPIRY_UNIT.defaultValue()),
            millis(
                info,
                StatementCacheSettings.EXPIRY_DURATION.key(),
                StatementCacheSettings.EXPIRY_UNIT.key(),
                StatementCacheSettings.EXPIRY_DURATION.defaultValue(),
                StatementCacheSettings.EXPIRY_UNIT.defaultValue()));
    Duration quarter = Duration.ofMillis(shortest / 4);
    return quarter.compareTo(MIN_PERIOD) < 0
        ? MIN_PERIOD
        : quarter.compareTo(MAX_PERIOD) > 0 ? MAX_PERIOD : quarter;
  }

  private static long millis(
      Properties info,
      String durationKey,
      String unitKey,
      String defaultDuration,
      String defaultUnit) {
    long duration = Long.parseLong(info.getProperty(durationKey, defaultDuration));
    TimeUnit unit = TimeUnit.valueOf(info.getProperty(unitKey, defaultUnit));
    return unit.toMillis(duration);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
