package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** DuckDB's EXPLAIN ANALYZE: the query runs, and its rows, phases and scans are reported. */
@ExtendWith(S3ServerExtension.class)
class ExplainAnalyzeTest {
  private static final Pattern PHASES =
      Pattern.compile(
          "Planning: (\\d+\\.\\d+) ms \\(parse (\\d+\\.\\d+) ms, validate (\\d+\\.\\d+) ms,"
              + " convert (\\d+\\.\\d+) ms, optimize (\\d+\\.\\d+) ms, codegen (\\d+\\.\\d+) ms\\)");

  private static Connection connection;
  private static S3TestServer server;

  @BeforeAll
  static void connect(S3TestServer s3) throws SQLException {
    server = s3;
    connection = SqlTestBucket.connect(server);
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void answersDuckDbsColumnsWithTheRowsAndPhases() throws SQLException {
    String query =
        "SELECT user_id, COUNT(*) AS n FROM RAW_interactions WHERE rating >= 4 GROUP BY user_id";
    String analyzed;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN ANALYZE " + query)) {
      ResultSetMetaData meta = rs.getMetaData();
      assertThat(meta.getColumnCount()).isEqualTo(2);
      assertThat(meta.getColumnLabel(1)).isEqualToIgnoringCase("explain_key");
      assertThat(meta.getColumnLabel(2)).isEqualToIgnoringCase("explain_value");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("analyzed_plan");
      analyzed = rs.getString(2);
      assertThat(rs.next()).isFalse();
    }
    // the aggregate is the engine's (its filter and scan too) or Calcite's
    assertThat(analyzed)
        .contains("Rows: " + count(query) + "\n")
        .containsPattern("(EnumerableAggregate|EngineHashAggregate)\\(")
        .contains("Scan ");
    Matcher phases = PHASES.matcher(analyzed);
    assertThat(phases.find()).as(analyzed).isTrue();
    for (int g = 1; g <= 6; g++) {
      assertThat(Double.parseDouble(phases.group(g))).isGreaterThanOrEqualTo(0.0);
    }
    // the optimizer's steps and code generation's two, each timed
    assertThat(analyzed)
        .containsPattern(
            "Planning steps: rewrite \\d+\\.\\d+ ms, .*volcano \\d+\\.\\d+ ms, .*engine"
                + " \\d+\\.\\d+ ms, java source \\d+\\.\\d+ ms, compile \\d+\\.\\d+ ms\n");
    assertThat(analyzed)
        .containsPattern("Execution: \\d+\\.\\d+ ms\n")
        .containsPattern("S3: \\d+ requests, \\d+ bytes\n");
  }

  @Test
  void aScanCountsTheTablesRows() throws SQLException {
    long rows = count("SELECT * FROM RAW_recipes");
    String analyzed = analyze("SELECT name FROM RAW_recipes");
    assertThat(analyzed)
        .contains("Rows: " + rows + "\n")
        .containsPattern(
            "Scan \\S*RAW_recipes\\S*: " + rows + " rows, [1-9]\\d* requests, [1-9]\\d* bytes");
  }

  @Test
  void aParquetScanShowsItsRowGroups() throws SQLException {
    long rows = count("SELECT * FROM RAW_interactions_clean");
    assertThat(analyze("SELECT rating FROM RAW_interactions_clean"))
        .contains("Rows: " + rows + "\n")
        .containsPattern(
            "Scan \\S*RAW_interactions_clean\\S*: "
                + rows
                + " rows, [1-9]\\d* requests, [1-9]\\d* bytes, row groups \\d+/[1-9]\\d* kept");
  }

  /** The query runs under the connection's memory limit, and fails as it fails alone. */
  @Test
  void theQueryRunsUnderTheMemoryLimit() throws SQLException {
    Properties props = S3TestServer.jdbcKeys();
    props.setProperty("queryMemory", "16k");
    // without spilling, so that the sort fails at the limit rather than writing to disk
    props.setProperty("spill", "false");
    String query = "SELECT user_id, rating FROM RAW_interactions ORDER BY rating";
    try (Connection small = DriverManager.getConnection(SqlTestBucket.url(server), props)) {
      SQLException alone = failure(small, query);
      SQLException analyzed = failure(small, "EXPLAIN ANALYZE " + query);
      assertThat(analyzed.getSQLState()).isEqualTo(alone.getSQLState()).isNotNull();
      assertThat(analyzed.getMessage()).isEqualTo(alone.getMessage()).contains("queryMemory");
    }
  }

  @Test
  void aPlanPreparedBeforeIsReused() throws SQLException {
    String query = "SELECT id FROM RAW_recipes WHERE minutes < 30";
    count(query);
    assertThat(analyze(query))
        .contains("Planning: plan reused")
        .contains("Rows: " + count(query) + "\n");
  }

  @Test
  void aPreparedStatementRunsTheQueryAgainOnEachExecution() throws SQLException {
    String query = "SELECT COUNT(*) FROM PP_recipes";
    try (var p = connection.prepareStatement("EXPLAIN ANALYZE " + query)) {
      for (int i = 0; i < 2; i++) {
        try (ResultSet rs = p.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(2))
              .contains("Rows: 1\n")
              .containsPattern("Scan \\S*PP_recipes\\S*: \\d+ rows");
        }
      }
    }
  }

  @Test
  void theInnerQuerysErrorsAreItsOwn() throws SQLException {
    for (String query :
        new String[] {
          "SELECT name FROM RAW_recipes WHERE",
          "SELECT no_such_column FROM RAW_recipes",
          "SELECT CAST(name AS INTEGER) FROM RAW_recipes"
        }) {
      String state = stateOf(query);
      assertThat(state).as(query).isNotNull();
      assertThat(stateOf("EXPLAIN ANALYZE " + query)).as(query).isEqualTo(state);
    }
  }

  private static SQLException failure(Connection c, String sql) {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rs.getObject(1);
      }
    } catch (SQLException e) {
      return e;
    }
    throw new AssertionError("no failure: " + sql);
  }

  private static String stateOf(String sql) {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rs.getObject(rs.getMetaData().getColumnCount());
      }
      return null;
    } catch (SQLException e) {
      return e.getSQLState();
    }
  }

  private static long count(String query) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      long n = 0;
      while (rs.next()) {
        n++;
      }
      return n;
    }
  }

  private static String analyze(String query) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("EXPLAIN ANALYZE " + query)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(2);
    }
  }
}
