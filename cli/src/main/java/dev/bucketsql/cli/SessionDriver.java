package dev.bucketsql.cli;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * Hands sqlline a connection the command opened itself, under a URL without secrets ({@code
 * jdbc:bucketsql-cli:N/s3://bucket}). sqlline shows its connection URL in the prompt and in
 * messages, and would otherwise need the S3 secret or the server password as an argument; this way
 * the real URL and properties never leave the command.
 */
final class SessionDriver implements Driver {
  static final String PREFIX = "jdbc:bucketsql-cli:";

  private static final SessionDriver INSTANCE = new SessionDriver();
  private static final AtomicInteger IDS = new AtomicInteger();
  private static final Map<String, Session> SESSIONS = new ConcurrentHashMap<>();

  static {
    try {
      DriverManager.registerDriver(INSTANCE);
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private SessionDriver() {}

  /**
   * Registers how to open the session's connection.
   *
   * @param label what the prompt shows, without secrets
   * @param first a connection already opened with {@code url} and {@code properties}, handed out by
   *     the first connect (the command opens it before sqlline starts, so that a session that
   *     cannot connect ends with one error line and a failed status)
   * @param opened applied to each connection handed out, e.g. to follow it for the progress display
   * @return the URL to give sqlline
   */
  static String register(
      String label,
      String url,
      Properties properties,
      Connection first,
      UnaryOperator<Connection> opened) {
    String id = Integer.toString(IDS.incrementAndGet());
    SESSIONS.put(
        id,
        new Session(
            requireNonNull(url, "url is null"),
            properties,
            new AtomicReference<>(requireNonNull(first, "first is null")),
            opened));
    return PREFIX + id + "/" + label;
  }

  /** Forgets a session once its shell ended, closing its first connection if never handed out. */
  static void unregister(String sessionUrl) {
    Session session = SESSIONS.remove(id(sessionUrl));
    Connection unused = session == null ? null : session.first.getAndSet(null);
    if (unused != null) {
      try {
        unused.close();
      } catch (SQLException e) {
        // nothing ran on it
      }
    }
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Session session = SESSIONS.get(id(url));
    if (session == null) {
      throw new SQLException("This session has ended; run bucketsql sql again");
    }
    Connection connection = session.first.getAndSet(null);
    if (connection == null) {
      connection = DriverManager.getConnection(session.url, session.properties);
    }
    return session.opened.apply(connection);
  }

  private static String id(String url) {
    String rest = url.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(PREFIX);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return 0;
  }

  @Override
  public int getMinorVersion() {
    return 1;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  private record Session(
      String url,
      Properties properties,
      AtomicReference<Connection> first,
      UnaryOperator<Connection> opened) {
    @Override
    public String toString() {
      return "Session"; // properties may hold secrets
    }
  }
}
