package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code POST /queries/cancel}, the request BucketSQL's remote driver sends for a cancel, sent here
 * by hand: only the user who opened the connection may cancel its queries, an unauthenticated
 * request gets 401, and a cancel that arrives before its execute request makes that execution fail
 * at once, and only that one.
 */
class ClientCancelEndpointTest {
  private static final String BOB = "bob";
  private static final String BOB_PASSWORD = "bob's own password";

  @TempDir static Path directory;

  private static final Map<Serialization, BucketSqlServer> SERVERS =
      new EnumMap<>(Serialization.class);

  @BeforeAll
  static void start() throws Exception {
    Path users = directory.resolve("users");
    Files.writeString(
        users,
        UsersFile.hashLine(AuthTest.USER, AuthTest.PASSWORD.toCharArray(), 1000)
            + "\n"
            + UsersFile.hashLine(BOB, BOB_PASSWORD.toCharArray(), 1000)
            + "\n");
    ClientAuth auth = ClientAuth.of(UsersFile.read(users), null);
    for (Serialization serialization : Serialization.values()) {
      SERVERS.put(
          serialization,
          TestServers.start(TestServers.builder().serialization(serialization).auth(auth)));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    // Each stop waits about a second for idle keep-alive connections: stop them together.
    CompletableFuture.allOf(
            SERVERS.values().stream()
                .map(server -> CompletableFuture.runAsync(server::close))
                .toArray(CompletableFuture[]::new))
        .get();
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void anotherUsersCancelIsRefusedAndTheOwnersPendingCancelFailsOnlyTheNextExecution(
      Serialization serialization) throws Exception {
    BucketSqlServer server = SERVERS.get(serialization);
    try (Connection connection =
            DriverManager.getConnection(
                server.remoteDriverUrl(), basic(AuthTest.USER, AuthTest.PASSWORD));
        Statement statement = connection.createStatement()) {
      String ids = ids(connection, statement);

      HttpResponse<String> bobs =
          cancel(server, basicHeader(BOB, BOB_PASSWORD), ids + "&execution=1");
      assertThat(bobs.statusCode()).as(bobs.body()).isEqualTo(403);
      assertThat(bobs.body()).contains("another user");
      assertThat(count(statement)).as("bob's cancel left nothing pending").isEqualTo(4);

      // Execution 1 has ended: a late cancel for it is a no-op.
      HttpResponse<String> late =
          cancel(server, basicHeader(AuthTest.USER, AuthTest.PASSWORD), ids + "&execution=1");
      assertThat(late.body()).isEqualTo("{\"state\":\"not running\"}");
      // Execution 2 has not reached the server: the cancel waits for it.
      HttpResponse<String> early =
          cancel(server, basicHeader(AuthTest.USER, AuthTest.PASSWORD), ids + "&execution=2");
      assertThat(early.statusCode()).isEqualTo(200);
      assertThat(early.body()).isEqualTo("{\"state\":\"pending\"}");

      assertThatThrownBy(() -> count(statement))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining(
              "Query was cancelled on the server before it started: cancelled by the client")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
      assertThat(count(statement)).as("execution 3 runs").isEqualTo(4);
      assertThat(server.queries().list()).isEmpty();
    }
  }

  @Test
  void unknownConnectionOrStatementIs404() throws Exception {
    BucketSqlServer server = SERVERS.get(Serialization.PROTOBUF);
    String alice = basicHeader(AuthTest.USER, AuthTest.PASSWORD);
    assertThat(cancel(server, alice, "connectionId=no-such-connection&statementId=1").statusCode())
        .isEqualTo(404);
    try (Connection connection =
        DriverManager.getConnection(
            server.remoteDriverUrl(), basic(AuthTest.USER, AuthTest.PASSWORD))) {
      String id = connection.unwrap(AvaticaConnection.class).id;
      assertThat(cancel(server, alice, "connectionId=" + id + "&statementId=999999").statusCode())
          .isEqualTo(404);
    }
  }

  @Test
  void malformedRequestIs400() throws Exception {
    BucketSqlServer server = SERVERS.get(Serialization.JSON);
    HttpResponse<String> response =
        cancel(
            server,
            basicHeader(AuthTest.USER, AuthTest.PASSWORD),
            "connectionId=x&statementId=seven");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("statementId must be a whole number");
  }

  @Test
  void unauthenticatedCancelGets401() throws Exception {
    BucketSqlServer server = SERVERS.get(Serialization.JSON);
    HttpResponse<String> none = cancel(server, null, "connectionId=x&statementId=1");
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().allValues("WWW-Authenticate"))
        .anySatisfy(v -> assertThat(v).startsWith("Basic"));
    HttpResponse<String> wrong =
        cancel(
            server, basicHeader(AuthTest.USER, "wrong password"), "connectionId=x&statementId=1");
    assertThat(wrong.statusCode()).isEqualTo(401);
    // Behind a path prefix, as a client whose Avatica URL has a path sends it: same check.
    HttpResponse<String> prefixed =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.httpUrl() + "/avatica/queries/cancel"))
                    .POST(HttpRequest.BodyPublishers.ofString("connectionId=x&statementId=1"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(prefixed.statusCode()).isEqualTo(401);
  }

  @Test
  void cancelUnderAPathPrefixReachesTheEndpoint() throws Exception {
    BucketSqlServer server = SERVERS.get(Serialization.JSON);
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.httpUrl() + "/avatica/queries/cancel"))
                    .header("Authorization", basicHeader(AuthTest.USER, AuthTest.PASSWORD))
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "connectionId=no-such-connection&statementId=1"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("no such connection");
  }

  @Test
  void crossSiteCancelIsRefused() throws Exception {
    BucketSqlServer server = SERVERS.get(Serialization.JSON);
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.httpUrl() + ClientCancelHandler.PATH))
                    .header("Authorization", basicHeader(AuthTest.USER, AuthTest.PASSWORD))
                    .header("Origin", "http://evil.example")
                    .POST(HttpRequest.BodyPublishers.ofString("connectionId=x&statementId=1"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void theStockAvaticaUrlStillWorksOnTheSameServer() throws Exception {
    BucketSqlServer server = SERVERS.get(Serialization.PROTOBUF);
    String url =
        server.clientUrl()
            + ";authentication=BASIC;avatica_user="
            + AuthTest.USER
            + ";avatica_password="
            + AuthTest.PASSWORD;
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      assertThat(connection.getClass().getName()).startsWith("org.apache.calcite.avatica.");
      assertThat(count(statement)).isEqualTo(4);
    }
  }

  private static String ids(Connection connection, Statement statement) throws SQLException {
    return "connectionId="
        + connection.unwrap(AvaticaConnection.class).id
        + "&statementId="
        + statement.unwrap(AvaticaStatement.class).getId();
  }

  private static HttpResponse<String> cancel(
      BucketSqlServer server, String authorization, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.httpUrl() + ClientCancelHandler.PATH))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Properties basic(String user, String password) {
    Properties properties = new Properties();
    properties.setProperty("authentication", "BASIC");
    properties.setProperty("avatica_user", user);
    properties.setProperty("avatica_password", password);
    return properties;
  }

  private static String basicHeader(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static int count(Statement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery("select count(*) from emps")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
