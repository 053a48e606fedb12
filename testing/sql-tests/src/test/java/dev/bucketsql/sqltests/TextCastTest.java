package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Text cast to a type it is no value of: an error in both engines (even where Calcite could fold
 * the cast away), NULL with TRY_CAST; the SQLSTATE and message name the text and the type.
 */
@ExtendWith(S3ServerExtension.class)
class TextCastTest {
  private static Connection bucketSql;
  private static Connection duckDb;

  @BeforeAll
  static void connect(S3TestServer server) throws SQLException {
    bucketSql = SqlTestBucket.connect(server);
    duckDb = SqlTestBucket.duckDb(server);
  }

  @AfterAll
  static void close() throws SQLException {
    bucketSql.close();
    duckDb.close();
  }

  @ParameterizedTest
  @CsvSource({
    "DOUBLE, 22P02, invalid number 'zero'",
    "REAL, 22P02, invalid number 'zero'",
    "INTEGER, 22P02, invalid number 'zero'",
    "BIGINT, 22P02, invalid number 'zero'",
    "'DECIMAL(5,2)', 22P02, invalid number 'zero'",
    "DATE, 22007, invalid DATE 'zero'",
    "TIMESTAMP, 22007, invalid TIMESTAMP 'zero'",
    "BOOLEAN, 22P02, invalid boolean 'zero'"
  })
  void textThatIsNoValueFailsInBothEngines(String type, String state, String message)
      throws SQLException {
    for (String sql :
        new String[] {
          "SELECT CAST('zero' AS " + type + ") AS v",
          "SELECT COUNT(*) AS n FROM RAW_recipes WHERE CAST('zero' AS " + type + ") IS NOT NULL"
        }) {
      assertThatThrownBy(() -> count(duckDb, sql)).as(sql).isInstanceOf(SQLException.class);
      assertThatThrownBy(() -> count(bucketSql, sql))
          .as(sql)
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(state))
          .hasMessageContaining(message)
          .hasMessageContaining(type.startsWith("DECIMAL") ? "DECIMAL" : type);
      String tried = sql.replace("CAST(", "TRY_CAST(");
      assertThat(count(bucketSql, tried)).as(tried).isEqualTo(count(duckDb, tried));
    }
  }

  @Test
  void theCastIsNamedInAStatementWithAnInSubquery() {
    // the keys of an IN subquery are wrapped in a marker call before validation; the error
    // message names the statement as typed, marker and all, and must not fail on it instead
    String sql =
        "SELECT COUNT(*) AS n FROM RAW_recipes WHERE CASE WHEN minutes IN (SELECT n_steps FROM RAW_recipes)"
            + " THEN CAST('zero' AS DOUBLE) ELSE 1e0 END > 0";
    assertThatThrownBy(() -> count(bucketSql, sql))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22P02"))
        .hasMessageContaining("invalid number 'zero'");
  }

  @Test
  void aBooleanColumnOfDuckDbsWordsReadsAsInDuckDb() throws SQLException {
    String sql =
        "SELECT COUNT(*) AS n FROM (VALUES ('true'), ('T'), ('yes'), ('Y'), ('1'), ('false'), ('f'), ('No'),"
            + " ('n'), ('0')) v(s) WHERE CAST(s AS BOOLEAN)";
    assertThat(count(bucketSql, sql)).isEqualTo(count(duckDb, sql)).isEqualTo(5.0);
    String bad =
        "SELECT COUNT(*) AS n FROM (VALUES ('true'), ('on')) v(s) WHERE CAST(s AS BOOLEAN)";
    assertThatThrownBy(() -> count(duckDb, bad)).isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> count(bucketSql, bad))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22P02"))
        .hasMessageContaining("invalid boolean 'on'");
    String tried = bad.replace("CAST(", "TRY_CAST(");
    assertThat(count(bucketSql, tried)).isEqualTo(count(duckDb, tried)).isEqualTo(1.0);
  }

  @Test
  void textThatMayBeANumberIsLeftToTheCast() throws SQLException {
    String sql =
        "SELECT CAST(' 1.5 ' AS DOUBLE) + CAST('2' AS INTEGER) + CAST('1e1' AS DECIMAL(5,1)) AS v";
    assertThat(count(bucketSql, sql)).isEqualTo(count(duckDb, sql));
  }

  @Test
  void textToADecimalOfFewerDigitsRoundsAsDuckDb() throws SQLException {
    String[] texts = {"12.345", "-12.345", "0.005", "-0.004999", "99.994", "1.5e-2", " 7.125 "};
    for (String text : texts) {
      for (String cast : new String[] {"CAST", "TRY_CAST"}) {
        String sql = "SELECT " + cast + "('" + text + "' AS DECIMAL(10,2)) * 100 AS v";
        assertThat(count(bucketSql, sql)).as(sql).isEqualTo(count(duckDb, sql));
      }
    }
    String column =
        "SELECT SUM(CAST(CAST(rating AS VARCHAR) || '.125' AS DECIMAL(10,2)) * 1000) AS v"
            + " FROM RAW_interactions";
    assertThat(count(bucketSql, column)).isEqualTo(count(duckDb, column));
  }

  @Test
  void textIsReadAsADoubleTheWayDuckDbReadsIt() throws SQLException {
    String[] texts = {
      "inf",
      "-Infinity",
      " NaN ",
      "+inf",
      "-nan",
      "INFINITY",
      "1e400",
      "1_000",
      ".5",
      "5.",
      "+.5e-3",
      "\t2\n",
      "1d",
      "2.5f",
      "0x10",
      "1,5",
      "infinit",
      "1e",
      ""
    };
    for (String text : texts) {
      for (String type : new String[] {"DOUBLE", "REAL"}) {
        String literal = "'" + text + "'";
        String tried =
            "SELECT TRY_CAST(s AS " + type + ") AS v FROM (VALUES (" + literal + ")) v(s)";
        assertThat(count(bucketSql, tried)).as(tried).isEqualTo(count(duckDb, tried));
        String cast = tried.replace("TRY_CAST(", "CAST(");
        if (count(duckDb, tried) == null) {
          assertThatThrownBy(() -> count(bucketSql, cast))
              .as(cast)
              .isInstanceOfSatisfying(
                  SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22P02"));
        } else {
          assertThat(count(bucketSql, cast)).as(cast).isEqualTo(count(duckDb, cast));
        }
      }
    }
  }

  /** The first column of the first row, as a number. */
  private static Number count(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        var rs = statement.executeQuery(sql)) {
      rs.next();
      Object v = rs.getObject(1);
      return v == null
          ? null
          : v instanceof Number n ? Double.valueOf(n.doubleValue()) : Double.valueOf(-1.0);
    }
  }
}
