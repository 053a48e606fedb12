package dev.bucketsql.server;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.jdbc.BucketSqlConnections;
import dev.bucketsql.storage.Causes;
import dev.bucketsql.storage.IoStats;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.Service.ErrorResponse;
import org.apache.calcite.avatica.remote.TypedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Avatica's {@link JdbcMeta} with the changes a network server needs.
 *
 * <p>First, connection properties sent by a remote client are dropped unless their key is allowed:
 * the stock class hands every client property to the driver, which would let any client change what
 * the server reads (for Calcite-based drivers even which model file or schema factory class is
 * loaded). Second, connections come from the driver that was resolved once at build time rather
 * than from {@code DriverManager}, whose "No suitable driver found for URL" message would echo the
 * URL, secrets included, back to the client. Third, a request for a connection the server no longer
 * holds gets an error that says why.
 *
 * <p>Fourth, queries can be stopped from outside: every running query is registered in a {@link
 * QueryRegistry} (for the status page and its cancel action); a client closing the connection (or
 * statement) of a query that is still running cancels that query first and waits for it to stop
 * (Avatica's protocol has no cancel request, and the Avatica client's {@code Statement.cancel()}
 * waits for the running request, but {@code Connection.close()} from another thread does reach the
 * server); and every server-side statement gets a query timeout: the server's, or the smaller one a
 * client asks for with the {@value #QUERY_TIMEOUT_PROPERTY} connection property.
 *
 * <p>Fifth, it feeds {@link ClientCancels}, which serves the cancel requests that BucketSQL's
 * remote driver sends beside the protocol ({@code POST /queries/cancel}): who opened each
 * connection, which statements it has, and each execute request as it begins (an execution whose
 * cancel arrived first fails at once). A statement's cancel flag is cleared when it executes again,
 * so a statement stays usable after a cancel.
 *
 * <p>Sixth, it records who opened each connection, and {@link #checkConnection} and {@link
 * #checkStatement} (called by {@link OwnerCheckingService} before every request) refuse requests of
 * any other user with SQLSTATE {@value #NOT_OWNER_SQL_STATE}. Without authentication every client
 * is the same anonymous user, so nothing is refused.
 */
final class ServerJdbcMeta extends JdbcMeta {
  /** Client connection property: a query timeout in seconds, capped by the server's. */
  static final String QUERY_TIMEOUT_PROPERTY = "queryTimeout";

  /** The user the current HTTP request authenticated as; set around each Avatica request. */
  static final ThreadLocal<String> REMOTE_USER = new ThreadLocal<>();

  private static final Logger LOG = LoggerFactory.getLogger(ServerJdbcMeta.class);

  /** SQLSTATE "connection does not exist". */
  private static final String MISSING_CONNECTION_SQL_STATE = "08003";

  /** SQLSTATE "insufficient privilege": a request on another user's connection or statement. */
  static final String NOT_OWNER_SQL_STATE = "42501";

  /** SQLSTATE "query canceled". */
  private static final String CANCELED_SQL_STATE = "57014";

  /** How long closing a statement waits for its cancelled query to stop. */
  private static final Duration CANCEL_WAIT = Duration.ofSeconds(30);

  private static final Field STATEMENT_FIELD = statementField();

  /** Connections and statements opened between two sweeps of {@link ClientCancels}. */
  private static final int SWEEP_EVERY = 256;

  private final Driver driver;
  private final Set<String> allowedClientProperties;
  private final QueryRegistry queries;
  private final ClientCancels cancels;
  private final int serverTimeoutSeconds;
  private final AtomicInteger untilSweep = new AtomicInteger(SWEEP_EVERY);
  private final Map<String, Integer> clientTimeoutSeconds = new ConcurrentHashMap<>();

  /** Who opened each connection, by connection id. */
  private final Map<String, String> owners = new ConcurrentHashMap<>();

  /** Requests running now, by connection id and by statement id: those are not idle. */
  private final Map<String, AtomicInteger> connectionsInFlight = new ConcurrentHashMap<>();

  private final Map<Integer, AtomicInteger> statementsInFlight = new ConcurrentHashMap<>();
  private final IdleSweeper sweeper;

  ServerJdbcMeta(
      String url,
      Driver driver,
      Properties info,
      Set<String> allowedClientProperties,
      QueryRegistry queries,
      ClientCancels cancels,
      Duration queryTimeout)
      throws SQLException {
    super(requireNonNull(url, "url is null"), requireNonNull(info, "info is null"));
    this.driver = requireNonNull(driver, "driver is null");
    this.allowedClientProperties =
        Set.copyOf(requireNonNull(allowedClientProperties, "allowedClientProperties is null"));
    this.queries = requireNonNull(queries, "queries is null");
    this.cancels = requireNonNull(cancels, "cancels is null");
    requireNonNull(queryTimeout, "queryTimeout is null");
    this.serverTimeoutSeconds = (int) Math.min(Integer.MAX_VALUE, ceilSeconds(queryTimeout));
    // A query cancelled from the status page while it waits for its client is released at
    // once: its statement (result set, buffers, S3 streams) closed, not just flagged.
    queries.releaseWith(this::release);
    this.sweeper = IdleSweeper.start(this::sweepIdle, IdleSweeper.period(info));
  }

  /**
   * Runs one Avatica request on {@code connectionId} (and {@code statementId}, if not null),
   * counting it as in flight meanwhile: the idle sweep keeps a connection and statement with a
   * request in flight, however long it runs, and each request's end counts as their last use.
   */
  <T> T inFlight(String connectionId, Integer statementId, java.util.function.Supplier<T> request) {
    if (connectionId == null) {
      return request.get();
    }
    connectionsInFlight.computeIfAbsent(connectionId, id -> new AtomicInteger()).incrementAndGet();
    if (statementId != null) {
      statementsInFlight.computeIfAbsent(statementId, id -> new AtomicInteger()).incrementAndGet();
    }
    try {
      return request.get();
    } finally {
      connectionsInFlight.computeIfPresent(
          connectionId, (id, n) -> n.decrementAndGet() == 0 ? null : n);
      getConnectionCache().getIfPresent(connectionId); // the end of a request is a use
      if (statementId != null) {
        statementsInFlight.computeIfPresent(
            statementId, (id, n) -> n.decrementAndGet() == 0 ? null : n);
        getStatementCache().getIfPresent(statementId);
      }
    }
  }

  /**
   * Expires connections and statements idle longer than their timeouts now, rather than at the
   * caches' next write (a killed client sends nothing more, and with no other client nothing else
   * would write), and releases the queries they held. Entries with a request in flight are touched
   * first, so they are never idle.
   */
  void sweepIdle() {
    connectionsInFlight.keySet().forEach(id -> getConnectionCache().getIfPresent(id));
    statementsInFlight.keySet().forEach(id -> getStatementCache().getIfPresent(id));
    getStatementCache().cleanUp();
    getConnectionCache().cleanUp();
    for (RunningQuery query : queries.list()) {
      if (query.statementId() >= 0
          && !query.executing()
          && (!getConnectionCache().asMap().containsKey(query.connectionId())
              || !getStatementCache().asMap().containsKey(query.statementId()))) {
        LOG.info(
            "Releasing query {} of {}: its {} expired while it waited for the client",
            query.id(),
            query.user(),
            getConnectionCache().asMap().containsKey(query.connectionId())
                ? "statement"
                : "connection");
        release(query);
        queries.finish(query);
      }
    }
  }

  /**
   * Closes the statement of an Avatica query, its result set and what that holds, at once; false
   * for a query of the PostgreSQL endpoint, whose session releases its own.
   */
  private boolean release(RunningQuery query) {
    if (query.statementId() < 0) {
      return false;
    }
    // Invalidation runs JdbcMeta's removal listener, which closes the result set and statement.
    getStatementCache().invalidate(query.statementId());
    query.closeStatement();
    return true;
  }

  @Override
  public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    Map<String, String> kept = new HashMap<>();
    Set<String> dropped = new TreeSet<>();
    Integer clientTimeout = null;
    if (info != null) {
      String timeout = info.get(QUERY_TIMEOUT_PROPERTY);
      if (timeout != null) {
        clientTimeout = parseClientTimeout(timeout);
      }
      info.forEach(
          (key, value) -> {
            if (key.equals(QUERY_TIMEOUT_PROPERTY)) {
              return;
            }
            if (allowedClientProperties.contains(key)) {
              kept.put(key, value);
            } else {
              dropped.add(key);
            }
          });
    }
    if (!dropped.isEmpty()) {
      // Keys only: values may be passwords.
      LOG.debug("Connection {}: ignoring client properties {}", ch.id, dropped);
    }
    String user = currentUser();
    String previous = owners.putIfAbsent(ch.id, user);
    if (previous != null) {
      // Never take over an id in use, whoever holds it; ids are random, so this is no clash.
      throw notOwner(
          "Connection id "
              + ch.id
              + " is already in use on the server; open the connection"
              + " with a new random id");
    }
    try {
      super.openConnection(ch, kept);
    } catch (RuntimeException e) {
      owners.remove(ch.id, user);
      throw e;
    }
    // Again, should a sweep on another thread have run between the claim and the open.
    owners.put(ch.id, user);
    cancels.connectionOpened(ch.id, REMOTE_USER.get());
    sweepIfDue();
    if (clientTimeout != null) {
      clientTimeoutSeconds.put(ch.id, clientTimeout);
    }
  }

  @Override
  public void closeConnection(ConnectionHandle ch) {
    // Connection.close() from another client thread is the one way an Avatica client can
    // reach a running query: Statement.cancel() and close() wait on the client for it.
    for (RunningQuery query : queries.ofConnection(ch.id)) {
      if (query.executing()) {
        query.cancel("its connection was closed by the client");
        awaitStopped(query);
      }
      queries.finish(query);
    }
    clientTimeoutSeconds.remove(ch.id);
    cancels.connectionClosed(ch.id);
    super.closeConnection(ch);
    owners.remove(ch.id);
  }

  @Override
  protected Connection createConnection(String url, Properties info) throws SQLException {
    Connection connection = driver.connect(url, info);
    if (connection == null) {
      // Only if the driver changed its mind since build time; never name the URL.
      throw new SQLException(
          "The JDBC driver " + driver.getClass().getName() + " no longer accepts the server's URL");
    }
    return connection;
  }

  @Override
  protected Connection getConnection(String id) throws SQLException {
    try {
      return super.getConnection(id);
    } catch (NoSuchConnectionException e) {
      // The stock exception has no message, so clients would show "Remote driver error:
      // null". Keep its error code: clients with transparent reconnection act on it.
      throw new AvaticaRuntimeException(
          "Connection "
              + id
              + " is not open on the server: it was"
              + " closed, idle longer than the server's connection idle timeout, dropped at the"
              + " server's connection limit, or the server restarted; reconnect",
          ErrorResponse.MISSING_CONNECTION_ERROR_CODE,
          MISSING_CONNECTION_SQL_STATE,
          AvaticaSeverity.ERROR);
    }
  }

  @Override
  public StatementHandle createStatement(ConnectionHandle ch) {
    StatementHandle h = super.createStatement(ch);
    applyTimeout(h);
    cancels.statementCreated(h.id, ch.id);
    sweepIfDue();
    return h;
  }

  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    StatementHandle h = super.prepare(ch, sql, maxRowCount);
    applyTimeout(h);
    cancels.statementCreated(h.id, ch.id);
    sweepIfDue();
    return h;
  }

  @Override
  public ExecuteResult prepareAndExecute(
      StatementHandle h,
      String sql,
      long maxRowCount,
      int maxRowsInFirstFrame,
      PrepareCallback callback)
      throws NoSuchStatementException {
    RunningQuery query = begin(h, sql);
    try {
      ExecuteResult result =
          super.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame, callback);
      ListFrames.toWire(result);
      finishIfDone(query, result);
      return result;
    } catch (RuntimeException e) {
      throw failed(query, e);
    } finally {
      ended(query);
    }
  }

  @Override
  public ExecuteResult execute(
      StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
      throws NoSuchStatementException {
    RunningQuery query = begin(h, h.signature == null ? null : h.signature.sql);
    try {
      ExecuteResult result = super.execute(h, parameterValues, maxRowsInFirstFrame);
      ListFrames.toWire(result);
      finishIfDone(query, result);
      return result;
    } catch (RuntimeException e) {
      throw failed(query, e);
    } finally {
      ended(query);
    }
  }

  @Override
  public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
      throws NoSuchStatementException, MissingResultsException {
    RunningQuery query = queries.ofStatement(h.id).orElse(null);
    if (query == null) {
      Frame frame = super.fetch(h, offset, fetchMaxRowCount);
      ListFrames.toWire(frame);
      return frame;
    }
    query.requestStarted();
    try {
      Frame frame = super.fetch(h, offset, fetchMaxRowCount);
      ListFrames.toWire(frame);
      if (frame.done) {
        queries.finish(query);
      }
      return frame;
    } catch (RuntimeException e) {
      throw failed(query, e);
    } finally {
      ended(query);
    }
  }

  @Override
  public void closeStatement(StatementHandle h) {
    queries
        .ofStatement(h.id)
        .ifPresent(
            query -> {
              if (query.executing()) {
                query.cancel("its statement was closed by the client");
                awaitStopped(query);
              }
              queries.finish(query);
            });
    cancels.statementClosed(h.id);
    super.closeStatement(h);
  }

  /**
   * Refuses the current request unless its user opened connection {@code connectionId}. An unknown
   * id passes: the request then fails as for any connection the server does not hold.
   *
   * @throws AvaticaRuntimeException with SQLSTATE {@value #NOT_OWNER_SQL_STATE} otherwise
   */
  void checkConnection(String connectionId) {
    if (connectionId == null) {
      return;
    }
    String owner = owners.get(connectionId);
    String user = currentUser();
    if (owner == null
        ? getConnectionCache().asMap().containsKey(connectionId)
        : !owner.equals(user)) {
      // Neither the owner's name nor anything of the connection: only that it is not the caller's.
      LOG.info(
          "Refused a request by {} on connection {}, which another user opened",
          user,
          connectionId);
      throw notOwner(
          "Connection "
              + connectionId
              + " was opened by another user; a client may use only"
              + " the connections it opened");
    }
  }

  /**
   * Refuses the current request unless its user opened connection {@code connectionId} and
   * statement {@code statementId} belongs to that connection. Avatica looks statements up by id
   * alone, and ids are small counters, so the statement's own connection is what counts.
   *
   * @throws AvaticaRuntimeException with SQLSTATE {@value #NOT_OWNER_SQL_STATE} otherwise
   */
  void checkStatement(String connectionId, int statementId) {
    checkConnection(connectionId);
    StatementInfo info = getStatementCache().asMap().get(statementId);
    if (info == null) {
      return; // the request fails as for any statement the server does not hold
    }
    Connection connection =
        connectionId == null ? null : getConnectionCache().asMap().get(connectionId);
    Connection statementConnection;
    try {
      statementConnection = statement(info).getConnection();
      if (connection == null && statementConnection.isClosed()) {
        return; // a leftover of a closed connection: nothing to protect, closing it must work
      }
    } catch (SQLException e) {
      return; // a closed statement: the request fails on it
    }
    if (statementConnection != connection) {
      LOG.info(
          "Refused a request by {} on statement {}, which is not a statement of connection {}",
          currentUser(),
          statementId,
          connectionId);
      throw notOwner(
          "Statement "
              + statementId
              + " is not a statement of connection "
              + connectionId
              + "; a client may use only the statements of the connections it opened");
    }
  }

  private static AvaticaRuntimeException notOwner(String message) {
    return new AvaticaRuntimeException(
        message, ErrorResponse.UNKNOWN_ERROR_CODE, NOT_OWNER_SQL_STATE, AvaticaSeverity.ERROR);
  }

  private static String currentUser() {
    String user = REMOTE_USER.get();
    return user == null ? "anonymous" : user;
  }

  /** Closes every open statement and connection; used when the server stops. */
  void closeAll() {
    sweeper.close();
    queries.list().forEach(q -> q.cancel("the server is stopping"));
    // Invalidation runs JdbcMeta's removal listeners, which close the JDBC objects.
    getStatementCache().invalidateAll();
    getConnectionCache().invalidateAll();
  }

  /** Returns how many client connections are open, for logging and tests. */
  long openConnectionCount() {
    return getConnectionCache().size();
  }

  private RunningQuery begin(StatementHandle h, String sql) throws NoSuchStatementException {
    Statement statement = statement(h);
    IoStats stats = null;
    try {
      Connection connection = getConnection(h.connectionId);
      if (connection.isWrapperFor(org.apache.calcite.jdbc.CalciteConnection.class)) {
        stats = BucketSqlConnections.ioStats(connection);
      }
    } catch (SQLException | RuntimeException e) {
      // Not a BucketSQL connection: the status page shows n/a for bytes and requests.
      LOG.trace("No I/O counters for connection {}: {}", h.connectionId, e.getMessage());
    }
    String user = REMOTE_USER.get();
    IoStats io = stats;
    RunningQuery[] started = new RunningQuery[1];
    String pendingCancel =
        cancels.beginExecution(
            h.id,
            () -> {
              clearCancelFlag(statement);
              started[0] = queries.begin(h.connectionId, h.id, sql, user, statement, io);
            });
    if (pendingCancel != null) {
      LOG.info(
          "Query of statement {} of {} cancelled before it started ({})",
          h.id,
          user == null ? "anonymous" : user,
          pendingCancel);
      throw new AvaticaRuntimeException(
          "Query was cancelled on the server before it started: " + pendingCancel,
          ErrorResponse.UNKNOWN_ERROR_CODE,
          CANCELED_SQL_STATE,
          AvaticaSeverity.ERROR);
    }
    RunningQuery query = started[0];
    query.requestStarted();
    return query;
  }

  /**
   * Clears an Avatica-based statement's cancel flag before it runs again: Calcite leaves it set
   * after a cancel, which would fail every later query of the statement.
   */
  static void clearCancelFlag(Statement statement) {
    try {
      if (statement.isWrapperFor(AvaticaStatement.class)) {
        AvaticaStatement avatica = statement.unwrap(AvaticaStatement.class);
        avatica.connection.getCancelFlag(avatica.handle).set(false);
      }
    } catch (SQLException | NoSuchStatementException e) {
      LOG.trace("Could not clear the cancel flag of a statement: {}", e.getMessage());
    }
  }

  /** Now and then, drops the cancel bookkeeping of connections and statements the caches closed. */
  private void sweepIfDue() {
    if (untilSweep.decrementAndGet() > 0) {
      return;
    }
    untilSweep.set(SWEEP_EVERY);
    // containsKey is not an access: sweeping keeps nothing alive.
    cancels.retain(
        id -> getConnectionCache().asMap().containsKey(id),
        id -> getStatementCache().asMap().containsKey(id));
    owners.keySet().removeIf(id -> !getConnectionCache().asMap().containsKey(id));
  }

  private void finishIfDone(RunningQuery query, ExecuteResult result) {
    boolean done =
        result.resultSets.stream().allMatch(rs -> rs.firstFrame == null || rs.firstFrame.done);
    if (done) {
      queries.finish(query);
    }
  }

  private RuntimeException failed(RunningQuery query, RuntimeException e) {
    queries.finish(query);
    String reason = query.cancelReason();
    if (reason != null) {
      return new AvaticaRuntimeException(
          "Query " + query.id() + " was cancelled on the server: " + reason,
          ErrorResponse.UNKNOWN_ERROR_CODE,
          CANCELED_SQL_STATE,
          AvaticaSeverity.ERROR);
    }
    CancellationException cancel = Causes.find(e, CancellationException.class);
    if (cancel != null) {
      return new AvaticaRuntimeException(
          "Query "
              + query.id()
              + " stopped on the server: "
              + cancel.getMessage()
              + "; the server's query timeout is "
              + describe(serverTimeoutSeconds)
              + " (bucketsql serve --query-timeout), a client may ask for less with the connection property "
              + QUERY_TIMEOUT_PROPERTY
              + "=SECONDS",
          ErrorResponse.UNKNOWN_ERROR_CODE,
          CANCELED_SQL_STATE,
          AvaticaSeverity.ERROR);
    }
    return e;
  }

  private static void ended(RunningQuery query) {
    synchronized (query) {
      query.requestEnded();
      query.notifyAll();
    }
  }

  private static void awaitStopped(RunningQuery query) {
    long deadline = System.nanoTime() + CANCEL_WAIT.toNanos();
    synchronized (query) {
      while (query.executing()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          LOG.warn(
              "Query {} did not stop within {} s of its cancel",
              query.id(),
              CANCEL_WAIT.toSeconds());
          return;
        }
        try {
          query.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void applyTimeout(StatementHandle h) {
    Integer client = clientTimeoutSeconds.get(h.connectionId);
    int seconds = serverTimeoutSeconds;
    if (client != null && client > 0 && (seconds == 0 || client < seconds)) {
      seconds = client;
    }
    if (seconds == 0) {
      return;
    }
    try {
      statement(h).setQueryTimeout(seconds);
    } catch (SQLException | NoSuchStatementException e) {
      LOG.debug("Could not set a query timeout on statement {}: {}", h.id, e.getMessage());
    }
  }

  private Statement statement(StatementHandle h) throws NoSuchStatementException {
    StatementInfo info = getStatementCache().getIfPresent(h.id);
    if (info == null) {
      throw new NoSuchStatementException(h);
    }
    return statement(info);
  }

  private static Statement statement(StatementInfo info) {
    try {
      return (Statement) STATEMENT_FIELD.get(info);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Cannot read a statement of the statement cache", e);
    }
  }

  /**
   * {@code StatementInfo.statement} is package-private in Avatica; the query registry needs the
   * statement to cancel it and to set its timeout.
   */
  private static Field statementField() {
    try {
      Field field = StatementInfo.class.getDeclaredField("statement");
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(
          "This Avatica version has no StatementInfo.statement; the server"
              + " supports Avatica 1.28",
          e);
    }
  }

  private static Integer parseClientTimeout(String value) {
    try {
      int seconds = Integer.parseInt(value.strip());
      if (seconds >= 0) {
        return seconds;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new AvaticaRuntimeException(
        "Connection property "
            + QUERY_TIMEOUT_PROPERTY
            + " must be a whole number of seconds (0 for the server's limit), got '"
            + value
            + "'",
        ErrorResponse.UNKNOWN_ERROR_CODE,
        "22023",
        AvaticaSeverity.ERROR);
  }

  private static long ceilSeconds(Duration d) {
    return d.isZero() ? 0 : Math.max(1, (d.toMillis() + 999) / 1000);
  }

  private static String describe(int seconds) {
    return seconds == 0 ? "off" : seconds + " s";
  }
}
