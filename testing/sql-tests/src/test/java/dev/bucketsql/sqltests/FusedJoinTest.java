package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.calcite.pushdown.ScanRegistry;
import dev.bucketsql.jdbc.BucketSqlConnections;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where the fused join-aggregate ({@code BucketJoinAggregate}) is planned and where it must not be,
 * which input it holds in memory, and its memory bound. Its answers are checked against DuckDB in
 * {@link DifferentialTest} ({@link Queries#FUSED_JOINS}).
 */
@ExtendWith(S3ServerExtension.class)
class FusedJoinTest {
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
  void parquetDashboardJoinHoldsTheRecipesInMemory() throws SQLException {
    String plan = ExplainPlanTest.explain(connection, Queries.ISSUE.get(4).sql());
    // Calcite puts the recipes on the left here; the footers' row counts make them the build side
    assertThat(plan)
        .contains(
            "BucketJoinAggregate(build=[left: RAW_recipes_clean], key=[id = recipe_id],"
                + " group=[[year]], aggregates=[[COUNT(), $SUM0(rating)]])")
        .doesNotContain("EnumerableHashJoin")
        .doesNotContain("EnumerableAggregate");
  }

  @Test
  void csvDashboardJoinExtractsTheYear() throws SQLException {
    String plan = ExplainPlanTest.explain(connection, Queries.ISSUE.get(5).sql());
    assertThat(plan)
        .containsPattern(
            "BucketJoinAggregate\\(build=\\[(left|right): RAW_recipes\\], key=\\[(recipe_id = id|id = recipe_id)\\]")
        .contains("group=[[EXTRACT(YEAR FROM submitted)]]")
        .doesNotContain("EnumerableHashJoin");
  }

  @Test
  void buildSideIsTheSmallerInputWhateverTheOrder() throws SQLException {
    // the CSV objects have no row count: the smaller object is taken as the smaller table
    assertThat(
            ExplainPlanTest.explain(
                connection, "SELECT COUNT(*) FROM fact f JOIN dim d ON f.k = d.id GROUP BY d.grp"))
        .containsPattern("BucketJoinAggregate\\(build=\\[(left|right): dim\\]");
    assertThat(
            ExplainPlanTest.explain(
                connection, "SELECT COUNT(*) FROM dim d JOIN fact f ON d.id = f.k GROUP BY f.n"))
        .containsPattern("BucketJoinAggregate\\(build=\\[(left|right): dim\\]");
  }

  /**
   * The probe input is read on a thread of its own while the build input is read: a bad value late
   * in it still fails the query on the caller's thread, naming the object and the line, and the
   * connection answers the next query.
   */
  @Test
  void probeInputErrorNamesTheObjectAndLine(S3TestServer server) throws SQLException {
    String bucket = "fused-join-errors";
    server.createBucket(bucket);
    StringBuilder fact = new StringBuilder("k,n\n");
    for (int i = 1; i <= 100_000; i++) {
      fact.append(i % 7).append(',').append(i).append('\n');
    }
    fact.append("3,not-a-number\n");
    server.putObject(bucket, "late_bad_fact.csv", fact.toString().getBytes(StandardCharsets.UTF_8));
    server.putObject(
        bucket,
        "groups.csv",
        "id,grp\n0,a\n1,b\n2,c\n3,d\n4,e\n5,f\n6,g\n".getBytes(StandardCharsets.UTF_8));
    String sql =
        "SELECT g.grp, SUM(f.n) AS s FROM late_bad_fact f JOIN groups g ON f.k = g.id GROUP BY g.grp";
    try (Connection c =
        DriverManager.getConnection(server.jdbcUrl(bucket), S3TestServer.jdbcKeys())) {
      assertThat(ExplainPlanTest.explain(c, sql))
          .containsPattern("BucketJoinAggregate\\(build=\\[(left|right): groups\\]");
      assertThatThrownBy(() -> Answers.query(c, sql))
          .hasMessageContaining("late_bad_fact.csv")
          .hasMessageContaining("line 100002")
          .hasMessageContaining("not-a-number");
      assertThat(
              ((Number) Answers.query(c, "SELECT COUNT(*) FROM groups").get(0).get(0)).longValue())
          .isEqualTo(7);
    }
  }

  /**
   * A build side with repeated keys gives more matches than a probe batch has rows, so the matches
   * are added in several rounds per batch; the answers equal those of Calcite's own operators,
   * which run in its place with pushdown off.
   */
  @Test
  void manyMatchesPerProbeBatchGiveCalcitesAnswers(S3TestServer server) throws SQLException {
    String bucket = "fused-join-fanout";
    server.createBucket(bucket);
    StringBuilder fact = new StringBuilder("k,v,x\n");
    for (int i = 0; i < 20_000; i++) {
      fact.append(i % 50)
          .append(',')
          .append(i % 13 == 0 ? "" : Integer.toString(i % 1000))
          .append(',')
          .append(i * 0.25)
          .append('\n');
    }
    StringBuilder dim = new StringBuilder("id,grp,w\n");
    for (int i = 0; i < 200; i++) {
      dim.append(i % 40).append(',').append("g").append(i % 7).append(',').append(i).append('\n');
    }
    server.putObject(bucket, "fanout_fact.csv", fact.toString().getBytes(StandardCharsets.UTF_8));
    server.putObject(bucket, "fanout_dim.csv", dim.toString().getBytes(StandardCharsets.UTF_8));
    String sql =
        "SELECT d.grp, COUNT(*) AS n, COUNT(f.v) AS nv, SUM(f.v) AS sv, SUM(d.w) AS sw,"
            + " AVG(f.x) AS ax, MIN(f.v) AS lo, MAX(d.w) AS hi"
            + " FROM fanout_fact f JOIN fanout_dim d ON f.k = d.id GROUP BY d.grp ORDER BY d.grp";
    try (Connection fused =
            DriverManager.getConnection(server.jdbcUrl(bucket), S3TestServer.jdbcKeys());
        Connection plain =
            DriverManager.getConnection(server.jdbcUrl(bucket), S3TestServer.jdbcKeys())) {
      ScanRegistry.of(plain.unwrap(CalciteConnection.class)).setPushdown(false);
      assertThat(ExplainPlanTest.explain(fused, sql))
          .containsPattern("BucketJoinAggregate\\(build=\\[(left|right): fanout_dim\\]");
      List<List<Object>> answer = Answers.query(fused, sql);
      assertThat(answer).hasSize(7);
      // 16,000 fact rows have a key below 40, and each such key has 5 dim rows
      assertThat(answer.stream().mapToLong(r -> ((Number) r.get(1)).longValue()).sum())
          .isEqualTo(80_000);
      assertThat(answer).isEqualTo(Answers.query(plain, sql));
    }
  }

  /** The differential cases of the fused path really take it. */
  @Test
  void everyFusedDifferentialQueryIsFused() throws SQLException {
    for (SqlCase q : Queries.FUSED_JOINS) {
      assertThat(ExplainPlanTest.explain(connection, q.sql()))
          .as(q.name())
          .contains("BucketJoinAggregate(");
    }
  }

  @Test
  void filteredInputStaysAsCalciteComputesIt() throws SQLException {
    String plan =
        ExplainPlanTest.explain(
            connection,
            "SELECT d.grp, COUNT(*) FROM fact f JOIN dim d ON f.k = d.id WHERE f.v >= 2 GROUP BY d.grp");
    assertThat(plan).contains("BucketJoinAggregate(").contains("$condition=");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT r.id, COUNT(i.recipe_id) FROM RAW_recipes r LEFT JOIN RAW_interactions i ON r.id = i.recipe_id GROUP BY r.id",
        "SELECT COUNT(*) FROM interactions_train t JOIN RAW_interactions i ON t.user_id = i.user_id AND t.recipe_id = i.recipe_id",
        "SELECT COUNT(*) FROM nulls a JOIN nulls b ON a.score < b.score",
        "SELECT COUNT(*) FROM nulls a JOIN nulls b ON a.label = b.label",
        "SELECT d.grp, COUNT(*) FILTER (WHERE f.v > 2) FROM fact f JOIN dim d ON f.k = d.id GROUP BY d.grp",
        "SELECT d.grp, STDDEV_POP(f.v) FROM fact f JOIN dim d ON f.k = d.id GROUP BY d.grp",
        "SELECT upper(d.grp), COUNT(*) FROM fact f JOIN dim d ON f.k = d.id GROUP BY upper(d.grp)",
        "SELECT f.k, COUNT(*) FROM fact f JOIN dim d ON f.k = d.id GROUP BY ROLLUP(f.k)",
        "SELECT COUNT(*) FROM fact f JOIN dim d ON f.k = d.id AND f.v > d.w"
      })
  void shapesItMustNotTake(String sql) throws SQLException {
    assertThat(ExplainPlanTest.explain(connection, sql)).doesNotContain("BucketJoinAggregate");
  }

  @Test
  void plainHashJoinHoldsTheSmallerInput() throws SQLException {
    String plan =
        ExplainPlanTest.explain(
            connection,
            "SELECT i.rating, r.year FROM RAW_recipes_clean r JOIN RAW_interactions_clean i ON r.id = i.recipe_id");
    // the engine's hash join builds the smaller input, the recipes, here its right one
    assertThat(plan).contains("EngineHashJoin(type=[inner], build=[right]");
    assertThat(plan.indexOf("RAW_interactions_clean"))
        .isLessThan(plan.indexOf("RAW_recipes_clean"));
    assertThat(
            Answers.query(
                connection,
                "SELECT COUNT(*), SUM(rating), SUM(year) FROM (SELECT i.rating, r.year"
                    + " FROM RAW_recipes_clean r JOIN RAW_interactions_clean i ON r.id = i.recipe_id"
                    + " LIMIT 100000000) x"))
        .isEqualTo(
            Answers.query(
                connection,
                "SELECT COUNT(*), SUM(i.rating), SUM(r.year) FROM RAW_recipes_clean r"
                    + " JOIN RAW_interactions_clean i ON r.id = i.recipe_id"));
  }

  @Test
  void buildSideOverTheMemoryLimitFailsNamingTheTableAndTheSetting(S3TestServer server)
      throws SQLException {
    Properties props = S3TestServer.jdbcKeys();
    props.setProperty("joinMemory", "1k");
    try (Connection small = DriverManager.getConnection(SqlTestBucket.url(server), props)) {
      assertThat(BucketSqlConnections.joinMemory(small)).isEqualTo(1024);
      assertThatThrownBy(
              () ->
                  Answers.query(
                      small,
                      "SELECT d.grp, COUNT(*) FROM fact f JOIN dim d ON f.k = d.id GROUP BY d.grp"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("'dim'")
          .hasMessageContaining("joinMemory=1024")
          .hasMessageContaining("raise it");
      // the same connection answers once the limit is raised
      BucketSqlConnections.setJoinMemory(small, 64L << 20);
      List<List<Object>> rows =
          Answers.query(small, "SELECT COUNT(*) FROM fact f JOIN dim d ON f.k = d.id");
      assertThat(rows).hasSize(1);
    }
  }

  /**
   * A join the fused operator does not take (rows out, not an aggregate) is bounded too: the input
   * Calcite's hash join holds goes under a memory guard that counts its rows.
   */
  @Test
  void plainJoinOverTheMemoryLimitFailsNamingTheSetting(S3TestServer server) throws SQLException {
    String sql =
        "SELECT i.rating, r.year FROM RAW_recipes_clean r JOIN RAW_interactions_clean i ON r.id = i.recipe_id";
    // the engine's hash join counts what it builds against joinMemory when the connection gives
    // it, else queryMemory
    assertThat(ExplainPlanTest.explain(connection, sql))
        .contains("EngineHashJoin(type=[inner], build=[right]");
    Properties props = S3TestServer.jdbcKeys();
    props.setProperty("joinMemory", "1k");
    // with the engine off, Calcite's hash join under its memory guard says the same
    for (boolean engine : new boolean[] {true, false}) {
      try (Connection small = DriverManager.getConnection(SqlTestBucket.url(server), props)) {
        BucketSqlConnections.setEngine(small, engine);
        assertThatThrownBy(() -> Answers.query(small, sql))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("'RAW_recipes_clean'")
            .hasMessageContaining("joinMemory=1024")
            .hasMessageContaining("raise it");
        BucketSqlConnections.setJoinMemory(small, 256L << 20);
        assertThat(Answers.query(small, "SELECT COUNT(*) FROM (" + sql + ") x")).hasSize(1);
      }
    }
  }

  @Test
  void malformedMemorySettingIsRejected(S3TestServer server) {
    Properties props = S3TestServer.jdbcKeys();
    props.setProperty("joinMemory", "lots");
    assertThatThrownBy(() -> DriverManager.getConnection(SqlTestBucket.url(server), props).close())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("joinMemory='lots'");
  }
}
