package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An engine plan over two Parquet objects with the range cache on starts the version checks of both
 * when it begins (docs/storage.md, "The range cache"): a warm query asks the server once per
 * object, answers as the cold one did, and an object rewritten between two queries fails the next
 * query with "changed, rerun" (never an answer from the old version's cached bytes), after which
 * the rerun reads the new version.
 */
@ExtendWith(S3ServerExtension.class)
class VersionCheckAheadTest {
  private static final String BUCKET = "check-ahead";
  private static final String JOIN =
      "SELECT COUNT(*), SUM(l.rating * r.rating) FROM l JOIN r ON l.user_id = r.user_id";

  @Test
  void aWarmJoinAsksOncePerObjectAndSeesARewrite(S3TestServer server) throws Exception {
    server.createBucket(BUCKET);
    server.putObject(BUCKET, "l.parquet", CatalogBucket.parquet(rows(4000, 3)));
    server.putObject(BUCKET, "r.parquet", CatalogBucket.parquet(rows(3000, 7)));
    try (Connection c =
        DriverManager.getConnection(
            server.jdbcUrl(BUCKET) + "&dataCache=64m", S3TestServer.jdbcKeys())) {
      assertThat(explain(c)).contains("EngineHashJoin").contains("EngineScan");
      String cold = answer(c);
      assertThat(cold).isEqualTo(expected(4000, 3, 3000, 7));
      for (int run = 0; run < 3; run++) {
        long before = BucketSqlConnections.ioStats(c).headRequests();
        assertThat(answer(c)).isEqualTo(cold);
        assertThat(BucketSqlConnections.ioStats(c).headRequests() - before)
            .as("HEADs of warm run %d", run)
            .isEqualTo(2);
        // made when the execution began, for the query, not by the scans when they read: a scan
        // that had asked would count its HEAD in its own report
        assertThat(BucketSqlConnections.latestScans(c))
            .hasSize(2)
            .allSatisfy(r -> assertThat(r.fetched().headRequests()).isZero());
      }

      server.putObject(BUCKET, "r.parquet", CatalogBucket.parquet(rows(2000, 11)));
      assertThatThrownBy(() -> answer(c))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("'r.parquet' changed")
          .hasMessageContaining("rerun the query");
      assertThat(answer(c)).isEqualTo(expected(4000, 3, 2000, 11));
      assertThat(answer(c)).isEqualTo(expected(4000, 3, 2000, 11));
    }
  }

  /** Rows {@code user_id = i}, {@code rating = i % mod}, {@code review = "r" + i}. */
  private static Object[][] rows(int n, int mod) {
    Object[][] rows = new Object[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = new Object[] {i, i % mod, "r" + i};
    }
    return rows;
  }

  /** The join's answer computed here: ids {@code 0 .. min(n, m) - 1} match once each. */
  private static String expected(int n, int mod, int m, int mod2) {
    long count = Math.min(n, m);
    long sum = 0;
    for (int i = 0; i < count; i++) {
      sum += (long) (i % mod) * (i % mod2);
    }
    return count + "|" + sum;
  }

  private static String answer(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(JOIN)) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1) + "|" + rs.getLong(2);
    }
  }

  private static String explain(Connection c) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + JOIN)) {
      while (rs.next()) {
        plan.append(rs.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }
}
