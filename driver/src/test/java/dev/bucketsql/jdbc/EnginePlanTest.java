package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which simple shapes run on the execution engine, as EXPLAIN names them, and that each gives the
 * rows of the enumerable plan it replaced ({@code engine=false}), in order where the query orders
 * them.
 */
@ExtendWith(S3ServerExtension.class)
class EnginePlanTest {
  private static S3TestServer server;

  @BeforeAll
  static void upload(S3TestServer shared) {
    server = shared;
    ParquetEventsFile.ensure(server);
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(
        server.jdbcUrl(ParquetEventsFile.BUCKET), S3TestServer.jdbcKeys());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          SELECT id, name FROM events WHERE cat = 'm' AND id > 100 ORDER BY id DESC LIMIT 7 | EngineTopN, EngineFilter, EngineScan
          SELECT a.id, b.cat FROM events a JOIN events b ON a.id = b.id + 0 WHERE a.flag ORDER BY a.id | EngineHashJoin(type=[inner]
          SELECT e.name, COUNT(*), MIN(e.id), MAX(e.tag) FROM events e GROUP BY e.name ORDER BY 1 | BucketScanAggregate
          SELECT a.name, COUNT(*) FROM events a LEFT JOIN events b ON a.id = b.id + 1 AND b.cat = 'm' GROUP BY a.name ORDER BY 1 | EngineHashAggregate, EngineHashJoin(type=[left]
          SELECT COUNT(*) FROM events a WHERE a.id NOT IN (SELECT id FROM events WHERE cat = 'z') | Engine
          SELECT id, name FROM events WHERE name IS NOT NULL AND (id > 7000 OR flag IS NULL) ORDER BY id LIMIT 5 | EngineTopN, EngineFilter
          SELECT id, cat FROM events WHERE cat = 'a' LIMIT 5 OFFSET 2 | EngineLimit, EngineFilter
          SELECT id * 2, id + 1 FROM events WHERE id < 50 ORDER BY 1 LIMIT 20 OFFSET 3 | EngineProject
          """)
  void runsOnTheEngineWithTheSameRows(String sql, String expected) throws SQLException {
    try (Connection c = connect()) {
      String plan = explain(c, sql);
      for (String name : expected.split(", ")) {
        assertThat(plan).as(plan).contains(name.trim());
      }
      List<String> engine = rows(c, sql);
      BucketSqlConnections.setEngine(c, false);
      assertThat(rows(c, sql)).isEqualTo(engine);
      assertThat(engine).isNotEmpty();
    }
  }

  static String explain(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
      StringBuilder b = new StringBuilder();
      while (rs.next()) {
        b.append(rs.getString(1)).append('\n');
      }
      return b.toString();
    }
  }

  static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Object v = rs.getObject(i);
          b.append(v == null ? "null" : v.getClass().getSimpleName() + ":" + v).append('|');
        }
        rows.add(b.toString());
      }
    }
    return rows;
  }
}
