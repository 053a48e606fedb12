package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A query that fails while it reads gives back every connection its scans held: the count of object
 * bodies open on the connection's store is back to where it was, with the engine on and off. Each
 * object is read in part when the query fails (the first row fails, or a row after it), so a scan
 * left open keeps its connection out of the pool, and a process that ran enough such queries waited
 * for a connection forever.
 */
@ExtendWith(S3ServerExtension.class)
class FailedQueryReleasesTest {
  /** Fails on the first row: a day count no date survives. */
  private static final String FIRST_ROW_FAILS =
      "CAST((t1.\"date\" + -2147483648) AS VARCHAR) LIKE 'a%'";

  private static S3TestServer server;

  @BeforeAll
  static void sample(S3TestServer shared) {
    server = shared;
    SampleBucket.ensure(server);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aQueryFailingOnItsFirstRowClosesItsScan(boolean engine) throws Exception {
    assertReleases(
        engine, "SELECT t1.user_id FROM RAW_interactions AS t1 WHERE " + FIRST_ROW_FAILS);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aJoinFailingOnItsFirstRowClosesBothScans(boolean engine) throws Exception {
    assertReleases(
        engine,
        "SELECT 1 FROM RAW_recipes AS t2 LEFT JOIN RAW_interactions AS t1 ON t1.recipe_id = t2.id WHERE "
            + FIRST_ROW_FAILS.replace("t1.\"date\"", "t2.submitted"));
    assertReleases(
        engine,
        "SELECT 1 FROM RAW_interactions AS t1 LEFT JOIN RAW_recipes AS t2 ON t1.recipe_id = t2.id WHERE "
            + FIRST_ROW_FAILS);
  }

  /**
   * A semi-join's inner input fails after its outer input, a nested-loop join, has started: Calcite
   * reads the inner input with {@code distinct()}, which closes it only when it ends (fuzz seed
   * 9112).
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aSemiJoinWhoseInnerInputFailsClosesItsScans(boolean engine) throws Exception {
    String in =
        " WHERE EXTRACT(HOUR FROM t1.submitted) IN (SELECT 1 FROM PP_recipes AS s3"
            + " WHERE DATE '2018-01-05' <> make_date(-1, 9, 24))";
    assertReleases(
        engine,
        "SELECT t1.name FROM RAW_recipes_clean AS t1 JOIN RAW_interactions_clean AS t2 ON TRUE"
            + in);
    assertReleases(
        engine,
        "SELECT t1.name FROM RAW_recipes_clean AS t1 FULL JOIN RAW_interactions_clean AS t2 ON TRUE"
            + in);
  }

  /** The failure comes from {@code next()} after rows were read, and the caller never closes. */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aResultSetFailingAfterItsFirstRowsClosesItsScan(boolean engine) throws Exception {
    try (Connection c = SampleBucket.connect(server)) {
      BucketSqlConnections.setEngine(c, engine);
      long before = BucketSqlConnections.catalogStats(c).openBodies();
      Statement s = c.createStatement();
      // the cross join runs on the engine when it is on, a batch at a time; md5, which the
      // engine does not compute, keeps the failing projection in Calcite's code, a row at a
      // time, so rows come before the failure
      ResultSet rs =
          s.executeQuery(
              "SELECT md5(CAST(t1.user_id % (t1.recipe_id - m.top) AS VARCHAR)) FROM RAW_interactions"
                  + " AS t1, (SELECT MAX(recipe_id) AS top FROM RAW_interactions) AS m");
      int[] read = {0};
      assertThatThrownBy(
              () -> {
                while (rs.next()) {
                  read[0]++;
                }
              })
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22012"));
      assertThat(read[0]).as("rows read before the failure").isPositive();
      assertThat(openBodiesAfter(c, before)).isZero();
    }
  }

  private static void assertReleases(boolean engine, String sql) throws Exception {
    try (Connection c = SampleBucket.connect(server)) {
      BucketSqlConnections.setEngine(c, engine);
      long before = BucketSqlConnections.catalogStats(c).openBodies();
      for (int i = 0; i < 3; i++) {
        try (Statement s = c.createStatement()) {
          assertThatThrownBy(() -> s.executeQuery(sql).close())
              .isInstanceOf(SQLException.class)
              .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22008"));
        }
      }
      assertThat(openBodiesAfter(c, before)).as(sql).isZero();
    }
  }

  /** Bodies opened since {@code before} and still open; a read-ahead thread may take a moment. */
  private static long openBodiesAfter(Connection c, long before) throws Exception {
    long deadline = System.nanoTime() + 5_000_000_000L;
    long open = BucketSqlConnections.catalogStats(c).openBodies() - before;
    while (open > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
      open = BucketSqlConnections.catalogStats(c).openBodies() - before;
    }
    return open;
  }
}
