package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real users and an administrator on one server: bob runs a query through the remote
 * driver; alice, knowing his connection and statement ids, sends Avatica's JSON requests
 * herself, as an attacker would (the driver only ever uses its own ids), and the status API.
 */
class OwnershipTest {
    /** More rows than fit in a first frame, so that the query stays open on the server. */
    private static final String SQL = "select e1.empid, e1.name from emps e1, emps e2, emps e3, emps e4, depts"
            + " order by e1.empid";

    @TempDir
    static Path directory;

    private static BucketSqlServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path users = directory.resolve("users");
        Files.writeString(users, String.join("\n",
                UsersFile.hashLine("alice", "alice-password".toCharArray(), 1000),
                UsersFile.hashLine("bob", "bob-password".toCharArray(), 1000),
                UsersFile.hashLine("root", "root-password".toCharArray(), 1000)) + "\n");
        server = TestServers.start(TestServers.builder().serialization(Serialization.JSON)
                .auth(ClientAuth.of(UsersFile.read(users), null)).admins(Set.of("root")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aliceCannotUseBobsConnectionOrSeeOrCancelHisQuery() throws Exception {
        try (Connection bob = DriverManager.getConnection(server.remoteDriverUrl()
                        + ";authentication=BASIC;avatica_user=bob;avatica_password=bob-password");
                Statement statement = bob.createStatement()) {
            statement.setFetchSize(1); // the rest stays on the server, for fetch requests
            ResultSet rs = statement.executeQuery(SQL);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(2)).isEqualTo("Bill");
            String connectionId = bob.unwrap(AvaticaConnection.class).id;
            int statementId = statement.unwrap(AvaticaStatement.class).getId();

            String fetch = "{\"request\":\"fetch\",\"connectionId\":\"" + connectionId + "\",\"statementId\":"
                    + statementId + ",\"offset\":1,\"fetchMaxRowCount\":10}";
            assertRefused(avatica("alice", fetch));
            assertRefused(avatica("alice", "{\"request\":\"createStatement\",\"connectionId\":\"" + connectionId + "\"}"));
            assertRefused(avatica("alice", "{\"request\":\"prepareAndExecute\",\"connectionId\":\"" + connectionId
                    + "\",\"statementId\":" + statementId + ",\"sql\":\"select * from emps\",\"maxRowCount\":-1}"));
            assertRefused(avatica("alice", "{\"request\":\"closeConnection\",\"connectionId\":\"" + connectionId + "\"}"));
            assertRefused(avatica("root", fetch)); // administrators see queries, not other users' rows

            // Her own connection with his statement id: the statement's connection is what counts.
            String own = UUID.randomUUID().toString();
            assertThat(avatica("alice", "{\"request\":\"openConnection\",\"connectionId\":\"" + own + "\",\"info\":{}}"))
                    .contains("\"response\":\"openConnection\"");
            assertRefused(avatica("alice", "{\"request\":\"fetch\",\"connectionId\":\"" + own + "\",\"statementId\":"
                    + statementId + ",\"offset\":1,\"fetchMaxRowCount\":10}"));
            assertRefused(avatica("alice", "{\"request\":\"closeStatement\",\"connectionId\":\"" + own
                    + "\",\"statementId\":" + statementId + "}"));
            // Nor with an id of no connection at all.
            assertRefused(avatica("alice", "{\"request\":\"fetch\",\"connectionId\":\"" + UUID.randomUUID()
                    + "\",\"statementId\":" + statementId + ",\"offset\":1,\"fetchMaxRowCount\":10}"));
            // Nor may she take over his connection id.
            assertRefused(avatica("alice", "{\"request\":\"openConnection\",\"connectionId\":\"" + connectionId
                    + "\",\"info\":{}}"));

            assertThat(get("alice", "/queries")).doesNotContain(connectionId).doesNotContain("emps");
            assertThat(get("alice", "/status")).doesNotContain("emps");
            assertThat(get("bob", "/queries")).contains(connectionId).contains(SQL);
            String all = get("root", "/queries");
            assertThat(all).contains(connectionId).contains(SQL).contains("\"user\":\"bob\"");
            Matcher id = Pattern.compile("\"id\":(\\d+),\"user\":\"bob\"").matcher(all);
            assertThat(id.find()).isTrue();

            HttpResponse<String> aliceCancel = post("alice", "/queries/" + id.group(1) + "/cancel");
            assertThat(aliceCancel.statusCode()).isEqualTo(403);
            assertThat(aliceCancel.body()).contains("another user").doesNotContain("bob");
            assertThat(get("root", "/queries")).contains("\"cancelReason\":null");

            // Bob's connection is untouched: his rows still come, and his own fetch request is served.
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(2)).isEqualTo("Bill");
            assertThat(avatica("bob", fetch)).contains("\"response\":\"fetch\"").contains("Bill");

            assertThat(post("root", "/queries/" + id.group(1) + "/cancel").statusCode()).isEqualTo(200);
            assertThat(get("root", "/queries")).contains("cancelled from the status page by root");
        }
    }

    @Test
    void administratorsMustBeKnownUsersOfAnAuthenticatedServer() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestServers.builder().admins(Set.of("root")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need authentication");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestServers.builder()
                        .auth(ClientAuth.of(null, AuthTest.TOKEN)).admins(Set.of("mallory")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'mallory' is not a user");
    }

    private static void assertRefused(String response) {
        assertThat(response).contains("\"response\":\"error\"").contains("\"sqlState\":\"42501\"")
                .doesNotContain("Bill").doesNotContain("bob");
    }

    private static String avatica(String user, String json) throws Exception {
        return HTTP.send(request(user, "/").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String get(String user, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(request(user, path).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static HttpResponse<String> post(String user, String path) throws Exception {
        return HTTP.send(request(user, path).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String user, String path) {
        String credentials = user + ":" + user + "-password";
        return HttpRequest.newBuilder(URI.create(server.httpUrl() + path)).header("Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
}
