package dev.bucketsql.jdbc.remote;

import static java.util.Objects.requireNonNull;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.calcite.avatica.AvaticaStatement;

/**
 * The execute requests of one statement, one at a time: numbers them as the server does (from 1,
 * per server-side statement id), so a cancel names the execution it is meant for, and keeps the one
 * in flight for {@code cancel()} to reach without the statement's lock.
 */
final class Executions {
  private final RemoteConnection connection;
  private final AvaticaStatement statement;
  private final AtomicBoolean cancelFlag;
  private final AtomicReference<Execution> current = new AtomicReference<>();
  private int countedStatementId = -1;
  private long count;

  /**
   * @param cancelFlag the statement's client-side cancel flag, which makes its result set's {@code
   *     next()} fail; cleared when a new execution starts, so a statement stays usable after a
   *     cancel
   */
  Executions(RemoteConnection connection, AvaticaStatement statement, AtomicBoolean cancelFlag) {
    this.connection = requireNonNull(connection, "connection is null");
    this.statement = requireNonNull(statement, "statement is null");
    this.cancelFlag = requireNonNull(cancelFlag, "cancelFlag is null");
  }

  /** Starts an execute request: numbers it and starts its query timeout, if any. */
  Execution begin() throws SQLException {
    int timeoutSeconds = statement.getQueryTimeout();
    int statementId = statement.handle.id;
    long number;
    synchronized (this) {
      // Avatica replaces the statement id when the server lost the statement; the server
      // counts the new one from 1.
      if (statementId != countedStatementId) {
        countedStatementId = statementId;
        count = 0;
      }
      number = ++count;
    }
    cancelFlag.set(false);
    Execution execution =
        new Execution(connection.cancels(), connection.id, statementId, number, timeoutSeconds);
    current.set(execution);
    execution.start();
    return execution;
  }

  /** Ends an execute request, successful or not; its timer stops. */
  void end(Execution execution) {
    execution.end();
    current.compareAndSet(execution, null);
  }

  /**
   * Asks the server to cancel the execute request in flight, if there is one.
   *
   * @throws SQLException if the server could not be told
   */
  void cancel() throws SQLException {
    Execution execution = current.get();
    if (execution != null) {
      execution.cancel(Execution.Reason.CANCEL);
    }
  }
}
