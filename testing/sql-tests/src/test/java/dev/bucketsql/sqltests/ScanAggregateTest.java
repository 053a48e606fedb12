package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Where the fused scan-aggregate ({@code BucketScanAggregate}) is planned and where it must not be.
 * Its answers are checked against DuckDB in {@link DifferentialTest} ({@link
 * ScanAggregateQueries}).
 */
@ExtendWith(S3ServerExtension.class)
class ScanAggregateTest {
  /** The plan of {@code sql}, on a connection of its own. */
  private static String explain(S3TestServer server, String sql) throws SQLException {
    try (Connection c = SqlTestBucket.connect(server)) {
      return ExplainPlanTest.explain(c, sql);
    }
  }

  @Test
  void csvCountReadsNoColumn(S3TestServer server) throws SQLException {
    assertThat(explain(server, Queries.ISSUE.get(0).sql()))
        .contains(
            "BucketScanAggregate(table=[RAW_interactions], group=[[]], aggregates=[[COUNT()]])")
        .contains("BucketTableScan(table=[[sqltests, RAW_interactions]], columns=[[]])")
        .doesNotContain("EnumerableAggregate");
  }

  @Test
  void csvGroupByUnderTheSort(S3TestServer server) throws SQLException {
    assertThat(explain(server, Queries.ISSUE.get(1).sql()))
        .contains("EnumerableSort(")
        .contains(
            "BucketScanAggregate(table=[PP_recipes], group=[[calorie_level]], aggregates=[[COUNT()]])")
        .doesNotContain("EnumerableAggregate");
  }

  @Test
  void averageArrivesAsSumAndCount(S3TestServer server) throws SQLException {
    assertThat(explain(server, "SELECT AVG(rating) FROM RAW_interactions"))
        .contains(
            "BucketScanAggregate(table=[RAW_interactions], group=[[]], aggregates=[[$SUM0(rating), COUNT(rating)]])");
  }

  @Test
  void extractGroupKeyIsComputedByTheOperator(S3TestServer server) throws SQLException {
    assertThat(
            explain(server, "SELECT EXTRACT(YEAR FROM d) AS y, COUNT(*) AS n FROM fact GROUP BY 1"))
        .contains(
            "BucketScanAggregate(table=[fact], group=[[EXTRACT(YEAR FROM d)]], aggregates=[[COUNT()]])")
        .doesNotContain("EnumerableAggregate");
  }

  /** The differential cases of the fused path really take it. */
  @Test
  void everyFusedDifferentialQueryIsFused(S3TestServer server) throws SQLException {
    for (SqlCase q : ScanAggregateQueries.FUSED) {
      assertThat(explain(server, q.sql()))
          .as(q.name())
          .contains("BucketScanAggregate(")
          .doesNotContain("EnumerableAggregate");
    }
  }

  /**
   * The distinct count stays Calcite's aggregate; below it, Calcite's plain GROUP BY of the
   * distinct values (no call) is one the fused operator computes.
   */
  @Test
  void countDistinctStaysWithCalcite(S3TestServer server) throws SQLException {
    assertThat(explain(server, "SELECT COUNT(DISTINCT user_id) AS users FROM RAW_interactions"))
        .contains("EnumerableAggregate(group=[{}], users=[COUNT($0)])")
        .contains(
            "BucketScanAggregate(table=[RAW_interactions], group=[[user_id]], aggregates=[[]])");
  }

  @Test
  void medianIsTheEnginesNotFused(S3TestServer server) throws SQLException {
    assertThat(
            explain(
                server,
                "SELECT calorie_level, median(calorie_level) AS m FROM PP_recipes GROUP BY 1"))
        .contains("EngineHashAggregate(group=[[0]], calls=[[MEDIAN(#0)]]")
        .doesNotContain("BucketScanAggregate");
  }

  @Test
  void parquetCountIsStillAnsweredFromTheFooters(S3TestServer server) throws SQLException {
    assertThat(explain(server, "SELECT COUNT(*) AS n FROM RAW_recipes_clean"))
        .contains("EnumerableValues")
        .doesNotContain("BucketScanAggregate")
        .doesNotContain("BucketTableScan");
  }

  @Test
  void filteredScanKeepsCalcitesAggregate(S3TestServer server) throws SQLException {
    // the pushed conjuncts are checked again above the scan, so rows pass through a condition:
    // the engine's aggregate over its filter
    assertThat(explain(server, "SELECT k, COUNT(*) AS n FROM fact WHERE x >= 5 GROUP BY k"))
        .contains("EngineHashAggregate(group=[[0]], calls=[[COUNT(*)]], parallel=[partial])")
        .doesNotContain("BucketScanAggregate");
  }
}
