package dev.bucketsql.fuzz;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.jdbc.BucketSqlConnections;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;

/**
 * Runs a query on DuckDB and on BucketSQL in each {@link Config}. One BucketSQL connection serves
 * every configuration: the pushdown, fused and engine switches are read when a statement runs, so
 * the three runs share one plan from the connection's plan cache.
 */
final class Engines implements AutoCloseable {
  /** Seconds a query may run on either engine before it is not compared. */
  static final int TIMEOUT_SECONDS = 30;

  private static final long LEAK_GRACE_NANOS = 2_000_000_000L;

  /** A BucketSQL configuration. */
  enum Config {
    DEFAULT("pushdown on, fused on, engine on", true, true, true),
    /** Calcite's enumerable operators alone: what the fused and engine nodes stand for. */
    UNFUSED("fused=false, engine=false", true, false, false),
    NO_PUSHDOWN("pushdown=false", false, true, true);

    final String label;
    final boolean pushdown;
    final boolean fused;
    final boolean engine;

    Config(String label, boolean pushdown, boolean fused, boolean engine) {
      this.label = label;
      this.pushdown = pushdown;
      this.fused = fused;
      this.engine = engine;
    }
  }

  private final Connection bucketSql;
  private final Connection duckDb;
  private long bucketSqlNanos;
  private long duckDbNanos;

  Engines(Connection bucketSql, Connection duckDb) {
    this.bucketSql = requireNonNull(bucketSql, "bucketSql is null");
    this.duckDb = requireNonNull(duckDb, "duckDb is null");
  }

  /** {@code sql} on BucketSQL in {@code config}. */
  Outcome bucketSql(Config config, String sql) {
    try {
      BucketSqlConnections.setPushdown(bucketSql, config.pushdown);
      BucketSqlConnections.setFused(bucketSql, config.fused);
      BucketSqlConnections.setEngine(bucketSql, config.engine);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot configure the BucketSQL connection", e);
    }
    long opened = openBodies();
    long start = System.nanoTime();
    Outcome outcome = run(bucketSql, sql);
    bucketSqlNanos += System.nanoTime() - start;
    long leaked = leakedBodies(opened);
    return leaked > 0
        ? Outcome.failed(
            new SQLException(
                "the query left "
                    + leaked
                    + " object bodies open after its statement"
                    + " closed (each holds a connection of the pool)",
                "XX000"),
            sql)
        : outcome;
  }

  /** Object bodies open on the BucketSQL connection's store now. */
  private long openBodies() {
    try {
      return BucketSqlConnections.catalogStats(bucketSql).openBodies();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the BucketSQL connection's counters", e);
    }
  }

  /**
   * The bodies a query left open beyond the {@code before} open when it started. A read-ahead
   * thread may close its body just after the statement, so a count above is read again for a while
   * before it counts as a leak.
   */
  private long leakedBodies(long before) {
    long deadline = System.nanoTime() + LEAK_GRACE_NANOS;
    long leaked = openBodies() - before;
    while (leaked > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      leaked = openBodies() - before;
    }
    return leaked;
  }

  /** Time spent in BucketSQL so far, all configurations. */
  long bucketSqlNanos() {
    return bucketSqlNanos;
  }

  /** Time spent in DuckDB so far. */
  long duckDbNanos() {
    return duckDbNanos;
  }

  /** {@code sql} on DuckDB. */
  Outcome duckDb(String sql) {
    long start = System.nanoTime();
    Outcome outcome = run(duckDb, sql);
    duckDbNanos += System.nanoTime() - start;
    return outcome;
  }

  private static Outcome run(Connection connection, String sql) {
    try (Statement s = connection.createStatement()) {
      s.setQueryTimeout(TIMEOUT_SECONDS);
      try (ResultSet rs = s.executeQuery(sql)) {
        return Outcome.read(rs);
      }
    } catch (SQLTimeoutException e) {
      return Outcome.skip("timeout");
    } catch (SQLException e) {
      return Outcome.failed(e, sql);
    } catch (RuntimeException | LinkageError | StackOverflowError | AssertionError e) {
      // an engine that throws past JDBC is a finding too: reported as an error without SQLSTATE
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return Outcome.failed(
          new SQLException(
              "thrown past JDBC: "
                  + e.getClass().getSimpleName()
                  + ": "
                  + cause.getClass().getSimpleName()
                  + ": "
                  + cause.getMessage(),
              e),
          sql);
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      bucketSql.close();
    } finally {
      duckDb.close();
    }
  }
}
