package dev.bucketsql.server.pg;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.storage.Causes;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Types;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated client connection: the simple and the extended query protocol over one JDBC
 * connection of the embedded driver. Runs on its client's thread; {@link #cancel} comes from
 * another.
 */
final class PgSession {
  private static final Logger LOG = LoggerFactory.getLogger(PgSession.class);
  private static final String CANCELED = "57014";

  private final PgBackend backend;
  private final Connection connection;
  private final PgInput in;
  private final PgOutput out;
  private final PgSettings settings;
  private final String user;
  private final String connectionId;
  private final PgCatalogSql catalogSql;
  private final Map<String, PgPrepared> statements = new HashMap<>();
  private final Map<String, PgPortal> portals = new HashMap<>();
  private char transaction = 'I';
  private boolean skipUntilSync;
  private volatile Statement running;
  private volatile boolean cancelRequested;

  /** Between a client message and the ReadyForQuery that answers it. */
  private volatile boolean busy;

  PgSession(
      PgBackend backend,
      Connection connection,
      PgInput in,
      PgOutput out,
      PgSettings settings,
      String user,
      String connectionId,
      PgCatalogSql catalogSql) {
    this.backend = requireNonNull(backend, "backend is null");
    this.connection = requireNonNull(connection, "connection is null");
    this.in = requireNonNull(in, "in is null");
    this.out = requireNonNull(out, "out is null");
    this.settings = requireNonNull(settings, "settings is null");
    this.user = requireNonNull(user, "user is null");
    this.connectionId = requireNonNull(connectionId, "connectionId is null");
    this.catalogSql = requireNonNull(catalogSql, "catalogSql is null");
  }

  /** Serves messages until Terminate or end of stream. */
  void run() throws IOException {
    readyForQuery();
    while (true) {
      PgInput.Message message;
      try {
        message = in.read();
      } catch (SocketTimeoutException e) {
        idleTimeout();
        return;
      }
      if (message == null || message.type() == 'X') {
        return;
      }
      busy = true;
      if (skipUntilSync && message.type() != 'S') {
        continue; // after an error the extended protocol ignores everything up to Sync
      }
      try {
        dispatch(message);
      } catch (PgProtocolException e) {
        fail(e.sqlState(), e.getMessage());
      } catch (SQLException | RuntimeException e) {
        SQLException sql = PgErrors.toSql(e);
        fail(sql.getSQLState(), sql.getMessage());
      }
    }
  }

  /**
   * Ends a session idle past the server's connection idle timeout, saying so as PostgreSQL does.
   */
  private void idleTimeout() throws IOException {
    long seconds = backend.idleTimeoutMillis() / 1000;
    LOG.info("Closing PostgreSQL connection {}: idle longer than {} s", connectionId, seconds);
    PgErrors.error(
        out,
        "FATAL",
        "57P05",
        "terminating connection due to idle-session timeout: the connection was"
            + " idle longer than the server's connection idle timeout ("
            + seconds
            + " s, bucketsql serve"
            + " --connection-idle-timeout); reconnect");
    out.flush();
  }

  /**
   * Stops what the session is doing now, from a CancelRequest's thread: the statement running, or,
   * while a message is being processed (planning, say), the next execution before ReadyForQuery. A
   * cancel that arrives while the session is idle does nothing.
   */
  void cancel() {
    if (!busy) {
      return;
    }
    cancelRequested = true;
    Statement statement = running;
    if (statement != null) {
      try {
        statement.cancel();
      } catch (SQLException e) {
        LOG.debug("Could not cancel a statement of {}: {}", connectionId, e.getMessage());
      }
    }
  }

