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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Connections of equal settings hold one catalog, counted by reference: it closes with the last of
 * them, and settings that shape the tables differently (CSV keys) get a catalog of their own. Each
 * connection's request counters count its own scans only.
 */
@ExtendWith(S3ServerExtension.class)
class SharedCatalogsTest {
  private static final String BUCKET = "shared-catalogs";

  @Test
  void equalSettingsShareOneCatalogUntilTheLastConnectionCloses(S3TestServer server)
      throws SQLException {
    server.createBucket(BUCKET);
    server.putObject(BUCKET, "t.csv", "x;y\n1;2\n3;4\n".getBytes(StandardCharsets.UTF_8));
    String url = server.jdbcUrl(BUCKET);
    int before = SharedCatalogs.open();
    Connection a = DriverManager.getConnection(url, S3TestServer.jdbcKeys());
    Connection b = DriverManager.getConnection(url, S3TestServer.jdbcKeys());
    assertThat(SharedCatalogs.open()).isEqualTo(before + 1);
    Connection comma =
        DriverManager.getConnection(url + "&csv.delimiter=,", S3TestServer.jdbcKeys());
    assertThat(SharedCatalogs.open()).isEqualTo(before + 2);
    IoStats.Snapshot bBefore = BucketSqlConnections.ioStats(b).snapshot();
    assertThat(one(a, "SELECT SUM(x) FROM t")).isEqualTo(4);
    // the shared catalog's scan of a counts for a, not for b
    assertThat(BucketSqlConnections.ioStats(a).getRequests()).isPositive();
    assertThat(BucketSqlConnections.ioStats(b).snapshot()).isEqualTo(bBefore);
    assertThat(one(b, "SELECT SUM(y) FROM t")).isEqualTo(6);
    assertThat(BucketSqlConnections.ioStats(b).snapshot().minus(bBefore).bytesFetched())
        .isEqualTo(12);
    // with ',' the header 'x;y' is one column: the other catalog's table, not a shared one
    assertThat(one(comma, "SELECT COUNT(*) FROM t")).isEqualTo(2);
    comma.close();
    a.close();
    assertThat(SharedCatalogs.open()).isEqualTo(before + 1);
    assertThat(one(b, "SELECT SUM(x) FROM t")).isEqualTo(4);
    b.close();
    assertThat(SharedCatalogs.open()).isEqualTo(before);
  }

  private static long one(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }
}
