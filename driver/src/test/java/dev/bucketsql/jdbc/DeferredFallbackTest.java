package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.calcite.run.DeferredEnumerable;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The enumerable plan an engine subtree replaced is compiled only when it runs ({@link
 * DeferredEnumerable}): never while the engine is on, once when the same cached plan first runs
 * with the engine off, and not again on later runs; its rows are the engine's, for a result of one
 * column (whose compiled rows are values, not arrays) as for several.
 */
@ExtendWith(S3ServerExtension.class)
class DeferredFallbackTest {
  private static S3TestServer server;

  @BeforeAll
  static void upload(S3TestServer shared) {
    server = shared;
    ParquetEventsFile.ensure(server);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT a.id, b.cat FROM events a JOIN events b ON a.id = b.id + 0 WHERE a.id > 7311"
            + " ORDER BY a.id",
        "SELECT a.id FROM events a JOIN events b ON a.id = b.id + 1 WHERE b.cat = 'm'"
            + " AND a.id < 7312 ORDER BY a.id",
        "SELECT a.name FROM events a LEFT JOIN events b ON a.id = b.id + 2 WHERE a.id > 7313"
            + " ORDER BY a.id"
      })
  void compilesTheReplacedPlanOnlyWhenTheEngineIsOff(String sql) throws SQLException {
    try (Connection c =
        DriverManager.getConnection(
            server.jdbcUrl(ParquetEventsFile.BUCKET), S3TestServer.jdbcKeys())) {
      assertThat(EnginePlanTest.explain(c, sql)).contains("EngineHashJoin");
      long before = DeferredEnumerable.compilations();
      List<String> engine = EnginePlanTest.rows(c, sql);
      assertThat(engine).isNotEmpty();
      assertThat(DeferredEnumerable.compilations())
          .as("compiled with the engine on")
          .isEqualTo(before);

      BucketSqlConnections.setEngine(c, false);
      assertThat(EnginePlanTest.rows(c, sql)).isEqualTo(engine);
      assertThat(DeferredEnumerable.compilations()).as("compiled once").isEqualTo(before + 1);
      assertThat(EnginePlanTest.rows(c, sql)).isEqualTo(engine);
      assertThat(DeferredEnumerable.compilations()).as("compiled once").isEqualTo(before + 1);
    }
  }
}
