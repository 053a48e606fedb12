package dev.bucketsql.server.pg;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * A parsed statement: a query prepared by the engine, a session command answered by {@link
 * PgCommands}, or empty. For a query, the client's parameter types and the engine's, by {@code $n}.
 */
final class PgPrepared {
  private final String sql;
  private final String bare;
  private final PgSql.Rewritten rewritten;
  private final PreparedStatement statement;
  private final List<PgColumn> columns;
  private final int[] clientOids;
  private final int[] jdbcTypes;

  private PgPrepared(
      String sql,
      String bare,
      PgSql.Rewritten rewritten,
      PreparedStatement statement,
      List<PgColumn> columns,
      int[] clientOids,
      int[] jdbcTypes) {
    this.sql = sql;
    this.bare = bare;
    this.rewritten = rewritten;
    this.statement = statement;
    this.columns = List.copyOf(columns);
    this.clientOids = clientOids;
    this.jdbcTypes = jdbcTypes;
  }

  static PgPrepared empty(String sql) {
    return new PgPrepared(sql, "", null, null, List.of(), new int[0], new int[0]);
  }

  static PgPrepared command(String sql, String bare, List<PgColumn> columns) {
    return new PgPrepared(sql, bare, null, null, columns, new int[0], new int[0]);
  }

  static PgPrepared query(
      String sql,
      PgSql.Rewritten rewritten,
      PreparedStatement statement,
      List<PgColumn> columns,
      int[] clientOids,
      int[] jdbcTypes) {
    return new PgPrepared(sql, null, rewritten, statement, columns, clientOids, jdbcTypes);
  }

  String sql() {
    return sql;
  }

  /** The command text without comments; for commands only. */
  String bare() {
    return bare;
  }

  boolean isEmpty() {
    return statement == null && bare != null && bare.isEmpty();
  }

  boolean isCommand() {
    return statement == null && bare != null && !bare.isEmpty();
  }

  PreparedStatement statement() {
    return statement;
  }

  List<PgColumn> columns() {
    return columns;
  }

  int parameterCount() {
    return clientOids.length;
  }

  int[] clientOids() {
    return clientOids;
  }

  int[] jdbcTypes() {
    return jdbcTypes;
  }

  /** The OID ParameterDescription reports: the client's, else the engine's inferred type's. */
  int parameterOid(int index) {
    if (clientOids[index] != 0) {
      return clientOids[index];
    }
    return PgType.ofJdbc(jdbcTypes[index]).oid();
  }

  /** Sets the statement's parameters from Bind's values, by {@code $n}. */
  void bind(Object[] values) throws SQLException {
    statement.clearParameters();
    int[] order = rewritten.parameters();
    for (int i = 0; i < order.length; i++) {
      Object value = values[order[i] - 1];
      if (value == null) {
        int type = jdbcTypes[order[i] - 1];
        statement.setNull(i + 1, type == Types.OTHER ? Types.VARCHAR : type);
      } else {
        statement.setObject(i + 1, value);
      }
    }
  }

  void close() {
    if (statement != null) {
      try {
        statement.close();
      } catch (SQLException e) {
        // closing: nothing to tell the client
      }
    }
  }
}