  /** Closes every statement and the JDBC connection. */
  void close() {
    portals.values().forEach(PgPortal::close);
    portals.clear();
    statements.values().forEach(PgPrepared::close);
    statements.clear();
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.debug("Closing the connection of {}: {}", connectionId, e.getMessage());
    }
  }

  private void dispatch(PgInput.Message message) throws IOException, SQLException {
    PgInput.Body body = message.body();
    switch (message.type()) {
      case 'Q' -> simpleQuery(body.readCString());
      case 'P' -> parse(body);
      case 'B' -> bind(body);
      case 'D' -> describe(body);
      case 'E' -> execute(body);
      case 'C' -> close(body);
      case 'S' -> sync();
      case 'H' -> out.flush();
      case 'F' ->
          throw new PgProtocolException(
              "0A000",
              "function calls (the fast-path interface) are not"
                  + " supported; call the function in a SELECT");
      case 'd', 'c', 'f' ->
          throw new PgProtocolException(
              "0A000", "COPY FROM is not supported: BucketSQL" + " is read-only");
      default ->
          throw new PgProtocolException(
              "08P01", "unexpected message type '" + message.type() + "'");
    }
  }

  private void simpleQuery(String sql) throws IOException {
    portals.remove("");
    closeStatement("");
    try {
      List<String> parts = PgSql.split(sql);
      if (parts.isEmpty()) {
        out.begin('I').end();
      }
      for (String part : parts) {
        PgCopy copy = PgCopy.parse(PgSql.stripComments(part));
        if (copy != null) {
          copy(copy);
          continue;
        }
        if (cursorCommand(PgSql.stripComments(part))) {
          continue;
        }
        PgPrepared prepared = prepare(part, new int[0]);
        PgPortal portal =
            new PgPortal(prepared, new Object[prepared.parameterCount()], new boolean[0]);
        try {
          if (prepared.parameterCount() > 0) {
            throw new PgProtocolException(
                "08P01",
                "the query has parameters ($1...) but a simple query"
                    + " binds none; use the extended protocol or write the values in the query");
          }
          if (!prepared.columns().isEmpty()) {
            rowDescription(prepared.columns(), portal); // NoData has no place in a simple query
          }
          run(portal, 0);
        } finally {
          portal.close();
          prepared.close();
        }
      }
    } catch (PgProtocolException e) {
      error(e.sqlState(), e.getMessage());
    } catch (SQLException | RuntimeException e) {
      SQLException error = describeFailure(e);
      error(error.getSQLState(), error.getMessage());
    }
    readyForQuery();
  }

  /**
   * SQL-level cursors, as psycopg's server-side cursors use them: {@code DECLARE name CURSOR [WITH
   * HOLD] FOR query}, {@code FETCH [FORWARD] [n|ALL] FROM name}, {@code CLOSE name|ALL}. A cursor
   * is a portal by that name; one without hold ends with its transaction.
   *
   * @return whether {@code sql} was one of them (and was answered)
   */
  private boolean cursorCommand(String sql) throws IOException, SQLException {
    PgCursorSql.Command command = PgCursorSql.parse(sql);
    if (command instanceof PgCursorSql.Declare declare) {
      if (portals.containsKey(declare.name())) {
        throw new PgProtocolException("42P03", "cursor \"" + declare.name() + "\" already exists");
      }
      if (!declare.hold() && transaction == 'I') {
        throw new PgProtocolException(
            "25P01", "DECLARE CURSOR can only be used in transaction blocks");
      }
      PgPrepared prepared = prepare(declare.query(), new int[0]);
      if (prepared.statement() == null || prepared.parameterCount() > 0) {
        prepared.close();
        throw new PgProtocolException("0A000", "a cursor needs a query without parameters");
      }
      PgPortal portal = new PgPortal(prepared, new Object[0], new boolean[0]);
      portal.owner(prepared, declare.hold());
      portals.put(declare.name(), portal);
      out.begin('C').writeCString("DECLARE CURSOR").end();
    } else if (command instanceof PgCursorSql.Fetch fetch) {
      PgPortal portal = portal(fetch.name());
      rowDescription(portal.prepared().columns(), portal);
      try {
        run(portal, fetch.rows(), "FETCH");
      } catch (SQLException | RuntimeException e) {
        portal.close();
        throw e;
      }
    } else if (command instanceof PgCursorSql.Close close) {
      if (close.all()) {
        portals.values().forEach(PgPortal::close);
        portals.clear();
      } else {
        PgPortal portal = portals.remove(close.name());
        if (portal == null) {
          throw new PgProtocolException("34000", "cursor \"" + close.name() + "\" does not exist");
        }
        portal.close();
      }
      out.begin('C').writeCString("CLOSE CURSOR").end();
    }
    return command != null;
  }

  /** Runs a COPY TO STDOUT: CopyOutResponse, a CopyData per line, CopyDone, CommandComplete. */
  private void copy(PgCopy copy) throws IOException, SQLException {
    if (transaction == 'E') {
      throw new PgProtocolException(
          "25P02",
          "current transaction is aborted, commands ignored until end of"
              + " transaction block; send ROLLBACK");
    }
    PgPrepared prepared = prepare(copy.query(), new int[0]);
    PgPortal portal = new PgPortal(prepared, new Object[0], new boolean[0]);
    try {
      PreparedStatement statement = prepared.statement();
      if (statement == null || prepared.parameterCount() > 0) {
        throw new PgProtocolException("0A000", "COPY needs a query without parameters");
      }
      List<PgColumn> columns = prepared.columns();
      portal.start(
          backend.begin(
              connectionId, "COPY (" + copy.query() + ") TO STDOUT", user, statement, connection));
      running = statement;
      portal.query().executing(true);
      long rows;
      try (ResultSet rs = statement.executeQuery()) {
        rows = copy.write(rs, columns, out);
      } finally {
        running = null;
      }
      warnings(statement);
      out.begin('c').end();
      out.begin('C').writeCString("COPY " + rows).end();
    } finally {
      portal.close();
      prepared.close();
    }
  }

  private void parse(PgInput.Body body) throws IOException, SQLException {
    String name = body.readCString();
    String sql = body.readCString();
    int count = body.readShort();
    int[] oids = new int[count];
    for (int i = 0; i < count; i++) {
      oids[i] = body.readInt();
    }
    if (!name.isEmpty() && statements.containsKey(name)) {
      throw new PgProtocolException("42P05", "prepared statement \"" + name + "\" already exists");
    }
    PgPrepared prepared = prepare(sql, oids);
    closeStatement(name);
    statements.put(name, prepared);
    out.begin('1').end();
  }

  private PgPrepared prepare(String sql, int[] oids) throws SQLException {
    String bare = PgSql.stripComments(sql);
    if (bare.isEmpty()) {
      return PgPrepared.empty(sql);
    }
    if (PgCommands.isCommand(bare)) {
      return PgPrepared.command(sql, bare, PgCommands.describe(bare, settings));
    }
    PgSql.Rewritten rewritten = PgSql.rewriteParameters(catalogSql.rewrite(sql));
    PreparedStatement statement = connection.prepareStatement(rewritten.sql());
    try {
      int seconds = timeoutSeconds();
      if (seconds > 0) {
        statement.setQueryTimeout(seconds);
      }
      int[] jdbcTypes = new int[rewritten.count()];
      Arrays.fill(jdbcTypes, Types.OTHER);
      ParameterMetaData parameters =
          rewritten.parameters().length == 0 ? null : statement.getParameterMetaData();
      for (int i = 0; i < rewritten.parameters().length; i++) {
        int position = rewritten.parameters()[i] - 1;
        if (jdbcTypes[position] == Types.OTHER && parameters != null) {
          jdbcTypes[position] = parameters.getParameterType(i + 1);
        }
      }
      int[] clientOids = Arrays.copyOf(oids, rewritten.count());
      return PgPrepared.query(
          sql, rewritten, statement, PgColumn.of(statement.getMetaData()), clientOids, jdbcTypes);
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  private int timeoutSeconds() {
    int server = backend.queryTimeoutSeconds();
    long clientMillis = settings.statementTimeoutMillis();
    int client =
        clientMillis <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, (clientMillis + 999) / 1000);
    if (client > 0 && (server == 0 || client < server)) {
      return client;
    }
    return server;
  }

  private void bind(PgInput.Body body) throws IOException {
    String portalName = body.readCString();
    String statementName = body.readCString();
    PgPrepared prepared = statements.get(statementName);
    if (prepared == null) {
      throw new PgProtocolException(
          "26000", "prepared statement \"" + statementName + "\" does not exist");
    }
    int formatCount = body.readShort();
    boolean[] binary = new boolean[formatCount];
    for (int i = 0; i < formatCount; i++) {
      binary[i] = body.readShort() == 1;
    }
    int count = body.readShort();
    if (count != prepared.parameterCount()) {
      throw new PgProtocolException(
          "08P01",
          "bind message supplies "
              + count
              + " parameters, but prepared"
              + " statement \""
              + statementName
              + "\" requires "
              + prepared.parameterCount());
    }
    Object[] values = new Object[count];
    for (int i = 0; i < count; i++) {
      int length = body.readInt();
      byte[] bytes = length < 0 ? null : body.readBytes(length);
      boolean isBinary = formatCount == 1 ? binary[0] : formatCount > i && binary[i];
      values[i] =
          PgParameters.decode(
              bytes, isBinary, prepared.clientOids()[i], prepared.jdbcTypes()[i], i + 1);
    }
    int resultCount = body.readShort();
    boolean[] resultBinary = new boolean[resultCount];
    for (int i = 0; i < resultCount; i++) {
      resultBinary[i] = body.readShort() == 1;
    }
    PgPortal previous = portals.put(portalName, new PgPortal(prepared, values, resultBinary));
    if (previous != null) {
      previous.close();
    }
    out.begin('2').end();
  }

  private void describe(PgInput.Body body) throws IOException {
    char kind = (char) body.readByte();
    String name = body.readCString();
    if (kind == 'S') {
      PgPrepared prepared = statements.get(name);
      if (prepared == null) {
        throw new PgProtocolException(
            "26000", "prepared statement \"" + name + "\" does not exist");
      }
      out.begin('t').writeShort(prepared.parameterCount());
      for (int i = 0; i < prepared.parameterCount(); i++) {
        out.writeInt(prepared.parameterOid(i));
      }
      out.end();
      rowDescription(prepared.columns(), null);
    } else {
      PgPortal portal = portal(name);
      rowDescription(portal.prepared().columns(), portal);
    }
  }

  private void rowDescription(List<PgColumn> columns, PgPortal portal) throws IOException {
    if (columns.isEmpty()) {
      out.begin('n').end();
      return;
    }
    out.begin('T').writeShort(columns.size());
    for (int i = 0; i < columns.size(); i++) {
      PgColumn column = columns.get(i);
      out.writeCString(column.name())
          .writeInt(0)
          .writeShort(0)
          .writeInt(column.oid())
          .writeShort(column.size())
          .writeInt(-1)
          .writeShort(portal != null && portal.binary(i) ? 1 : 0);
    }
    out.end();
  }

  private void execute(PgInput.Body body) throws IOException, SQLException {
    String name = body.readCString();
    int maxRows = body.readInt();
    PgPortal portal = portal(name);
    try {
      run(portal, maxRows);
    } catch (SQLException | RuntimeException e) {
      portals.remove(name);
      portal.close();
      throw describeFailure(e);
    }
  }

  /**
   * Runs a portal: up to {@code maxRows} rows (0 for all), then PortalSuspended or CommandComplete.
   */
  private void run(PgPortal portal, int maxRows) throws IOException, SQLException {
    run(portal, maxRows, null);
  }

  /**
   * Runs a portal; {@code fetchTag} non-null for SQL's FETCH, which ends with CommandComplete
   * {@code FETCH n} even when rows remain (the cursor stays open).
   */
  private void run(PgPortal portal, int maxRows, String fetchTag) throws IOException, SQLException {
    PgPrepared prepared = portal.prepared();
    if (prepared.isEmpty()) {
      out.begin('I').end();
      return;
    }
    if (prepared.isCommand()) {
      runCommand(prepared, portal);
      return;
    }
    if (transaction == 'E') {
      throw new PgProtocolException(
          "25P02",
          "current transaction is aborted, commands ignored until end of"
              + " transaction block; send ROLLBACK");
    }
    if (!portal.started()) {
      PreparedStatement statement = prepared.statement();
      if (cancelRequested) {
        throw new SQLException("canceling statement due to user request", CANCELED);
      }
      PgBackend.Query query =
          backend.begin(connectionId, prepared.sql(), user, statement, connection);
      portal.start(query);
      running = statement;
      try {
        prepared.bind(portal.values());
        query.executing(true);
        if (statement.execute()) {
          portal.resultSet(statement.getResultSet());
        }
      } finally {
        running = null;
      }
    }
    ResultSet rs = portal.resultSet();
    if (rs == null) {
      portal.close();
      out.begin('C').writeCString(fetchTag != null ? fetchTag + " 0" : "SELECT 0").end();
      return;
    }
    List<PgColumn> columns =
        prepared.columns().isEmpty() ? PgColumn.of(rs.getMetaData()) : prepared.columns();
    int sent = 0;
    running = prepared.statement();
    portal.query().executing(true);
    try {
      while (maxRows <= 0 || sent < maxRows) {
        if (!rs.next()) {
          rs.close(); // a statement's warnings are complete once its result is closed
          warnings(prepared.statement());
          portal.close();
          out.begin('C').writeCString((fetchTag != null ? fetchTag : "SELECT") + " " + sent).end();
          return;
        }
        out.begin('D').writeShort(columns.size());
        for (int i = 0; i < columns.size(); i++) {
          PgValues.write(
              out, PgValues.read(rs, i + 1, columns.get(i)), columns.get(i), portal.binary(i));
        }
        out.end();
        if (++sent == 1) {
          out.flush(); // the first row on screen at once; later ones in 64 KB batches
        }
      }
    } finally {
      running = null;
      if (portal.query() != null) {
        portal.query().executing(false);
      }
    }
    if (fetchTag != null) {
      out.begin('C').writeCString(fetchTag + " " + sent).end();
    } else {
      out.begin('s').end();
    }
  }

  private void runCommand(PgPrepared prepared, PgPortal portal) throws IOException {
    PgCommands.Result result = PgCommands.run(prepared.bare(), settings);
    if (transaction == 'E'
        && result.action() != PgCommands.Action.ROLLBACK
        && result.action() != PgCommands.Action.COMMIT) {
      throw new PgProtocolException(
          "25P02",
          "current transaction is aborted, commands ignored until end of"
              + " transaction block; send ROLLBACK");
    }
    for (List<Object> row : result.rows()) {
      out.begin('D').writeShort(row.size());
      for (int i = 0; i < row.size(); i++) {
        PgValues.write(out, row.get(i), result.columns().get(i), portal.binary(i));
      }
      out.end();
    }
    String tag = result.tag();
    switch (result.action()) {
      case BEGIN -> transaction = 'T';
      case COMMIT -> {
        tag = transaction == 'E' ? "ROLLBACK" : tag;
        endTransaction();
      }
      case ROLLBACK -> endTransaction();
      case DISCARD_ALL -> {
        portals.values().stream().filter(p -> p != portal).forEach(PgPortal::close);
        portals.values().removeIf(p -> p != portal);
        statements
            .entrySet()
            .removeIf(
                e -> {
                  if (e.getValue() != prepared) {
                    e.getValue().close();
                    return true;
                  }
                  return false;
                });
        transaction = 'I';
      }
      case DEALLOCATE -> {
        if (result.argument().equalsIgnoreCase("all")) {
          statements.values().stream().filter(s -> s != prepared).forEach(PgPrepared::close);
          statements.values().removeIf(s -> s != prepared);
        } else if (!closeStatement(result.argument())) {
          throw new PgProtocolException(
              "26000", "prepared statement \"" + result.argument() + "\" does not exist");
        }
      }
      default -> {}
    }
    for (String name : result.reported()) {
      parameterStatus(name, settings.get(name));
    }
    out.begin('C').writeCString(tag).end();
  }

  private void endTransaction() {
    transaction = 'I';
    closeTransactionPortals();
  }

  /** Closes the portals that end with their transaction: all but cursors declared WITH HOLD. */
  private void closeTransactionPortals() {
    portals
        .values()
        .removeIf(
            portal -> {
              if (portal.holdable()) {
                return false;
              }
              portal.close();
              return true;
            });
  }

  private void close(PgInput.Body body) throws IOException {
    char kind = (char) body.readByte();
    String name = body.readCString();
    if (kind == 'S') {
      closeStatement(name);
    } else {
      PgPortal portal = portals.remove(name);
      if (portal != null) {
        portal.close();
      }
    }
    out.begin('3').end();
  }

  private boolean closeStatement(String name) {
    PgPrepared prepared = statements.remove(name);
    if (prepared == null) {
      return false;
    }
    portals
        .values()
        .removeIf(
            portal -> {
              if (portal.prepared() == prepared) {
                portal.close();
                return true;
              }
              return false;
            });
    prepared.close();
    return true;
  }

  private void sync() throws IOException {
    skipUntilSync = false;
    if (transaction == 'I') {
      // Outside a transaction block every portal ends with its implicit transaction.
      closeTransactionPortals();
    }
    readyForQuery();
  }

  private PgPortal portal(String name) {
    PgPortal portal = portals.get(name);
    if (portal == null) {
      throw new PgProtocolException("34000", "portal \"" + name + "\" does not exist");
    }
    return portal;
  }

  private void warnings(Statement statement) throws IOException {
    try {
      for (SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
        PgErrors.notice(out, w);
      }
      statement.clearWarnings();
    } catch (SQLException e) {
      LOG.trace("No warnings: {}", e.getMessage());
    }
  }

  /**
   * The error to answer for a failed execution: a cancel or timeout as 57014, as PostgreSQL says
   * it.
   */
  private SQLException describeFailure(Exception e) {
    if (e instanceof PgProtocolException p) {
      return new SQLException(p.getMessage(), p.sqlState());
    }
    if (cancelRequested) {
      cancelRequested = false;
      return new SQLException("canceling statement due to user request", CANCELED, e);
    }
    CancellationException cancel = Causes.find(e, CancellationException.class);
    SQLException sql = PgErrors.toSql(e);
    if (cancel != null || CANCELED.equals(sql.getSQLState())) {
      int seconds = timeoutSeconds();
      return new SQLException(
          "canceling statement: "
              + sql.getMessage()
              + (seconds > 0
                  ? " (the statement timeout is "
                      + seconds
                      + " s: bucketsql serve --query-timeout,"
                      + " or less with SET statement_timeout)"
                  : ""),
          CANCELED,
          e);
    }
    return sql;
  }

  private void fail(String sqlState, String message) throws IOException {
    error(sqlState, message);
    skipUntilSync = true;
  }

  private void error(String sqlState, String message) throws IOException {
    out.abandon();
    if (transaction == 'T') {
      transaction = 'E';
    }
    PgErrors.error(out, "ERROR", sqlState, message);
  }

  void parameterStatus(String name, String value) throws IOException {
    out.begin('S').writeCString(name).writeCString(value).end();
  }

  private void readyForQuery() throws IOException {
    busy = false;
    cancelRequested = false;
    out.begin('Z').writeByte(transaction).end();
    out.flush();
  }
}
