package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.calcite.engine.PlanCache;
import dev.bucketsql.jdbc.BucketSqlConnections;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The per-connection plan cache: a repeated statement is not planned again; a refreshed listing,
 * and with it a changed object (new ETag), makes it plan again.
 */
@ExtendWith(S3ServerExtension.class)
class PlanCacheTest {
  private static final String BUCKET = "plancache";
  private static final String SUM = "SELECT SUM(b) AS s, COUNT(*) AS n FROM scores";

  @Test
  void repeatedStatementIsNotPlannedAgain(S3TestServer server) throws SQLException {
    try (Connection c = SqlTestBucket.connect(server)) {
      String sql = Queries.ISSUE.get(2).sql();
      PlanCache cache = PlanCache.of(c);
      Object first = single(c, sql);
      PlanCache.Stats afterFirst = cache.stats();
      Object second = single(c, sql);
      PlanCache.Stats afterSecond = cache.stats();

      assertThat(second).isEqualTo(first);
      assertThat(afterSecond.plans()).isEqualTo(afterFirst.plans());
      assertThat(afterSecond.hits()).isEqualTo(afterFirst.hits() + 1);
    }
  }

  @Test
  void otherConnectionsAndOtherTextArePlannedApart(S3TestServer server) throws SQLException {
    try (Connection a = SqlTestBucket.connect(server);
        Connection b = SqlTestBucket.connect(server)) {
      single(a, "SELECT COUNT(*) FROM RAW_recipes_clean");
      long plansOfB = PlanCache.of(b).stats().plans();
      single(b, "SELECT COUNT(*) FROM RAW_recipes_clean");
      single(b, "SELECT COUNT(*)  FROM RAW_recipes_clean");
      assertThat(PlanCache.of(b).stats().plans()).isEqualTo(plansOfB + 2);
    }
  }

  @Test
  void changedObjectIsSeenAfterRefresh(S3TestServer server) throws SQLException {
    try (S3Client client = server.newClient()) {
      client.createBucket(b -> b.bucket(BUCKET));
      put(client, "a,b\n1,2\n");
      try (Connection c = connect(server)) {
        PlanCache cache = PlanCache.of(c);
        assertThat(row(c, SUM)).isEqualTo("2/1");
        assertThat(row(c, SUM)).isEqualTo("2/1");
        long plans = cache.stats().plans();

        put(client, "a,b\n1,2\n3,4\n");
        BucketSqlConnections.refresh(c);

        assertThat(row(c, SUM)).isEqualTo("6/2");
        assertThat(cache.stats().plans()).isEqualTo(plans + 1);
        assertThat(cache.stats().invalidations()).isGreaterThanOrEqualTo(1);
      }
    }
  }

  @Test
  void refreshedListingInvalidatesThePlan(S3TestServer server) throws SQLException {
    try (Connection c = SqlTestBucket.connect(server)) {
      PlanCache cache = PlanCache.of(c);
      String sql = "SELECT MAX(minutes) FROM RAW_recipes";
      Object before = single(c, sql);
      long plans = cache.stats().plans();
      BucketSqlConnections.refresh(c);
      assertThat(single(c, sql)).isEqualTo(before);
      assertThat(cache.stats().plans()).isEqualTo(plans + 1);
    }
  }

  private static void put(S3Client client, String content) {
    client.putObject(b -> b.bucket(BUCKET).key("scores.csv"), RequestBody.fromString(content));
  }

  private static Connection connect(S3TestServer server) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(BUCKET), S3TestServer.jdbcKeys());
  }

  private static Object single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getObject(1);
    }
  }

  private static String row(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1) + "/" + rs.getLong(2);
    }
  }
}
