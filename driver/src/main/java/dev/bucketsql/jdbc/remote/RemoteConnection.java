package dev.bucketsql.jdbc.remote;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;

/**
 * Avatica's remote connection, with its two execute paths (a statement's {@code prepareAndExecute},
 * a prepared statement's {@code execute}) wrapped so that each request is an {@link Execution} its
 * statement can cancel, and whose failure after a cancel is reported as one.
 */
final class RemoteConnection extends AvaticaConnection {
  private final CancelClient cancels;

  RemoteConnection(UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info) {
    super(driver, factory, url, info);
    this.cancels = new CancelClient(this);
  }

  /** Avatica's prepare, with the server's SQLSTATE and message on failure. */
  @Override
  public java.sql.PreparedStatement prepareStatement(
      String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    try {
      return super.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability);
    } catch (SQLException | RuntimeException e) {
      throw RemoteErrors.translate(e, sql);
    }
  }

  /**
   * A result set of {@code getFunctions} rows made on this side: Avatica's protocol has no request
   * for them. It is read like any metadata result set (one frame, no statement on the server), with
   * the columns Calcite's embedded answer has.
   */
  ResultSet functionRows(List<Object[]> rows) throws SQLException {
    List<ColumnMetaData> columns = new ArrayList<>();
    String[] names = {
      "FUNCTION_CAT", "FUNCTION_SCHEM", "FUNCTION_NAME", "REMARKS", "FUNCTION_TYPE", "SPECIFIC_NAME"
    };
    for (int i = 0; i < names.length; i++) {
      // typed and flagged as Calcite types the embedded answer's columns
      columns.add(MetaImpl.columnMetaData(names[i], i, i == 4 ? short.class : String.class, false));
    }
    Meta.Signature signature =
        Meta.Signature.create(
            columns, "", List.of(), Meta.CursorFactory.ARRAY, Meta.StatementType.SELECT);
    Meta.Frame frame = Meta.Frame.create(0, true, new ArrayList<Object>(rows));
    return createResultSet(Meta.MetaResultSet.create(handle.id, -1, true, signature, frame), null);
  }

  /** The client that sends this connection's cancels to the server. */
  CancelClient cancels() {
    return cancels;
  }

  @Override
  protected Meta.ExecuteResult prepareAndExecuteInternal(
      AvaticaStatement statement, String sql, long maxRowCount)
      throws SQLException, NoSuchStatementException {
    if (!(statement instanceof RemoteStatement remote)) {
      return super.prepareAndExecuteInternal(statement, sql, maxRowCount);
    }
    return execute(
        remote.executions(), () -> super.prepareAndExecuteInternal(statement, sql, maxRowCount));
  }

  @Override
  protected ResultSet executeQueryInternal(
      AvaticaStatement statement,
      Meta.Signature signature,
      Meta.Frame firstFrame,
      QueryState state,
      boolean isUpdate)
      throws SQLException {
    // Only a prepared statement sends a request here (execute); for the other callers the
    // rows are already in firstFrame.
    if (!(statement instanceof RemotePreparedStatement prepared)) {
      return super.executeQueryInternal(statement, signature, firstFrame, state, isUpdate);
    }
    return execute(
        prepared.executions(),
        () -> super.executeQueryInternal(statement, signature, firstFrame, state, isUpdate));
  }

  /** One execute request to the server, as Avatica sends it. */
  @FunctionalInterface
  private interface Request<T, X extends Exception> {
    T send() throws SQLException, X;
  }

  /**
   * Sends {@code request} as the next execution of a statement, which the statement's {@code
   * cancel()} and query timeout can reach; its failure after a cancel is reported as one.
   */
  private static <T, X extends Exception> T execute(Executions executions, Request<T, X> request)
      throws SQLException, X {
    Execution execution = executions.begin();
    try {
      return request.send();
    } catch (RuntimeException | SQLException e) {
      SQLException cancelled = execution.cancelledFailure(e);
      if (cancelled != null) {
        throw cancelled;
      }
      throw e;
    } finally {
      executions.end(execution);
    }
  }
}
