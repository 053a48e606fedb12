package dev.bucketsql.server.pg;

import static java.util.Objects.requireNonNull;

/**
 * A client message the server cannot accept, answered with an ErrorResponse of {@link #sqlState()}.
 */
final class PgProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String sqlState;

  PgProtocolException(String sqlState, String message) {
    super(message);
    this.sqlState = requireNonNull(sqlState, "sqlState is null");
  }

  String sqlState() {
    return sqlState;
  }
}
