package dev.bucketsql.server.pg;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A bound statement: parameter values, result formats, and once executed its open result, which
 * Execute messages with a row limit read in pieces.
 */
final class PgPortal {
  private final PgPrepared prepared;
  private final Object[] values;
  private final boolean[] binary;
  private PgBackend.Query query;
  private ResultSet resultSet;
  private boolean started;
  private PgPrepared owned;
  private boolean holdable;

  PgPortal(PgPrepared prepared, Object[] values, boolean[] binary) {
    this.prepared = prepared;
    this.values = values;
    this.binary = binary;
  }

  PgPrepared prepared() {
    return prepared;
  }

  Object[] values() {
    return values;
  }

  /** Whether column {@code index} goes in binary format. */
  boolean binary(int index) {
    return binary.length == 1 ? binary[0] : index < binary.length && binary[index];
  }

  boolean started() {
    return started;
  }

  void start(PgBackend.Query query) {
    this.query = query;
    this.started = true;
  }

  PgBackend.Query query() {
    return query;
  }

  ResultSet resultSet() {
    return resultSet;
  }

  void resultSet(ResultSet resultSet) {
    this.resultSet = resultSet;
  }

  /**
   * Makes the portal the owner of its statement (a cursor's, closed with it), and says whether it
   * outlives its transaction ({@code WITH HOLD}).
   */
  void owner(PgPrepared statement, boolean hold) {
    this.owned = statement;
    this.holdable = hold;
  }

  boolean holdable() {
    return holdable;
  }

  /**
   * Closes the result and forgets the query; the statement stays prepared unless the portal owns
   * it.
   */
  void close() {
    if (resultSet != null) {
      try {
        resultSet.close();
      } catch (SQLException e) {
        // closing: nothing to tell the client
      }
      resultSet = null;
    }
    if (query != null) {
      query.finish();
      query = null;
    }
    if (owned != null) {
      owned.close();
      owned = null;
    }
  }
}
