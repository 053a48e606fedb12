package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A long scan of a CSV object, served by the BucketSQL driver through the server, is stopped by
 * each remote means: the client closing the connection from another thread, the status page's
 * cancel, the server's query timeout, and the client's queryTimeout property. "Stopped" means the
 * server's HTTP GET to the bucket was aborted (the slow proxy in front of S3 sees the client close
 * the connection before the object was sent in full), not only that the client got an error.
 */
@ExtendWith(S3ServerExtension.class)
// Hang guards only: each test runs for a second or two. They stay below the 30 s the server
// waits for a cancelled query, so a cancel that does not stop the scan fails the test.
@Timeout(value = 25, unit = TimeUnit.SECONDS)
class RemoteCancelTest {
  private static final String BUCKET = "remote-cancel";
  private static final String SCAN = "select count(*) from big";

  private static S3TestServer s3;
  private static int bigSize;
  private static ExecutorService clients;

  @BeforeAll
  static void data(S3TestServer server) {
    s3 = server;
    bigSize = CancelFixtures.uploadScanData(s3, BUCKET);
    clients = Executors.newCachedThreadPool();
  }

  @AfterAll
  static void stopClients() {
    clients.shutdownNow();
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void closingTheConnectionFromAnotherThreadStopsTheScan(Serialization serialization)
      throws Exception {
    try (ThrottlingProxy proxy = slowProxy();
        BucketSqlServer server = start(proxy, serialization, Duration.ZERO)) {
      Connection connection = DriverManager.getConnection(server.clientUrl());
      Future<?> scan = clients.submit(() -> count(connection, SCAN));
      awaitScanning(server, proxy);

      connection.close(); // returns once the server has stopped the query

      assertThat(failure(scan))
          .contains("was cancelled on the server: its connection was closed by the client");
      CancelFixtures.awaitAbortedGet(proxy);
      assertThat(proxy.bytesToClient()).isLessThan(bigSize);
      assertThat(server.queries().list()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void statusPageCancelStopsTheScanAndTheConnectionLivesOn(Serialization serialization)
      throws Exception {
    try (ThrottlingProxy proxy = slowProxy();
        BucketSqlServer server = start(proxy, serialization, Duration.ZERO);
        Connection connection = DriverManager.getConnection(server.clientUrl())) {
      Future<?> scan = clients.submit(() -> count(connection, SCAN));
      awaitScanning(server, proxy);

      HttpClient http = HttpClient.newHttpClient();
      String listing =
          http.send(
                  HttpRequest.newBuilder(URI.create(server.httpUrl() + "/queries")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(listing)
          .contains("\"sql\":\"select count(*) from big\"")
          .contains("\"state\":\"executing\"");
      Matcher bytes = Pattern.compile("\"bytesFetched\":(\\d+)").matcher(listing);
      assertThat(bytes.find()).as(listing).isTrue();
      Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(listing);
      assertThat(id.find()).isTrue();
      String html =
          http.send(
                  HttpRequest.newBuilder(URI.create(server.httpUrl() + "/status")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(html)
          .contains("select count(*) from big")
          .contains("/queries/" + id.group(1) + "/cancel");

      HttpResponse<String> cancel =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(server.httpUrl() + "/queries/" + id.group(1) + "/cancel"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);

      assertThat(failure(scan)).contains("cancelled on the server: cancelled from the status page");
      CancelFixtures.awaitAbortedGet(
          proxy); // while the connection is still open: the cancel aborted it
      assertThat(proxy.bytesToClient()).isLessThan(bigSize);
      assertThat(count(connection, "select count(*) from small")).isEqualTo(3);
    }
  }

  @Test
  void crossSiteCancelIsRefused() throws Exception {
    try (BucketSqlServer server = TestServers.start(TestServers.builder())) {
      HttpResponse<String> cancel =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(server.httpUrl() + "/queries/1/cancel"))
                      .header("Origin", "http://evil.example")
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(cancel.statusCode()).isEqualTo(403);
    }
  }

  @Test
  void serverQueryTimeoutStopsTheScan() throws Exception {
    try (ThrottlingProxy proxy = slowProxy();
        BucketSqlServer server = start(proxy, Serialization.PROTOBUF, Duration.ofSeconds(1));
        Connection connection = DriverManager.getConnection(server.clientUrl())) {
      Future<?> scan = clients.submit(() -> countPrepared(connection, SCAN));
      assertThat(failure(scan)).contains("timed out").contains("--query-timeout");
      CancelFixtures.awaitAbortedGet(proxy);
      assertThat(proxy.bytesToClient()).isLessThan(bigSize);
    }
  }

  @Test
  void clientQueryTimeoutPropertyStopsTheScan() throws Exception {
    try (ThrottlingProxy proxy = slowProxy();
        BucketSqlServer server = start(proxy, Serialization.JSON, Duration.ofMinutes(10));
        Connection connection =
            DriverManager.getConnection(server.clientUrl(), timeoutProperty())) {
      Future<?> scan = clients.submit(() -> countPrepared(connection, SCAN));
      assertThat(failure(scan)).contains("timed out after 1000 ms");
      CancelFixtures.awaitAbortedGet(proxy);
      assertThat(proxy.bytesToClient()).isLessThan(bigSize);
    }
  }

  /** A driver property, as a BI tool sets it: the Avatica client sends these, not URL keys. */
  private static Properties timeoutProperty() {
    Properties properties = new Properties();
    properties.setProperty("queryTimeout", "1");
    return properties;
  }

  /** About 800 KB/s: the 6 MB object takes several seconds. */
  private static ThrottlingProxy slowProxy() throws Exception {
    return new ThrottlingProxy(s3.port(), 16 * 1024, 20);
  }

  private static BucketSqlServer start(
      ThrottlingProxy proxy, Serialization serialization, Duration timeout) {
    Properties keys = S3TestServer.jdbcKeys();
    String url = CancelFixtures.bucketUrl(BUCKET, proxy.endpoint());
    return TestServers.start(
        BucketSqlServer.builder(url)
            .properties(keys)
            .port(0)
            .serialization(serialization)
            .queryTimeout(timeout));
  }

  private static void awaitScanning(BucketSqlServer server, ThrottlingProxy proxy)
      throws InterruptedException {
    // Past the LIST answers and the 256 KiB sample the CSV reader sniffs the dialect from:
    // the GET of the scan itself is under way.
    while (server.queries().list().isEmpty() || proxy.bytesToClient() < 700_000) {
      Thread.sleep(10);
    }
  }

  private static String failure(Future<?> scan) throws InterruptedException {
    try {
      scan.get();
    } catch (ExecutionException e) {
      StringBuilder messages = new StringBuilder();
      for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
        messages.append(t.getMessage()).append('\n');
      }
      return messages.toString();
    }
    throw new AssertionError("the scan finished instead of being stopped");
  }

  /**
   * The count, by a prepared statement: the server plans it when it is prepared, so that the query
   * timeout, which starts when it executes, passes while the scan reads. A plain statement would be
   * planned under the timeout, and a fresh server lists the bucket and sniffs the object through
   * the slow proxy while it plans: a timeout then stops the statement before the scan's GET starts
   * ({@code PlanningStopTest} covers that).
   */
  private static long countPrepared(Connection connection, String sql) throws Exception {
    try (PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rs = statement.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long count(Connection connection, String sql) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
