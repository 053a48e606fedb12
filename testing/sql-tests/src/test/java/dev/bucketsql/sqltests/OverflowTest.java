package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
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
 * Integer overflow is an error, never a wrap, on every path: arithmetic in Calcite's generated
 * code, sums in Calcite's aggregates and in the fused operators, casts and decimal results. Values
 * at the edges of INTEGER and BIGINT, written by DuckDB as Parquet (INT32, INT64, SMALLINT, DECIMAL
 * columns) and as CSV, are read by BucketSQL with pushdown (and the fused operators) on and off,
 * and by DuckDB: each query gives DuckDB's answer, or fails on both with SQLSTATE 22003 on
 * BucketSQL's side.
 */
@ExtendWith(S3ServerExtension.class)
class OverflowTest {
  private static final String TABLE = "overflow_values";

  private static Connection bucketSql;
  private static Connection noPushdown;
  private static Connection duckDb;

  @BeforeAll
  static void setUp(S3TestServer server) throws Exception {
    Path dir = SqlTestBucket.ensure(server);
    Path parquet = dir.resolve(TABLE + ".parquet");
    Path csv = dir.resolve(TABLE + "_csv.csv");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = duck.createStatement()) {
      String values =
          "SELECT * FROM (VALUES"
              + " (1, 2147483647::INTEGER, (-2147483648)::INTEGER, 9000000000000000000::BIGINT,"
              + "  32767::SMALLINT, 1.50::DECIMAL(10,2)),"
              + " (2, 5::INTEGER, 0::INTEGER, 9000000000000000000::BIGINT, 1::SMALLINT, 2.25::DECIMAL(10,2)),"
              + " (3, NULL, 7::INTEGER, 9000000000000000000::BIGINT, NULL, NULL),"
              + " (4, -1::INTEGER, -7::INTEGER, (-9223372036854775808)::BIGINT, (-32768)::SMALLINT,"
              + "  -99999999.99::DECIMAL(10,2))"
              + ") t(id, i, lo, v, s, d)";
      s.execute("COPY (" + values + ") TO '" + parquet + "' (FORMAT PARQUET)");
      s.execute("COPY (" + values + ") TO '" + csv + "' (FORMAT CSV, HEADER)");
    }
    for (Path p : List.of(parquet, csv)) {
      server.putObject(SqlTestBucket.BUCKET, p.getFileName().toString(), p);
    }
    bucketSql = SqlTestBucket.connect(server);
    noPushdown = SqlTestBucket.connectWithoutPushdown(server);
    duckDb = SqlTestBucket.duckDb(server);
    assertThat(Files.exists(parquet)).isTrue();
  }

  @AfterAll
  static void close() throws SQLException {
    bucketSql.close();
    noPushdown.close();
    duckDb.close();
  }

  /** Queries whose answer both engines give. */
  static Stream<Arguments> answers() {
    return Stream.of(
            "SELECT SUM(v) AS s FROM %s",
            "SELECT SUM(v) AS s, COUNT(*) AS n FROM %s WHERE id < 4",
            "SELECT AVG(v) AS a FROM %s WHERE id < 4",
            "SELECT id %% 2 AS g, SUM(v) AS s, AVG(v) AS a FROM %s WHERE id < 4 GROUP BY 1",
            "SELECT SUM(i) AS s, SUM(lo) AS l, SUM(s) AS m FROM %s",
            "SELECT MAX(CAST(i AS BIGINT) * 60) AS m, MAX(CAST(i AS BIGINT) + 1) AS p FROM %s",
            "SELECT SUM(CAST(v AS DECIMAL(38,0)) * 10) AS s FROM %s WHERE id < 4",
            "SELECT SUM(d) AS s FROM %s",
            "SELECT id, SUM(v) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS r"
                + " FROM %s WHERE id < 4",
            "SELECT a.id, SUM(b.v) AS s FROM %1$s a JOIN %1$s b ON a.id = b.id %% 2 + 1 GROUP BY a.id",
            // casts to integers round as DuckDB's: decimals halves away from zero, doubles to even
            "SELECT id, CAST(d * 3 AS INTEGER) AS a, CAST(CAST(d * 3 AS DOUBLE) AS INTEGER) AS b,"
                + " TRY_CAST(v AS INTEGER) AS c, CAST(i AS SMALLINT) IS NULL AS e FROM %s WHERE id = 3",
            "SELECT id, CAST(d * 3 AS BIGINT) AS a, CAST(CAST(d * 3 AS DOUBLE) AS SMALLINT) AS b FROM %s WHERE id < 4",
            "SELECT CAST(2.5 AS INTEGER) AS a, CAST(-2.5 AS INTEGER) AS b, CAST(2.5e0 AS INTEGER) AS c,"
                + " CAST(3.5e0 AS BIGINT) AS d, CAST(-0.5e0 AS INTEGER) AS e, COUNT(*) AS n FROM %s",
            // casts to a smaller decimal scale round halves away from zero, of doubles after
            // scaling
            "SELECT id, CAST(d * 1.25 AS DECIMAL(20,1)) AS a, CAST(d / 8 AS DECIMAL(20,2)) AS b,"
                + " CAST(CAST(d AS DOUBLE) * 0.15 AS DECIMAL(20,1)) AS c FROM %s WHERE id < 4",
            "SELECT CAST(1.25 AS DECIMAL(3,1)) AS a, CAST(-1.25 AS DECIMAL(3,1)) AS b, CAST(0.15e0 AS DECIMAL(3,1)) AS c,"
                + " CAST(2.675e0 AS DECIMAL(4,2)) AS e, TRY_CAST(123.45 AS DECIMAL(3,1)) AS f, COUNT(*) AS n FROM %s",
            "SELECT SUM(CAST(1.5 AS DECIMAL(2,1))) AS s FROM %1$s UNION ALL SELECT 1.25 FROM %1$s WHERE id = 1")
        .flatMap(q -> Stream.of(Arguments.of(q, TABLE), Arguments.of(q, TABLE + "_csv")));
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("answers")
  void givesDuckDbsAnswer(String query, String table) throws SQLException {
    String sql = String.format(query, table);
    List<List<Object>> expected = Answers.sorted(Answers.query(duckDb, sql));
    for (Connection c : List.of(bucketSql, noPushdown)) {
      List<List<Object>> actual = Answers.sorted(Answers.query(c, sql));
      assertThat(Answers.difference(actual, expected))
          .as("%s%n%s vs %s", sql, actual, expected)
          .isNull();
    }
  }

  /** Queries DuckDB refuses with an overflow error: BucketSQL must refuse them too. */
  static Stream<Arguments> overflows() {
    return Stream.of(
        Arguments.of(
            "SELECT i + 1 FROM " + TABLE, "Overflow in addition of INTEGER (2147483647 + 1)"),
        Arguments.of(
            "SELECT MAX(i * 60) FROM " + TABLE,
            "Overflow in multiplication of INTEGER (2147483647 * 60)"),
        Arguments.of(
            "SELECT lo - 1 FROM " + TABLE, "Overflow in subtraction of INTEGER (-2147483648 - 1)"),
        Arguments.of(
            "SELECT -lo FROM " + TABLE, "Overflow in negation of INTEGER (-(-2147483648))"),
        Arguments.of("SELECT abs(lo) FROM " + TABLE, "INTEGER (-(-2147483648))"),
        Arguments.of(
            "SELECT s * CAST(2 AS SMALLINT) FROM " + TABLE,
            "Overflow in multiplication of SMALLINT (32767 * 2)"),
        Arguments.of(
            "SELECT v * 2 FROM " + TABLE,
            "Overflow in multiplication of BIGINT (9000000000000000000 * 2)"),
        Arguments.of("SELECT v + v FROM " + TABLE, "Overflow in addition of BIGINT"),
        Arguments.of(
            "SELECT -v FROM " + TABLE, "Overflow in negation of BIGINT (-(-9223372036854775808))"),
        Arguments.of("SELECT SUM(v * 1000) FROM " + TABLE, "Overflow in multiplication of BIGINT"),
        Arguments.of(
            "SELECT 2147483647 * 60", "Overflow in multiplication of INTEGER (2147483647 * 60)"),
        Arguments.of(
            "SELECT 9223372036854775807 + 1",
            "Overflow in addition of BIGINT (9223372036854775807 + 1)"),
        Arguments.of(
            "SELECT CAST(3e9 AS INTEGER)", "Cannot cast DOUBLE 3.0E9 to INTEGER: out of range"),
        Arguments.of(
            "SELECT CAST(CAST('NaN' AS DOUBLE) AS INTEGER)", "Cannot cast DOUBLE NaN to INTEGER"),
        Arguments.of("SELECT CAST(300 AS TINYINT)", "Cannot cast 300 to TINYINT"),
        Arguments.of(
            "SELECT CAST(i AS SMALLINT) FROM " + TABLE, "Cannot cast 2147483647 to SMALLINT"),
        Arguments.of(
            "SELECT CAST(v AS INTEGER) FROM " + TABLE,
            "Cannot cast 9000000000000000000 to INTEGER"),
        Arguments.of(
            "SELECT CAST(123.45 AS DECIMAL(3,1))",
            "Cannot cast DECIMAL 123.45 to DECIMAL(3,1): out of range"),
        Arguments.of(
            "SELECT CAST(1e300 AS DECIMAL(38,0))",
            "Cannot cast DOUBLE 1.0E300 to DECIMAL(38,0): out of range"),
        Arguments.of(
            "SELECT CAST(99999999999999999999999999999999999999 AS DECIMAL(38,0)) + 1",
            "cannot be represented as a DECIMAL(38, 0)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overflows")
  void overflowIsAnErrorNamingTheValues(String sql, String message) {
    assertThatThrownBy(() -> Answers.query(duckDb, sql))
        .as("DuckDB refuses it too")
        .isInstanceOf(SQLException.class);
    for (Connection c : List.of(bucketSql, noPushdown)) {
      assertThatThrownBy(() -> Answers.query(c, sql))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining(message)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22003"))
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Test
  void integerSumsAreDecimalsOf38Digits() throws SQLException {
    try (Statement s = bucketSql.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT SUM(v) AS a, SUM(i) AS b, SUM(d) AS c FROM " + TABLE)) {
      for (int c = 1; c <= 3; c++) {
        assertThat(rs.getMetaData().getColumnType(c)).isEqualTo(Types.DECIMAL);
        assertThat(rs.getMetaData().getPrecision(c)).isEqualTo(38);
      }
      assertThat(rs.getMetaData().getScale(3)).isEqualTo(2);
      assertThat(rs.next()).isTrue();
      assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("17776627963145224192");
    }
  }

  @Test
  void fusedSumsCarryPastBigint() throws SQLException {
    // the scan aggregate adds in a long until it overflows, then carries the rest
    String sql = "SELECT SUM(v) AS s, SUM(lo) AS l FROM " + TABLE;
    assertThat(ExplainPlanTest.explain(bucketSql, sql)).contains("BucketScanAggregate(");
    List<Object> row = Answers.query(bucketSql, sql).get(0);
    assertThat(row.get(0).toString()).isEqualTo("17776627963145224192");
    assertThat(row.get(1).toString()).isEqualTo("-2147483648");
  }
}
