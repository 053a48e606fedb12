package dev.bucketsql.jdbc;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.calcite.BucketSchema;
import dev.bucketsql.calcite.pushdown.ScanRegistry;
import dev.bucketsql.calcite.pushdown.ScanReport;
import dev.bucketsql.storage.IoStats;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;

/** What a BucketSQL connection offers beyond plain JDBC. */
public final class BucketSqlConnections {
  private BucketSqlConnections() {}

  /**
   * The requests and bytes the scans of {@code connection} fetched from the bucket since it was
   * opened: take a snapshot before and after a query and subtract to see what the query read. Only
   * this connection's scans count, never another connection's, though connections of equal settings
   * share one catalog; what the catalog fetches for everyone (listing, schema samples, Parquet
   * footers) is in {@link #catalogStats}.
   *
   * @throws SQLException if {@code connection} is not a BucketSQL connection
   */
  public static IoStats ioStats(Connection connection) throws SQLException {
    bucketSchema(connection);
    return registry(connection).ioStats();
  }

  /**
   * Every request and byte of the catalog {@code connection} uses: its listings, the HEADs after a
   * change, schema samples, Parquet footers, and the scans of every connection sharing it
   * (connections of equal settings share one catalog, see docs/server.md).
   *
   * @throws SQLException if {@code connection} is not a BucketSQL connection
   */
  public static IoStats catalogStats(Connection connection) throws SQLException {
    return bucketSchema(connection).stats();
  }

  /**
   * Forgets the bucket listing of {@code connection}, so the next statement sees objects added or
   * removed since.
   */
  public static void refresh(Connection connection) throws SQLException {
    bucketSchema(connection).refresh();
  }

  /**
   * What each scan of the latest query run on {@code connection} read: the object, the projected
   * columns, the pushed predicate, row groups total / skipped (by statistics, dictionary, bloom
   * filter) / read, and the bytes and requests it fetched. Reports of a query still running show
   * its progress so far.
   *
   * @throws SQLException if {@code connection} is not a Calcite connection
   */
  public static List<ScanReport> latestScans(Connection connection) throws SQLException {
    return registry(connection).latestScans();
  }

  /**
   * Forgets the scans recorded for {@code connection}, so that {@link #latestScans} after a query
   * that scans nothing (a footer-only aggregate) is empty.
   */
  public static void clearScans(Connection connection) throws SQLException {
    registry(connection).clear();
  }

  /**
   * Turns filter pushdown on or off for the later queries of {@code connection} (on by default, or
   * as the system property {@code bucketsql.pushdown} says). Results are the same either way; off,
   * every row group is read. For comparisons and for diagnosing a suspected pruning bug.
   */
  public static void setPushdown(Connection connection, boolean enabled) throws SQLException {
    registry(connection).setPushdown(enabled);
  }

  /** Whether filter pushdown is on for {@code connection}. */
  public static boolean pushdown(Connection connection) throws SQLException {
    return registry(connection).pushdown();
  }

  /**
   * Turns the fused operators (the scan and join aggregates of {@code BucketPlanRewriter}) on or
   * off for the later executions of {@code connection}'s statements (the connection setting {@code
   * fused}; on by default). Off, Calcite's own aggregate and join run, with the same answers; they
   * also run whenever pushdown is off. For comparisons and diagnosis.
   */
  public static void setFused(Connection connection, boolean enabled) throws SQLException {
    registry(connection).setFused(enabled);
  }

  /**
   * Turns the execution engine on or off for the later executions of {@code connection}'s
   * statements (the connection setting {@code engine}; on by default). Off, the enumerable
   * operators the engine nodes of a plan stand for run, with the same answers.
   */
  public static void setEngine(Connection connection, boolean enabled) throws SQLException {
    registry(connection).setEngine(enabled);
  }

  /**
   * Whether, where and how much the engine's operators of {@code connection}'s later queries may
   * spill to local disk (the settings {@code spill}, {@code spillDirectory}, {@code spillLimit}).
   */
  public static void setSpill(
      Connection connection, dev.bucketsql.engine.spill.SpillSettings settings)
      throws SQLException {
    registry(connection).setSpill(settings);
  }

  /** Whether the execution engine runs for {@code connection}. */
  public static boolean engine(Connection connection) throws SQLException {
    return registry(connection).engine();
  }

  /**
   * Whether the fused operators run for {@code connection} (its {@code fused} and pushdown both
   * on).
   */
  public static boolean fused(Connection connection) throws SQLException {
    return registry(connection).fused();
  }

  /**
   * Sets how many bytes one operator of the later queries of {@code connection} may hold in memory
   * (the connection setting {@code queryMemory}; default a quarter of the JVM's maximum heap): an
   * aggregate's groups, a sort's or a window's rows, and a join's in-memory side unless {@link
   * #setJoinMemory} was called. A query that needs more fails with an error naming the operator,
   * the table and the setting.
   */
  public static void setQueryMemory(Connection connection, long bytes) throws SQLException {
    registry(connection).setQueryMemory(bytes);
  }

  /**
   * Sets the most threads one pipeline of the later queries of {@code connection} runs on (the
   * connection setting {@code threads}; default the available cores). 1 runs each query on the
   * thread that reads its result, as before pipelines ran in parallel.
   */
  public static void setThreads(Connection connection, int threads) throws SQLException {
    registry(connection).setThreads(threads);
  }

  /** The {@code threads} of {@code connection}. */
  public static int threads(Connection connection) throws SQLException {
    return registry(connection).threads();
  }

  /** The {@code queryMemory} of {@code connection}, in bytes. */
  public static long queryMemory(Connection connection) throws SQLException {
    return registry(connection).queryMemory();
  }

  /**
   * Sets how many bytes the in-memory side of one join may take in the later queries of {@code
   * connection} (the connection setting {@code joinMemory}; without it joins follow {@code
   * queryMemory}). A query whose build side needs more fails with an error naming the table.
   */
  public static void setJoinMemory(Connection connection, long bytes) throws SQLException {
    registry(connection).setJoinMemory(bytes);
  }

  /**
   * The memory bound on the joins of {@code connection}, in bytes: {@code joinMemory}, else {@code
   * queryMemory}.
   */
  public static long joinMemory(Connection connection) throws SQLException {
    return registry(connection).joinMemory();
  }

  private static ScanRegistry registry(Connection connection) throws SQLException {
    requireNonNull(connection, "connection is null");
    return ScanRegistry.of(connection.unwrap(CalciteConnection.class));
  }

  private static BucketSchema bucketSchema(Connection connection) throws SQLException {
    requireNonNull(connection, "connection is null");
    CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
    String name = calcite.getSchema();
    SchemaPlus schema = name == null ? null : calcite.getRootSchema().subSchemas().get(name);
    BucketSchema bucket = schema == null ? null : schema.unwrap(BucketSchema.class);
    if (bucket == null) {
      throw new SQLException("not a BucketSQL connection: its default schema is not a bucket");
    }
    return bucket;
  }
}
