package dev.bucketsql.engine;

import dev.bucketsql.format.SqlStateException;

/** The query was cancelled while an operator ran: SQLSTATE 57014, as PostgreSQL reports it. */
public final class QueryCancelledException extends SqlStateException {
  private static final long serialVersionUID = 1L;

  /** SQLSTATE 57014: query cancelled. */
  public static final String QUERY_CANCELED = "57014";

  /** A cancellation with a one-line message saying why. */
  public QueryCancelledException(String message) {
    super(QUERY_CANCELED, message);
  }
}
