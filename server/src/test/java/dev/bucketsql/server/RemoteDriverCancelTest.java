package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * BucketSQL's remote driver ({@code jdbc:bucketsql:remote:}) stops a query that has returned no row
 * yet: {@code Statement.cancel()} from another thread, and {@code setQueryTimeout}, on a {@code
 * COUNT(*)} over a 6 MB CSV behind a slow proxy. "Stops" means the server's HTTP GET to the bucket
 * was aborted before the object was sent in full, not only that the client got an error; and the
 * connection, and the statement itself, answer the next query.
 *
 * <p>The servers require authentication, so the cancels carry the connection's credentials: HTTP
 * BASIC over plain HTTP (JSON), BASIC and a bearer token over HTTPS with a truststore (protobuf).
 * Servers and proxy are shared by the tests, which count the proxy's bytes and closes from their
 * own start.
 */
@ExtendWith(S3ServerExtension.class)
// Hang guard only: each test runs for one to two seconds. It stays below the 30 s the server
// waits for a cancelled query, so a cancel that does not stop the scan fails the test.
@Timeout(value = 25, unit = TimeUnit.SECONDS)
class RemoteDriverCancelTest {
  private static final String BUCKET = "remote-driver-cancel";
  private static final String SCAN = "select count(*) from big";

  /** Generous: the scan itself would take several seconds more behind the proxy. */
  private static final long STOP_WITHIN_MILLIS = 10_000;

  @TempDir static Path directory;

  private static int bigSize;
  private static ExecutorService clients;
  private static ThrottlingProxy proxy;
  private static final Map<Serialization, BucketSqlServer> SERVERS =
      new EnumMap<>(Serialization.class);

  private int closesBefore;
  private long bytesBefore;

