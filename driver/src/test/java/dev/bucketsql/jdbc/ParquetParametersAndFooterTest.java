package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.calcite.pushdown.ScanReport;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pushdown of {@code ?} parameters (pruning anew at each execution of a prepared statement), and
 * aggregates answered from the Parquet footer without reading data.
 */
@ExtendWith(S3ServerExtension.class)
class ParquetParametersAndFooterTest {
  private static Connection connection;

  @BeforeAll
  static void connect(S3TestServer server) throws SQLException {
    connection = ParquetEventsFile.connect(server);
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  private interface Binder {
    void bind(PreparedStatement s) throws SQLException;
  }

  private static List<Long> ids(PreparedStatement s) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  /** Same ids with pushdown on and off; returns the kept row groups with it on. */
  private static int keptBothWays(String where, Binder binder, int expectedRows)
      throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement("SELECT id FROM events WHERE " + where + " ORDER BY id")) {
      binder.bind(s);
      BucketSqlConnections.setPushdown(connection, false);
      List<Long> off;
      try {
        off = ids(s);
      } finally {
        BucketSqlConnections.setPushdown(connection, true);
      }
      List<Long> on = ids(s);
      assertThat(on).as(where).isEqualTo(off).hasSize(expectedRows);
      ScanReport scan = BucketSqlConnections.latestScans(connection).get(0);
      return scan.pruning().kept();
    }
  }

  @Test
  void integerParametersPruneAtEachExecution() throws SQLException {
    assertThat(keptBothWays("id >= ?", s -> s.setInt(1, 7500), 500)).isEqualTo(1);
    assertThat(keptBothWays("id >= ?", s -> s.setInt(1, 500), 7500)).isEqualTo(8);
    assertThat(
            keptBothWays(
                "id BETWEEN ? AND ?",
                s -> {
                  s.setInt(1, 2100);
                  s.setInt(2, 2200);
                },
                101))
        .isEqualTo(1);
    assertThat(
            keptBothWays(
                "id IN (?, ?)",
                s -> {
                  s.setInt(1, 10);
                  s.setLong(2, 7010);
                },
                2))
        .isEqualTo(2);
  }

  @Test
  void aNullParameterMatchesNothing() throws SQLException {
    assertThat(keptBothWays("id = ?", s -> s.setNull(1, Types.INTEGER), 0)).isZero();
  }

  @Test
  void stringDateAndTimestampParameters() throws SQLException {
    assertThat(keptBothWays("name = ?", s -> s.setString(1, "name-0042"), 85)).isEqualTo(1);
    // event_day = 17000 + id / 10: 2016-07-18 + id / 10 days. Parameters of time types are
    // widened by a day, so a boundary row group may be kept too.
    LocalDate day = LocalDate.ofEpochDay(17000 + 700);
    assertThat(keptBothWays("event_day >= ?", s -> s.setDate(1, Date.valueOf(day)), 1000))
        .isBetween(1, 2);
    Timestamp ts = Timestamp.valueOf("2017-07-14 04:40:00");
    // All timestamps lie within one day, so the day of widening keeps every row group here...
    assertThat(keptBothWays("ts >= ?", s -> s.setTimestamp(1, ts), 800))
        .isEqualTo(ParquetEventsFile.GROUPS);
    // ...while a timestamp days away still prunes them all.
    Timestamp later = Timestamp.valueOf("2017-07-20 00:00:00");
    assertThat(keptBothWays("ts >= ?", s -> s.setTimestamp(1, later), 0)).isZero();
  }

  @Test
  void explainShowsParameters() throws SQLException {
    String plan = explainPrepared("SELECT id FROM events WHERE id >= ?");
    assertThat(plan).contains("pushed=[[>=(id, ?0)]]");
  }

  private static String explainPrepared(String sql) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (PreparedStatement s = connection.prepareStatement("EXPLAIN PLAN FOR " + sql)) {
      s.setInt(1, 7000);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          plan.append(rs.getString(1));
        }
      }
    }
    return plan.toString();
  }

  @Test
  void countStarReadsNoDataAtAll() throws SQLException {
    try (var s = connection.createStatement()) {
      s.executeQuery("SELECT COUNT(*) FROM events").close(); // footer now cached
      IoStats stats = BucketSqlConnections.ioStats(connection);
      IoStats.Snapshot before = stats.snapshot();
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(ParquetEventsFile.ROWS);
      }
      assertThat(stats.snapshot().minus(before).getRequests()).isZero();
      try (ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR SELECT COUNT(*) FROM events")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).contains("EnumerableValues").doesNotContain("BucketTableScan");
      }
    }
  }

  @Test
  void minAndMaxComeFromStatistics() throws SQLException {
    try (var s = connection.createStatement()) {
      s.executeQuery("SELECT COUNT(*) FROM events").close();
      IoStats stats = BucketSqlConnections.ioStats(connection);
      IoStats.Snapshot before = stats.snapshot();
      try (ResultSet rs =
          s.executeQuery("SELECT MIN(id), MAX(id), MIN(event_day), MAX(ts) FROM events")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isZero();
        assertThat(rs.getInt(2)).isEqualTo(ParquetEventsFile.ROWS - 1);
        assertThat(rs.getDate(3).toLocalDate()).isEqualTo(LocalDate.ofEpochDay(17000));
        assertThat(rs.getTimestamp(4).getTime() % 1000).isZero();
      }
      assertThat(stats.snapshot().minus(before).getRequests()).isZero();
      // With a filter, the data is read.
      try (ResultSet rs = s.executeQuery("SELECT MAX(id) FROM events WHERE id < 10")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(9);
      }
    }
  }
}
