package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every query of {@link Queries} through BucketSQL (the S3 test server, the real SDK) and through
 * DuckDB over the same local files: the answers must match, with pushdown on and off.
 */
@ExtendWith(S3ServerExtension.class)
class DifferentialTest {
  private static Connection bucketSql;
  private static Connection noPushdown;
  private static Connection duckDb;

  @BeforeAll
  static void connect(S3TestServer server) throws SQLException {
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

  /**
   * Every query, or with {@code -Dbucketsql.sqltests.only=TEXT} those whose name contains TEXT (to
   * rerun one case while working on it).
   */
  static List<SqlCase> queries() {
    String only = System.getProperty("bucketsql.sqltests.only", "");
    return Queries.all().stream().filter(q -> q.toString().contains(only)).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void matchesDuckDb(SqlCase query) throws SQLException {
    assertSameAnswer(bucketSql, query);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("queries")
  void matchesDuckDbWithoutPushdown(SqlCase query) throws SQLException {
    assertSameAnswer(noPushdown, query);
  }

  private static void assertSameAnswer(Connection connection, SqlCase query) throws SQLException {
    String dir = SqlTestBucket.file("").toAbsolutePath().toString().replace("'", "''");
    List<List<Object>> expected = Answers.query(duckDb, query.duckSql().replace("$DIR", dir));
    List<List<Object>> actual = Answers.query(connection, query.sql());
    if (!query.ordered()) {
      expected = Answers.sorted(expected);
      actual = Answers.sorted(actual);
    }
    assertThat(Answers.difference(actual, expected))
        .as("%s%nBucketSQL: %s%nDuckDB:    %s", query.sql(), head(actual), head(expected))
        .isNull();
  }

  private static List<List<Object>> head(List<List<Object>> rows) {
    return rows.subList(0, Math.min(rows.size(), 8));
  }
}
