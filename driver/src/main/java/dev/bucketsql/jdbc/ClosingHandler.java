package dev.bucketsql.jdbc;

import dev.bucketsql.calcite.engine.PlanCache;
import dev.bucketsql.calcite.pushdown.ScanRegistry;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calcite's connection handler, plus closing what a connection opened (its statements and their
 * results, its object store and HTTP connection pool) when the connection closes, and dropping what
 * is kept per connection: its prepared plans ({@link PlanCache}), scan reports and pushdown switch
 * ({@link ScanRegistry}) and its CSV reject log's link to statement warnings.
 */
final class ClosingHandler implements Handler {
  private static final Logger LOG = LoggerFactory.getLogger(ClosingHandler.class);

  private final Handler delegate;
  private final Map<AvaticaConnection, AutoCloseable> resources = new ConcurrentHashMap<>();

  ClosingHandler(Handler delegate) {
    this.delegate = delegate;
  }

  /** Closes {@code resource} when {@code connection} closes. */
  void closeWith(AvaticaConnection connection, AutoCloseable resource) {
    resources.put(connection, resource);
  }

  @Override
  public void onConnectionInit(AvaticaConnection connection) throws SQLException {
    delegate.onConnectionInit(connection);
  }

  @Override
  public void onConnectionClose(AvaticaConnection connection) {
    closeStatements(connection);
    forgetCaches(connection);
    try {
      AutoCloseable resource = resources.remove(connection);
      if (resource != null) {
        resource.close();
      }
    } catch (Exception e) {
      // Closing the store only releases pooled HTTP connections; the caller's close() must
      // still succeed.
    } finally {
      delegate.onConnectionClose(connection);
    }
  }

  /**
   * Closes the statements still open on a closing connection, and so their results: JDBC's {@code
   * Connection.close} releases them, and a result the caller never closed holds an engine execution
   * (the workers of its pipelines, its memory, its spill files, its object bodies) that nothing
   * else would end. Avatica closes neither.
   */
  private static void closeStatements(AvaticaConnection connection) {
    for (AvaticaStatement statement : List.copyOf(connection.statementMap.values())) {
      try {
        statement.close();
      } catch (SQLException | RuntimeException e) {
        // the connection's close must still succeed; what the statement held is closed first
        LOG.debug("could not close a statement of a closing connection", e);
      }
    }
  }

  private static void forgetCaches(AvaticaConnection connection) {
    ScanRegistry.forget(connection);
    RejectWarnings.forget(connection);
    try {
      PlanCache.forget(connection);
    } catch (SQLException | RuntimeException e) {
      LOG.debug("could not drop the plan cache of a closing connection", e);
    }
  }

  @Override
  public void onStatementExecute(AvaticaStatement statement, ResultSink resultSink) {
    delegate.onStatementExecute(statement, resultSink);
  }

  @Override
  public void onStatementClose(AvaticaStatement statement) {
    delegate.onStatementClose(statement);
  }
}
