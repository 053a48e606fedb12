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

/**
 * Errors for unknown tables, columns and functions suggest the nearest names, as DuckDB's do, and
 * keep their SQLSTATE; a name nothing is near gets no suggestion.
 */
@ExtendWith(S3ServerExtension.class)
class DidYouMeanTest {
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
  void unknownTableSuggestsTheNearestTable() {
    assertFails(
        "SELECT COUNT(*) FROM PP_recipe",
        "42P01",
        "Object 'PP_recipe' not found; did you mean \"PP_recipes\"? (at line 1, column 22)",
        "Did you mean \"PP_recipes\"");
    assertFails(
        "SELECT * FROM raw_recipe_clean", "42P01", "did you mean \"RAW_recipes_clean\"?", null);
    assertFails(
        "SELECT * FROM nope_table",
        "42P01",
        "Object 'nope_table' not found (at line 1, column 15)",
        null);
  }

  @Test
  void unknownColumnSuggestsColumnsOfTheTablesNamed() {
    assertFails(
        "SELECT idd FROM nulls",
        "42703",
        "Column 'idd' not found in any table; did you mean \"id\"? (at line 1, column 8)",
        "Candidate bindings: \"id\"");
    assertFails(
        "SELECT r.calory FROM RAW_recipes_clean r", "42703", "did you mean \"calories\"?", null);
    assertFails(
        "SELECT zzzzzz FROM nulls",
        "42703",
        "Column 'zzzzzz' not found in any table (at line 1, column 8)",
        null);
  }

  @Test
  void unknownFunctionSuggestsTheNearestFunctions() {
    assertFails("SELECT lenn('a')", "42883", "did you mean \"len\"", "Did you mean \"len\"");
    assertFails(
        "SELECT strftim(DATE '2020-01-01', '%Y')", "42883", "did you mean \"strftime\"", null);
    // a known function with other argument types is no misspelling
    assertThatThrownBy(() -> query(connection, "SELECT len(1, 2)"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42883"))
        .message()
        .doesNotContain("did you mean");
  }

  private static void assertFails(String sql, String state, String ours, String duck) {
    assertThatThrownBy(() -> query(connection, sql))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(state))
        .hasMessageContaining(ours);
    if (duck != null) {
      assertThatThrownBy(() -> query(duckDb, sql)).hasMessageContaining(duck);
    }
  }

  private static void query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeQuery(sql).close();
    }
  }
}
