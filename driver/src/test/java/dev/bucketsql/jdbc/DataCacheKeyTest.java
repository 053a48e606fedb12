package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.calcite.pushdown.ScanReport;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code dataCache} connection key, through the driver and a real S3 server: with a cache, a
 * query over the ranges the one before it read fetches almost nothing and answers the same; {@code
 * 0} fetches them again; a size that is not one fails the connection with the fix.
 */
@ExtendWith(S3ServerExtension.class)
class DataCacheKeyTest {
  private static final String SQL =
      "SELECT id, name FROM events WHERE id BETWEEN 2500 AND 3500 ORDER BY id";
  private static S3TestServer server;

  @BeforeAll
  static void upload(S3TestServer shared) {
    server = shared;
    ParquetEventsFile.ensure(server);
  }

  private static Connection connect(String query) throws SQLException {
    return DriverManager.getConnection(
        server.jdbcUrl(ParquetEventsFile.BUCKET) + query, S3TestServer.jdbcKeys());
  }

  private static List<String> rows(Connection c) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(SQL)) {
      while (rs.next()) {
        rows.add(rs.getLong(1) + "|" + rs.getString(2));
      }
    }
    return rows;
  }

  @Test
  void aQueryOverRangesReadBeforeFetchesAlmostNothing() throws SQLException {
    try (Connection c = connect("&dataCache=64m")) {
      List<String> first = rows(c);
      ScanReport cold = BucketSqlConnections.latestScans(c).get(0);
      List<String> second = rows(c);
      ScanReport warm = BucketSqlConnections.latestScans(c).get(0);
      assertThat(first).hasSize(1001);
      assertThat(second).isEqualTo(first);
      assertThat(cold.fetched().bytesFetched()).isPositive();
      assertThat(cold.fetched().getRequests()).isPositive();
      // The pages come from the cache; what may remain are small reads of parquet-java's that
      // start where no earlier one did (a few hundred bytes in one or two requests here, against
      // 144 KB in 8 cold: which ones depends on the order the workers read the row groups in).
      assertThat(warm.fetched().bytesFetched()).isLessThan(cold.fetched().bytesFetched() / 100);
      assertThat(warm.fetched().getRequests()).isLessThan(cold.fetched().getRequests());
      assertThat(warm.pruning()).isEqualTo(cold.pruning());
    }
  }

  @Test
  void aWarmQueryAsksTheServerOncePerObjectNotOncePerRowGroup() throws SQLException {
    String all = "SELECT COUNT(*), SUM(id), MAX(name) FROM events";
    try (Connection c = connect("&dataCache=64m");
        Statement s = c.createStatement()) {
      String first = oneRow(s, all);
      for (int run = 0; run < 2; run++) {
        assertThat(oneRow(s, all)).isEqualTo(first);
        List<ScanReport> scans = BucketSqlConnections.latestScans(c);
        long heads = scans.stream().mapToLong(r -> r.fetched().headRequests()).sum();
        // The scan's pieces read the row groups from the cache through inputs of their own; they
        // read one version, confirmed with the server once for the query.
        assertThat(first).startsWith(ParquetEventsFile.ROWS + "|");
        assertThat(heads).as("HEADs of one warm query over %s", scans).isEqualTo(1);
      }
    }
  }

  private static String oneRow(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1) + "|" + rs.getLong(2) + "|" + rs.getString(3);
    }
  }

  @Test
  void zeroFetchesEveryRangeAgain() throws SQLException {
    try (Connection c = connect("&dataCache=0")) {
      List<String> first = rows(c);
      ScanReport cold = BucketSqlConnections.latestScans(c).get(0);
      assertThat(rows(c)).isEqualTo(first);
      ScanReport again = BucketSqlConnections.latestScans(c).get(0);
      assertThat(again.fetched().bytesFetched())
          .isPositive()
          .isEqualTo(cold.fetched().bytesFetched());
    }
  }

  @Test
  void aValueThatIsNotASizeFailsTheConnection() {
    Properties p = S3TestServer.jdbcKeys();
    p.setProperty("dataCache", "plenty");
    assertThatThrownBy(
            () -> DriverManager.getConnection(server.jdbcUrl(ParquetEventsFile.BUCKET), p))
        .isInstanceOf(SQLNonTransientConnectionException.class)
        .hasMessageContaining("dataCache 'plenty' is not a size");
  }
}
