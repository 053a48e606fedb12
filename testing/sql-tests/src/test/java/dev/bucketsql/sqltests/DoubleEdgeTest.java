package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DOUBLE special values (NaN, the infinities, -0.0) behave as in DuckDB on every path: a CSV file
 * spelling them in any of DuckDB's ways ({@code nan}, {@code INF}, {@code -infinity}) and its
 * Parquet copy written by DuckDB are read by BucketSQL with pushdown and the fused operators on,
 * and with pushdown off, and by DuckDB; each query gives DuckDB's answer.
 */
@ExtendWith(S3ServerExtension.class)
class DoubleEdgeTest {
  /** The CSV table; {@code dbl_edge_p} is its Parquet copy. */
  static final String TABLE = "dbl_edge";

  /** id, d (DOUBLE), k (INTEGER): each special value twice, in different spellings and keys. */
  static final String CSV =
      "id,d,k\n"
          + "1,1.5,1\n"
          + "2,NaN,2\n"
          + "3,inf,3\n"
          + "4,-Infinity,1\n"
          + "5,-0.0,2\n"
          + "6,0.0,3\n"
          + "7,,1\n"
          + "8,nan,3\n"
          + "9,-inf,2\n"
          + "10,INFINITY,1\n"
          + "11,0,1\n"
          + "12,-2.5,2\n";

  private static Connection bucketSql;
  private static Connection noPushdown;
  private static Connection duckDb;

