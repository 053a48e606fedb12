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
import java.sql.Statement;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.remote.JsonService;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two real users and an administrator on one server: bob runs a query through the remote driver;
 * alice, knowing his connection and statement ids, sends Avatica requests herself in the server's
 * wire format, as an attacker would (the driver only ever uses its own ids), and uses the status
 * API.
 */
class OwnershipTest {
  /** More rows than fit in a first frame, so that the query stays open on the server. */
  private static final String SQL =
      "select e1.empid, e1.name from emps e1, emps e2, emps e3, emps e4, depts"
          + " order by e1.empid";

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Map<Serialization, BucketSqlServer> SERVERS =
      new EnumMap<>(Serialization.class);

  @TempDir static Path directory;

  @BeforeAll
  static void start() throws Exception {
    Path users = directory.resolve("users");
    Files.writeString(
        users,
        String.join(
                "\n",
                UsersFile.hashLine("alice", "alice-password".toCharArray(), 1000),
                UsersFile.hashLine("bob", "bob-password".toCharArray(), 1000),
                UsersFile.hashLine("root", "root-password".toCharArray(), 1000))
            + "\n");
    ClientAuth auth = ClientAuth.of(UsersFile.read(users), null);
    for (Serialization serialization : Serialization.values()) {
      SERVERS.put(
          serialization,
          TestServers.start(
              TestServers.builder()
                  .serialization(serialization)
                  .auth(auth)
                  .admins(Set.of("root"))));
    }
  }

  @AfterAll
  static void stop() {
    SERVERS.values().forEach(BucketSqlServer::close);
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void aliceCannotUseBobsConnectionOrSeeOrCancelHisQuery(Serialization serialization)
      throws Exception {
    BucketSqlServer server = SERVERS.get(serialization);
    try (Connection bob =
            DriverManager.getConnection(
                server.remoteDriverUrl()
                    + ";authentication=BASIC;avatica_user=bob;avatica_password=bob-password");
        Statement statement = bob.createStatement()) {
      statement.setFetchSize(1); // the rest stays on the server, for fetch requests
      ResultSet rs = statement.executeQuery(SQL);
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(2)).isEqualTo("Bill");
      String connectionId = bob.unwrap(AvaticaConnection.class).id;
      int statementId = statement.unwrap(AvaticaStatement.class).getId();

      Service.Request fetch = new Service.FetchRequest(connectionId, statementId, 1, 10);
      assertRefused(avatica(server, "alice", fetch));
      assertRefused(avatica(server, "alice", new Service.CreateStatementRequest(connectionId)));
      assertRefused(
          avatica(
              server,
              "alice",
              new Service.PrepareAndExecuteRequest(
                  connectionId, statementId, "select * from emps", -1)));
      assertRefused(avatica(server, "alice", new Service.CloseConnectionRequest(connectionId)));
      assertRefused(
          avatica(server, "root", fetch)); // administrators see queries, not other users' rows

      // Her own connection with his statement id: the statement's connection is what counts.
      String own = UUID.randomUUID().toString();
      assertThat(avatica(server, "alice", new Service.OpenConnectionRequest(own, Map.of())))
          .isInstanceOf(Service.OpenConnectionResponse.class);
      assertRefused(avatica(server, "alice", new Service.FetchRequest(own, statementId, 1, 10)));
      assertRefused(avatica(server, "alice", new Service.CloseStatementRequest(own, statementId)));
      // Nor with an id of no connection at all.
      assertRefused(
          avatica(
              server,
              "alice",
              new Service.FetchRequest(UUID.randomUUID().toString(), statementId, 1, 10)));
      // Nor may she take over his connection id.
      assertRefused(
          avatica(server, "alice", new Service.OpenConnectionRequest(connectionId, Map.of())));

      assertThat(get(server, "alice", "/queries"))
          .doesNotContain(connectionId)
          .doesNotContain("emps");
      assertThat(get(server, "alice", "/status")).doesNotContain("emps");
      assertThat(get(server, "bob", "/queries")).contains(connectionId).contains(SQL);
      String all = get(server, "root", "/queries");
      assertThat(all).contains(connectionId).contains(SQL).contains("\"user\":\"bob\"");
      Matcher id = Pattern.compile("\"id\":(\\d+),\"user\":\"bob\"").matcher(all);
      assertThat(id.find()).isTrue();

      HttpResponse<String> aliceCancel =
          post(server, "alice", "/queries/" + id.group(1) + "/cancel");
      assertThat(aliceCancel.statusCode()).isEqualTo(403);
      assertThat(aliceCancel.body()).contains("another user").doesNotContain("bob");
      assertThat(get(server, "root", "/queries")).contains("\"cancelReason\":null");

      // Bob's connection is untouched: his rows still come, and his own fetch request is served.
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(2)).isEqualTo("Bill");
      Service.Response own2 = avatica(server, "bob", fetch);
      assertThat(own2).isInstanceOf(Service.FetchResponse.class);
      assertThat(((Service.FetchResponse) own2).frame.rows).isNotEmpty();

      // Bob's query waits for him to fetch: the administrator's cancel releases it at once.
      assertThat(post(server, "root", "/queries/" + id.group(1) + "/cancel").statusCode())
          .isEqualTo(200);
      assertThat(get(server, "root", "/queries")).doesNotContain(connectionId);
    }
  }

  @Test
  void administratorsMustBeKnownUsersOfAnAuthenticatedServer() {
    assertThatThrownBy(() -> TestServers.builder().admins(Set.of("root")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("need authentication");
    assertThatThrownBy(
            () ->
                TestServers.builder()
                    .auth(ClientAuth.of(null, AuthTest.TOKEN))
                    .admins(Set.of("mallory"))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'mallory' is not a user");
  }

  private static void assertRefused(Service.Response response) {
    assertThat(response).isInstanceOf(Service.ErrorResponse.class);
    Service.ErrorResponse error = (Service.ErrorResponse) response;
    assertThat(error.sqlState).isEqualTo("42501");
    assertThat(error.errorMessage)
        .doesNotContain("\n")
        .doesNotContain("bob")
        .doesNotContain("Bill");
  }

  /** Sends one Avatica request in the server's wire format and decodes the answer. */
  private static Service.Response avatica(
      BucketSqlServer server, String user, Service.Request request) throws Exception {
    boolean json = server.serialization() == Serialization.JSON;
    byte[] body =
        json
            ? JsonService.MAPPER.writeValueAsBytes(request)
            : new ProtobufTranslationImpl().serializeRequest(request);
    byte[] answer =
        HTTP.send(
                request(server, user, "/")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray())
            .body();
    return json
        ? JsonService.MAPPER.readValue(answer, Service.Response.class)
        : new ProtobufTranslationImpl().parseResponse(answer);
  }

  private static String get(BucketSqlServer server, String user, String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(request(server, user, path).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static HttpResponse<String> post(BucketSqlServer server, String user, String path)
      throws Exception {
    return HTTP.send(
        request(server, user, path).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(BucketSqlServer server, String user, String path) {
    String credentials = user + ":" + user + "-password";
    return HttpRequest.newBuilder(URI.create(server.httpUrl() + path))
        .header(
            "Authorization",
            "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
  }
}
