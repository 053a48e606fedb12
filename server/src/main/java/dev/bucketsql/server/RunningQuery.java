package dev.bucketsql.server;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.storage.IoStats;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One query a remote client started and has not finished reading: from the execute request until
 * its last row was sent, its statement closed, or it failed. It keeps the server-side JDBC
 * statement, so it can be cancelled from outside the request that runs it.
 */
final class RunningQuery {
  private static final Logger LOG = LoggerFactory.getLogger(RunningQuery.class);
  private static final int MAX_SQL_CHARS = 2000;

  private final long id;
  private final String connectionId;
  private final int statementId;
  private final String sql;
  private final String user;
  private final Instant started = Instant.now();
  private final long startNanos = System.nanoTime();
  private final Statement statement;
  private final IoStats stats;
  private final IoStats.Snapshot baseline;
  private final AtomicInteger requestsInFlight = new AtomicInteger();
  private volatile String cancelReason;

  RunningQuery(
      long id,
      String connectionId,
      int statementId,
      String sql,
      String user,
      Statement statement,
      IoStats stats) {
    this.id = id;
    this.connectionId = requireNonNull(connectionId, "connectionId is null");
    this.statementId = statementId;
    String text = sql == null ? "" : sql.strip();
    this.sql = text.length() > MAX_SQL_CHARS ? text.substring(0, MAX_SQL_CHARS) + "..." : text;
    this.user = user == null ? "anonymous" : user;
    this.statement = requireNonNull(statement, "statement is null");
    this.stats = stats;
    this.baseline = stats == null ? null : stats.snapshot();
  }

  long id() {
    return id;
  }

  String connectionId() {
    return connectionId;
  }

  int statementId() {
    return statementId;
  }

  String sql() {
    return sql;
  }

  String user() {
    return user;
  }

  Instant started() {
    return started;
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /**
   * What the query fetched from the bucket so far, or null when the underlying driver is not
   * BucketSQL. Taken from the connection's counters, so two queries running at once on one
   * connection see each other's bytes.
   */
  IoStats.Snapshot fetched() {
    return stats == null ? null : stats.snapshot().minus(baseline);
  }

  /**
   * Parquet row groups skipped by statistics so far, or -1 while the Parquet reader does not report
   * it per connection. The seam for the status page's "row groups pruned" column.
   */
  long rowGroupsPruned() {
    return -1;
  }

  /** Whether a request of this query is running on the server now (not waiting for the client). */
  boolean executing() {
    return requestsInFlight.get() > 0;
  }

  void requestStarted() {
    requestsInFlight.incrementAndGet();
  }

  void requestEnded() {
    requestsInFlight.decrementAndGet();
  }

  /** Whether the server-side statement is closed, so the query cannot be running. */
  boolean statementClosed() {
    try {
      return statement.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  /** Closes the server-side statement (and its result set); failures are only logged. */
  void closeStatement() {
    try {
      statement.close();
    } catch (SQLException | RuntimeException e) {
      LOG.debug("Could not close the statement of query {}: {}", id, e.getMessage());
    }
  }

  /** Why the query was cancelled, or null if it was not. */
  String cancelReason() {
    return cancelReason;
  }

  /**
   * Asks the server-side statement to stop. The BucketSQL scan checks the flag at every row and
   * closes its cursor, which aborts its HTTP requests to the bucket.
   */
  void cancel(String reason) {
    requireNonNull(reason, "reason is null");
    if (cancelReason == null) {
      cancelReason = reason;
    }
    try {
      statement.cancel();
      LOG.info("Cancelled query {} of {} ({})", id, user, reason);
    } catch (SQLException e) {
      LOG.debug("Could not cancel query {}: {}", id, e.getMessage());
    }
  }
}
