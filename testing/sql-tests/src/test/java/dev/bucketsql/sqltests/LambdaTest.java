package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lambdas in both of DuckDB's spellings, and what BucketSQL says about the list calls it does not
 * take (answers are compared with DuckDB in {@link LambdaQueries}).
 */
@ExtendWith(S3ServerExtension.class)
class LambdaTest {
  private static Connection connection;

  @BeforeAll
  static void connect(S3TestServer server) throws SQLException {
    connection = SqlTestBucket.connect(server);
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void arrowAndLambdaKeywordGiveTheSameAnswer() throws SQLException {
    String arrow =
        "SELECT id, list_transform(CAST(nutrition AS DOUBLE[]), v -> v * 2) AS a,"
            + " list_reduce(CAST(nutrition AS DOUBLE[]), (p, q) -> p + q) AS b FROM RAW_recipes ORDER BY id LIMIT 30";
    String keyword =
        "SELECT id, list_transform(CAST(nutrition AS DOUBLE[]), lambda v: v * 2) AS a,"
            + " list_reduce(CAST(nutrition AS DOUBLE[]), lambda p, q: p + q) AS b FROM RAW_recipes ORDER BY id LIMIT 30";
    assertThat(Answers.query(connection, keyword))
        .hasSize(30)
        .isEqualTo(Answers.query(connection, arrow));
  }

  @Test
  void errorsAfterALambdaPointAtTheTextAsTyped() {
    assertThatThrownBy(
            () ->
                Answers.query(
                    connection,
                    "SELECT list_transform([1], lambda x: x + 1) AS a, nope FROM nulls"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Column 'nope' not found in any table")
        .hasMessageContaining("(at line 1, column 51)");
  }

  @Test
  void reducingAnEmptyListFailsAsInDuckDb() {
    assertThatThrownBy(
            () ->
                Answers.query(
                    connection, "SELECT list_reduce(CAST('[]' AS INTEGER[]), lambda x, y: x + y)"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22023"))
        .hasMessageContaining("list_reduce: cannot reduce an empty list");
  }

  @Test
  void unknownListAggregateNamesTheOnesThereAre() {
    assertThatThrownBy(() -> Answers.query(connection, "SELECT list_aggregate([1, 2], 'nope')"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42883"))
        .hasMessageContaining(
            "list_aggregate: unknown aggregate 'nope'; BucketSQL takes 'sum', 'min', 'max', 'count' and 'avg'");
  }

  @Test
  void arrayLengthOfAnotherDimensionIsRefusedAsInDuckDb() {
    assertThatThrownBy(() -> Answers.query(connection, "SELECT array_length([1, 2], 2)"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"))
        .hasMessageContaining("array_length: only dimension 1 is supported, not 2");
  }

  @Test
  void aLambdaReadsOneValueOfTheRowButNotSeveral() {
    assertThatThrownBy(
            () ->
                Answers.query(
                    connection,
                    "SELECT list_transform([1, 2], lambda x: x + id + score) FROM nulls"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"))
        .hasMessageContaining(
            "not supported by BucketSQL: a lambda that reads the column 'id' of the row (at line 1,"
                + " column 45); a lambda of list_transform or list_filter with one parameter may read one value of the row");
    for (String sql :
        new String[] {
          "SELECT list_transform([1, 2], lambda x, i: x + id) FROM nulls",
          "SELECT list_reduce([1, 2], lambda a, b: a + b + id) FROM nulls"
        }) {
      assertThatThrownBy(() -> Answers.query(connection, sql))
          .as(sql)
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"))
          .hasMessageContaining("a lambda that reads the column 'id' of the row");
    }
    assertThatThrownBy(
            () ->
                Answers.query(
                    connection, "SELECT list_transform([1, 2], lambda x: x + nope) FROM nulls"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42703"))
        .hasMessageContaining("Column 'nope' not found in any table (at line 1, column 45)");
  }
}
