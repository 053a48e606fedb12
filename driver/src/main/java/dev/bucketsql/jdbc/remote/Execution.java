package dev.bucketsql.jdbc.remote;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.storage.Causes;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execute request of a statement, from sending it until its answer (the first frame of rows, or
 * an error). It can be cancelled from another thread, by {@code Statement.cancel()} or by its query
 * timeout; the cancel goes to the server beside the request, which the server then fails with
 * SQLSTATE 57014, and {@link #cancelledFailure} turns that failure into the exception JDBC callers
 * expect.
 */
final class Execution {
  /** Why an execution was cancelled. */
  enum Reason {
    /** {@code Statement.cancel()} was called. */
    CANCEL,
    /** The statement's query timeout expired. */
    TIMEOUT
  }

  /** SQLSTATE "query canceled", what the server answers for a cancelled query. */
  static final String CANCELED_SQL_STATE = "57014";

  private static final Logger LOG = LoggerFactory.getLogger(Execution.class);
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  /** Sends timeout cancels, so one slow answer does not hold back the timer. */
  private static final ExecutorService SENDER =
      Executors.newCachedThreadPool(daemon("bucketsql-remote-cancel"));

  private final CancelClient client;
  private final String connectionId;
  private final int statementId;
  private final long number;
  private final int timeoutSeconds;
  private final AtomicReference<Reason> reason = new AtomicReference<>();
  private volatile boolean ended;
  private volatile ScheduledFuture<?> timer;

  Execution(
      CancelClient client, String connectionId, int statementId, long number, int timeoutSeconds) {
    this.client = requireNonNull(client, "client is null");
    this.connectionId = requireNonNull(connectionId, "connectionId is null");
    this.statementId = statementId;
    this.number = number;
    this.timeoutSeconds = timeoutSeconds;
  }

  /** Starts the query timeout's timer, when the statement has a timeout. */
  void start() {
    if (timeoutSeconds > 0) {
      timer =
          TIMER.schedule(() -> SENDER.execute(this::timedOut), timeoutSeconds, TimeUnit.SECONDS);
    }
  }

  /** The request answered: a later cancel or timeout has nothing to stop. */
  void end() {
    ended = true;
    ScheduledFuture<?> t = timer;
    if (t != null) {
      t.cancel(false);
    }
  }

  private void timedOut() {
    try {
      cancel(Reason.TIMEOUT);
    } catch (SQLException | RuntimeException e) {
      LOG.warn(
          "The query timeout of {} s of statement {} expired, but the server could not be told"
              + " to stop the query: {}",
          timeoutSeconds,
          statementId,
          e.getMessage());
    }
  }

  /**
   * Sends the cancel to the server, once: later calls, and calls after the answer, do nothing.
   *
   * @throws SQLException if the server could not be told; a later call tries again
   */
  void cancel(Reason why) throws SQLException {
    if (ended || !reason.compareAndSet(null, why)) {
      return;
    }
    try {
      client.cancel(connectionId, statementId, number, why, timeoutSeconds);
    } catch (SQLException | RuntimeException e) {
      reason.compareAndSet(why, null);
      throw e;
    }
  }

  /**
   * Turns the failure of a cancelled execute request into the exception to throw: {@link
   * SQLTimeoutException} after the query timeout, an {@link SQLException} saying the query was
   * cancelled after {@code cancel()}.
   *
   * @return that exception, or null when this execution was not cancelled or failed for another
   *     reason (then the original failure stands)
   */
  SQLException cancelledFailure(Exception failure) {
    Reason why = reason.get();
    if (why == null || !isCancellation(failure)) {
      return null;
    }
    if (why == Reason.TIMEOUT) {
      return new SQLTimeoutException(
          "Query was cancelled: its query timeout of "
              + timeoutSeconds
              + " s (Statement.setQueryTimeout) expired, and the server stopped it",
          CANCELED_SQL_STATE,
          failure);
    }
    return new SQLException(
        "Query was cancelled: Statement.cancel() was called while it ran,"
            + " and the server stopped it",
        CANCELED_SQL_STATE,
        failure);
  }

  private static boolean isCancellation(Throwable failure) {
    return Causes.any(
        failure,
        t ->
            (t instanceof SQLException s && CANCELED_SQL_STATE.equals(s.getSQLState()))
                || (t instanceof AvaticaClientRuntimeException a
                    && CANCELED_SQL_STATE.equals(a.getSqlState())));
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(1, daemon("bucketsql-remote-query-timeout"));
    // Most timers are cancelled when the query answers in time; do not keep them queued.
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
