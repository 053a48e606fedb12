package dev.bucketsql.jdbc.remote;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.QueryState;

/**
 * Avatica's result set, whose {@code next()} fails with an SQLException carrying the server's
 * SQLSTATE: Avatica's lets the unchecked exception of a failed fetch request through.
 */
final class RemoteResultSet extends AvaticaResultSet {
  RemoteResultSet(AvaticaStatement statement, QueryState state, Meta.Signature signature,
      ResultSetMetaData metaData, TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
    super(statement, state, signature, metaData, timeZone, firstFrame);
  }

  @Override
  public boolean next() throws SQLException {
    try {
      return super.next();
    } catch (SQLException | RuntimeException e) {
      throw RemoteErrors.translate(e, signature == null ? null : signature.sql);
    }
  }
}
