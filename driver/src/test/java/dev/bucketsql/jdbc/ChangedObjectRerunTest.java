package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An object rewritten after the connection listed it fails the next query with "changed, rerun the
 * query", and the rerun on the same connection (well within the listing's TTL) reads the new
 * version: the failure makes the catalog look that object up again. The same with the range cache
 * on: a range it holds of the old version is never an answer.
 */
@ExtendWith(S3ServerExtension.class)
class ChangedObjectRerunTest {
  private static final String BUCKET = "rerun";

  @ParameterizedTest(name = "settings \"{0}\"")
  @ValueSource(strings = {"", "&dataCache=64m"})
  void aRerunAfterAChangeReadsTheNewVersion(String settings, S3TestServer server) throws Exception {
    server.createBucket(BUCKET);
    put(server, "t.csv", "x\n1\n2\n");
    Object[][] rows = new Object[3000][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = new Object[] {i, i % 5, "review number " + i};
    }
    server.putObject(BUCKET, "p.parquet", CatalogBucket.parquet(rows));
    try (Connection c =
        DriverManager.getConnection(server.jdbcUrl(BUCKET) + settings, S3TestServer.jdbcKeys())) {
      assertThat(sum(c, "SELECT SUM(x) FROM t")).isEqualTo(3);
      assertThat(sum(c, "SELECT SUM(user_id) FROM p")).isEqualTo(2999L * 3000 / 2);

      put(server, "t.csv", "x\n10\n20\n30\n");
      assertThatThrownBy(() -> sum(c, "SELECT SUM(x) FROM t"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("'t.csv' changed")
          .hasMessageContaining("rerun the query");
      assertThat(sum(c, "SELECT SUM(x) FROM t")).isEqualTo(60);

      // A Parquet object replaced by a smaller one: the old footer's ranges no longer fit.
      server.putObject(BUCKET, "p.parquet", CatalogBucket.parquet(new Object[][] {{7, 1, "one"}}));
      assertThatThrownBy(() -> sum(c, "SELECT SUM(user_id) FROM p"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("'p.parquet' changed")
          .hasMessageNotContaining("416");
      assertThat(sum(c, "SELECT SUM(user_id) FROM p")).isEqualTo(7);
    }
  }

  private static void put(S3TestServer server, String key, String text) {
    server.putObject(BUCKET, key, text.getBytes(StandardCharsets.UTF_8));
  }

  private static long sum(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }
}