  @BeforeAll
  static void start(S3TestServer s3) throws Exception {
    bigSize = CancelFixtures.uploadScanData(s3, BUCKET);
    clients = Executors.newCachedThreadPool();
    // About 800 KB/s: the 6 MB object takes several seconds.
    proxy = new ThrottlingProxy(s3.port(), 16 * 1024, 20);
    Keystores.create(directory);
    Path users = directory.resolve("users");
    Files.writeString(
        users, UsersFile.hashLine(AuthTest.USER, AuthTest.PASSWORD.toCharArray(), 1000) + "\n");
    ClientAuth auth = ClientAuth.of(UsersFile.read(users), AuthTest.TOKEN);
    for (Serialization serialization : Serialization.values()) {
      BucketSqlServer.Builder builder =
          BucketSqlServer.builder(CancelFixtures.bucketUrl(BUCKET, proxy.endpoint()))
              .properties(S3TestServer.jdbcKeys())
              .port(0)
              .serialization(serialization)
              .auth(auth);
      if (serialization == Serialization.PROTOBUF) {
        builder.tls(directory.resolve("server.p12"), Keystores.PASSWORD.toCharArray());
      }
      SERVERS.put(serialization, TestServers.start(builder));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    clients.shutdownNow();
    // Each stop waits about a second for idle keep-alive connections: stop them together.
    CompletableFuture.allOf(
            SERVERS.values().stream()
                .map(server -> CompletableFuture.runAsync(server::close))
                .toArray(CompletableFuture[]::new))
        .get();
    proxy.close();
  }

  @BeforeEach
  void countFromHere() throws InterruptedException {
    CancelFixtures.awaitIdle(proxy);
    closesBefore = proxy.clientCloses();
    bytesBefore = proxy.bytesToClient();
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void cancelBeforeTheFirstFrameStopsTheScan(Serialization serialization) throws Exception {
    BucketSqlServer server = SERVERS.get(serialization);
    try (Connection connection = connect(server, basic());
        Statement statement = connection.createStatement()) {
      Future<Long> scan = clients.submit(() -> count(statement, SCAN));
      awaitScanning(server);

      long cancelled = System.nanoTime();
      statement.cancel(); // does not wait for the execute request

      SQLException failure = failure(scan);
      assertThat(millisSince(cancelled)).isLessThan(STOP_WITHIN_MILLIS);
      assertThat((Throwable) failure)
          .hasMessageStartingWith("Query was cancelled: Statement.cancel() was called");
      assertThat(failure.getSQLState()).isEqualTo("57014");
      assertThat((Throwable) failure)
          .hasStackTraceContaining("cancelled by the client (Statement.cancel)");
      assertScanStopped(server);

      // The cancelled statement runs its next query, and so does the connection; a cancel
      // with nothing running does not reach the query after it.
      assertThat(count(statement, "select count(*) from small")).isEqualTo(3);
      statement.cancel();
      assertThat(count(statement, "select count(*) from small")).isEqualTo(3);
      try (Statement other = connection.createStatement()) {
        assertThat(count(other, "select count(*) from small")).isEqualTo(3);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void queryTimeoutStopsTheScan(Serialization serialization) throws Exception {
    BucketSqlServer server = SERVERS.get(serialization);
    try (Connection connection = connect(server, basic());
        Statement statement = connection.createStatement()) {
      // a first query loads the planner's classes, so that the 1 s below is spent scanning,
      // not planning in a cold JVM on a busy machine
      assertThat(count(statement, "select count(*) from small")).isEqualTo(3);
      statement.setQueryTimeout(1);
      long started = System.nanoTime();
      Future<Long> scan = clients.submit(() -> count(statement, SCAN));

      SQLException failure = failure(scan);
      assertThat(millisSince(started)).isBetween(900L, STOP_WITHIN_MILLIS);
      assertThat((Throwable) failure)
          .isInstanceOf(SQLTimeoutException.class)
          .hasMessageContaining("query timeout of 1 s (Statement.setQueryTimeout) expired");
      assertThat((Throwable) failure)
          .hasStackTraceContaining("the client's query timeout of 1 s expired");
      assertScanStopped(server);

      // A quick query under the same timeout answers.
      assertThat(count(statement, "select count(*) from small")).isEqualTo(3);
    }
  }

  @Test
  void cancelOfAPreparedStatementWithABearerTokenOverHttpsStopsTheScan() throws Exception {
    BucketSqlServer server = SERVERS.get(Serialization.PROTOBUF);
    assertThat(server.remoteDriverUrl()).startsWith("jdbc:bucketsql:remote:url=https://");
    Properties token = new Properties();
    token.setProperty("authentication", "BEARER");
    token.setProperty("bearer_token", AuthTest.TOKEN);
    try (Connection connection = connect(server, token);
        PreparedStatement statement = connection.prepareStatement(SCAN)) {
      Future<Long> scan =
          clients.submit(
              () -> {
                try (ResultSet rs = statement.executeQuery()) {
                  rs.next();
                  return rs.getLong(1);
                }
              });
      awaitScanning(server);

      statement.cancel();

      assertThat((Throwable) failure(scan)).hasMessageStartingWith("Query was cancelled");
      assertScanStopped(server);
    }
  }

  /** Connects with the remote driver, with the truststore when the server speaks HTTPS. */
  private static Connection connect(BucketSqlServer server, Properties credentials)
      throws SQLException {
    Properties properties = new Properties();
    properties.putAll(credentials);
    if (server.httpUrl().startsWith("https:")) {
      properties.setProperty("truststore", directory.resolve("trust.p12").toString());
      properties.setProperty("truststore_password", Keystores.PASSWORD);
    }
    return DriverManager.getConnection(server.remoteDriverUrl(), properties);
  }

  /**
   * The properties a BI tool sets for HTTP BASIC (the Avatica driver ignores JDBC user/password).
   */
  private static Properties basic() {
    Properties properties = new Properties();
    properties.setProperty("authentication", "BASIC");
    properties.setProperty("avatica_user", AuthTest.USER);
    properties.setProperty("avatica_password", AuthTest.PASSWORD);
    return properties;
  }

  private void awaitScanning(BucketSqlServer server) throws InterruptedException {
    // Past the LIST answers and the 256 KiB sample the CSV reader sniffs the dialect from:
    // the GET of the scan itself is under way.
    while (server.queries().list().isEmpty() || proxy.bytesToClient() - bytesBefore < 700_000) {
      Thread.sleep(10);
    }
  }

  private void assertScanStopped(BucketSqlServer server) throws InterruptedException {
    CancelFixtures.awaitAbortedGet(proxy, closesBefore);
    assertThat(proxy.bytesToClient() - bytesBefore).isLessThan(bigSize);
    assertThat(server.queries().list()).isEmpty();
  }

  private static SQLException failure(Future<?> scan) throws InterruptedException {
    try {
      scan.get();
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(SQLException.class);
      return (SQLException) e.getCause();
    }
    throw new AssertionError("the scan finished instead of being stopped");
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
