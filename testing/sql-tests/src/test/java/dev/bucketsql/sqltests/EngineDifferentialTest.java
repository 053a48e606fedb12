package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.jdbc.BucketSqlConnections;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The queries of {@link EngineQueries}: each plan runs at least partly on the execution engine, and
 * its answer is DuckDB's with the engine on and with it off ({@code engine=false}, the enumerable
 * plan), and each set operation of {@link EngineQueries#SET_OPERATIONS} names its engine node; an
 * overflow in the engine's arithmetic, a decimal cast that does not fit and a zero divisor are the
 * SQL layer's errors.
 */
@ExtendWith(S3ServerExtension.class)
class EngineDifferentialTest {
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

  static List<SqlCase> queries() {
    return java.util.stream.Stream.of(
            EngineQueries.ALL.stream(),
            EngineQueries.EXPRESSIONS.stream(),
            EngineQueries.WINDOWS.stream(),
            EngineQueries.WHOLE.stream(),
            EngineQueries.RESIDUAL_JOINS.stream(),
            EngineQueries.KEYED_SUBQUERIES.stream(),
            EngineQueries.SET_OPERATIONS.stream().map(EngineQueries.OnNode::query))
        .flatMap(s -> s)
        .toList();
  }

  static List<EngineQueries.OnNode> setOperations() {
    return EngineQueries.SET_OPERATIONS;
  }

  /** Each of these set operations runs on the engine: the plan names its engine node. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("setOperations")
  void theSetOperationIsTheEngines(EngineQueries.OnNode c) throws SQLException {
    String plan = ExplainPlanTest.explain(engine, c.query().sql());
    assertThat(plan).as(c.query().sql()).contains(c.node()).doesNotContain("BucketSetGuard");
  }

  static List<SqlCase> keyedSubqueries() {
    return EngineQueries.KEYED_SUBQUERIES;
  }

  /**
   * Each of these aggregates is probed by the join back to its outer rows, whose keys filter the
   * rows it groups as deep as the key passes unchanged (the scan of fact under projections, filters
   * and joins); their answers are checked against DuckDB above.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("keyedSubqueries")
  void theOuterKeysFilterTheSubquerysRows(SqlCase query) throws SQLException {
    assertThat(ExplainPlanTest.explain(engine, query.sql()))
        .as(query.sql())
        .containsPattern("EngineHashJoin\\(.*filters=\\[\\$\\d+ below, at \\$0 of fact\\]");
  }

  static List<SqlCase> residualJoins() {
    return EngineQueries.RESIDUAL_JOINS;
  }

  /** Each of these joins runs on the engine's hash join with a residual, none on Calcite's. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("residualJoins")
  void theJoinWithARemainderIsTheEngines(SqlCase query) throws SQLException {
    String plan = ExplainPlanTest.explain(engine, query.sql());
    assertThat(plan)
        .as(query.sql())
        .containsPattern("EngineHashJoin\\(type=\\[[a-z]+\\], build=\\[[a-z]+\\], keys=.*residual=")
        .doesNotContain("EnumerableHashJoin")
        .doesNotContain("BucketMarkJoin");
  }

  /**
   * A residual fails only for pairs whose keys match, as Calcite's hash join evaluates it: {@code x
   * // (d.id - 1)} divides by zero for the rows of key 1, while no fact row has key 5.
   */
  @Test
  void aResidualFailsOnlyForPairsWhoseKeysMatch() throws SQLException {
    String fails =
        "SELECT f.k, d.grp FROM fact f JOIN dim d ON f.k = d.id AND f.x // (d.id - 1) > 0";
    assertThat(ExplainPlanTest.explain(engine, fails)).contains("residual=");
    assertSameError(
        fails,
        "22012",
        "division by zero in 3000000000 // 0; write NULLIF(divisor, 0) to get NULL instead");
    String answers =
        "SELECT f.k, d.grp FROM fact f JOIN dim d ON f.k = d.id AND f.x // (d.id - 5) > 0";
    assertThat(ExplainPlanTest.explain(engine, answers)).contains("residual=");
    List<List<Object>> expected = Answers.sorted(Answers.query(duckDb, answers));
    for (Connection c : List.of(engine, enumerable)) {
      assertThat(Answers.difference(Answers.sorted(Answers.query(c, answers)), expected)).isNull();
    }
  }

  /**
   * string_agg, listagg and their separators run on the engine's aggregate and give Calcite's text
   * exactly (the order of a group's rows is its input's on both paths); with an ORDER BY within the
   * call the aggregate stays Calcite's.
   */
  @Test
  void stringAggIsCalcitesTextOnTheEngine() throws SQLException {
    for (String sql :
        List.of(
            "SELECT k, string_agg(n, '-') AS s, listagg(n) AS l, COUNT(*) AS c FROM fact GROUP BY k",
            "SELECT d.grp, string_agg(f.n, d.grp) AS s, string_agg(d.grp, f.n) AS t FROM fact f"
                + " JOIN dim d ON f.k = d.id GROUP BY d.grp",
            "SELECT string_agg(n, ', ') FILTER (WHERE k > 1) AS s, string_agg(n) AS t FROM fact",
            "SELECT string_agg(n, ',') AS s FROM fact WHERE k > 100")) {
      String plan = ExplainPlanTest.explain(engine, sql);
      assertThat(plan)
          .as(sql)
          .contains("EngineHashAggregate")
          .doesNotContain("EnumerableAggregate");
      // groups come in another order, each group's text is the same
      assertThat(Answers.sorted(Answers.query(engine, sql)))
          .as(sql)
          .isEqualTo(Answers.sorted(Answers.query(enumerable, sql)));
    }
    String sql = "SELECT k, string_agg(n, '-') AS s FROM fact WHERE k = 4 OR k = 3 GROUP BY k";
    assertThat(
            Answers.difference(
                Answers.sorted(Answers.query(engine, sql)),
                Answers.sorted(Answers.query(duckDb, sql))))
        .isNull();
    assertThat(
            ExplainPlanTest.explain(
                engine, "SELECT k, string_agg(n, '-' ORDER BY n DESC) AS s FROM fact GROUP BY k"))
        .contains("EnumerableAggregate");
  }

  static List<SqlCase> whole() {
    return EngineQueries.WHOLE;
  }

  /** Each of these plans runs on the engine whole: no enumerable operator is left. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("whole")
  void theWholePlanIsTheEngines(SqlCase query) throws SQLException {
    String plan = ExplainPlanTest.explain(engine, query.sql());
    assertThat(plan).as(query.sql()).contains("Engine").doesNotContain("Enumerable");
  }

  static List<SqlCase> windows() {
    return EngineQueries.WINDOWS;
  }

  /** Each of these windows runs on the engine's window, none on Calcite's. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("windows")
  void theWindowIsTheEngines(SqlCase query) throws SQLException {
    String plan = ExplainPlanTest.explain(engine, query.sql());
    assertThat(plan).as(query.sql()).contains("EngineWindow").doesNotContain("EnumerableWindow");
  }

  /**
   * A filter bounding a rank of the window below it (its first row, QUALIFY RANK() <= 2, 3 >= rn,
   * DENSE_RANK() < 3) leaves the rest of each partition in the window's sort: EXPLAIN says so, and
   * the differential cases above give DuckDB's rows.
   */
  @Test
  void aFilterOnARankCutsTheWindowsPartitions() throws SQLException {
    List<String> cut = new ArrayList<>();
    for (SqlCase q : EngineQueries.WINDOWS) {
      if (ExplainPlanTest.explain(engine, q.sql()).contains("partitionLimit")) {
        cut.add(q.name());
      }
    }
    assertThat(cut)
        .contains(
            "engine window: the first row of each partition",
            "engine window: QUALIFY",
            "engine window: QUALIFY RANK within a limit, ties kept whole, DESC NULLS FIRST",
            "engine window: DENSE_RANK below a bound over two partition columns",
            "engine window: ROW_NUMBER bounds written both ways, with another condition",
            "engine window: the first rows without PARTITION BY, and a bound below 1",
            "engine window: ROW_NUMBER bounded by IN",
            "engine window: ROW_NUMBER bounded by BETWEEN",
            "engine window: a RANK bound with a hole",
            "engine window: a ROW_NUMBER bound in every disjunct",
            "engine window: a bound on one of several windows",
            "engine window: ROW_NUMBER, RANK and DENSE_RANK of one order, the dense rank bounded")
        .doesNotContain(
            "engine window: the second row of each partition, and none",
            "engine window: a bound in one disjunct only",
            "engine window: a bound on ROW_NUMBER beside a running sum sorting alike");
  }

  static List<SqlCase> windowsEngineOnly() {
    return EngineQueries.WINDOWS_ENGINE_ONLY;
  }

  /**
   * These windows run on the engine's window with DuckDB's answer; Calcite's enumerable window
   * answers otherwise or fails (see {@link EngineQueries#WINDOWS_ENGINE_ONLY}).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("windowsEngineOnly")
  void theEnginesWindowAnswersAsDuckDbWhereCalcitesDoesNot(SqlCase query) throws SQLException {
    String plan = ExplainPlanTest.explain(engine, query.sql());
    assertThat(plan).as(query.sql()).contains("EngineWindow").doesNotContain("EnumerableWindow");
    List<List<Object>> expected = Answers.sorted(Answers.query(duckDb, query.duckSql()));
    List<List<Object>> actual = Answers.sorted(Answers.query(engine, query.sql()));
    assertThat(Answers.difference(actual, expected))
        .as("%s%n%s vs %s", query.sql(), actual, expected)
        .isNull();
  }

  /**
   * Why NTILE is compared on the engine only: over 10 rows in 4 tiles DuckDB's tiles have 3, 3, 2
   * and 2 rows, Calcite's enumerable NTILE 3, 2, 3 and 2; the engine's are DuckDB's.
   */
  @Test
  void calcitesNtileDiffersFromDuckDbsAndTheEngines() throws SQLException {
    String sql = "SELECT x, NTILE(4) OVER (ORDER BY x) AS t FROM fact WHERE x IS NOT NULL";
    assertThat(ExplainPlanTest.explain(engine, sql)).contains("EngineWindow");
    List<List<Object>> duck = Answers.sorted(Answers.query(duckDb, sql));
    assertThat(Answers.difference(Answers.sorted(Answers.query(engine, sql)), duck)).isNull();
    assertThat(Answers.difference(Answers.sorted(Answers.query(enumerable, sql)), duck))
        .isNotNull();
  }

  static List<SqlCase> expressions() {
    return EngineQueries.EXPRESSIONS;
  }

  /** Each of these expressions runs in the engine: no node of the plan is an EnumerableCalc. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("expressions")
  void theWholeProjectionOrFilterIsTheEngines(SqlCase query) throws SQLException {
    String plan = ExplainPlanTest.explain(engine, query.sql());
    assertThat(plan).as(query.sql()).doesNotContain("EnumerableCalc");
    assertThat(plan).as(query.sql()).containsAnyOf("EngineProject", "EngineFilter");
  }

  /**
   * BucketSQL's ILIKE folds the case of ASCII letters only, as Calcite's (DuckDB folds {@code Ä} to
   * {@code ä} too): the engine answers as the enumerable plan does.
   */
  @Test
  void ilikeFoldsAsciiOnlyAsTheEnumerablePlan() throws SQLException {
    String sql =
        "SELECT id, name ILIKE 'ä%' AS a, name ILIKE 'Ä%' AS b, name ILIKE 'é%' AS c FROM moments"
            + " ORDER BY id";
    assertThat(ExplainPlanTest.explain(engine, sql)).contains("EngineProject");
    List<List<Object>> rows = Answers.query(engine, sql);
    assertThat(Answers.difference(rows, Answers.query(enumerable, sql))).isNull();
    assertThat(rows.get(4)).hasToString("[5, false, true, false]");
    assertThat(rows.get(2)).hasToString("[3, false, false, false]");
  }

  @Test
  void aZeroDivisorInADecimalRemainderIsTheSqlError() throws SQLException {
    String sql =
        "SELECT id, CAST(a AS DECIMAL(10,2)) % (CAST(b AS DECIMAL(6,1)) - 3) AS r FROM moments"
            + " ORDER BY id";
    assertThat(ExplainPlanTest.explain(engine, sql))
        .contains("EngineProject")
        .doesNotContain("EnumerableCalc");
    assertSameError(
        sql,
        "22012",
        "division by zero: a / or % has a zero divisor; use NULLIF(divisor, 0) to get NULL"
            + " instead");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void runsOnTheEngineWithDuckDbsAnswer(SqlCase query) throws SQLException {
    assertThat(ExplainPlanTest.explain(engine, query.sql())).as(query.sql()).contains("Engine");
    List<List<Object>> expected = Answers.query(duckDb, query.duckSql());
    for (Connection c : List.of(engine, enumerable)) {
      List<List<Object>> actual = Answers.query(c, query.sql());
      List<List<Object>> want = expected;
      if (!query.ordered()) {
        actual = Answers.sorted(actual);
        want = Answers.sorted(expected);
      }
      assertThat(Answers.difference(actual, want))
          .as("%s%n%s vs %s", query.sql(), actual, want)
          .isNull();
    }
  }

  @Test
  void aDecimalCastThatDoesNotFitIsTheSqlError() throws SQLException {
    String sql = "SELECT k, CAST(x AS DECIMAL(10, 2)) AS d FROM fact ORDER BY d";
    assertThat(ExplainPlanTest.explain(engine, sql)).contains("EngineProject");
    assertSameError(
        sql,
        "22003",
        "numeric value out of range: Value 3000000000 cannot be represented as a DECIMAL(10, 2);"
            + " CAST to BIGINT, DOUBLE or a wider DECIMAL");
  }

  /**
   * The engine evaluates an OR's right operand only for the rows its left operand leaves open: the
   * row with k = 1 never divides by zero, and the answer is DuckDB's. (Calcite's generated code
   * evaluates both operands of this OR, whose operands may be NULL, and fails with 22012: with the
   * engine off this statement is an error.)
   */
  @Test
  void anOperandAnOrHasDecidedIsNotEvaluated() throws SQLException {
    String sql = "SELECT k, x FROM fact WHERE k IS NULL OR k = 1 OR x % (k - 1) >= 0 ORDER BY k, x";
    assertThat(ExplainPlanTest.explain(engine, sql)).contains("EngineFilter");
    assertThat(Answers.difference(Answers.query(engine, sql), Answers.query(duckDb, sql))).isNull();
  }

  @Test
  void aZeroDivisorInTheEnginesDivisionIsTheSqlError() throws SQLException {
    String sql = "SELECT k, x // (k - 1) AS q FROM fact WHERE k IS NOT NULL ORDER BY q";
    assertThat(ExplainPlanTest.explain(engine, sql)).contains("EngineProject");
    assertSameError(
        sql,
        "22012",
        "division by zero in 3000000000 // 0; write NULLIF(divisor, 0) to get NULL instead");
  }

  @Test
  void aNegationOrAbsThatDoesNotFitIsTheSqlError() throws SQLException {
    for (String f : List.of("-", "ABS")) {
      String sql =
          "SELECT k, "
              + f
              + "(x * 0 - 9223372036854775807 - 1) AS n FROM fact WHERE k = 4 ORDER BY n";
      assertThat(ExplainPlanTest.explain(engine, sql)).contains("EngineProject");
      for (Connection c : List.of(engine, enumerable)) {
        assertThatThrownBy(() -> Answers.query(c, sql))
            .isInstanceOf(SQLException.class)
            .hasMessage(
                "Overflow in negation of BIGINT (-(-9223372036854775808)): the result is out of"
                    + " BIGINT's range; cast the operand to DECIMAL(38,0) or DOUBLE to widen it")
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22003"));
      }
    }
  }

  @Test
  void aSubstringOffsetOutOfRangeIsTheSqlError() throws SQLException {
    String sql =
        "SELECT f.k, substring(d.grp, f.x * 2, 1) AS s FROM fact f JOIN dim d ON f.k = d.id"
            + " ORDER BY f.k";
    assertThat(ExplainPlanTest.explain(engine, sql)).contains("EngineProject");
    assertSameError(
        sql,
        "22003",
        "Substring offset 6000000000 outside of supported range (-4294967296 to 4294967295)");
  }

  /**
   * A subexpression that several expressions of a projection hold is computed once per batch where
   * each occurrence is computed for all the projection's rows (the plan names it), and not where
   * one sits under a CASE; an overflow in one fails as the expressions computed alone fail.
   */
  @Test
  void aCommonSubexpressionIsSharedOnlyWhereEveryOccurrenceComputesAllRows() throws SQLException {
    String shared =
        "SELECT k, SUM(v * (1 - v)) AS a, MAX(v * (1 - v) * 2) AS b FROM fact GROUP BY k"
            + " ORDER BY k";
    assertThat(ExplainPlanTest.explain(engine, shared))
        .contains("EngineProject")
        .contains("shared=[[*($1, -(1, $1))]]");
    String underCase =
        "SELECT k, MIN(v * 3) AS a, MAX(CASE WHEN k > 1 THEN v * 3 ELSE 0 END) AS b FROM fact"
            + " GROUP BY k ORDER BY k";
    assertThat(ExplainPlanTest.explain(engine, underCase))
        .contains("EngineProject")
        .doesNotContain("shared=");
    for (String sql : List.of(shared, underCase)) {
      assertThat(Answers.difference(Answers.query(engine, sql), Answers.query(duckDb, sql)))
          .as(sql)
          .isNull();
    }
    String overflow =
        "SELECT k, MIN(x * 4000000000) AS big, MAX(x * 4000000000 * 1.5) AS again FROM fact"
            + " WHERE k = 4 GROUP BY k";
    assertThat(ExplainPlanTest.explain(engine, overflow)).contains("shared=");
    for (Connection c : List.of(engine, enumerable)) {
      assertThatThrownBy(() -> Answers.query(c, overflow))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("Overflow in multiplication of BIGINT (3000000001 * 4000000000)")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22003"));
    }
    String removed =
        "SELECT k, MIN(x * 4000000000) AS big, MAX(x * 4000000000 * 1.5) AS again FROM fact"
            + " WHERE k = 2 GROUP BY k";
    assertThat(Answers.difference(Answers.query(engine, removed), Answers.query(duckDb, removed)))
        .isNull();
  }

  @Test
  void anOverflowInTheEnginesArithmeticIsTheSqlError() throws SQLException {
    String sql = "SELECT k, x * 4000000000 AS big FROM fact WHERE k = 4 ORDER BY big";
    assertThat(ExplainPlanTest.explain(engine, sql)).contains("EngineProject");
    for (Connection c : List.of(engine, enumerable)) {
      assertThatThrownBy(() -> Answers.query(c, sql))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("Overflow in multiplication of BIGINT (3000000001 * 4000000000)")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22003"));
    }
  }

  /**
   * Text that is no value of a cast's type fails alike with the engine on and off, with the SQL
   * layer's SQLSTATE and message naming the text: not a number, out of range, no date, February 29
   * of a common year, no boolean word.
   */
  @Test
  void textThatIsNoValueOfTheCastsTypeIsTheSqlError() throws SQLException {
    String[][] cases = {
      {
        "CAST(num AS BIGINT)",
        "7",
        "22P02",
        "invalid number 'x': the text is not a number; the column holds text that is not a number: filter those rows out before the CAST"
      },
      {
        "CAST(num AS INTEGER)",
        "8",
        "22003",
        "number '99999999999999999999' out of range for the type it is converted to; CAST to BIGINT, DOUBLE or a wider DECIMAL"
      },
      {
        "CAST(dec AS DECIMAL(10,2))",
        "8",
        "22003",
        "Cannot cast DECIMAL 123456789.120 to DECIMAL(10,2): out of range (DECIMAL(10,2) holds 8 digits before the point); cast to a wider DECIMAL or to DOUBLE, or use TRY_CAST to get NULL"
      },
      {
        "CAST(dec AS DECIMAL(10,2))",
        "7",
        "22P02",
        "invalid number 'Character x is neither a decimal digit number, decimal point, nor \"e\" notation e...': the text is not a number; the column holds text that is not a number: filter those rows out before the CAST"
      },
      {
        "CAST(dec AS DOUBLE)",
        "7",
        "22P02",
        "invalid number 'x': the text is not a number; the column holds text that is not a number: filter those rows out before the CAST"
      },
      {
        "CAST(day AS DATE)",
        "8",
        "22008",
        "date or time field out of range: Value of DAY field is out of range in '2023-02-29'; write dates as 'YYYY-MM-DD' and timestamps as 'YYYY-MM-DD hh:mm:ss[.fff]'"
      },
      {
        "CAST(day AS DATE)",
        "7",
        "22007",
        "invalid date or time: Invalid DATE value, 'x'; write dates as 'YYYY-MM-DD' and timestamps as 'YYYY-MM-DD hh:mm:ss[.fff]'"
      },
      {
        "CAST(stamp AS TIMESTAMP)",
        "8",
        "22008",
        "date or time field out of range: Value of DAY field is out of range in '2023-02-29 10:00:00'; write dates as 'YYYY-MM-DD' and timestamps as 'YYYY-MM-DD hh:mm:ss[.fff]'"
      },
      {
        "CAST(stamp AS TIMESTAMP)",
        "7",
        "22007",
        "invalid date or time: Invalid DATE value, 'x'; write dates as 'YYYY-MM-DD' and timestamps as 'YYYY-MM-DD hh:mm:ss[.fff]'"
      },
      {
        "CAST(flag AS BOOLEAN)",
        "8",
        "22P02",
        "invalid boolean 'maybe': could not convert the string to BOOLEAN; write true, false, t, f, yes, no, y, n, 1 or 0, or use TRY_CAST to get NULL"
      },
    };
    for (String[] c : cases) {
      String sql = "SELECT id, " + c[0] + " AS v FROM texts WHERE id = " + c[1] + " ORDER BY id";
      assertThat(ExplainPlanTest.explain(engine, sql))
          .as(sql)
          .contains("EngineProject")
          .doesNotContain("EnumerableCalc");
      assertSameError(sql, c[2], c[3]);
    }
  }

  /**
   * Casts to a VARCHAR(n) or a CHAR(n), of TIME to text and of text to a DECIMAL of a smaller scale
   * answer on the engine as on the enumerable plan, and as DuckDB: text keeps its length whatever
   * the type says (DuckDB's text has none; docs/sql.md), a TIME its milliseconds, and the digits
   * round half away from zero.
   */
  @Test
  void textLengthsAndTimeTextAsDuckDb() throws SQLException {
    String sql =
        "SELECT id, CAST(word AS VARCHAR(3)) AS a, CAST(word AS CHAR(8)) AS b, CAST(num AS CHAR(3)) AS c,"
            + " CAST(id * 1000 AS VARCHAR(2)) AS i, CAST(CAST(stamp AS TIMESTAMP) AS VARCHAR(13)) AS t,"
            + " CAST(CAST(stamp AS TIMESTAMP) AS CHAR(25)) AS tc, CAST(CAST(day AS DATE) AS CHAR(12)) AS d,"
            + " CAST(CAST(substring(stamp, 12) AS TIME) AS VARCHAR) AS tm, TRY_CAST(dec AS DECIMAL(6,1)) AS g"
            + " FROM texts WHERE id < 7 ORDER BY id";
    assertThat(ExplainPlanTest.explain(engine, sql))
        .contains("EngineProject")
        .doesNotContain("EnumerableCalc");
    List<List<Object>> rows = Answers.query(engine, sql);
    assertThat(Answers.difference(rows, Answers.query(enumerable, sql))).isNull();
    assertThat(Answers.difference(rows, Answers.query(duckDb, sql))).isNull();
    assertThat(rows.get(0))
        .hasToString(
            "[1, h\u00e9llo, h\u00e9llo, 42, 1000, 2024-02-29 12:34:56.789, 2024-02-29 12:34:56.789,"
                + " 2024-02-29, 12:34:56.789, 12.3]");
  }

  /** {@code sql} fails alike with the engine on and off: this SQLSTATE and this message. */
  private static void assertSameError(String sql, String sqlState, String message) {
    for (Connection c : List.of(engine, enumerable)) {
      assertThatThrownBy(() -> Answers.query(c, sql))
          .isInstanceOf(SQLException.class)
          .hasMessage(message)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo(sqlState));
    }
  }
}
