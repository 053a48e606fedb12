package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DuckDB's EXPLAIN and SUMMARIZE statements and its samples, compared with DuckDB's over the same
 * files: the same columns, for SUMMARIZE the same statistics where DuckDB's are exact, and for
 * samples their sizes and that they hold rows of the table.
 */
@ExtendWith(S3ServerExtension.class)
class DuckDialectTest {
  private static Connection connection;
  private static Connection duckDb;

  @BeforeAll
  static void connect(S3TestServer server) throws SQLException {
    connection = SqlTestBucket.connect(server);
    duckDb = SqlTestBucket.duckDb(server);
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
    duckDb.close();
  }

  @Test
  void explainHasDuckDbsColumnsAndShowsThePlanThatRuns() throws SQLException {
    String sql = "EXPLAIN SELECT calorie_level, COUNT(*) FROM PP_recipes GROUP BY 1";
    assertThat(DuckStatementsTest.labels(connection, sql))
        .isEqualTo(DuckStatementsTest.labels(duckDb, sql))
        .containsExactly("explain_key", "explain_value");
    List<List<String>> rows = DuckStatementsTest.rows(connection, sql + ";");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get(0))
        .isEqualTo(DuckStatementsTest.rows(duckDb, sql).get(0).get(0))
        .isEqualTo("physical_plan");
    assertThat(rows.get(0).get(1))
        .contains("BucketScanAggregate(table=[PP_recipes], group=[[calorie_level]]")
        .contains("BucketTableScan");
    // a quote in the query survives into the plan text
    assertThat(
            DuckStatementsTest.rows(
                    connection, "EXPLAIN WITH t AS (SELECT 'it''s' AS s) SELECT s FROM t")
                .get(0)
                .get(1))
        .contains("'it''s'");
    assertThat(DuckStatementsTest.rows(connection, "EXPLAIN PLAN FOR SELECT 1")).hasSize(1);
    // EXPLAIN ANALYZE answers DuckDB's key (ExplainAnalyzeTest checks what it reports)
    assertThat(DuckStatementsTest.rows(connection, "EXPLAIN ANALYZE SELECT 1").get(0).get(0))
        .isEqualTo(DuckStatementsTest.rows(duckDb, "EXPLAIN ANALYZE SELECT 1").get(0).get(0))
        .isEqualTo("analyzed_plan");
  }

  @Test
  void summarizeOfParquetTablesMatchesDuckDb() throws SQLException {
    for (String table : List.of("RAW_recipes_clean", "RAW_interactions_clean")) {
      assertSummaryMatches("SUMMARIZE " + table, "SELECT * FROM " + table);
    }
  }

  @Test
  void summarizeOfCsvTablesAndQueriesMatchesDuckDb() throws SQLException {
    assertSummaryMatches("SUMMARIZE nulls", "SELECT * FROM nulls");
    String query =
        "SELECT id, score * 1.5 AS x, CAST(score AS DECIMAL(6,2)) AS d, label || '!' AS s, score > 3 AS b"
            + " FROM nulls WHERE id <> 2";
    assertSummaryMatches("SUMMARIZE " + query, query);
    assertThat(DuckStatementsTest.rows(connection, "SUMMARIZE empty_reviews"))
        .isEqualTo(DuckStatementsTest.rows(duckDb, "SUMMARIZE empty_reviews"));
  }

  @Test
  void samplesHaveTheirSizeAndAreRowsOfTheTable() throws SQLException {
    for (String sample :
        List.of(
            "USING SAMPLE 5",
            "USING SAMPLE 5 ROWS",
            "USING SAMPLE reservoir(5 ROWS)",
            "TABLESAMPLE 5 ROWS")) {
      String sql = "SELECT COUNT(*) FROM RAW_interactions_clean " + sample;
      assertThat(count(connection, sql)).as(sql).isEqualTo(5).isEqualTo(count(duckDb, sql));
    }
    // a sample as large as the table is the table, taken before WHERE as in DuckDB
    String whole =
        "SELECT COUNT(*) FROM RAW_interactions_clean WHERE rating = 0 USING SAMPLE 5000 ROWS";
    assertThat(count(connection, whole)).isEqualTo(count(duckDb, whole)).isPositive();
    assertThat(count(connection, "SELECT COUNT(*) FROM RAW_interactions_clean USING SAMPLE 100%"))
        .isEqualTo(2000);
    assertThat(
            count(connection, "SELECT COUNT(*) FROM RAW_interactions_clean USING SAMPLE 0 PERCENT"))
        .isZero();
    // each row kept with probability one half: 1000 expected, the bounds are nine deviations away
    assertThat(
            count(
                connection,
                "SELECT COUNT(*) FROM RAW_interactions_clean USING SAMPLE 50% (bernoulli)"))
        .isBetween(800L, 1200L);
    assertThat(
            count(
                connection,
                "SELECT COUNT(*) FROM RAW_interactions_clean i TABLESAMPLE BERNOULLI(50)"))
        .isBetween(800L, 1200L);
    // no row twice, and only rows of the table
    assertThat(
            count(
                connection,
                "SELECT COUNT(DISTINCT id) FROM RAW_recipes_clean USING SAMPLE 50 ROWS"))
        .isEqualTo(50);
    assertThat(
            count(
                connection,
                "SELECT COUNT(*) FROM (SELECT id, name FROM RAW_recipes_clean USING SAMPLE 30%) s"
                    + " WHERE NOT EXISTS (SELECT 1 FROM RAW_recipes_clean t WHERE t.id = s.id AND t.name = s.name)"))
        .isZero();
    // a sampled table in a join: every sampled review has its recipe
    String join =
        "SELECT COUNT(*) FROM RAW_interactions_clean AS i TABLESAMPLE 7 ROWS JOIN RAW_recipes_clean r"
            + " ON i.recipe_id = r.id";
    assertThat(count(connection, join)).isEqualTo(7).isEqualTo(count(duckDb, join));
  }

  @Test
  void samplesThatCannotBeTakenFailNamingTheFix() {
    assertThatThrownBy(
            () -> count(connection, "SELECT COUNT(*) FROM RAW_recipes_clean, nulls USING SAMPLE 5"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"))
        .hasMessageContaining("sample one of them with TABLESAMPLE");
    assertThatThrownBy(() -> count(connection, "SELECT COUNT(*) FROM nulls USING SAMPLE many"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42601"))
        .hasMessageContaining("must be a number of rows or a percentage");
    for (String seeded :
        List.of("USING SAMPLE 10% REPEATABLE (42)", "USING SAMPLE 10% (bernoulli, 42)")) {
      assertThatThrownBy(() -> count(connection, "SELECT COUNT(*) FROM nulls " + seeded))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"))
          .hasMessageContaining("a repeatable sample (REPEATABLE or a seed) is not supported");
    }
  }

  @Test
  void columnsThatMatchNothingOrAreNoPatternFail() {
    assertThatThrownBy(() -> count(connection, "SELECT COLUMNS('ID') FROM nulls"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42703"))
        .hasMessageContaining(
            "COLUMNS: no column matches the regular expression 'ID'; the columns are [id, score, label]");
    assertThatThrownBy(() -> count(connection, "SELECT COLUMNS('(') FROM nulls"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("2201B"));
    assertThatThrownBy(() -> count(connection, "SELECT id FROM nulls WHERE COLUMNS('id') > 1"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
  }

  private static long count(Connection c, String sql) throws SQLException {
    return Long.parseLong(DuckStatementsTest.rows(c, sql).get(0).get(0));
  }

  /**
   * DuckDB's exact columns compare exactly (names, types, min, max, count, null_percentage),
   * averages and deviations as doubles; approx_unique is BucketSQL's exact distinct count, within
   * 10% of DuckDB's estimate; the quartiles lie within 5% of the column's range, plus the range
   * over the row count, of DuckDB's estimates.
   */
  private static void assertSummaryMatches(String summarize, String source) throws SQLException {
    assertThat(DuckStatementsTest.labels(connection, summarize))
        .isEqualTo(DuckStatementsTest.labels(duckDb, summarize));
    List<List<String>> ours = DuckStatementsTest.rows(connection, summarize);
    List<List<String>> duck = DuckStatementsTest.rows(duckDb, summarize);
    assertThat(ours).hasSameSizeAs(duck);
    for (int r = 0; r < ours.size(); r++) {
      List<String> o = ours.get(r);
      List<String> d = duck.get(r);
      String column = o.get(0);
      assertThat(o.subList(0, 4)).as(summarize).isEqualTo(d.subList(0, 4));
      assertThat(o.subList(10, 12)).as(summarize + " " + column).isEqualTo(d.subList(10, 12));
      long exact =
          Long.parseLong(
              DuckStatementsTest.rows(
                      duckDb, "SELECT COUNT(DISTINCT \"" + column + "\") FROM (" + source + ")")
                  .get(0)
                  .get(0));
      assertThat(Long.parseLong(o.get(4))).as(column).isEqualTo(exact);
      assertThat((double) exact)
          .as(column)
          .isCloseTo(Double.parseDouble(d.get(4)), within(Math.max(2, 0.1 * exact)));
      for (int c = 5; c <= 6; c++) {
        assertClose(
            o.get(c),
            d.get(c),
            1e-9
                * Math.abs(
                    d.get(c) == null || !isNumber(d.get(c)) ? 0 : Double.parseDouble(d.get(c))),
            column);
      }
      if (o.get(2) == null || d.get(7) == null) {
        assertThat(o.subList(7, 10)).as(column).isEqualTo(d.subList(7, 10));
        continue;
      }
      double range = value(o.get(3)) - value(o.get(2));
      // estimates of a few values may be a whole value away: one average gap more
      double tolerance = 0.05 * range + range / Math.max(1, Long.parseLong(o.get(10)) - 1) + 1e-9;
      for (int c = 7; c <= 9; c++) {
        assertThat(value(o.get(c)))
            .as(column + " quartile")
            .isCloseTo(value(d.get(c)), within(tolerance));
      }
    }
  }

  private static void assertClose(String ours, String duck, double tolerance, String column) {
    if (ours == null || duck == null || !isNumber(duck)) {
      assertThat(ours).as(column).isEqualTo(duck);
    } else {
      assertThat(Double.parseDouble(ours))
          .as(column)
          .isCloseTo(Double.parseDouble(duck), within(tolerance));
    }
  }

  private static boolean isNumber(String s) {
    return s.matches("-?[0-9.eE+-]+") && !s.matches("\\d{4}-\\d{2}-\\d{2}.*");
  }

  /** A number, or a date or timestamp as days since the epoch. */
  private static double value(String s) {
    return isNumber(s) ? Double.parseDouble(s) : LocalDate.parse(s.substring(0, 10)).toEpochDay();
  }
}
