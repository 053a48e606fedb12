package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code LIMIT} over a CSV object of several megabytes fetches only its head: the scan stops and
 * its download is dropped once the rows are read, as counted by the connection's {@link IoStats}.
 */
@ExtendWith(S3ServerExtension.class)
class LimitStopsDownloadTest {
  private static final Logger LOG = LoggerFactory.getLogger(LimitStopsDownloadTest.class);
  private static final String BUCKET = "limit-stops-download";
  private static final int TARGET_BYTES = 16 * 1024 * 1024;

  private static S3TestServer server;
  private static int rowsWritten;
  private static int objectSize;

  @BeforeAll
  static void upload(S3TestServer shared) {
    server = shared;
    StringBuilder csv = new StringBuilder(TARGET_BYTES + 1024);
    csv.append("id,name,note,amount\n");
    int id = 0;
    while (csv.length() < TARGET_BYTES) {
      // Quoted commas (and a doubled quote) in every row, so the scan must parse, not split.
      csv.append(id)
          .append(",\"name ")
          .append(id)
          .append(", the ")
          .append(id % 7 == 0 ? "\"\"seventh\"\"" : "plain")
          .append(" one\",\"a, b, c, ")
          .append(Integer.toHexString(id * 31))
          .append(", lorem ipsum dolor sit amet, consectetur adipiscing elit\",")
          .append(id % 1000)
          .append('.')
          .append(id % 10)
          .append('\n');
      id++;
    }
    rowsWritten = id;
    byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
    objectSize = bytes.length;
    server.createBucket(BUCKET);
    server.putObject(BUCKET, "big.csv", bytes);
  }

  private static Connection connect() throws SQLException {
    Properties props = S3TestServer.jdbcKeys();
    return DriverManager.getConnection(server.jdbcUrl(BUCKET), props);
  }

  @Test
  void limitFetchesOnlyTheHead() throws SQLException {
    assertThat(objectSize).isGreaterThanOrEqualTo(TARGET_BYTES);
    try (Connection c = connect()) {
      IoStats stats = BucketSqlConnections.ioStats(c);
      IoStats.Snapshot before = stats.snapshot();
      int rows = 0;
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM big LIMIT 10")) {
        while (rs.next()) {
          assertThat(rs.getInt("id")).isEqualTo(rows);
          assertThat(rs.getString("name"))
              .isEqualTo(
                  "name " + rows + ", the " + (rows % 7 == 0 ? "\"seventh\"" : "plain") + " one");
          assertThat(rs.getString("note"))
              .startsWith("a, b, c, " + Integer.toHexString(rows * 31) + ", lorem");
          rows++;
        }
      }
      IoStats.Snapshot fetched = stats.snapshot().minus(before);
      LOG.info("LIMIT 10 of a {}-byte object fetched {}", objectSize, fetched);
      assertThat(rows).isEqualTo(10);
      assertThat(fetched.bytesFetched())
          .as("bytes fetched for LIMIT 10 of a %d-byte object: %s", objectSize, fetched)
          .isPositive()
          .isLessThan(1024 * 1024);
    }
  }

  @Test
  void countReadsEveryRow() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      IoStats stats = BucketSqlConnections.ioStats(c);
      IoStats.Snapshot before = stats.snapshot();
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM big")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(rowsWritten);
      }
      // The same accounting sees the whole object when the whole object is needed.
      assertThat(stats.snapshot().minus(before).bytesFetched()).isGreaterThanOrEqualTo(objectSize);
    }
  }
}
