package dev.bucketsql.server.pg;

import dev.bucketsql.server.ScramVerifier;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the PostgreSQL endpoint needs from the server it is part of. The server implements it over
 * the same driver, users, login throttle, query registry and query timeout as its Avatica endpoint.
 */
public interface PgBackend {
  /**
   * Opens a connection of the embedded driver with the server's settings.
   *
   * @return a new connection, closed by the caller
   * @throws SQLException if the driver refuses
   */
  Connection connect() throws SQLException;

  /**
   * Whether clients must authenticate.
   *
   * @return false only for a server without users file and token
   */
  boolean authRequired();

  /**
   * The SCRAM verifier of a user, or null when there is no users file. For a user not in the file,
   * a verifier no password matches (so the exchange does not tell which names exist).
   *
   * @param user the startup message's user name
   * @return the verifier, or null
   */
  ScramVerifier scramVerifier(String user);

  /**
   * Whether {@code password} is the server's bearer token; constant time.
   *
   * @param password what the client sent as cleartext password
   * @return false when no token is set
   */
  boolean tokenMatches(String password);

  /**
   * Whether a bearer token is set (clients send it as the password of user {@value #TOKEN_USER}).
   *
   * @return true when a token is set
   */
  boolean hasToken();

  /** The user name under which the bearer token is given. */
  String TOKEN_USER = "token";

  /**
   * How long a client address must wait before its next login is checked.
   *
   * @param address the client's IP address
   * @return whole seconds; 0 when it may log in now
   */
  long loginRetryAfterSeconds(String address);

  /**
   * Counts a failed login.
   *
   * @param address the client's IP address
   */
  void loginFailed(String address);

  /**
   * How long a logged-in client may stay silent before its connection is closed: the server's
   * connection idle timeout, as for Avatica connections.
   *
   * @return milliseconds; 0 for none
   */
  default long idleTimeoutMillis() {
    return 0;
  }

  /**
   * The query timeout every statement gets.
   *
   * @return whole seconds; 0 for none
   */
  int queryTimeoutSeconds();

  /**
   * Registers a query that starts now, for the status page and its cancel action.
   *
   * @param connectionId the client connection's id, as the status page shows it
   * @param sql the statement's text
   * @param user the authenticated user
   * @param statement the JDBC statement that runs it, which a cancel stops
   * @param connection the JDBC connection, for its I/O counters
   * @return the registration, ended by the caller
   */
  Query begin(
      String connectionId, String sql, String user, Statement statement, Connection connection);

  /** One registered query. */
  interface Query {
    /**
     * Marks whether a request of the query is running on the server (versus the query waiting for
     * the client to ask for more rows).
     *
     * @param executing true while rows are produced
     */
    void executing(boolean executing);

    /**
     * Why the query was cancelled from the status page or by the server stopping.
     *
     * @return the reason, or null
     */
    String cancelReason();

    /** Forgets the query: it finished, failed or was closed. */
    void finish();
  }
}
