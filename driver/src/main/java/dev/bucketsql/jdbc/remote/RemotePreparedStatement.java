package dev.bucketsql.jdbc.remote;

import java.io.InputStream;
import java.io.Reader;
import java.sql.NClob;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.Meta;

/**
 * Avatica's prepared statement with a {@link #cancel()} that reaches the server while the execute
 * request runs. The setters below are the JDBC 4 ones Avatica leaves to its (private) concrete
 * class; they forward to Avatica's parameter sites as that class does.
 */
final class RemotePreparedStatement extends AvaticaPreparedStatement {
  private final Executions executions;

  RemotePreparedStatement(
      AvaticaConnection connection,
      Meta.StatementHandle h,
      Meta.Signature signature,
      int resultSetType,
      int resultSetConcurrency,
      int resultSetHoldability)
      throws SQLException {
    super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
    this.executions = new Executions((RemoteConnection) connection, this, cancelFlag);
  }

  Executions executions() {
    return executions;
  }

  /** Cancels the running query; see {@link RemoteStatement#cancel()}. */
  @Override
  public void cancel() throws SQLException {
    checkOpen();
    cancelFlag.set(true);
    executions.cancel();
  }

  @Override
  public void setRowId(int parameterIndex, RowId x) throws SQLException {
    getSite(parameterIndex).setRowId(x);
  }

  @Override
  public void setNString(int parameterIndex, String value) throws SQLException {
    getSite(parameterIndex).setNString(value);
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value, long length)
      throws SQLException {
    getSite(parameterIndex).setNCharacterStream(value, length);
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
    getSite(parameterIndex).setNCharacterStream(value);
  }

  @Override
  public void setNClob(int parameterIndex, NClob value) throws SQLException {
    getSite(parameterIndex).setNClob(value);
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
    getSite(parameterIndex).setNClob(reader, length);
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader) throws SQLException {
    getSite(parameterIndex).setNClob(reader);
  }

  @Override
  public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
    getSite(parameterIndex).setClob(reader, length);
  }

  @Override
  public void setClob(int parameterIndex, Reader reader) throws SQLException {
    getSite(parameterIndex).setClob(reader);
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream, long length)
      throws SQLException {
    getSite(parameterIndex).setBlob(inputStream, length);
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
    getSite(parameterIndex).setBlob(inputStream);
  }

  @Override
  public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
    getSite(parameterIndex).setSQLXML(xmlObject);
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
    getSite(parameterIndex).setAsciiStream(x, length);
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
    getSite(parameterIndex).setAsciiStream(x);
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
    getSite(parameterIndex).setBinaryStream(x, length);
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
    getSite(parameterIndex).setBinaryStream(x);
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, long length)
      throws SQLException {
    getSite(parameterIndex).setCharacterStream(reader, length);
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
    getSite(parameterIndex).setCharacterStream(reader);
  }

  private String sql() {
    Meta.Signature signature = getSignature();
    return signature == null ? null : signature.sql;
  }

  @Override
  public java.sql.ResultSet executeQuery() throws SQLException {
    try {
      return super.executeQuery();
    } catch (SQLException | RuntimeException e) {
      throw RemoteErrors.translate(e, sql());
    }
  }

  @Override
  public boolean execute() throws SQLException {
    try {
      return super.execute();
    } catch (SQLException | RuntimeException e) {
      throw RemoteErrors.translate(e, sql());
    }
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    try {
      return super.executeLargeUpdate();
    } catch (SQLException | RuntimeException e) {
      throw RemoteErrors.translate(e, sql());
    }
  }

  @Override
  protected long[] executeBatchInternal() throws SQLException {
    try {
      return super.executeBatchInternal();
    } catch (SQLException | RuntimeException e) {
      throw RemoteErrors.translate(e, sql());
    }
  }
}
