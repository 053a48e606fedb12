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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * HTTP BASIC against a users file and a bearer token, through the Avatica remote driver with the
 * URL properties docs/server.md shows: no credentials, wrong ones, right ones.
 */
class AuthTest {
  static final String USER = "alice";
  static final String PASSWORD = "correct horse battery staple";
  static final String TOKEN = "0123456789abcdef0123456789abcdef";

  @TempDir static Path directory;

  private static final Map<Serialization, BucketSqlServer> SERVERS =
      new EnumMap<>(Serialization.class);

  @BeforeAll
  static void start() throws Exception {
    // Few iterations keep the test fast; the format and the check are the same.
    Path users = directory.resolve("users");
    Files.writeString(
        users, "# test users\n" + UsersFile.hashLine(USER, PASSWORD.toCharArray(), 1000) + "\n");
    ClientAuth auth = ClientAuth.of(UsersFile.read(users), TOKEN);
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

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void noCredentialsGet401(Serialization serialization) {
    assertThatThrownBy(() -> count(SERVERS.get(serialization).clientUrl()))
        .hasStackTraceContaining("HTTP/401");
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void wrongPasswordGets401(Serialization serialization) {
    String url =
        SERVERS.get(serialization).clientUrl()
            + ";authentication=BASIC;avatica_user="
            + USER
            + ";avatica_password=wrong-password";
    assertThatThrownBy(() -> count(url)).hasStackTraceContaining("HTTP/401");
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void wrongUserGets401(Serialization serialization) {
    String url =
        SERVERS.get(serialization).clientUrl()
            + ";authentication=BASIC;avatica_user=mallory;avatica_password="
            + PASSWORD;
    assertThatThrownBy(() -> count(url)).hasStackTraceContaining("HTTP/401");
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void rightPasswordQueries(Serialization serialization) throws Exception {
    // The recipe of docs/server.md: driver class, URL with BASIC credentials.
    Class.forName("org.apache.calcite.avatica.remote.Driver");
    String url =
        SERVERS.get(serialization).clientUrl()
            + ";authentication=BASIC;avatica_user="
            + USER
            + ";avatica_password="
            + PASSWORD;
    assertThat(count(url)).isEqualTo(4);
    assertThat(count(url)).as("second connection, from the verified-password cache").isEqualTo(4);
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void bearerTokenQueries(Serialization serialization) throws Exception {
    String url =
        SERVERS.get(serialization).clientUrl() + ";authentication=BEARER;bearer_token=" + TOKEN;
    assertThat(count(url)).isEqualTo(4);
  }

  @Test
  void wrongBearerTokenGets401() {
    String url =
        SERVERS.get(Serialization.PROTOBUF).clientUrl()
            + ";authentication=BEARER;bearer_token=not-the-token-not-the-token";
    assertThatThrownBy(() -> count(url)).hasStackTraceContaining("HTTP/401");
  }

  @Test
  void refusalCarriesChallengesAndNoData() throws Exception {
    HttpResponse<String> response =
        post(
            SERVERS.get(Serialization.JSON).httpUrl() + "/",
            "{\"request\":\"openConnection\",\"connectionId\":\"x\"}",
            null);
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().allValues("WWW-Authenticate"))
        .anySatisfy(v -> assertThat(v).startsWith("Basic realm="))
        .anySatisfy(v -> assertThat(v).startsWith("Bearer realm="));
    assertThat(response.body()).startsWith("Authentication required").doesNotContain("emps");
  }

  @Test
  void healthStaysOpenButStatusNeedsCredentials() throws Exception {
    String base = SERVERS.get(Serialization.JSON).httpUrl();
    HttpClient http = HttpClient.newHttpClient();
    assertThat(
            http.send(
                    HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(200);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(401);
    assertThat(post(base + "/queries/1/cancel", "", null).statusCode()).isEqualTo(401);
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> status =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/queries"))
                .header("Authorization", basic)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.body()).startsWith("{\"queries\":[");
  }

  @Test
  void unknownUserCostsTheSamePbkdf2CheckAsAWrongPassword() {
    // Counted, not timed: an unknown name must go through the same PBKDF2 work as a known
    // one, so that the answer time does not tell which user names exist.
    UsersFile users =
        UsersFile.parse(List.of(UsersFile.hashLine(USER, PASSWORD.toCharArray(), 1000)), "users");
    ClientAuth auth = ClientAuth.of(users, null);
    assertThat(auth.authenticate(basic(USER, "wrong-password"))).isEmpty();
    assertThat(users.verifications()).isEqualTo(1);
    assertThat(auth.authenticate(basic("mallory", "wrong-password"))).isEmpty();
    assertThat(users.verifications()).isEqualTo(2);
    assertThat(auth.authenticate(basic("", PASSWORD))).isEmpty();
    assertThat(users.verifications()).isEqualTo(3);
    String noColon =
        "Basic " + Base64.getEncoder().encodeToString(USER.getBytes(StandardCharsets.UTF_8));
    assertThat(auth.authenticate(noColon)).isEmpty();
    assertThat(users.verifications()).isEqualTo(4);
    assertThat(auth.authenticate(basic(USER, PASSWORD))).contains(USER);
    assertThat(users.verifications()).isEqualTo(5);
    // a verified password is then checked by HMAC alone, as before
    assertThat(auth.authenticate(basic(USER, PASSWORD))).contains(USER);
    assertThat(users.verifications()).isEqualTo(5);
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void usersFileRejectsMalformedLinesWithoutEchoingThem() {
    assertThatThrownBy(() -> UsersFile.parse(List.of("bob:plaintext-password"), "users.txt"))
        .hasMessageContaining("users.txt line 1")
        .hasMessageContaining("bucketsql hash-password")
        .hasMessageNotContaining("plaintext-password");
  }

  @Test
  void secretsStayOutOfToStringAndLogs() {
    ClientAuth auth =
        ClientAuth.of(
            UsersFile.parse(List.of(UsersFile.hashLine(USER, PASSWORD.toCharArray(), 10)), "users"),
            TOKEN);
    assertThat(auth.toString()).contains(USER).doesNotContain(TOKEN).doesNotContain(PASSWORD);
    assertThatThrownBy(() -> ClientAuth.of(null, "short"))
        .hasMessageContaining("16 characters")
        .hasMessageNotContaining("short\"");
  }

  private static int count(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select count(*) from emps")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static HttpResponse<String> post(String url, String body, String authorization)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
