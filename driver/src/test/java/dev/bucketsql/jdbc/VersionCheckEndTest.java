package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.FaultInjectingProxy;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The version checks an engine execution starts ahead of its reads end with it (docs/storage.md,
 * "The range cache"). Through a proxy that never answers the HEADs of some objects, with the range
 * cache warm: a query with LIMIT that has its row before those checks answer ends, and none of its
 * HEADs is retried afterwards (the SDK would retry each one after the socket timeout); a cancel
 * while a scan waits for a check returns at once with SQLSTATE 57014, and no HEAD follows; and a
 * connection closed with such a query open (its SDK client kept open by another connection) leaves
 * no check thread running.
 */
@ExtendWith(S3ServerExtension.class)
class VersionCheckEndTest {
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);
  private static final String HELD = "/h";
  private static final String UNION =
      "SELECT user_id FROM a UNION ALL SELECT user_id FROM h1 UNION ALL SELECT user_id FROM h2"
          + " UNION ALL SELECT user_id FROM h3 UNION ALL SELECT user_id FROM h4";

  @Test
  void aQueryWithLimitEndsAndNoHeadOfItIsSentAfter(S3TestServer server) throws Exception {
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(server.port());
        Connection c = warm(server, proxy, "check-end-limit")) {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + UNION + " LIMIT 2500")) {
        assertThat(rs.next()).isTrue();
        // one engine execution reads the five tables: it starts their checks when it begins
        assertThat(rs.getString(1)).startsWith("EngineLimit").contains("EngineUnion(all=[true])");
      }
      proxy.holdHeads(HELD);
      long mark = heldHeads(proxy);
      long before = System.nanoTime();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(UNION + " LIMIT 2500")) {
        assertThat(rs.next()).isTrue();
        // the first object's rows came before any held check answered
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(SOCKET_TIMEOUT);
        // the other objects' checks are in flight while the query reads its rows from the first
        assertThat(waitFor(() -> heldHeads(proxy) - mark == 4, Duration.ofSeconds(5))).isTrue();
        int n = 1;
        while (rs.next()) {
          assertThat(rs.getInt(1)).isEqualTo(n++);
        }
        assertThat(n).isEqualTo(2500);
      }
      // past the socket timeout and two retries' worth of it, nothing more went out
      Thread.sleep(SOCKET_TIMEOUT.toMillis() * 3);
      assertThat(heldHeads(proxy) - mark).isEqualTo(4);
      assertThat(waitFor(() -> checkThreads() == 0, Duration.ofSeconds(4))).isTrue();
    }
  }

  @Test
  void aCancelWhileAScanWaitsForItsCheckReturnsAtOnce(S3TestServer server) throws Exception {
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(server.port());
        Connection c = warm(server, proxy, "check-end-cancel");
        Statement s = c.createStatement()) {
      proxy.holdHeads(HELD);
      long mark = heldHeads(proxy);
      CompletableFuture<Long> running =
          CompletableFuture.supplyAsync(
              () -> {
                try (ResultSet rs =
                    s.executeQuery("SELECT SUM(user_id) FROM h1 WHERE rating >= 0")) {
                  rs.next();
                  return rs.getLong(1);
                } catch (SQLException e) {
                  throw new java.util.concurrent.CompletionException(e);
                }
              });
      assertThat(waitFor(() -> heldHeads(proxy) - mark == 1, Duration.ofSeconds(10))).isTrue();
      Thread.sleep(200);
      assertThat(running).isNotDone();
      long before = System.nanoTime();
      s.cancel();
      Throwable failure = null;
      try {
        running.get(SOCKET_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        failure = e.getCause();
      }
      assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(SOCKET_TIMEOUT);
      assertThat(failure).isInstanceOf(SQLException.class);
      assertThat(((SQLException) failure).getSQLState()).isEqualTo("57014");
      assertThat(failure).hasMessageContaining("cancel");
      Thread.sleep(SOCKET_TIMEOUT.toMillis() * 3);
      assertThat(heldHeads(proxy) - mark).isEqualTo(1);
    }
  }

  @Test
  void aConnectionClosedWithAQueryOpenLeavesNoCheckThread(S3TestServer server) throws Exception {
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(server.port())) {
      Connection c = warm(server, proxy, "check-end-close");
      // another connection of the same settings keeps the shared SDK client open
      Connection other =
          DriverManager.getConnection(url(proxy, "check-end-close"), S3TestServer.jdbcKeys());
      proxy.holdHeads(HELD);
      long mark = heldHeads(proxy);
      Statement s = c.createStatement();
      ResultSet rs = s.executeQuery(UNION + " LIMIT 100000");
      assertThat(rs.next()).isTrue();
      assertThat(waitFor(() -> heldHeads(proxy) - mark == 4, Duration.ofSeconds(5))).isTrue();
      assertThat(checkThreads()).isPositive();
      c.close();
      assertThat(waitFor(() -> checkThreads() == 0, Duration.ofSeconds(4))).isTrue();
      Thread.sleep(SOCKET_TIMEOUT.toMillis() * 2);
      assertThat(heldHeads(proxy) - mark).isEqualTo(4);
      other.close();
    }
  }

  /**
   * A connection through {@code proxy} with the range cache on, every table read once: {@code a}
   * and {@code h1}..{@code h4}, {@code user_id} 0 .. 2999 each.
   */
  private static Connection warm(S3TestServer server, FaultInjectingProxy proxy, String bucket)
      throws SQLException {
    server.createBucket(bucket);
    for (String t : new String[] {"a", "h1", "h2", "h3", "h4"}) {
      server.putObject(bucket, t + ".parquet", CatalogBucket.parquet(rows(3000)));
    }
    Connection c = DriverManager.getConnection(url(proxy, bucket), S3TestServer.jdbcKeys());
    for (String t : new String[] {"a", "h1", "h2", "h3", "h4"}) {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT SUM(user_id) FROM " + t + " WHERE rating >= 0")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(2999L * 3000 / 2);
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT user_id FROM " + t)) {
        while (rs.next()) {
          // every row, so that the column's ranges are cached
        }
      }
    }
    return c;
  }

  private static String url(FaultInjectingProxy proxy, String bucket) {
    return "jdbc:bucketsql:s3://"
        + bucket
        + "?endpoint="
        + proxy.endpoint()
        + "&region="
        + S3TestServer.REGION
        + "&dataCache=64m&socketTimeout="
        + SOCKET_TIMEOUT.toMillis()
        + "ms&maxAttempts=3&retryBaseDelay=1ms";
  }

  /** The HEADs of the held objects that reached the proxy. */
  private static long heldHeads(FaultInjectingProxy proxy) {
    return proxy.requestLines().stream()
        .filter(l -> l.startsWith("HEAD ") && l.contains(HELD))
        .count();
  }

  /** Threads of the version-check pool alive now. */
  private static long checkThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("bucketsql-version-check-"))
        .count();
  }

  private static boolean waitFor(BooleanSupplier condition, Duration max) throws Exception {
    long deadline = System.nanoTime() + max.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  /** Rows {@code user_id = i}, {@code rating = i % 5}, {@code review = "r" + i}. */
  private static Object[][] rows(int n) {
    Object[][] rows = new Object[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = new Object[] {i, i % 5, "r" + i};
    }
    return rows;
  }
}