  @BeforeAll
  static void setUp(S3TestServer server) throws Exception {
    Path dir = SqlTestBucket.ensure(server);
    Path csv = dir.resolve(TABLE + ".csv");
    Path parquet = dir.resolve(TABLE + "_p.parquet");
    Files.writeString(csv, CSV, StandardCharsets.UTF_8);
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = duck.createStatement()) {
      s.execute(
          "COPY (SELECT id::INTEGER AS id, d::DOUBLE AS d, k::INTEGER AS k FROM read_csv('"
              + csv
              + "', all_varchar = true)) TO '"
              + parquet
              + "' (FORMAT PARQUET)");
    }
    for (Path p : List.of(csv, parquet)) {
      server.putObject(SqlTestBucket.BUCKET, p.getFileName().toString(), p);
    }
    bucketSql = SqlTestBucket.connect(server);
    noPushdown = SqlTestBucket.connectWithoutPushdown(server);
    duckDb = SqlTestBucket.duckDb(server);
  }

  @AfterAll
  static void close() throws SQLException {
    bucketSql.close();
    noPushdown.close();
    duckDb.close();
  }

  /** Queries over {@code %s}, run over the CSV file and its Parquet copy. */
  static Stream<Arguments> answers() {
    return Stream.of(
            "SELECT id, d FROM %s",
            "SELECT id, d FROM %s WHERE d < 1e300 AND d > -1e300",
            "SELECT k, COUNT(d) AS n, SUM(CASE WHEN d < 0 THEN 1 ELSE 0 END) AS p FROM %s GROUP BY k",
            "SELECT id, ln(d) AS l, log10(d) AS g, ln(0) AS z, ln(-1) AS n, sqrt(d) AS s, sqrt(-4) AS t FROM %s",
            "SELECT id, round(d, 1) AS a, round(d) AS b, round(-d, -1) AS c, round(d * 1.005, 2) AS e FROM %s",
            "SELECT id, CAST(d AS VARCHAR) AS t, CAST(CAST(d AS REAL) AS VARCHAR) AS r FROM %s"
                + " WHERE d <> 1.5 AND d <> -2.5 AND d <> 0 OR d IS NULL",
            "SELECT k, MIN(d) AS lo, MAX(d) AS hi FROM %s GROUP BY k",
            "SELECT MIN(d) AS lo, MAX(d) AS hi, MIN(CAST(d AS REAL)) AS rlo, MAX(CAST(d AS REAL)) AS rhi FROM %s",
            "SELECT COUNT(DISTINCT k) AS c, SUM(d) AS s, MAX(d) AS m FROM %s",
            "SELECT CAST(MIN(CAST(d AS REAL)) AS VARCHAR) AS a, MAX(CAST(d AS REAL)) * 2 AS b FROM %s WHERE d < 1e30",
            "SELECT k, CAST(MAX(CAST(d AS REAL)) AS VARCHAR) AS m FROM %s GROUP BY k",
            "SELECT DENSE_RANK() OVER (PARTITION BY -0e0 ORDER BY 1.5) AS r FROM %s",
            "SELECT MIN(CAST('Infinity' AS DOUBLE)) AS a, MAX(CAST('-Infinity' AS DOUBLE)) AS b, COUNT(*) AS n FROM %s",
            "SELECT id, MIN(d) OVER (PARTITION BY k) AS lo, MAX(d) OVER (PARTITION BY k ORDER BY id) AS hi FROM %s",
            "SELECT id, RANK() OVER (PARTITION BY k ORDER BY d) AS r, RANK() OVER (ORDER BY d DESC) AS s FROM %s",
            "SELECT id, SUM(d) OVER (ORDER BY d) AS s, ROW_NUMBER() OVER (ORDER BY d NULLS FIRST, id) AS n FROM %s",
            // NaN is above every number and equal to itself; -0.0 equals 0.0
            "SELECT id FROM %s WHERE d = CAST('NaN' AS DOUBLE)",
            "SELECT id FROM %s WHERE d > 1",
            "SELECT id FROM %s WHERE d >= 0",
            "SELECT id FROM %s WHERE d < 0 OR d = 0",
            "SELECT id FROM %s WHERE d <> 0",
            "SELECT id FROM %s WHERE 1e0 BETWEEN 1e0 AND d",
            "SELECT id, -0e0 AS z, 1 / -0e0 AS n, CAST(-0.0e0 AS VARCHAR) AS t, -0.0 AS e, d -0e0 AS m FROM %s",
            // an added zero turns -0.0 into 0.0: the simplifier's x + 0 = x must not drop it
            "SELECT id, 1e0 / (-0e0 + 0) AS a, 1e0 / (0 + -0e0) AS b, 1e0 / (d + 0) AS c,"
                + " 1e0 / (0e0 + CAST(d AS REAL)) AS r, 1e0 / (d - 0) AS m FROM %s WHERE d = 0",
            "SELECT id FROM %s WHERE round(1e0, 2) BETWEEN 0e0 AND CAST('NaN' AS DOUBLE)",
            "SELECT id FROM %s WHERE d BETWEEN 0e0 AND CAST('NaN' AS DOUBLE)",
            "SELECT id FROM %s WHERE d BETWEEN -1e0 AND CAST('NaN' AS DOUBLE) AND d > 1",
            "SELECT id FROM %s WHERE d IN (1.5e0, 0e0, CAST('NaN' AS DOUBLE))",
            "SELECT id, d IS NOT DISTINCT FROM -d AS a, d IS DISTINCT FROM round(-d, 2) AS b FROM %s",
            "SELECT a.id AS x, b.id AS y FROM %1$s a JOIN %1$s b ON a.id < b.id WHERE a.d IS NOT DISTINCT FROM b.d",
            "SELECT a.id AS x, b.id AS y FROM %1$s a JOIN %1$s b ON a.d IS NOT DISTINCT FROM -b.d",
            "SELECT a.id AS x, b.d AS y FROM %1$s a LEFT JOIN %1$s b ON a.d = -b.d",
            "SELECT id, d FROM %1$s WHERE d = (- (SELECT MAX(0e0) FROM %1$s))",
            "SELECT id, d FROM %1$s WHERE d IN (SELECT -d FROM %1$s)",
            "SELECT id, d FROM %1$s WHERE d NOT IN (SELECT -d FROM %1$s WHERE d IS NOT NULL)",
            "SELECT id FROM %s WHERE d NOT IN (1.5e0, -0e0)",
            // a constant -0.0 in a range: Calcite orders its literals as Double.compareTo does
            "SELECT id FROM %s WHERE d BETWEEN 0e0 AND -0e0",
            "SELECT id FROM %s WHERE d >= CAST('-0.0' AS DOUBLE) AND d <= 0e0 OR d = 1.5e0",
            "SELECT id FROM %s WHERE d = 0e0 AND d IS NOT DISTINCT FROM -0e0",
            "SELECT id FROM %s WHERE d <> -0e0 AND d <= 0e0",
            "SELECT id FROM %1$s WHERE (SELECT MAX(d) FROM %1$s WHERE d <= 0e0) BETWEEN 0e0 AND -0e0",
            // an equality under OR in a join's condition is no hash key: compared in DuckDB's order
            "SELECT a.id FROM %1$s a WHERE (SELECT MIN(b.d) FROM %1$s b WHERE b.k = a.k) IN (1e0, a.d)",
            "SELECT a.id AS x, b.id AS y FROM %1$s a JOIN %1$s b ON a.k = b.k AND (a.d = -b.d OR a.d = 7e0)",
            // the simplifier drops COALESCE's guard and keeps a cast declared NOT NULL: a NULL
            // must still make the comparison NULL
            "SELECT id FROM %s WHERE 5e0 <> COALESCE(CAST(NULLIF(k, 1) AS DOUBLE), 1e10 + NULLIF(k, 1))",
            "SELECT id FROM %s WHERE CAST('NaN' AS DOUBLE) <> COALESCE(CAST(CAST(d AS REAL) AS DOUBLE), 1e10 + d)",
            // the optimizer pushes the comparison into COALESCE's branches; its constant branch
            // NaN = NaN is folded in DuckDB's order (true)
            "SELECT id FROM %s WHERE CAST('NaN' AS DOUBLE) / -0e0 = COALESCE(1e0 * NULLIF(k, 1), CAST('NaN' AS DOUBLE))",
            "SELECT id FROM %s WHERE (CAST('NaN' AS DOUBLE) / -0e0) IS NOT DISTINCT FROM"
                + " COALESCE(1 / NULLIF(k, 2), CAST('NaN' AS DOUBLE))",
            "SELECT id FROM %s WHERE COALESCE(d, CAST('NaN' AS DOUBLE)) >= CAST('NaN' AS DOUBLE) + 0e0",
            "SELECT k, COUNT(*) AS n FROM %s WHERE d > 1 GROUP BY k",
            "SELECT id, d > 0 AS p, CASE WHEN d <= 1 THEN 'a' ELSE 'b' END AS c, d = d AS e FROM %s",
            "SELECT a.id AS x, b.id AS y FROM %1$s a JOIN %1$s b ON a.d < b.d AND a.k = b.k",
            "SELECT a.id AS x, b.id AS y FROM %1$s a JOIN %1$s b ON a.d = b.d WHERE a.d <> 0",
            "SELECT 1 AS one, COUNT(*) AS n FROM %s WHERE CAST('NaN' AS DOUBLE) > round(CAST('Infinity' AS DOUBLE), 2)",
            // ORDER BY: NaN last ascending, -0.0 and 0.0 tied (the id decides)
            "SELECT d FROM %s ORDER BY d",
            "SELECT d FROM %s ORDER BY d DESC NULLS FIRST",
            "SELECT id, d FROM %s ORDER BY d DESC, id",
            "SELECT d, id FROM %s ORDER BY d, id DESC LIMIT 5",
            "SELECT k, AVG(d) AS a, MAX(id) AS m FROM %s GROUP BY k ORDER BY a, m",
            // -0.0 and 0.0 are one value wherever rows match by value
            "SELECT d, COUNT(*) AS n FROM %s GROUP BY d",
            "SELECT DISTINCT d FROM %s",
            "SELECT COUNT(DISTINCT d) AS n FROM %s",
            "SELECT k, COUNT(DISTINCT d) AS n FROM %s GROUP BY k",
            "SELECT id, COUNT(*) OVER (PARTITION BY d) AS n FROM %s",
            "SELECT COUNT(*) AS n FROM %1$s a JOIN %1$s b ON a.d = b.d",
            "SELECT a.id, b.id AS b FROM %1$s a LEFT JOIN %1$s b ON a.d = b.d AND a.k = b.k",
            "SELECT d FROM %1$s UNION SELECT -d FROM %1$s",
            "SELECT d FROM %1$s INTERSECT SELECT -d FROM %1$s",
            "SELECT d FROM %1$s EXCEPT SELECT d FROM %1$s WHERE id = 6",
            "SELECT id FROM %1$s WHERE d IN (SELECT -d FROM %1$s WHERE id = 6)",
            // ... and each row keeps its own value: 1 / d shows the sign of a zero
            "SELECT a.id, 1 / b.d AS r FROM %1$s a LEFT JOIN %1$s b ON a.d = b.d WHERE a.id IN (5, 6)",
            "SELECT 1e0 / d AS r FROM (VALUES (0.0e0)) a(b) LEFT JOIN %s c ON b = d AND c.id = 5",
            "SELECT 1e0 / c.d AS r FROM (VALUES (0.0e0)) a(b)"
                + " LEFT JOIN (VALUES (CAST('-0.0' AS DOUBLE))) c(d) ON b = c.d, %s t WHERE t.id = 1",
            "SELECT k, 1 / d AS r FROM %s WHERE id = 5 GROUP BY k, d",
            "SELECT 1 / MIN(d) AS lo, 1 / MAX(d) AS hi FROM %s WHERE id IN (5, 12)",
            "SELECT k, 1 / MIN(d) AS lo, 1 / MAX(d) AS hi FROM %s WHERE id IN (5, 12) GROUP BY k",
            "SELECT id, 1 / MAX(d) OVER (PARTITION BY k) AS m FROM %s WHERE id IN (5, 12)",
            "SELECT 1 / d AS r FROM (SELECT DISTINCT d FROM %s WHERE id = 5)",
            "SELECT 1 / d AS r, n FROM (SELECT d, COUNT(*) AS n FROM %s WHERE id = 5 GROUP BY ROLLUP (d))",
            "SELECT k, 1 / d AS r, n FROM (SELECT k, d, COUNT(*) AS n FROM %s WHERE id IN (5, 12) GROUP BY CUBE (k, d))",
            "SELECT COUNT(DISTINCT d) AS n, 1 / SUM(d) AS s FROM %s WHERE id = 5",
            "SELECT 1 / d AS r FROM (SELECT d FROM %1$s WHERE id = 5 UNION SELECT d FROM %1$s WHERE id = 5)",
            "SELECT 1 / d AS r FROM (SELECT d FROM %1$s WHERE id = 5 INTERSECT SELECT d FROM %1$s WHERE id = 6)",
            "SELECT 1 / d AS r FROM (SELECT d FROM %1$s WHERE id IN (5, 7) EXCEPT SELECT d FROM %1$s WHERE id = 1)",
            "SELECT k, 1 / d AS r FROM (SELECT k, d FROM %1$s INTERSECT SELECT k, -d FROM %1$s)",
            "SELECT 1 / d AS r FROM (SELECT d FROM %1$s WHERE id IN (7, 5) INTERSECT SELECT d FROM %1$s WHERE id IN (7, 6))",
            "SELECT 1 / d AS r FROM (SELECT d FROM %1$s EXCEPT SELECT d FROM %1$s WHERE id = 1"
                + " EXCEPT SELECT d FROM %1$s WHERE id IN (2, 6))",
            "SELECT 1 / d AS r FROM (SELECT d FROM %1$s WHERE id IN (5, 12) INTERSECT SELECT d FROM %1$s WHERE id IN (6, 12)"
                + " INTERSECT SELECT d FROM %1$s WHERE id IN (11, 12, 1))",
            // INTERSECT ALL and EXCEPT ALL match -0.0 with 0.0 and show either as 0.0 (docs/sql.md)
            "SELECT d, k FROM %1$s INTERSECT ALL SELECT d, k FROM %1$s WHERE id > 3",
            "SELECT d FROM %1$s EXCEPT ALL SELECT -d FROM %1$s WHERE id > 4",
            "SELECT CAST(CAST('Infinity' AS DOUBLE) AS VARCHAR) AS a, CAST(CAST('-Infinity' AS DOUBLE) AS VARCHAR) AS b,"
                + " CAST(CAST('NaN' AS DOUBLE) AS VARCHAR) AS c, COUNT(*) AS n FROM %s")
        .flatMap(q -> Stream.of(Arguments.of(q, TABLE), Arguments.of(q, TABLE + "_p")));
  }

  @Test
  void csvColumnWithNanAndInfinitiesIsDoubleAsInDuckDb() throws SQLException {
    String sql = "SELECT d FROM " + TABLE;
    for (Connection c : List.of(duckDb, bucketSql, noPushdown)) {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        assertThat(rs.getMetaData().getColumnType(1)).as("%s", c).isEqualTo(Types.DOUBLE);
      }
    }
  }

  @Test
  void fusedMinAndMaxOrderNanAboveEveryNumber() throws SQLException {
    // NaN is the greatest double in DuckDB: MAX of a group with NaN is NaN, MIN skips it
    String sql =
        "SELECT k, MIN(d) AS lo, MAX(d) AS hi, COUNT(*) AS n FROM " + TABLE + "_p GROUP BY k";
    assertThat(ExplainPlanTest.explain(bucketSql, sql)).contains("BucketScanAggregate(");
    List<List<Object>> expected = Answers.sorted(Answers.query(duckDb, sql));
    List<List<Object>> actual = Answers.sorted(Answers.query(bucketSql, sql));
    assertThat(Answers.difference(actual, expected)).as("%s vs %s", actual, expected).isNull();
  }

  @Test
  void fusedGroupsOfBothZerosAreOne() throws SQLException {
    String sql = "SELECT d, COUNT(*) AS n, MIN(id) AS i FROM " + TABLE + "_p GROUP BY d";
    assertThat(ExplainPlanTest.explain(bucketSql, sql)).contains("BucketScanAggregate(");
    List<List<Object>> expected = Answers.sorted(Answers.query(duckDb, sql));
    List<List<Object>> actual = Answers.sorted(Answers.query(bucketSql, sql));
    assertThat(Answers.difference(actual, expected)).as("%s vs %s", actual, expected).isNull();
  }

  @Test
  void sortByADoubleKeepsTheTopNSort() throws SQLException {
    String plan =
        ExplainPlanTest.explain(bucketSql, "SELECT d, id FROM " + TABLE + "_p ORDER BY d LIMIT 5");
    assertThat(plan).contains("EnumerableLimitSort(").contains("DOUBLE_ORDER_KEY(");
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("answers")
  void givesDuckDbsAnswer(String query, String table) throws SQLException {
    String sql = String.format(query, table);
    List<List<Object>> expected = Answers.query(duckDb, sql);
    // ordered when the statement ends in an ORDER BY of its own, not a window's
    boolean ordered = sql.lastIndexOf("ORDER BY") > sql.lastIndexOf(')');
    for (Connection c : List.of(bucketSql, noPushdown)) {
      List<List<Object>> actual = Answers.query(c, sql);
      assertThat(
              ordered
                  ? Answers.difference(actual, expected)
                  : Answers.difference(Answers.sorted(actual), Answers.sorted(expected)))
          .as("%s%n%s vs %s", sql, actual, expected)
          .isNull();
    }
  }
}
