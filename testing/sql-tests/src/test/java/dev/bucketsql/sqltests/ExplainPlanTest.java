package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The physical plans BucketSQL picks, read from EXPLAIN PLAN. */
@ExtendWith(S3ServerExtension.class)
class ExplainPlanTest {
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
  void parquetJoinIsAHashJoin() throws SQLException {
    String plan =
        explain(
            "SELECT i.rating, r.year FROM RAW_interactions_clean i"
                + " JOIN RAW_recipes_clean r ON i.recipe_id = r.id");
    assertThat(plan)
        .containsAnyOf("EnumerableHashJoin", "EngineHashJoin")
        .doesNotContain("MergeJoin");
  }

  @Test
  void csvJoinIsAHashJoin() throws SQLException {
    String plan =
        explain(
            "SELECT i.rating, r.submitted FROM RAW_interactions i JOIN RAW_recipes r ON i.recipe_id = r.id");
    assertThat(plan)
        .containsAnyOf("EnumerableHashJoin", "EngineHashJoin")
        .doesNotContain("MergeJoin")
        .doesNotContain("EnumerableSort(sort0=[$1]");
  }

  @Test
  void twoKeyJoinIsAHashJoin() throws SQLException {
    String plan =
        explain(
            "SELECT COUNT(*) FROM interactions_train t JOIN RAW_interactions i"
                + " ON t.user_id = i.user_id AND t.recipe_id = i.recipe_id");
    assertThat(plan)
        .containsAnyOf("EnumerableHashJoin", "EngineHashJoin")
        .doesNotContain("MergeJoin");
  }

  @Test
  void selectiveParquetFilterIsPushedIntoTheScan() throws SQLException {
    String plan = explain(Queries.ISSUE.get(3).sql());
    assertThat(plan).containsAnyOf("BucketTableScan", "EngineScan").contains("pushed=");
  }

  /**
   * What holds its input in memory shows the guard that bounds it (MemoryLimitTest runs them): a
   * sort's and a window's input rows, an aggregate's groups; a sort with a LIMIT keeps only its
   * rows; an aggregate without GROUP BY holds nothing to count. A sort the engine runs counts its
   * rows itself ({@code EngineSort}, {@code EngineTopN} keeping offset + fetch rows).
   */
  @Test
  void memoryHoldingOperatorsShowTheirGuard() throws SQLException {
    assertThat(explain("SELECT user_id, rating FROM RAW_interactions ORDER BY rating"))
        .startsWith("EngineSort(keys=[[1 NULLS LAST]])")
        .doesNotContain("BucketMemoryGuard");
    assertThat(
            explain(
                "SELECT user_id, rating FROM RAW_interactions ORDER BY rating LIMIT 10 OFFSET 5"))
        .startsWith("EngineTopN(keys=[[1 NULLS LAST]], offset=[5], fetch=[10])")
        .doesNotContain("EnumerableLimit(");
    // a sort key the engine does not compute (md5): Calcite's sort, guarded
    assertThat(
            explain(
                "SELECT user_id, rating FROM RAW_interactions ORDER BY md5(CAST(user_id AS VARCHAR))"))
        .containsPattern(
            "EnumerableSort\\(sort0=\\[\\$2], dir0=\\[ASC]\\)\n\\s+BucketMemoryGuard\\(holds=\\[RAW_interactions],"
                + " bytesPerRow=\\[\\d+], for=\\[sort], limit=\\[queryMemory]\\)");
    assertThat(
            explain(
                "SELECT user_id, rating FROM RAW_interactions ORDER BY md5(CAST(user_id AS VARCHAR))"
                    + " LIMIT 10 OFFSET 5"))
        .contains("EnumerableLimitSort(sort0=[$2], dir0=[ASC], offset=[5], fetch=[10])")
        .contains("for=[sort], keeps=[15], limit=[queryMemory])")
        .doesNotContain("EnumerableLimit(");
    // a window the engine does not compute (a RANGE frame with an offset): Calcite's, guarded;
    // RANK runs on the engine's
    assertThat(
            explain(
                "SELECT user_id, COUNT(*) OVER (ORDER BY rating RANGE BETWEEN 1 PRECEDING AND"
                    + " CURRENT ROW) FROM RAW_interactions"))
        .containsPattern(
            "EnumerableWindow\\(.*\\)\n\\s+BucketMemoryGuard\\(holds=\\[RAW_interactions], bytesPerRow=\\[\\d+], for=\\[window]");
    assertThat(explain("SELECT user_id, RANK() OVER (ORDER BY rating) FROM RAW_interactions"))
        .contains("EngineWindow(window#0=[partition [] order [")
        .doesNotContain("for=[window]");
    // a call Calcite keeps (an ORDER BY within string_agg): its values are guarded; median runs
    // on the engine, which counts its values itself
    assertThat(
            explain(
                "SELECT user_id, string_agg(CAST(rating AS VARCHAR), ',' ORDER BY rating)"
                    + " FROM RAW_interactions GROUP BY user_id"))
        .containsPattern(
            "BucketGroupGuard\\(holds=\\[RAW_interactions], bytesPerGroup=\\[\\d+], bytesPerValue=\\[\\d+],"
                + " limit=\\[queryMemory]\\)\n\\s+EnumerableAggregate\\(group=\\[\\{0}]");
    assertThat(explain("SELECT user_id, median(rating) FROM RAW_interactions GROUP BY user_id"))
        .contains("EngineHashAggregate(group=[[0]], calls=[[MEDIAN(#1)]]")
        .doesNotContain("BucketGroupGuard");
    assertThat(explain("SELECT COUNT(DISTINCT user_id) FROM RAW_interactions"))
        .startsWith("EnumerableAggregate(group=[{}]")
        .doesNotContain("BucketGroupGuard");
  }

  /**
   * A join key repeated in every branch of an OR reaches the join: a hash join on the key with the
   * OR as its residual, no nested loop.
   */
  @Test
  void joinKeyInEveryOrBranchGivesAHashJoin() throws SQLException {
    assertThat(explain(ConditionQueries.ALL.get(0).sql()))
        .contains("EngineHashJoin(type=[inner], build=[right], keys=[[0 = 3]], residual=[OR(")
        .doesNotContain("NestedLoopJoin");
  }

  static String explain(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      StringBuilder plan = new StringBuilder();
      while (rs.next()) {
        plan.append(rs.getString(1)).append('\n');
      }
      return plan.toString();
    }
  }

  private static String explain(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      StringBuilder plan = new StringBuilder();
      while (rs.next()) {
        plan.append(rs.getString(1)).append('\n');
      }
      return plan.toString();
    }
  }
}
