package dev.bucketsql.jdbc.remote;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

/**
 * Avatica's statement with a {@link #cancel()} that reaches the server while the execute request
 * runs, and whose failures carry the server's SQLSTATE and message ({@link RemoteErrors}).
 */
final class RemoteStatement extends AvaticaStatement {
  private final Executions executions;

  RemoteStatement(
      AvaticaConnection connection,
      Meta.StatementHandle h,
      int resultSetType,
      int resultSetConcurrency,
      int resultSetHoldability) {
    super(connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
    this.executions = new Executions((RemoteConnection) connection, this, cancelFlag);
  }

  Executions executions() {
    return executions;
  }

  /**
   * Cancels the running query. Not {@code synchronized}, unlike Avatica's: that lock is held while
   * the execute request waits for its first rows, the very time a cancel is wanted. The client-side
   * flag is set as Avatica sets it (the open result set's {@code next()} fails), and an execute
   * request in flight is cancelled on the server.
   */
  @Override
  public void cancel() throws SQLException {
    checkOpen();
    cancelFlag.set(true);
    executions.cancel();
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    try {
      return super.execute(sql);
    } catch (SQLException | RuntimeException e) {
      throw RemoteErrors.translate(e, sql);
    }
  }

  @Override
  public java.sql.ResultSet executeQuery(String sql) throws SQLException {
    try {
      return super.executeQuery(sql);
    } catch (SQLException | RuntimeException e) {
      throw RemoteErrors.translate(e, sql);
    }
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    try {
      return super.executeLargeUpdate(sql);
    } catch (SQLException | RuntimeException e) {
      throw RemoteErrors.translate(e, sql);
    }
  }

  @Override
  protected long[] executeBatchInternal() throws SQLException {
    try {
      return super.executeBatchInternal();
    } catch (SQLException | RuntimeException e) {
      throw RemoteErrors.translate(e, null);
    }
  }
}
