package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An {@code IN} list of 10,000 values: Calcite turns it into a join with the values, and BucketSQL
 * hands them to the generated code as one list ({@code BucketValues}) instead of compiling them
 * into it, where they made the code too large for a class file. Answers are DuckDB's.
 */
@ExtendWith(S3ServerExtension.class)
class LargeInListTest {
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

  private static String list(int n, int modulo, boolean quoted) {
    return IntStream.range(0, n)
        .map(i -> (i * 7919) % modulo)
        .mapToObj(i -> quoted ? "'" + i + "'" : Integer.toString(i))
        .collect(Collectors.joining(","));
  }

  @Test
  void tenThousandValuesGiveDuckDbsAnswers() throws SQLException {
    for (String sql :
        List.of(
            "SELECT COUNT(*) AS n, SUM(rating) AS s FROM RAW_interactions WHERE recipe_id IN ("
                + list(10_000, 1_000_000, false)
                + ")",
            // duplicates in the list must not duplicate rows
            "SELECT COUNT(*) AS n FROM RAW_interactions WHERE recipe_id IN ("
                + list(10_000, 60, false)
                + ")",
            "SELECT COUNT(*) AS n FROM RAW_interactions WHERE recipe_id NOT IN ("
                + list(10_000, 1_000_000, false)
                + ")",
            "SELECT COUNT(*) AS n FROM nulls WHERE score NOT IN (" + list(5_000, 4, false) + ")",
            "SELECT COUNT(*) AS n FROM RAW_interactions WHERE CAST(recipe_id AS VARCHAR) IN ("
                + list(10_000, 1_000_000, true)
                + ")")) {
      List<List<Object>> expected = Answers.query(duckDb, sql);
      List<List<Object>> actual = Answers.query(bucketSql, sql);
      assertThat(Answers.difference(actual, expected)).as(sql.substring(0, 90)).isNull();
    }
  }

  @Test
  void theValuesAreStashedNotCompiled() throws SQLException {
    String plan =
        ExplainPlanTest.explain(
            bucketSql,
            "SELECT COUNT(*) FROM RAW_interactions WHERE recipe_id IN ("
                + list(10_000, 1_000_000, false)
                + ")");
    assertThat(plan).contains("BucketValues(rows=[").doesNotContain("EnumerableValues");
  }
}
