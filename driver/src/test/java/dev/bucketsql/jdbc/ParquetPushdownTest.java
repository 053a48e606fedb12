package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.calcite.pushdown.ScanReport;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Filters pushed into Parquet scans through SQL: for each predicate shape, the same rows with
 * pushdown on and off, and with it on, the row groups skipped (by statistics, dictionary, bloom
 * filter) as the data says.
 */
@ExtendWith(S3ServerExtension.class)
class ParquetPushdownTest {
  private static final String COLUMNS = "id, event_day, ts, name, score, flag, cat, tag";
  private static Connection connection;

  @BeforeAll
  static void connect(S3TestServer server) throws SQLException {
    connection = ParquetEventsFile.connect(server);
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  static List<List<Object>> rows(String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int c = 1; c <= n; c++) {
          Object v = rs.getObject(c);
          row.add(v instanceof Double d && d.isNaN() ? "NaN" : v);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** Runs {@code where} with pushdown off then on; returns the scan report of the latter. */
  private static ScanReport sameRowsBothWays(String where, int expectedRows) throws SQLException {
    String sql = "SELECT " + COLUMNS + " FROM events WHERE " + where + " ORDER BY id";
    BucketSqlConnections.setPushdown(connection, false);
    List<List<Object>> off;
    try {
      off = rows(sql);
      assertThat(BucketSqlConnections.latestScans(connection).get(0).pruning().skipped()).isZero();
    } finally {
      BucketSqlConnections.setPushdown(connection, true);
    }
    List<List<Object>> on = rows(sql);
    assertThat(on).as(where).isEqualTo(off);
    if (expectedRows >= 0) {
      assertThat(on).as(where).hasSize(expectedRows);
    }
    List<ScanReport> scans = BucketSqlConnections.latestScans(connection);
    assertThat(scans).hasSize(1);
    assertThat(scans.get(0).pruning().total()).isEqualTo(ParquetEventsFile.GROUPS);
    return scans.get(0);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // predicate | rows | row groups kept
        "id = 4321 | 1 | 1",
        "id <> 5 | 7999 | 8",
        "id < 1500 | 1500 | 2",
        "id <= 999 | 1000 | 1",
        "id > 6999 | 1000 | 1",
        "id >= 7000 AND id < 7001 | 1 | 1",
        "id BETWEEN 2500 AND 3500 | 1001 | 2",
        "id IN (1, 2001, 4001) | 3 | 3",
        "id NOT IN (1, 2, 3) | 7997 | 8",
        "id < 100 OR id > 7900 | 199 | 2",
        "NOT (id >= 1000) | 1000 | 1",
        "id + 1 = 100 | 1 | 8",
        "event_day >= DATE '2016-09-14' | 7420 | 8",
        "event_day < DATE '2016-07-21' | 30 | 1",
        "event_day BETWEEN DATE '2016-08-01' AND DATE '2016-08-02' | 20 | 1",
        "ts >= TIMESTAMP '2017-07-14 04:40:00' | 800 | 1",
        "ts < TIMESTAMP '2017-07-14 02:40:05' | 5 | 1",
        "ts > TIMESTAMP '2017-07-14 04:53:19' | 0 | 0",
        "name = 'name-0042' | 85 | 1",
        "name IN ('name-0001', 'name-0079') | 172 | 2",
        "name IN ('name-0001', 'x') | 86 | 1",
        "name >= 'name-0070' | 857 | 1",
        "name LIKE 'name-004%' | 857 | 8",
        "name IS NULL AND id < 50 | 8 | 1",
        "name IS NOT NULL AND id < 100 | 85 | 1",
        // NaN is above every number (DuckDB's order): its 18 rows pass. A DOUBLE range open to
        // +infinity is not pushed: NaN is not in the statistics.
        "score > 3500 | 926 | 8",
        // Bounded: pushed. The first row group holds NaNs, so its statistics cannot rule it out.
        "score > 3500 AND score < 1e9 | 908 | 2",
        "score < 10 | 17 | 1",
        "score = 2.5 | 1 | 1",
        "score <> 1.5 | -1 | 8",
        "score IS NULL AND id < 100 | 10 | 1",
        "NOT (score > 100) AND id < 1000 | 178 | 1",
        "flag AND id < 10 | 4 | 1",
        "NOT flag AND id < 10 | 6 | 1",
        "flag IS NOT TRUE AND id < 10 | 6 | 1",
        "cat = 'm' | 400 | 4",
        "cat = 'q' | 0 | 0",
        "tag = 'tx' | 0 | 0",
        "id = 5 AND name = 'name-0000' | 1 | 1",
        "id < 10 AND name = 'name-0070' | 0 | 0",
        "CAST(id AS BIGINT) >= 7999 | 1 | 1",
        "CAST(id AS DOUBLE) > 7998.5 | 1 | 1",
        "id > 7998.5 | 1 | 1",
      })
  void predicateShapesPruneAndReturnTheSameRows(String where, int rows, int kept)
      throws SQLException {
    ScanReport scan = sameRowsBothWays(where, rows);
    assertThat(scan.pruning().kept()).as(where + ": " + scan).isEqualTo(kept);
    assertThat(scan.pruning().read()).isLessThanOrEqualTo(kept);
  }

  @Test
  void dictionariesRuleOutWhatStatisticsCannot() throws SQLException {
    ScanReport scan = sameRowsBothWays("cat = 'm'", 400);
    // Even row groups hold 'a' and 'z' only: their min/max cover 'm', their dictionaries do not.
    assertThat(scan.pruning().skippedByStatistics()).isZero();
    assertThat(scan.pruning().skippedByDictionary()).isEqualTo(4);
  }

  @Test
  void bloomFiltersRuleOutAMissingValue() throws SQLException {
    String present = ParquetEventsFile.tag(4444);
    ScanReport found = sameRowsBothWays("tag = '" + present + "'", 1);
    assertThat(found.pruning().skippedByBloomFilter()).isEqualTo(ParquetEventsFile.GROUPS - 1);
    // Within the min/max of every row group, and never dictionary-encoded: only bloom filters help.
    ScanReport missing = sameRowsBothWays("tag = 't8zzz'", 0);
    assertThat(missing.pruning().skippedByBloomFilter()).isEqualTo(ParquetEventsFile.GROUPS);
  }

  @Test
  void nanAndNullRowsSurviveNegations() throws SQLException {
    // NaN <> 1.5 is true in SQL: the row groups holding NaNs must all be read.
    ScanReport scan = sameRowsBothWays("score <> 1.5", -1);
    assertThat(scan.pruning().kept()).isEqualTo(ParquetEventsFile.GROUPS);
    assertThat(rows("SELECT COUNT(*) FROM events WHERE score <> 2.5 AND id < 100").get(0).get(0))
        .isEqualTo(90L - 1L); // 100 rows, 10 NULL scores, one score of 2.5, NaNs count
  }

  @Test
  void onlyTheProjectedChunksOfSurvivingRowGroupsAreFetched() throws SQLException {
    rows("SELECT COUNT(*) FROM events WHERE id >= 0"); // warm the footer
    List<List<Object>> result = rows("SELECT SUM(score) FROM events WHERE id >= 7000");
    assertThat(result).hasSize(1);
    ScanReport scan = BucketSqlConnections.latestScans(connection).get(0);
    assertThat(scan.columns()).containsExactlyInAnyOrder("id", "score");
    assertThat(scan.pruning().kept()).isEqualTo(1);
    long ideal = ParquetEventsFile.chunkBytes(7, "id", "score");
    // The chunks, plus the page-index reads of the filter column (small, near the footer).
    assertThat(scan.fetched().bytesFetched()).isGreaterThanOrEqualTo(ideal);
    assertThat(scan.fetched().bytesFetched()).isLessThan(ideal + (64 << 10) + 1);
    assertThat(scan.fetched().bytesFetched()).isLessThan(ParquetEventsFile.size() / 4);
  }

  @ParameterizedTest
  @ValueSource(strings = {"id >= 7000", "event_day >= DATE '2016-10-01'"})
  void explainShowsThePushedPredicateAndTheColumns(String where) throws SQLException {
    String plan = explain("SELECT SUM(score) FROM events WHERE " + where);
    // read by Calcite's scan or by the engine's (EngineScan), with the same terms
    assertThat(plan)
        .containsPattern("(BucketTableScan|EngineScan)\\(table=\\[\\[pushdown, events]]");
    String column = where.substring(0, where.indexOf(' '));
    assertThat(plan).contains("columns=[[" + column + ", score]]");
    assertThat(plan).contains("pushed=[[>=(" + column + ", ");
  }

  @Test
  void explainOmitsWhatCannotBePushed() throws SQLException {
    String plan = explain("SELECT id FROM events WHERE id + 1 = 100 AND name LIKE 'x%'");
    assertThat(plan).contains("columns=[[id, name]]").doesNotContain("pushed=");
    String mixed = explain("SELECT id FROM events WHERE id < 5 AND name LIKE 'x%'");
    assertThat(mixed).contains("pushed=[[<(id, 5)]]");
  }

  static String explain(String sql) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      while (rs.next()) {
        plan.append(rs.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }
}
