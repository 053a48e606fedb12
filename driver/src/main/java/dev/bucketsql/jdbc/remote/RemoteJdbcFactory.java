package dev.bucketsql.jdbc.remote;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.Properties;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaSpecificDatabaseMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.UnregisteredDriver;

/**
 * Avatica's JDBC objects, with this package's connection, statements and result sets. Metadata are
 * Avatica's own, made by the stock factory this one wraps (its class is package-private in Avatica,
 * so it cannot be extended from here).
 */
final class RemoteJdbcFactory implements AvaticaFactory {
  private final AvaticaFactory stock;

  RemoteJdbcFactory(AvaticaFactory stock) {
    this.stock = requireNonNull(stock, "stock is null");
  }

  @Override
  public int getJdbcMajorVersion() {
    return stock.getJdbcMajorVersion();
  }

  @Override
  public int getJdbcMinorVersion() {
    return stock.getJdbcMinorVersion();
  }

  @Override
  public AvaticaConnection newConnection(
      UnregisteredDriver driver, AvaticaFactory factory, String url, Properties info) {
    return new RemoteConnection(driver, factory, url, info);
  }

  @Override
  public AvaticaStatement newStatement(
      AvaticaConnection connection,
      Meta.StatementHandle h,
      int resultSetType,
      int resultSetConcurrency,
      int resultSetHoldability) {
    return new RemoteStatement(
        connection, h, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public AvaticaPreparedStatement newPreparedStatement(
      AvaticaConnection connection,
      Meta.StatementHandle h,
      Meta.Signature signature,
      int resultSetType,
      int resultSetConcurrency,
      int resultSetHoldability)
      throws SQLException {
    return new RemotePreparedStatement(
        connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public AvaticaResultSet newResultSet(
      AvaticaStatement statement,
      QueryState state,
      Meta.Signature signature,
      TimeZone timeZone,
      Meta.Frame firstFrame)
      throws SQLException {
    // Avatica's own result set, as the stock factory makes it, with failures of next() translated
    ResultSetMetaData metaData = stock.newResultSetMetaData(statement, signature);
    return new RemoteResultSet(statement, state, signature, metaData, timeZone, firstFrame);
  }

  @Override
  public AvaticaSpecificDatabaseMetaData newDatabaseMetaData(AvaticaConnection connection) {
    // the embedded driver's casing and functions when the server is BucketSQL's
    return new RemoteDatabaseMetaData((RemoteConnection) connection);
  }

  @Override
  public ResultSetMetaData newResultSetMetaData(
      AvaticaStatement statement, Meta.Signature signature) throws SQLException {
    return stock.newResultSetMetaData(statement, signature);
  }
}
