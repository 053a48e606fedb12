package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code fused} connection key: {@code false} runs Calcite's aggregate where the plan has a
 * fused one, with the same answers; on by default, and off whenever pushdown is off; the switch is
 * read per execution, so one statement text follows it.
 */
@ExtendWith(S3ServerExtension.class)
class CatalogFusedKeyTest {
  private static final String SQL =
      "SELECT name, COUNT(*) AS n, MIN(id) AS lo, SUM(score) AS s FROM events GROUP BY name ORDER BY name";
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
        rows.add(
            rs.getString(1) + "|" + rs.getLong(2) + "|" + rs.getInt(3) + "|" + rs.getDouble(4));
      }
    }
    return rows;
  }

  @Test
  void fusedFalseGivesTheSameAnswers() throws SQLException {
    List<String> fused;
    try (Connection c = connect("")) {
      assertThat(BucketSqlConnections.fused(c)).isTrue();
      fused = rows(c);
      BucketSqlConnections.setFused(c, false);
      assertThat(BucketSqlConnections.fused(c)).isFalse();
      assertThat(rows(c)).isEqualTo(fused);
    }
    assertThat(fused).isNotEmpty();
    try (Connection c = connect("&fused=false")) {
      assertThat(BucketSqlConnections.fused(c)).isFalse();
      assertThat(rows(c)).isEqualTo(fused);
    }
    try (Connection c = connect("&pushdown=false&fused=true")) {
      assertThat(BucketSqlConnections.fused(c)).isFalse();
    }
  }

  @Test
  void aValueOtherThanTrueOrFalseFailsTheConnection() {
    assertThatThrownBy(() -> connect("&fused=sometimes"))
        .isInstanceOf(SQLNonTransientConnectionException.class)
        .hasMessage("setting fused='sometimes' is not valid: expected true or false");
  }
}
