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
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A client that stops mid-result and never comes back (killed: it sends nothing more) does not hold
 * its query for good: the statement and connection idle timeouts release it on their own, with no
 * other client's request to trigger the expiry, and the status page's cancel releases it at once.
 * Released means gone from the status page, with its GET to the bucket aborted (the proxy in front
 * of S3 sees the close before the object was sent in full). A connection whose one request runs
 * longer than the idle timeout is not idle.
 */
@ExtendWith(S3ServerExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS) // hang guard
class AbandonedClientTest {
  private static final String BUCKET = "abandoned";

  private static S3TestServer s3;
  private static int bigSize;

  @BeforeAll
  static void data(S3TestServer server) {
    s3 = server;
    bigSize = CancelFixtures.uploadScanData(s3, BUCKET);
  }

  @Test
  void theStatementIdleTimeoutReleasesAnAbandonedResult() throws Exception {
    try (ThrottlingProxy proxy = new ThrottlingProxy(s3.port(), 16 * 1024, 20);
        BucketSqlServer server = start(proxy, Duration.ofMinutes(5), Duration.ofMillis(800))) {
      Connection abandoned = DriverManager.getConnection(server.clientUrl());
      readAFewRows(abandoned);
      assertThat(server.queries().list()).hasSize(1);

      awaitNoQueries(server, Duration.ofSeconds(5));
      CancelFixtures.awaitAbortedGet(proxy);
      assertThat(proxy.bytesToClient()).isLessThan(bigSize);
      assertThat(queriesJson(server)).isEqualTo("{\"queries\":[]}");
      // The connection itself is not idle-expired yet, and still works.
      assertThat(count(abandoned, "select count(*) from small")).isEqualTo(3);
      abandoned.close();
    }
  }

  @Test
  void theConnectionIdleTimeoutReleasesItAndItsPool() throws Exception {
    try (ThrottlingProxy proxy = new ThrottlingProxy(s3.port(), 16 * 1024, 20);
        BucketSqlServer server = start(proxy, Duration.ofMillis(800), Duration.ofMinutes(5))) {
      Connection abandoned = DriverManager.getConnection(server.clientUrl());
      readAFewRows(abandoned);

      awaitNoQueries(server, Duration.ofSeconds(5));
      CancelFixtures.awaitAbortedGet(proxy);
      assertThat(proxy.bytesToClient()).isLessThan(bigSize);
      // The connection closed its store, the last on its client: no socket to S3 stays open.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (proxy.openConnections() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(proxy.openConnections()).isZero();
      assertThat(server.queries().list()).isEmpty();
    }
  }

  @Test
  void theStatusPageCancelReleasesAResultWaitingForItsClient() throws Exception {
    try (ThrottlingProxy proxy = new ThrottlingProxy(s3.port(), 16 * 1024, 20);
        BucketSqlServer server = start(proxy, Duration.ofMinutes(5), Duration.ofMinutes(5));
        Connection connection = DriverManager.getConnection(server.clientUrl())) {
      readAFewRows(connection);
      RunningQuery query = server.queries().list().get(0);
      assertThat(query.executing()).isFalse(); // waiting for the client to fetch

      HttpResponse<String> cancel =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(server.httpUrl() + "/queries/" + query.id() + "/cancel"))
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);

      assertThat(server.queries().list()).isEmpty();
      assertThat(query.statementClosed()).isTrue();
      CancelFixtures.awaitAbortedGet(proxy);
      assertThat(proxy.bytesToClient()).isLessThan(bigSize);
      assertThat(count(connection, "select count(*) from small")).isEqualTo(3);
    }
  }

  @Test
  void aConnectionWithARequestInFlightIsNotIdle() throws Exception {
    // About 3 MB/s: the count takes about two seconds, far past the 300 ms idle timeout.
    try (ThrottlingProxy proxy = new ThrottlingProxy(s3.port(), 16 * 1024, 5);
        BucketSqlServer server = start(proxy, Duration.ofMillis(300), Duration.ofMillis(300));
        Connection connection = DriverManager.getConnection(server.clientUrl())) {
      assertThat(count(connection, "select count(*) from big")).isGreaterThan(100_000);
      assertThat(count(connection, "select count(*) from small")).isEqualTo(3);
    }
  }

  private static BucketSqlServer start(
      ThrottlingProxy proxy, Duration connectionIdle, Duration statementIdle) {
    return TestServers.start(
        BucketSqlServer.builder(CancelFixtures.bucketUrl(BUCKET, proxy.endpoint()))
            .properties(S3TestServer.jdbcKeys())
            .port(0)
            .connectionIdleTimeout(connectionIdle)
            .statementIdleTimeout(statementIdle));
  }

  /** Starts the big scan with small frames and reads a few rows, leaving the rest unread. */
  private static void readAFewRows(Connection connection) throws Exception {
    Statement statement = connection.createStatement();
    statement.setFetchSize(20);
    ResultSet rs = statement.executeQuery("select * from big");
    for (int i = 0; i < 50; i++) {
      assertThat(rs.next()).isTrue();
    }
    // never closed: the client is gone as far as the server can tell
  }

  private static void awaitNoQueries(BucketSqlServer server, Duration within)
      throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!server.queries().list().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(server.queries().list()).as("queries still listed after %s", within).isEmpty();
  }

  private static String queriesJson(BucketSqlServer server) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(server.httpUrl() + "/queries")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body()
        .replace(" ", "");
  }

  private static long count(Connection connection, String sql) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
