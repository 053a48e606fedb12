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
 * The {@code pushdown} connection key: {@code false} makes every scan of the connection read every
 * row group (the scan reports say pushdown was off and nothing was skipped), with the same answers
 * as with pushdown on; {@code true} is the default.
 */
@ExtendWith(S3ServerExtension.class)
class CatalogPushdownKeyTest {
  private static final String SQL =
      "SELECT id, name FROM events WHERE id BETWEEN 2500 AND 3500 ORDER BY id";
  private static S3TestServer server;

  @BeforeAll
  static void upload(S3TestServer shared) {
    server = shared;
    ParquetEventsFile.ensure(server);
  }

  private static Connection connect(String query, Properties extra) throws SQLException {
    Properties props = S3TestServer.jdbcKeys();
    props.putAll(extra);
    return DriverManager.getConnection(server.jdbcUrl(ParquetEventsFile.BUCKET) + query, props);
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
  void pushdownFalseReadsEveryRowGroupWithTheSameAnswer() throws SQLException {
    List<String> on;
    ScanReport pushed;
    try (Connection c = connect("", new Properties())) {
      assertThat(BucketSqlConnections.pushdown(c)).isTrue();
      on = rows(c);
      pushed = BucketSqlConnections.latestScans(c).get(0);
    }
    assertThat(pushed.pushdown()).isTrue();
    assertThat(pushed.pruning().skipped()).isEqualTo(ParquetEventsFile.GROUPS - 2);

    try (Connection c = connect("&PushDown=false", new Properties())) {
      assertThat(BucketSqlConnections.pushdown(c)).isFalse();
      assertThat(rows(c)).hasSize(1001).isEqualTo(on);
      ScanReport off = BucketSqlConnections.latestScans(c).get(0);
      assertThat(off.pushdown()).isFalse();
      assertThat(off.predicate()).isEqualTo("ALL");
      assertThat(off.pruning().skipped()).isZero();
      assertThat(off.pruning().total()).isEqualTo(ParquetEventsFile.GROUPS);
      assertThat(off.toString()).contains("pushed=off");
    }
  }

  @Test
  void aPropertyOverridesTheUrl() throws SQLException {
    Properties p = new Properties();
    p.setProperty("pushdown", "true");
    try (Connection c = connect("&pushdown=false", p)) {
      assertThat(BucketSqlConnections.pushdown(c)).isTrue();
    }
    p.setProperty("pushdown", "false");
    try (Connection c = connect("", p)) {
      assertThat(BucketSqlConnections.pushdown(c)).isFalse();
      assertThat(rows(c)).hasSize(1001);
      assertThat(BucketSqlConnections.latestScans(c).get(0).pruning().skipped()).isZero();
    }
  }

  @Test
  void aValueOtherThanTrueOrFalseFailsTheConnection() {
    assertThatThrownBy(() -> connect("&pushdown=maybe", new Properties()))
        .isInstanceOf(SQLNonTransientConnectionException.class)
        .hasMessage("setting pushdown='maybe' is not valid: expected true or false");
  }
}
