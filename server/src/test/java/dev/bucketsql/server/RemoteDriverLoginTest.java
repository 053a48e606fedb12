package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * BucketSQL's remote driver logs in with the JDBC {@code user} and {@code password}, as a tool's
 * User and Password fields set them, against a server with a users file: with {@code
 * authentication=BASIC} they are the HTTP BASIC login unless {@code avatica_user} and {@code
 * avatica_password} are given, which win.
 */
class RemoteDriverLoginTest {
  private static final String USER = "alice";
  private static final String PASSWORD = "correct horse battery staple";
  private static final String WRONG = "wrong-password-for-alice";

  @TempDir static Path directory;

  private static final Map<Serialization, BucketSqlServer> SERVERS =
      new EnumMap<>(Serialization.class);

  @BeforeAll
  static void start() throws Exception {
    Path users = directory.resolve("users");
    // Few iterations keep the test fast; the format and the check are the same.
    Files.writeString(users, UsersFile.hashLine(USER, PASSWORD.toCharArray(), 1000) + "\n");
    ClientAuth auth = ClientAuth.of(UsersFile.read(users), null);
    for (Serialization serialization : Serialization.values()) {
      SERVERS.put(
          serialization,
          TestServers.start(TestServers.builder().serialization(serialization).auth(auth)));
    }
  }

  @AfterAll
  static void stop() {
    SERVERS.values().forEach(BucketSqlServer::close);
  }

  private static String basicUrl(Serialization serialization) {
    return SERVERS.get(serialization).remoteDriverUrl() + ";authentication=BASIC";
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void jdbcUserAndPasswordLogIn(Serialization serialization) throws SQLException {
    // DriverManager.getConnection(url, user, password) is what a tool's User and Password fields do
    try (Connection connection =
        DriverManager.getConnection(basicUrl(serialization), USER, PASSWORD)) {
      assertThat(count(connection)).isEqualTo(4);
    }
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void wrongJdbcPasswordIsRefusedWithOneLineWithoutThePassword(Serialization serialization) {
    SQLException e =
        catchThrowableOfType(
            SQLException.class,
            () -> DriverManager.getConnection(basicUrl(serialization), USER, WRONG));
    assertThat(e.getSQLState()).isEqualTo("28000");
    assertThat(e.getMessage())
        .contains("the server refused the login (HTTP 401)")
        .contains("user and password")
        .doesNotContain("\n")
        .doesNotContain(WRONG);
  }

  @Test
  void avaticaKeysStillLogIn() throws SQLException {
    String url =
        basicUrl(Serialization.PROTOBUF)
            + ";avatica_user="
            + USER
            + ";avatica_password="
            + PASSWORD;
    try (Connection connection = DriverManager.getConnection(url)) {
      assertThat(count(connection)).isEqualTo(4);
    }
  }

  @Test
  void avaticaKeysWinOverTheJdbcPair() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", "mallory");
    properties.setProperty("password", WRONG);
    properties.setProperty("avatica_user", USER);
    properties.setProperty("avatica_password", PASSWORD);
    try (Connection connection =
        DriverManager.getConnection(basicUrl(Serialization.JSON), properties)) {
      assertThat(count(connection)).isEqualTo(4);
    }
  }

  @Test
  void eachAvaticaKeyNotGivenIsTakenFromTheJdbcPair() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("avatica_user", USER);
    properties.setProperty("password", PASSWORD);
    try (Connection connection =
        DriverManager.getConnection(basicUrl(Serialization.JSON), properties)) {
      assertThat(count(connection)).isEqualTo(4);
    }
  }

  @Test
  void withoutAuthenticationTheJdbcPairIsNoLoginAndTheMessageSaysSo() {
    SQLException e =
        catchThrowableOfType(
            SQLException.class,
            () ->
                DriverManager.getConnection(
                    SERVERS.get(Serialization.PROTOBUF).remoteDriverUrl(), USER, PASSWORD));
    assertThat(e.getSQLState()).isEqualTo("28000");
    assertThat(e.getMessage()).contains("authentication=BASIC").doesNotContain(PASSWORD);
  }

  private static int count(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select count(*) from emps")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
