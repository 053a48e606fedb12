package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.storage.IoStats;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Statement.cancel() and setQueryTimeout stop a running scan and its download. */
@ExtendWith(S3ServerExtension.class)
class StatementCancelTest {
  private static final String BUCKET = "cancel";
  private static final int ROWS = 400_000;
  private static long objectSize;

  @BeforeAll
  static void upload(S3TestServer server) {
    StringBuilder csv = new StringBuilder("id,text\n");
    for (int i = 0; i < ROWS; i++) {
      csv.append(i).append(",\"row ").append(i).append(", with a comma and some padding text\"\n");
    }
    byte[] data = csv.toString().getBytes(StandardCharsets.UTF_8);
    objectSize = data.length;
    server.createBucket(BUCKET);
    server.putObject(BUCKET, "big.csv", data);
  }

  private static Connection connect(S3TestServer server) throws SQLException {
    Properties props = S3TestServer.jdbcKeys();
    return DriverManager.getConnection(server.jdbcUrl(BUCKET), props);
  }

  @Test
  void cancelStopsTheScanAndItsDownload(S3TestServer server) throws SQLException {
    try (Connection c = connect(server);
        Statement s = c.createStatement()) {
      IoStats stats = BucketSqlConnections.ioStats(c);
      IoStats.Snapshot before = stats.snapshot();
      ResultSet rs = s.executeQuery("SELECT id, text FROM big");
      for (int i = 0; i < 100; i++) {
        assertThat(rs.next()).isTrue();
      }
      s.cancel();
      assertThatThrownBy(
              () -> {
                while (rs.next()) {
                  // the scan must stop
                }
              })
          .hasStackTraceContaining("cancel");
      long fetched = stats.snapshot().minus(before).bytesFetched();
      assertThat(fetched).isLessThan(objectSize / 4);
    }
  }

  @Test
  void queryTimeoutStopsASlowConsumer(S3TestServer server) throws Exception {
    try (Connection c = connect(server);
        Statement s = c.createStatement()) {
      // planned once without a timeout (plans are cached): the timeout then passes while the
      // rows are read, not while a cold JVM plans the statement
      s.executeQuery("SELECT id FROM big").close();
      s.setQueryTimeout(1);
      ResultSet rs = s.executeQuery("SELECT id FROM big");
      assertThatThrownBy(
              () -> {
                while (rs.next()) {
                  Thread.sleep(5);
                }
              })
          .hasStackTraceContaining("query timed out after 1000 ms");
    }
  }
}
