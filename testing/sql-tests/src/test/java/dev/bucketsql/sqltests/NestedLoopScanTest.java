package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.calcite.pushdown.ScanRegistry;
import dev.bucketsql.calcite.pushdown.ScanReport;
import dev.bucketsql.jdbc.BucketSqlConnections;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A nested-loop join on the engine reads its inner input once per query, where Calcite's enumerates
 * it (and scans its object) again for every outer row: counted in the query's scan reports, with
 * the engine on and off. The held inner side is bounded by the join's memory setting, and a cancel
 * stops the loop.
 */
@ExtendWith(S3ServerExtension.class)
class NestedLoopScanTest {
  private static final String BUCKET = "nested-loops";
  private static final int OUTER = 300;
  private static final int INNER = 2_000;

  private static S3TestServer server;
  private static Connection engine;
  private static Connection enumerable;

  @BeforeAll
  static void upload(S3TestServer s3) throws SQLException {
    server = s3;
    server.createBucket(BUCKET);
    StringBuilder outer = new StringBuilder("k,name\n");
    for (int i = 1; i <= OUTER; i++) {
      outer.append(i % 40 == 0 ? "" : String.valueOf(i % 37)).append(",o").append(i).append('\n');
    }
    StringBuilder inner = new StringBuilder("id,w\n");
    for (int i = 1; i <= INNER; i++) {
      inner.append(i * 7 % 50).append(',').append(i % 11).append('\n');
    }
    server.putObject(BUCKET, "outer_t.csv", outer.toString().getBytes(StandardCharsets.UTF_8));
    server.putObject(BUCKET, "inner_t.csv", inner.toString().getBytes(StandardCharsets.UTF_8));
    engine = DriverManager.getConnection(server.jdbcUrl(BUCKET), S3TestServer.jdbcKeys());
    enumerable = DriverManager.getConnection(server.jdbcUrl(BUCKET), S3TestServer.jdbcKeys());
    BucketSqlConnections.setEngine(enumerable, false);
  }

  @AfterAll
  static void close() throws SQLException {
    engine.close();
    enumerable.close();
  }

  @Test
  void aThetaJoinReadsItsInnerTableOnce() throws SQLException {
    String sql = "SELECT o.k, i.id FROM outer_t o JOIN inner_t i ON o.k > i.id + 30";
    assertThat(ExplainPlanTest.explain(engine, sql)).contains("EngineNestedLoopJoin(type=[inner]");
    List<List<Object>> rows = Answers.query(engine, sql);
    assertThat(scans(engine)).isEqualTo(Map.of("inner_t.csv", 1, "outer_t.csv", 1));
    // Calcite's own join (the plan the engine node replaced) reads it once too: the guard over
    // its inner input holds the rows
    List<List<Object>> without = Answers.query(enumerable, sql);
    assertThat(scans(enumerable)).isEqualTo(Map.of("inner_t.csv", 1, "outer_t.csv", 1));
    assertThat(Answers.sorted(rows)).isNotEmpty().isEqualTo(Answers.sorted(without));
  }

  @Test
  void notInOverACrossJoinReadsEachInputOnce() throws SQLException {
    String sql =
        "SELECT o.k, o.name, i.w FROM outer_t o, (SELECT DISTINCT w FROM inner_t) i"
            + " WHERE o.k NOT IN (SELECT id FROM inner_t WHERE id > 20)";
    assertThat(ExplainPlanTest.explain(engine, sql)).contains("EngineNestedLoopJoin");
    List<List<Object>> rows = Answers.query(engine, sql);
    // the plan reads inner_t three times: the DISTINCT, the NOT IN's count and its keys
    Map<String, Integer> once = Map.of("inner_t.csv", 3, "outer_t.csv", 1);
    assertThat(scans(engine)).isEqualTo(once);
    List<List<Object>> without = Answers.query(enumerable, sql);
    assertThat(scans(enumerable)).isEqualTo(once);
    assertThat(Answers.sorted(rows)).isNotEmpty().isEqualTo(Answers.sorted(without));
  }

  @Test
  void aJoinTheEngineCannotRunReadsItsInnerTableOnceToo() throws SQLException {
    String sql =
        "SELECT o.name, i.w FROM outer_t o JOIN inner_t i ON UPPER(o.name) < CONCAT('O', i.w)"
            // md5 of both sides, which the engine does not compute, keeps the join Calcite's
            + " AND md5(CONCAT(o.name, i.w)) <> ''";
    String plan = ExplainPlanTest.explain(engine, sql);
    assertThat(plan).contains("EnumerableNestedLoopJoin").contains("reads=[once]");
    List<List<Object>> rows = Answers.query(engine, sql);
    assertThat(rows).hasSizeGreaterThan(OUTER);
    assertThat(scans(engine)).isEqualTo(Map.of("inner_t.csv", 1, "outer_t.csv", 1));
  }

  @Test
  void theHeldInnerSideIsBoundedByTheJoinsMemory() throws SQLException {
    Properties props = S3TestServer.jdbcKeys();
    props.setProperty("queryMemory", "16384");
    // the engine's join spills where it may (MemoryLimitTest); Calcite's guard never does
    props.setProperty("spill", "false");
    String sql = "SELECT o.k, i.id FROM outer_t o JOIN inner_t i ON o.k < i.id";
    try (Connection small = DriverManager.getConnection(server.jdbcUrl(BUCKET), props)) {
      assertThat(ExplainPlanTest.explain(small, sql)).contains("EngineNestedLoopJoin");
      for (boolean on : new boolean[] {true, false}) {
        // the engine's join, then the guard that holds the inner rows of Calcite's
        BucketSqlConnections.setEngine(small, on);
        assertThatThrownBy(() -> Answers.query(small, sql))
            .as("engine=%s", on)
            .isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("53200"))
            .hasMessageStartingWith("the join holds table 'inner_t' in memory")
            .hasMessageContaining("the limit is the connection setting queryMemory=16384")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
      }
    }
  }

  @Test
  void aCancelStopsTheLoop() throws SQLException {
    String sql = "SELECT o.k, i.id, i.w FROM outer_t o, inner_t i, outer_t p";
    try (Statement s = engine.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      s.cancel();
      assertThatThrownBy(
              () -> {
                while (rs.next()) {
                  // reading on until the cancel is seen, within one batch
                }
              })
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
    }
  }

  /** Scans of the connection's latest query, by object key. */
  private static Map<String, Integer> scans(Connection c) throws SQLException {
    ScanRegistry registry = ScanRegistry.of(c.unwrap(CalciteConnection.class));
    Map<String, Integer> counts = new TreeMap<>();
    for (ScanReport r : registry.latestScans()) {
      counts.merge(r.key(), 1, Integer::sum);
    }
    if (registry.unlistedScans() > 0) {
      counts.merge("(unlisted)", (int) registry.unlistedScans(), Integer::sum);
    }
    return counts;
  }
}
