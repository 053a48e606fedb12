package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
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

/**
 * pgjdbc stops a scan on the PostgreSQL endpoint: {@code Statement.cancel()} (a CancelRequest with
 * the BackendKeyData), {@code setQueryTimeout} (pgjdbc sends the same request when its timer
 * fires), the server's own query timeout, and the status page's cancel (the query registry).
 * "Stops" means the server's GET of a 6 MB CSV behind a slow proxy was aborted, and the connection
 * answers the next query.
 */
@ExtendWith(S3ServerExtension.class)
@Timeout(value = 25, unit = TimeUnit.SECONDS)
class PgCancelTest {
  private static final String BUCKET = "pg-cancel";
  private static final String SCAN = "select count(*) from big";
  private static final long STOP_WITHIN_MILLIS = 10_000;

  private static int bigSize;
  private static ExecutorService clients;
  private static ThrottlingProxy proxy;
  private static BucketSqlServer server;
  private static BucketSqlServer timeoutServer;

  private int closesBefore;
  private long bytesBefore;

  @BeforeAll
  static void start(S3TestServer s3) throws Exception {
    bigSize = CancelFixtures.uploadScanData(s3, BUCKET);
    clients = Executors.newCachedThreadPool();
    proxy = new ThrottlingProxy(s3.port(), 16 * 1024, 20);
    String url = CancelFixtures.bucketUrl(BUCKET, proxy.endpoint());
    server =
        TestServers.start(
            BucketSqlServer.builder(url)
                .properties(S3TestServer.jdbcKeys())
                .avatica(false)
                .pgPort(0));
    timeoutServer =
        TestServers.start(
            BucketSqlServer.builder(url)
                .properties(S3TestServer.jdbcKeys())
                .avatica(false)
                .pgPort(0)
                .queryTimeout(Duration.ofSeconds(1)));
    // A cold JVM plans its first query slowly; the timings below are about the scan.
    try (Connection c = connect(server);
        Statement s = c.createStatement()) {
      count(s, "select count(*) from small");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    clients.shutdownNow();
    server.close();
    timeoutServer.close();
    proxy.close();
  }

  @BeforeEach
  void countFromHere() throws InterruptedException {
    CancelFixtures.awaitIdle(proxy);
    closesBefore = proxy.clientCloses();
    bytesBefore = proxy.bytesToClient();
  }

  @Test
  void statementCancelStopsTheScan() throws Exception {
    try (Connection c = connect(server);
        Statement s = c.createStatement()) {
      Future<Long> scan = clients.submit(() -> count(s, SCAN));
      awaitScanning(server);
      s.cancel();
      SQLException failure = failure(scan);
      assertThat(failure.getSQLState()).isEqualTo("57014");
      assertThat((Throwable) failure)
          .hasMessageContaining("canceling statement due to user request");
      assertScanStopped(server);
      assertThat(count(s, "select count(*) from small")).isEqualTo(3);
    }
  }

  @Test
  void clientQueryTimeoutStopsTheScan() throws Exception {
    try (Connection c = connect(server);
        Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      long started = System.nanoTime();
      SQLException failure = failure(clients.submit(() -> count(s, SCAN)));
      assertThat((System.nanoTime() - started) / 1_000_000).isBetween(900L, STOP_WITHIN_MILLIS);
      assertThat(failure.getSQLState()).isEqualTo("57014");
      // On a loaded machine the timer may fire while the query is still being planned:
      // then it never starts, and there is no GET to abort. Either way nothing runs on.
      assertThat(proxy.bytesToClient() - bytesBefore).isLessThan(bigSize);
      assertThat(server.queries().list()).isEmpty();
      assertThat(count(s, "select count(*) from small")).isEqualTo(3);
    }
  }

  @Test
  void serverQueryTimeoutStopsTheScan() throws Exception {
    try (Connection c = connect(timeoutServer);
        Statement s = c.createStatement()) {
      SQLException failure = failure(clients.submit(() -> count(s, SCAN)));
      assertThat(failure.getSQLState()).isEqualTo("57014");
      assertThat((Throwable) failure).hasMessageContaining("the statement timeout is 1 s");
      assertScanStopped(timeoutServer);
      assertThat(count(s, "select count(*) from small")).isEqualTo(3);
    }
  }

  @Test
  void statusPageCancelStopsTheScan() throws Exception {
    try (Connection c = connect(server);
        Statement s = c.createStatement()) {
      Future<Long> scan = clients.submit(() -> count(s, SCAN));
      awaitScanning(server);
      RunningQuery query = server.queries().list().get(0);
      assertThat(query.sql()).isEqualTo(SCAN);
      assertThat(query.connectionId()).startsWith("pg-");
      assertThat(query.executing()).isTrue();
      assertThat(server.queries().cancel(query.id(), "cancelled from the status page")).isTrue();
      SQLException failure = failure(scan);
      assertThat(failure.getSQLState()).isEqualTo("57014");
      assertScanStopped(server);
    }
  }

  private static Connection connect(BucketSqlServer target) throws SQLException {
    return DriverManager.getConnection(target.pgUrl(), "anyone", "");
  }

  private void awaitScanning(BucketSqlServer target) throws InterruptedException {
    while (target.queries().list().isEmpty() || proxy.bytesToClient() - bytesBefore < 700_000) {
      Thread.sleep(10);
    }
  }

  private void assertScanStopped(BucketSqlServer target) throws InterruptedException {
    CancelFixtures.awaitAbortedGet(proxy, closesBefore);
    assertThat(proxy.bytesToClient() - bytesBefore).isLessThan(bigSize);
    assertThat(target.queries().list()).isEmpty();
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

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
