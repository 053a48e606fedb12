package dev.bucketsql.server;

import dev.bucketsql.calcite.engine.QueryErrors;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Service.ErrorResponse;

/**
 * Gives every error the server answers the SQLSTATE and one-line message the embedded driver would
 * have thrown. Avatica's {@code ErrorResponse} carries a state, an error code and a message, but
 * fills them only from an {@link AvaticaRuntimeException}; anything else (its {@code JdbcMeta}
 * wraps every SQLException in a plain RuntimeException) would reach the client with state 00000 and
 * the whole causal chain as message.
 */
final class ServerErrors {
  private ServerErrors() {}

  /**
   * {@code e} as an exception Avatica encodes with its state and message; keeps {@code e} as cause.
   */
  static AvaticaRuntimeException toAvatica(Exception e) {
    if (e instanceof AvaticaRuntimeException avatica) {
      return avatica;
    }
    SQLException sql = QueryErrors.toSqlException(e, null);
    return create(sql.getMessage(), sql.getErrorCode(), sql.getSQLState(), e);
  }

  /** An error with {@code sqlState} and {@code message}, caused by {@code cause} (or null). */
  static AvaticaRuntimeException create(
      String message, int errorCode, String sqlState, Throwable cause) {
    AvaticaRuntimeException out =
        new AvaticaRuntimeException(
            QueryErrors.oneLine(message),
            errorCode == 0 ? ErrorResponse.UNKNOWN_ERROR_CODE : errorCode,
            sqlState,
            AvaticaSeverity.ERROR);
    if (cause != null) {
      // the client shows the cause's stack trace among the server's traces
      out.initCause(cause);
    }
    return out;
  }
}
