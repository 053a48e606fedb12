package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Joins whose consumers read only some of their columns (the engine's joins and projections then
 * gather and hold only those): the answers of joins of two and three inputs, inner, outer, with a
 * residual, under an aggregate and as EXISTS, over NULL and duplicate keys, are those of Calcite's
 * own operators ({@code engine=false}), on one thread and on two.
 */
@ExtendWith(S3ServerExtension.class)
class JoinColumnsReadTest {
  private static final List<String> QUERIES =
      List.of(
          "SELECT f.v, d2.w FROM fact f JOIN dim d ON f.k = d.id JOIN dim d2 ON d.id = d2.id",
          "SELECT d.grp, SUM(f.v) AS s, COUNT(*) AS c FROM fact f JOIN dim d ON f.k = d.id"
              + " JOIN dim d2 ON d2.id = d.id WHERE f.x > 0 GROUP BY d.grp",
          "SELECT f.n, d.grp FROM fact f LEFT JOIN dim d ON f.k = d.id",
          "SELECT d.w, f.n FROM dim d LEFT JOIN fact f ON f.k = d.id",
          "SELECT f.k, d.w FROM fact f FULL JOIN dim d ON f.k = d.id",
          "SELECT f.n, d.born FROM fact f JOIN dim d ON f.k = d.id AND f.v < d.w",
          "SELECT f.n FROM fact f WHERE EXISTS (SELECT 1 FROM dim d WHERE d.id = f.k AND d.w > 15)",
          "SELECT f.n FROM fact f WHERE NOT EXISTS (SELECT 1 FROM dim d WHERE d.id = f.k)",
          "SELECT f.v * 2 AS vv, d.grp, d2.born FROM fact f JOIN dim d ON f.k = d.id"
              + " JOIN (SELECT id, born, grp FROM dim) d2 ON d.id = d2.id WHERE d2.grp = 'red'",
          "SELECT d.grp, MAX(f.d) AS m FROM fact f JOIN dim d ON f.k = d.id"
              + " JOIN fact g ON g.k = f.k AND g.v <> f.v GROUP BY d.grp");

  private static Connection serial;
  private static Connection parallel;
  private static Connection calcite;

  @BeforeAll
  static void connect(S3TestServer server) throws SQLException {
    SqlTestBucket.ensure(server);
    serial = connect(server, "1", "true");
    parallel = connect(server, "2", "true");
    calcite = connect(server, "1", "false");
  }

  private static Connection connect(S3TestServer server, String threads, String engine)
      throws SQLException {
    Properties props = S3TestServer.jdbcKeys();
    props.setProperty("threads", threads);
    props.setProperty("engine", engine);
    // the engine's joins, not the fused join-aggregate that answers some of these alone
    props.setProperty("fused", "false");
    return DriverManager.getConnection(SqlTestBucket.url(server), props);
  }

  @AfterAll
  static void close() throws SQLException {
    serial.close();
    parallel.close();
    calcite.close();
  }

  @Test
  void answersAreCalcitesOwn() throws SQLException {
    for (String sql : QUERIES) {
      // a join of two inputs under an aggregate may be the fused join-aggregate instead
      assertThat(ExplainPlanTest.explain(serial, sql))
          .as(sql)
          .containsAnyOf("EngineHashJoin", "BucketJoinAggregate");
      List<List<Object>> expected = Answers.sorted(Answers.query(calcite, sql));
      assertThat(expected).as(sql).isNotEmpty();
      assertThat(Answers.sorted(Answers.query(serial, sql))).as(sql).isEqualTo(expected);
      assertThat(Answers.sorted(Answers.query(parallel, sql))).as(sql).isEqualTo(expected);
    }
  }
}
