package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.calcite.pushdown.ScanRegistry;
import dev.bucketsql.calcite.pushdown.ScanReport;
import dev.bucketsql.jdbc.BucketSqlConnections;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A common table expression named twice is computed once on the engine ({@code EngineShared} in
 * EXPLAIN, its table scanned once per query where the enumerable plan scans it twice), and the
 * answer is DuckDB's with the engine on and off: the shape of TPC-H q15 (an aggregate joined to a
 * table and maximized in a scalar subquery), aggregates (one over grouping sets) and a join each
 * joined to itself, with NULL keys and duplicates. A CTE holding {@code RAND()} is never shared.
 */
@ExtendWith(S3ServerExtension.class)
class SharedSubplanTest {
  private static Connection engine;
  private static Connection enumerable;
  private static Connection duckDb;

  @BeforeAll
  static void connect(S3TestServer server) throws SQLException {
    engine = SqlTestBucket.connect(server);
    enumerable = SqlTestBucket.connect(server);
    BucketSqlConnections.setEngine(enumerable, false);
    duckDb = SqlTestBucket.duckDb(server);
  }

  @AfterAll
  static void close() throws SQLException {
    engine.close();
    enumerable.close();
    duckDb.close();
  }

  /** A query naming one CTE twice, and the table the CTE reads. */
  record Shared(SqlCase query, String table) {
    @Override
    public String toString() {
      return query.name();
    }
  }

  static List<Shared> queries() {
    return List.of(
        new Shared(
            SqlCase.of(
                "shared: q15's shape, the maximum of an aggregate joined back",
                "WITH rev AS (SELECT k, SUM(x) AS total FROM fact WHERE d >= DATE '2018-01-01'"
                    + " GROUP BY k) SELECT d.id, d.grp, r.total FROM rev r JOIN dim d ON r.k = d.id"
                    + " WHERE r.total = (SELECT MAX(total) FROM rev)"),
            "fact.csv"),
        new Shared(
            SqlCase.of(
                "shared: a filtered aggregate joined to itself, NULL keys",
                "WITH s AS (SELECT k, COUNT(*) AS c, SUM(v) AS sv FROM fact WHERE x > 0 GROUP BY k)"
                    + " SELECT a.k, a.c, a.sv, b.k AS bk, b.c AS bc, b.sv AS bsv FROM s a"
                    + " JOIN s b ON a.c = b.c"),
            "fact.csv"),
        new Shared(
            SqlCase.of(
                "shared: COUNT(DISTINCT) over grouping sets joined to itself",
                "WITH s AS (SELECT k, COUNT(DISTINCT n) AS c, SUM(v) AS sv FROM fact GROUP BY k)"
                    + " SELECT a.k, a.c, a.sv, b.k AS bk, b.sv AS bsv FROM s a"
                    + " JOIN s b ON a.c = b.c"),
            "fact.csv"),
        new Shared(
            SqlCase.of(
                "shared: a join with a residual joined to itself, duplicate keys",
                "WITH j AS (SELECT f.k, f.x, d.grp FROM fact f JOIN dim d ON f.k = d.id"
                    + " WHERE f.x + d.w > 0) SELECT a.k, a.x, a.grp, b.x AS bx, b.grp AS bgrp"
                    + " FROM j a JOIN j b ON a.k = b.k"),
            "fact.csv"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void isComputedOnceWithDuckDbsAnswer(Shared c) throws SQLException {
    String sql = c.query().sql();
    String plan = ExplainPlanTest.explain(engine, sql);
    assertThat(plan)
        .as(sql)
        .contains("EngineShared(id=[0], uses=[2])")
        .contains("EngineShared(id=[0], uses=[2], input=[above])");
    List<List<Object>> want = Answers.sorted(Answers.query(duckDb, c.query().duckSql()));
    List<List<Object>> rows = Answers.sorted(Answers.query(engine, sql));
    assertThat(Answers.difference(rows, want)).as("%s%n%s vs %s", sql, rows, want).isNull();
    assertThat(scans(engine).get(c.table())).as(sql).isEqualTo(1);
    List<List<Object>> without = Answers.sorted(Answers.query(enumerable, sql));
    assertThat(Answers.difference(without, want)).as(sql).isNull();
    assertThat(scans(enumerable).get(c.table())).as(sql).isEqualTo(2);
  }

  /**
   * A shared aggregate on the probe side of a join whose built keys could filter an aggregate's
   * input: the keys must not filter the shared rows, which the other use reads whole. The join
   * publishes no filter (its probe side is the shared result, not an aggregate), and both uses see
   * every group.
   */
  @Test
  void aJoinsBuiltKeysDoNotFilterASharedAggregate() throws SQLException {
    String sql =
        "WITH a AS (SELECT f.k, SUM(f.x) AS s FROM fact f JOIN dim d2 ON f.k = d2.id"
            + " AND f.n <> d2.grp GROUP BY f.k) SELECT a.k, a.s, 'joined' AS src FROM dim d"
            + " JOIN a ON d.id = a.k AND d.grp = 'red' UNION ALL SELECT a.k, a.s, 'all' FROM a";
    String plan = ExplainPlanTest.explain(engine, sql);
    assertThat(plan).as(sql).contains("EngineShared(id=[0], uses=[2])").doesNotContain("filters=");
    List<List<Object>> want = Answers.sorted(Answers.query(duckDb, sql));
    assertThat(Answers.difference(Answers.sorted(Answers.query(engine, sql)), want))
        .as(sql)
        .isNull();
    assertThat(Answers.difference(Answers.sorted(Answers.query(enumerable, sql)), want))
        .as(sql)
        .isNull();
  }

  @Test
  void aCteWithRandIsNotShared() throws SQLException {
    String sql =
        "WITH r AS (SELECT k, SUM(x) * RAND() AS s FROM fact GROUP BY k)"
            + " SELECT a.k, a.s FROM r a JOIN r b ON a.k = b.k";
    assertThat(ExplainPlanTest.explain(engine, sql)).doesNotContain("EngineShared");
    Answers.query(engine, sql);
    assertThat(scans(engine).get("fact.csv")).isEqualTo(2);
  }

  /** Scans of the connection's latest query, by object key. */
  private static Map<String, Integer> scans(Connection c) throws SQLException {
    ScanRegistry registry = ScanRegistry.of(c.unwrap(CalciteConnection.class));
    Map<String, Integer> counts = new TreeMap<>();
    for (ScanReport r : registry.latestScans()) {
      counts.merge(r.key(), 1, Integer::sum);
    }
    return counts;
  }
}
