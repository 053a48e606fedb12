package dev.bucketsql.server;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.jdbc.BucketSqlConnections;
import dev.bucketsql.server.pg.PgBackend;
import dev.bucketsql.storage.IoStats;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.jdbc.CalciteConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL endpoint's view of the server: the same driver and properties, users file, bearer
 * token, login throttle, query registry and query timeout as the Avatica endpoint.
 */
final class PgBridge implements PgBackend {
  private static final Logger LOG = LoggerFactory.getLogger(PgBridge.class);

  private final String url;
  private final Driver driver;
  private final Properties info;
  private final ClientAuth auth;
  private final LoginThrottle throttle;
  private final QueryRegistry queries;
  private final int timeoutSeconds;
  private final long idleTimeoutMillis;

  /** Registry keys of PostgreSQL queries: negative, so never an Avatica statement id. */
  private final AtomicInteger statementIds = new AtomicInteger();

  private final ScramVerifier noUsers;

  PgBridge(
      String url,
      Driver driver,
      Properties info,
      ClientAuth auth,
      LoginThrottle throttle,
      QueryRegistry queries,
      Duration queryTimeout,
      Duration idleTimeout) {
    this.url = requireNonNull(url, "url is null");
    this.driver = requireNonNull(driver, "driver is null");
    this.info = requireNonNull(info, "info is null");
    this.auth = requireNonNull(auth, "auth is null");
    this.throttle = requireNonNull(throttle, "throttle is null");
    this.queries = requireNonNull(queries, "queries is null");
    long seconds = queryTimeout.isZero() ? 0 : Math.max(1, (queryTimeout.toMillis() + 999) / 1000);
    this.timeoutSeconds = (int) Math.min(Integer.MAX_VALUE, seconds);
    this.idleTimeoutMillis = idleTimeout.toMillis();
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    this.noUsers =
        new ScramVerifier(
            UsersFile.DEFAULT_ITERATIONS,
            Arrays.copyOf(random, 16),
            ScramVerifier.sha256(random),
            ScramVerifier.hmac(random, random));
  }

  @Override
  public Connection connect() throws SQLException {
    Connection connection = driver.connect(url, info);
    if (connection == null) {
      throw new SQLException(
          "The JDBC driver "
              + driver.getClass().getName()
              + " no longer accepts the"
              + " server's URL",
          "08001");
    }
    return connection;
  }

  @Override
  public boolean authRequired() {
    return auth.required();
  }

  @Override
  public ScramVerifier scramVerifier(String user) {
    UsersFile users = auth.users();
    return users == null ? noUsers : users.scramVerifier(user);
  }

  @Override
  public boolean tokenMatches(String password) {
    return auth.tokenMatches(password);
  }

  @Override
  public boolean hasToken() {
    return auth.hasToken();
  }

  @Override
  public long loginRetryAfterSeconds(String address) {
    return throttle.retryAfterSeconds(address);
  }

  @Override
  public void loginFailed(String address) {
    throttle.failed(address);
  }

  @Override
  public long idleTimeoutMillis() {
    return idleTimeoutMillis;
  }

  @Override
  public int queryTimeoutSeconds() {
    return timeoutSeconds;
  }

  @Override
  public Query begin(
      String connectionId, String sql, String user, Statement statement, Connection connection) {
    // Calcite leaves a statement's cancel flag set after a cancel; clear it before it runs again.
    ServerJdbcMeta.clearCancelFlag(statement);
    IoStats stats = null;
    try {
      if (connection.isWrapperFor(CalciteConnection.class)) {
        stats = BucketSqlConnections.ioStats(connection);
      }
    } catch (SQLException | RuntimeException e) {
      LOG.trace("No I/O counters for {}: {}", connectionId, e.getMessage());
    }
    RunningQuery query =
        queries.begin(connectionId, statementIds.decrementAndGet(), sql, user, statement, stats);
    return new Query() {
      private boolean executing;

      @Override
      public void executing(boolean now) {
        if (now != executing) {
          executing = now;
          if (now) {
            query.requestStarted();
          } else {
            query.requestEnded();
          }
        }
      }

      @Override
      public String cancelReason() {
        return query.cancelReason();
      }

      @Override
      public void finish() {
        executing(false);
        queries.finish(query);
      }
    };
  }
}
