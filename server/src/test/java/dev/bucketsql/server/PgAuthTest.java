package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logging in to the PostgreSQL endpoint with pgjdbc: SCRAM-SHA-256 against the users file (new
 * lines and the older PBKDF2 lines), refusals with SQLSTATE 28P01 that do not tell an unknown user
 * from a wrong password, TLS with the Avatica side's PKCS12 keystore, and the bearer token as a
 * cleartext password, accepted only over TLS.
 */
class PgAuthTest {
  private static final String OLD_USER = "olduser";
  private static final String OLD_PASSWORD = "old-format-password";

  @TempDir static Path directory;

  private static BucketSqlServer plain;
  private static BucketSqlServer tls;

  @BeforeAll
  static void start() throws Exception {
    Keystores.create(directory);
    Path users = directory.resolve("users");
    Files.writeString(
        users,
        UsersFile.hashLine(AuthTest.USER, AuthTest.PASSWORD.toCharArray(), 4096)
            + "\n"
            + oldFormatLine(OLD_USER, OLD_PASSWORD)
            + "\n");
    ClientAuth auth = ClientAuth.of(UsersFile.read(users), AuthTest.TOKEN);
    // Avatica beside the PostgreSQL endpoint on the plain server; PostgreSQL alone with TLS.
    plain = TestServers.start(TestServers.builder().pgPort(0).auth(auth));
    tls =
        TestServers.start(
            TestServers.builder()
                .avatica(false)
                .pgPort(0)
                .auth(auth)
                .tls(directory.resolve("server.p12"), Keystores.PASSWORD.toCharArray()));
  }

  @AfterAll
  static void stop() {
    plain.close();
    tls.close();
  }

  /**
   * A line of the older {@code pbkdf2-sha256} form, as earlier versions of hash-password wrote it.
   */
  private static String oldFormatLine(String user, String password) {
    byte[] salt = "sixteen byte sal".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] hash = ScramVerifier.saltedPassword(password.toCharArray(), salt, 2000);
    java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
    return user
        + ":pbkdf2-sha256:2000:"
        + b64.encodeToString(salt)
        + ":"
        + b64.encodeToString(hash);
  }

  @Test
  void scramLoginRunsQueriesForNewAndOldUsersFileLines() throws SQLException {
    assertThat(count(plain.pgUrl(), AuthTest.USER, AuthTest.PASSWORD)).isEqualTo(4);
    assertThat(count(plain.pgUrl(), OLD_USER, OLD_PASSWORD)).isEqualTo(4);
    // The same users file still serves the Avatica endpoint.
    Properties basic = new Properties();
    basic.setProperty("authentication", "BASIC");
    basic.setProperty("avatica_user", AuthTest.USER);
    basic.setProperty("avatica_password", AuthTest.PASSWORD);
    try (Connection c = DriverManager.getConnection(plain.clientUrl(), basic);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from emps")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(4);
    }
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSameRefusal() {
    for (List<String> login :
        List.of(List.of(AuthTest.USER, "wrong"), List.of("mallory", AuthTest.PASSWORD))) {
      assertThatThrownBy(() -> count(plain.pgUrl(), login.get(0), login.get(1)))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("password authentication failed for user \"" + login.get(0) + "\"")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
    }
  }

  @Test
  void unknownUsersGetAStableSaltLikeKnownOnes() throws Exception {
    UsersFile users =
        UsersFile.parse(List.of(UsersFile.hashLine("alice", "pw".toCharArray(), 3000)), "users");
    ScramVerifier first = users.scramVerifier("mallory");
    assertThat(first.salt()).isEqualTo(users.scramVerifier("mallory").salt());
    assertThat(first.salt()).isNotEqualTo(users.scramVerifier("eve").salt());
    assertThat(first.iterations()).isEqualTo(3000);
  }

  @Test
  void tlsServerRefusesPlainConnectionsAndServesTlsOnes() throws SQLException {
    assertThat(tls.pgUrl()).contains("ssl=true");
    String plainUrl = "jdbc:postgresql://127.0.0.1:" + tls.pgPort() + "/bucketsql?sslmode=disable";
    assertThatThrownBy(() -> count(plainUrl, AuthTest.USER, AuthTest.PASSWORD))
        .hasMessageContaining("accepts only TLS connections");
    assertThat(count(tlsUrl(), AuthTest.USER, AuthTest.PASSWORD)).isEqualTo(4);
  }

  @Test
  void bearerTokenIsACleartextPasswordOnlyOverTls() throws SQLException {
    assertThat(count(tlsUrl(), "token", AuthTest.TOKEN)).isEqualTo(4);
    assertThatThrownBy(() -> count(tlsUrl(), "token", AuthTest.TOKEN + "x"))
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
    assertThatThrownBy(() -> count(plain.pgUrl(), "token", AuthTest.TOKEN))
        .hasMessageContaining("only over TLS");
  }

  private static String tlsUrl() {
    return "jdbc:postgresql://127.0.0.1:"
        + tls.pgPort()
        + "/bucketsql?sslmode=verify-full&sslrootcert="
        + directory.resolve("server.crt");
  }

  private static int count(String url, String user, String password) throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from emps")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
