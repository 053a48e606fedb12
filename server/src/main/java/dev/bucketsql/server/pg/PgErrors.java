package dev.bucketsql.server.pg;

import dev.bucketsql.calcite.engine.QueryErrors;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLWarning;

/** ErrorResponse and NoticeResponse messages, with the SQLSTATE of the error they report. */
final class PgErrors {
  /** SQLSTATE "internal error", for errors that carry none. */
  static final String INTERNAL = "XX000";

  private PgErrors() {}

  /** An error of the engine or the driver, as its SQLException's state and one-line message. */
  static SQLException toSql(Throwable e) {
    if (e instanceof SQLException sql && sql.getSQLState() != null) {
      return sql;
    }
    return QueryErrors.toSqlException(e, null);
  }

  static void error(PgOutput out, String severity, String sqlState, String message)
      throws IOException {
    out.begin('E');
    fields(
        out, severity, sqlState == null || sqlState.length() != 5 ? INTERNAL : sqlState, message);
    out.end();
  }

  static void notice(PgOutput out, SQLWarning warning) throws IOException {
    String state = warning.getSQLState();
    out.begin('N');
    fields(
        out,
        "WARNING",
        state == null || state.length() != 5 ? "01000" : state,
        QueryErrors.oneLine(String.valueOf(warning.getMessage())));
    out.end();
  }

  private static void fields(PgOutput out, String severity, String sqlState, String message) {
    out.writeByte('S').writeCString(severity);
    out.writeByte('V').writeCString(severity);
    out.writeByte('C').writeCString(sqlState);
    out.writeByte('M').writeCString(message == null ? "" : message);
    out.writeByte(0);
  }
}
