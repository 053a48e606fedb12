package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.datagen.SampleCounts;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** COUNT(*) reaches the scan with no column, so a CSV count converts no field. */
@ExtendWith(S3ServerExtension.class)
class CountStarScanTest {
  private static String explain(Connection c, String sql) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      while (rs.next()) {
        plan.append(rs.getString(1));
      }
    }
    return plan.toString();
  }

  @Test
  void countStarScansNoColumn(S3TestServer server) throws SQLException {
    SampleCounts counts = SampleBucket.ensure(server).counts();
    try (Connection c = SampleBucket.connect(server)) {
      String sql = "SELECT COUNT(*) FROM RAW_interactions";
      assertThat(explain(c, sql)).contains("BucketTableScan").contains("columns=[[]]");
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(counts.interactions());
      }
    }
  }

  @Test
  void groupedCountScansOnlyTheKey(S3TestServer server) throws SQLException {
    SampleBucket.ensure(server);
    try (Connection c = SampleBucket.connect(server)) {
      assertThat(
              explain(c, "SELECT calorie_level, COUNT(*) FROM PP_recipes GROUP BY calorie_level"))
          .contains("columns=[[calorie_level]]");
    }
  }
}
