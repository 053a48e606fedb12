package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.bucketsql.jdbc.BucketSqlConnections;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory bound on the operators that hold what they read: aggregates (their groups), sorts and
 * windows (their rows), set operations (their distinct rows), besides joins ({@link
 * FusedJoinTest}). Each fails under a tiny {@code queryMemory} with one line naming the operator,
 * the table and the setting, and answers with the default; a sort with a LIMIT keeps only its rows,
 * and a set operation counts only the distinct rows it holds, so those pass under the tiny limit
 * when what they hold is small, however big their inputs.
 */
@ExtendWith(S3ServerExtension.class)
class MemoryLimitTest {
  private static final String BUCKET = "memory-limits";
  private static final int ROWS = 5_000;
  private static final int TINY = 16 * 1024;

  private static S3TestServer server;
  private static Connection connection;

  @BeforeAll
  static void upload(S3TestServer s3) throws SQLException {
    server = s3;
    server.createBucket(BUCKET);
    // ids 1..5000, 50 groups, v a permutation of 0..2499.5 (so ORDER BY v has no ties)
    StringBuilder events = new StringBuilder("id,grp,v,name\n");
    for (int i = 1; i <= ROWS; i++) {
      events
          .append(i)
          .append(',')
          .append(i % 50)
          .append(',')
          .append((i * 7 % ROWS) / 2.0)
          .append(",name-")
          .append(i)
          .append('\n');
    }
    server.putObject(BUCKET, "events.csv", events.toString().getBytes(StandardCharsets.UTF_8));
    StringBuilder groups = new StringBuilder("grp,label\n");
    for (int g = 0; g < 50; g++) {
      groups.append(g).append(",label-").append(g).append('\n');
    }
    server.putObject(BUCKET, "groups.csv", groups.toString().getBytes(StandardCharsets.UTF_8));
    connection = DriverManager.getConnection(server.jdbcUrl(BUCKET), S3TestServer.jdbcKeys());
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  /** A connection to the bucket with these {@code key, value} pairs among its settings. */
  private static Connection connect(String... keyValues) throws SQLException {
    Properties props = S3TestServer.jdbcKeys();
    for (int i = 0; i < keyValues.length; i += 2) {
      props.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return DriverManager.getConnection(server.jdbcUrl(BUCKET), props);
  }

  /** The message {@code sql} fails with on {@code c}, checked to be one line. */
  private static String failure(Connection c, String sql) {
    Throwable[] thrown = new Throwable[1];
    assertThatThrownBy(() -> Answers.query(c, sql))
        .isInstanceOf(SQLException.class)
        .satisfies(e -> thrown[0] = e);
    String message = thrown[0].getMessage();
    assertThat(message.lines().count()).as(message).isEqualTo(1);
    return message;
  }

  /** The number EXPLAIN shows for {@code term} (bytesPerRow, bytesPerGroup). */
  private static long explained(String plan, String term) {
    Matcher m = Pattern.compile(term + "=\\[(\\d+)]").matcher(plan);
    assertThat(m.find()).as(plan).isTrue();
    return Long.parseLong(m.group(1));
  }

  /**
   * The error of an operator that needs more than {@code limit} for its first {@code count} items.
   */
  private static String expected(
      String operator, String held, long limit, long count, String unit, String advice) {
    return "the "
        + operator
        + " holds "
        + held
        + " in memory and needs more than "
        + limit
        + " bytes for its first "
        + count
        + " "
        + unit
        + ": the limit is the connection setting queryMemory="
        + limit
        + "; raise it (e.g. queryMemory=2g)"
        + advice;
  }

  private static String aggregateError(long count) {
    return expected(
        "aggregate (GROUP BY or DISTINCT)",
        "the groups of table 'events'",
        TINY,
        count,
        "groups",
        ", group by fewer values or filter more");
  }

  private static long count(Connection c, String sql) throws SQLException {
    return ((BigDecimal) Answers.query(c, "SELECT COUNT(*) FROM (" + sql + ") x").get(0).get(0))
        .longValue();
  }

  @Test
  void engineOperatorsSpillPastQueryMemoryAndStopAtTheSpillLimit(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path spill) throws Exception {
    // a sort, a join and a window of the engine whose rows outgrow 16 KiB
    String[] queries = {
      "SELECT id, grp, name FROM events ORDER BY name DESC, id",
      "SELECT e.id, e.name, g.label FROM events e JOIN events f ON e.id = f.id JOIN groups g ON e.grp = g.grp",
      "SELECT id, grp, ROW_NUMBER() OVER (PARTITION BY grp ORDER BY name DESC, id) AS rn FROM events"
    };
    for (String sql : queries) {
      String plan = Answers.query(connection, "EXPLAIN PLAN FOR " + sql).get(0).get(0).toString();
      assertThat(plan).as(sql).containsAnyOf("EngineSort", "EngineHashJoin", "EngineWindow");
      spillsAndStopsAtTheSpillLimit(sql, spill);
    }
  }

  /**
   * Closing a connection ends a spilled query left open on it, as JDBC's {@code Connection.close}
   * releases its statements and results: the statement and result are closed, and the sort's runs,
   * read a row at a time by a caller who stopped, are deleted, not kept until the JVM exits.
   */
  @Test
  void aConnectionClosedWithASpilledResultOpenDeletesItsSpillFiles(@TempDir Path spill)
      throws Exception {
    Properties props = S3TestServer.jdbcKeys();
    props.setProperty("queryMemory", "16k");
    props.setProperty("spillDirectory", spill.toString());
    Connection small = DriverManager.getConnection(server.jdbcUrl(BUCKET), props);
    java.sql.Statement s = small.createStatement();
    java.sql.ResultSet rs =
        s.executeQuery("SELECT id, grp, name FROM events ORDER BY name DESC, id");
    assertThat(rs.next()).isTrue();
    assertThat(spillFiles(spill)).as("the sort spilled").isPositive();
    small.close();
    assertThat(rs.isClosed()).isTrue();
    assertThat(s.isClosed()).isTrue();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (spillFiles(spill) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(spillFiles(spill)).as("spill files left after their connection closed").isZero();
  }

  private static long spillFiles(Path dir) throws java.io.IOException {
    try (var files = java.nio.file.Files.walk(dir)) {
      return files.filter(java.nio.file.Files::isRegularFile).count();
    }
  }

  @Test
  void aNestedLoopJoinSpillsItsHeldSideAndRereadsTheOther(@TempDir Path spill) throws Exception {
    // a theta join: the engine holds events f (5,000 rows, far past 16 KiB) a chunk at a time
    String sql =
        "SELECT e.id, e.name, f.grp FROM events e JOIN events f ON e.id <= f.id AND e.id >= f.id";
    assertThat(ExplainPlanTest.explain(connection, sql)).contains("EngineNestedLoopJoin");
    spillsAndStopsAtTheSpillLimit(sql, spill);
  }

  @Test
  void hashJoinsWithAResidualSpill(@TempDir Path spill) throws Exception {
    // the residual is evaluated partition by partition once the held side is on disk
    String[] queries = {
      "SELECT e.id, e.name, f.grp FROM events e LEFT JOIN events f ON e.id = f.id AND f.v >= e.v",
      "SELECT e.id, e.grp, e.name FROM events e"
          + " WHERE EXISTS (SELECT 1 FROM events f WHERE f.grp = e.grp AND f.id <> e.id)"
    };
    for (String sql : queries) {
      assertThat(ExplainPlanTest.explain(connection, sql))
          .as(sql)
          .containsPattern("EngineHashJoin\\(.*residual=");
      spillsAndStopsAtTheSpillLimit(sql, spill);
    }
  }

  /**
   * {@code sql}, {@link #ROWS} rows with the default memory, gives the same rows under {@code
   * queryMemory=16k} by spilling, fails naming {@code spillLimit} under {@code spillLimit=1k} and
   * naming {@code queryMemory} with {@code spill=false}, and leaves no spill file.
   */
  private static void spillsAndStopsAtTheSpillLimit(String sql, Path spill) throws Exception {
    java.util.List<java.util.List<Object>> expected = Answers.query(connection, sql);
    assertThat(expected).hasSize(ROWS);
    Properties props = S3TestServer.jdbcKeys();
    props.setProperty("queryMemory", "16k");
    props.setProperty("spillDirectory", spill.toString());
    try (Connection small = DriverManager.getConnection(server.jdbcUrl(BUCKET), props)) {
      java.util.List<java.util.List<Object>> spilled = Answers.query(small, sql);
      if (sql.contains("ORDER BY")) {
        assertThat(spilled).as(sql).containsExactlyElementsOf(expected);
      } else {
        assertThat(spilled).as(sql).containsExactlyInAnyOrderElementsOf(expected);
      }
    }
    // every spill file and the query's directory are gone once the query ends
    try (var left = java.nio.file.Files.list(spill)) {
      assertThat(left).as(sql).isEmpty();
    }
    props.setProperty("spillLimit", "1k");
    try (Connection capped = DriverManager.getConnection(server.jdbcUrl(BUCKET), props)) {
      assertThat(failure(capped, sql)).as(sql).contains("spillLimit");
    }
    props.remove("spillLimit");
    props.setProperty("spill", "false");
    try (Connection noSpill = DriverManager.getConnection(server.jdbcUrl(BUCKET), props)) {
      assertThat(failure(noSpill, sql)).as(sql).contains("queryMemory=16384");
    }
    try (var left = java.nio.file.Files.list(spill)) {
      assertThat(left).as(sql).isEmpty();
    }
  }

  @Test
  void endlessRecursiveQueriesEndWithTheMemoryError() throws SQLException {
    for (String sql :
        new String[] {
          "WITH RECURSIVE t(n) AS (SELECT 1 UNION SELECT n + 1 FROM t) SELECT COUNT(*) FROM t",
          "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t) SELECT COUNT(*) FROM t",
          "WITH RECURSIVE t(n) AS (SELECT id FROM events UNION ALL SELECT n + 1 FROM t) SELECT MAX(n) FROM t"
        }) {
      assertThat(ExplainPlanTest.explain(connection, sql)).contains("for=[recursion]");
      try (Connection small = connect("queryMemory", "16k")) {
        assertThat(failure(small, sql))
            .contains("the recursive query (WITH RECURSIVE) holds")
            .contains("queryMemory=16384")
            .contains("give its recursive part a condition that ends it");
      }
    }
    // one that ends answers, under the tiny limit too when its rows fit
    String ends =
        "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 100) SELECT SUM(n) FROM t";
    try (Connection small = connect("queryMemory", "16k")) {
      assertThat(((Number) Answers.query(small, ends).get(0).get(0)).longValue()).isEqualTo(5050);
    }
  }

  @Test
  void endlessRecursiveQueryStopsAtTheTimeout() throws SQLException {
    String sql =
        "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 0 FROM t WHERE n < 5) SELECT COUNT(*) FROM t";
    try (Connection big = connect("queryMemory", "64g");
        java.sql.Statement statement = big.createStatement()) {
      statement.setQueryTimeout(2);
      long start = System.nanoTime();
      assertThatThrownBy(() -> statement.executeQuery(sql).next())
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"))
          .hasMessageContaining("timed out");
      assertThat((System.nanoTime() - start) / 1_000_000_000L).isLessThan(60);
    }
  }

  @Test
  void fusedGroupByWithManyGroupsFailsNamingTheSetting() throws SQLException {
    String sql = "SELECT id, COUNT(*) AS n FROM events GROUP BY id";
    assertThat(ExplainPlanTest.explain(connection, sql))
        .contains("BucketScanAggregate(table=[events]");
    try (Connection small = connect("queryMemory", "16k")) {
      assertThat(BucketSqlConnections.queryMemory(small)).isEqualTo(TINY);
      // one numeric key and a COUNT: 166 bytes a group (GroupedAggregates.bytesPerGroup; the
      // key's 76 from LongKeyTable.bytesPerKey)
      assertThat(failure(small, sql)).endsWith(aggregateError(TINY / 166 + 1));
    }
    assertThat(count(connection, sql)).isEqualTo(ROWS);
  }

  @Test
  void calciteGroupByWithManyGroupsFailsNamingTheSetting() throws SQLException {
    // a condition the engine does not compute (SIN) keeps Calcite's aggregate, under a guard that
    // counts groups
    String sql = "SELECT id, COUNT(*) AS n FROM events WHERE SIN(v) >= -2 GROUP BY id";
    String plan = ExplainPlanTest.explain(connection, sql);
    assertThat(plan)
        .containsPattern(
            "BucketGroupGuard\\(holds=\\[events], bytesPerGroup=\\[\\d+], limit=\\[queryMemory]\\)\n"
                + "\\s+EnumerableAggregate\\(group=\\[\\{0}]");
    long perGroup = explained(plan, "bytesPerGroup");
    try (Connection small = connect("queryMemory", "16k")) {
      assertThat(failure(small, sql)).endsWith(aggregateError(TINY / perGroup + 1));
    }
    assertThat(count(connection, sql)).isEqualTo(ROWS);
  }

  /**
   * Grouping sets: every group of every set counts. On the engine the sets spill past the limit to
   * the same groups, and without spilling fail with the aggregate's error; Calcite's aggregate is
   * bounded by its group guard.
   */
  @Test
  void rollupGroupsAreCounted(@TempDir Path spill) throws Exception {
    String sql = "SELECT id, COUNT(*) AS n FROM events GROUP BY ROLLUP(id)";
    assertThat(ExplainPlanTest.explain(connection, sql))
        .contains("EngineHashAggregate(group=[[0]], sets=[[[0], []]]");
    java.util.List<java.util.List<Object>> expected = Answers.query(connection, sql);
    assertThat(expected).hasSize(ROWS + 1);
    try (Connection small = connect("queryMemory", "16k", "spillDirectory", spill.toString())) {
      assertThat(Answers.query(small, sql)).containsExactlyInAnyOrderElementsOf(expected);
    }
    try (var left = java.nio.file.Files.list(spill)) {
      assertThat(left).isEmpty();
    }
    try (Connection noSpill = connect("queryMemory", "16k", "spill", "false")) {
      assertThat(failure(noSpill, sql))
          .contains("the groups of table 'events'")
          .contains("queryMemory=16384");
    }
    // Calcite's aggregate (SIN keeps the calc, so the aggregate over it, enumerable)
    String guarded = "SELECT id, COUNT(*) AS n FROM events WHERE SIN(v) >= -2 GROUP BY ROLLUP(id)";
    String plan = ExplainPlanTest.explain(connection, guarded);
    assertThat(plan).contains("BucketGroupGuard(holds=[events]").contains("groups=[[{0}, {}]]");
    long perGroup = explained(plan, "bytesPerGroup");
    try (Connection small = connect("queryMemory", "16k")) {
      assertThat(failure(small, guarded)).endsWith(aggregateError(TINY / perGroup + 1));
    }
    assertThat(count(connection, guarded)).isEqualTo(ROWS + 1);
  }

  @Test
  void distinctFailsNamingTheSetting() throws SQLException {
    // Calcite's aggregate (SIN keeps the calc, so the aggregate over it, enumerable)
    String sql = "SELECT DISTINCT grp, name FROM events WHERE SIN(v) >= -2";
    String plan = ExplainPlanTest.explain(connection, sql);
    assertThat(plan).contains("BucketGroupGuard(holds=[events]");
    long perGroup = explained(plan, "bytesPerGroup");
    try (Connection small = connect("queryMemory", "16k")) {
      assertThat(failure(small, sql)).endsWith(aggregateError(TINY / perGroup + 1));
    }
    assertThat(count(connection, sql)).isEqualTo(ROWS);
    assertThat(count(connection, "SELECT DISTINCT name FROM events WHERE v >= 0")).isEqualTo(ROWS);
  }

  /**
   * A call that keeps every value (LISTAGG) is bounded even with one group: on the engine, which
   * reserves 3 bytes a character of each value and its separator, and on Calcite's path (an ORDER
   * BY within the call), under its guard.
   */
  @Test
  void valuesKeptByOneGroupAreCounted() throws SQLException {
    String sql = "SELECT LISTAGG(name, ',') AS names FROM events";
    assertThat(ExplainPlanTest.explain(connection, sql))
        .contains("EngineHashAggregate(group=[[]], calls=[[LISTAGG(#0, #1)]]")
        .doesNotContain("BucketGroupGuard");
    // the engine's estimate, value after value in the file's order: the first that passes TINY
    long bytes = 0;
    int fitting = 0;
    while (bytes + 3L * (("name-" + (fitting + 1)).length() + 1) <= TINY) {
      bytes += 3L * (("name-" + (fitting + 1)).length() + 1);
      fitting++;
    }
    String ordered = "SELECT string_agg(name, ',' ORDER BY id) AS names FROM events";
    String plan = ExplainPlanTest.explain(connection, ordered);
    assertThat(plan)
        .containsPattern(
            "BucketGroupGuard\\(holds=\\[events], bytesPerGroup=\\[\\d+], bytesPerValue=\\[\\d+]");
    long perValue = explained(plan, "bytesPerValue");
    try (Connection small = connect("queryMemory", "16k")) {
      // no GROUP BY: the one group is there from the start and not counted
      assertThat(failure(small, sql)).endsWith(valuesError(TINY, fitting + 1));
      assertThat(failure(small, ordered)).endsWith(valuesError(TINY, TINY / perValue + 1));
    }
    for (String query : List.of(sql, ordered)) {
      assertThat(((String) Answers.query(connection, query).get(0).get(0)).split(","))
          .hasSize(ROWS);
    }
  }

  private static String valuesError(long limit, long values) {
    return expected(
        "aggregate (GROUP BY or DISTINCT)",
        "the groups and the values of table 'events'",
        limit,
        values,
        "values",
        ", group by fewer values or filter more");
  }

  /**
   * A quantile keeps its value as one primitive a row (16 bytes allowing for its array's doubling),
   * not boxed, and nothing of its constant fraction, on the engine as under Calcite's guard: 5000
   * values fit in 128 KB (the old estimate, 64 bytes a value for {@code quantile_cont(v, 0.9)},
   * would not), not in 64 KB.
   */
  @Test
  void quantileValuesAreCountedAtWhatTheyKeep() throws SQLException {
    String median = "SELECT median(v) AS m FROM events";
    String quantile = "SELECT quantile_cont(v, 0.9) AS q FROM events";
    for (String sql : List.of(median, quantile)) {
      // on the engine, which reserves the same 16 bytes a value itself
      assertThat(ExplainPlanTest.explain(connection, sql))
          .contains("EngineHashAggregate(group=[[]], calls=[[")
          .doesNotContain("BucketGroupGuard");
    }
    try (Connection enough = connect("queryMemory", "128k")) {
      // v is 0, 0.5, ..., 2499.5
      assertThat(Answers.query(enough, median).get(0).get(0)).isEqualTo(1249.75);
      assertThat((Double) Answers.query(enough, quantile).get(0).get(0))
          .isCloseTo(2249.55, within(1e-9));
    }
    long tooSmall = 64 * 1024;
    try (Connection small = connect("queryMemory", "64k")) {
      for (String sql : List.of(median, quantile)) {
        assertThat(failure(small, sql))
            .endsWith(
                expected(
                    "aggregate (GROUP BY or DISTINCT)",
                    "the groups and the values of table 'events'",
                    tooSmall,
                    tooSmall / 16 + 1,
                    "values",
                    ", group by fewer values or filter more"));
      }
    }
  }

  @Test
  void orderByWithoutLimitFailsNamingTheSetting() throws SQLException {
    String sql = "SELECT * FROM events ORDER BY v DESC";
    String plan = ExplainPlanTest.explain(connection, sql);
    assertThat(plan)
        // v is a DOUBLE: sorted by its order key (DoubleSorts), a column after the table's
        .containsPattern(
            "EnumerableSort\\(sort0=\\[\\$4], dir0=\\[DESC-nulls-last]\\)\n"
                + "\\s+BucketMemoryGuard\\(holds=\\[events], bytesPerRow=\\[\\d+], for=\\[sort], limit=\\[queryMemory]\\)");
    long perRow = explained(plan, "bytesPerRow");
    try (Connection small = connect("queryMemory", "16k")) {
      assertThat(failure(small, sql))
          .endsWith(
              expected(
                  "sort (ORDER BY)",
                  "the rows of table 'events'",
                  TINY,
                  TINY / perRow + 1,
                  "rows",
                  ", add a LIMIT or filter more"));
    }
    List<List<Object>> rows = Answers.query(connection, sql);
    assertThat(rows).hasSize(ROWS);
    assertThat(rows.get(0).get(2)).isEqualTo(2499.5);
  }

  /** A top-N sort keeps offset + fetch rows whatever its input: it needs little memory. */
  @Test
  void orderByWithLimitOverABigInputPassesUnderATinyLimit() throws SQLException {
    String sql = "SELECT id, v FROM events ORDER BY v DESC LIMIT 10";
    String plan = ExplainPlanTest.explain(connection, sql);
    assertThat(plan)
        // v is a DOUBLE: sorted by its order key (DoubleSorts), the column after id and v
        .contains("EnumerableLimitSort(sort0=[$2], dir0=[DESC-nulls-last], fetch=[10])")
        .containsPattern(
            "BucketMemoryGuard\\(holds=\\[events], bytesPerRow=\\[\\d+], for=\\[sort], keeps=\\[10], limit=\\[queryMemory]\\)")
        .doesNotContain("EnumerableLimit(");
    try (Connection small = connect("queryMemory", "16k")) {
      List<List<Object>> rows = Answers.query(small, sql);
      assertThat(rows).hasSize(10);
      for (int i = 0; i < 10; i++) {
        // v = (id * 7 % 5000) / 2: the largest come in order 2499.5, 2499.0, ...
        assertThat(rows.get(i).get(1)).isEqualTo(2499.5 - i / 2.0);
      }
      assertThat(Answers.query(small, "SELECT id, v FROM events ORDER BY v DESC LIMIT 5 OFFSET 5"))
          .isEqualTo(rows.subList(5, 10));
    }
  }

  @Test
  void windowOverAllRowsFailsNamingTheSetting() throws SQLException {
    // a RANGE frame with an offset keeps the window Calcite's (the engine's spills:
    // engineOperatorsSpillPast...)
    String sql =
        "SELECT id, grp, ROW_NUMBER() OVER (PARTITION BY grp ORDER BY id) AS rn,"
            + " COUNT(*) OVER (PARTITION BY grp ORDER BY id RANGE BETWEEN 1 PRECEDING AND CURRENT"
            + " ROW) AS near FROM events";
    String plan = ExplainPlanTest.explain(connection, sql);
    assertThat(plan)
        .containsPattern(
            "EnumerableWindow\\(.*\\)\n"
                + "\\s+BucketMemoryGuard\\(holds=\\[events], bytesPerRow=\\[\\d+], for=\\[window], limit=\\[queryMemory]\\)");
    long perRow = explained(plan, "bytesPerRow");
    try (Connection small = connect("queryMemory", "16k")) {
      assertThat(failure(small, sql))
          .endsWith(
              expected(
                  "window (OVER)",
                  "the rows of table 'events'",
                  TINY,
                  TINY / perRow + 1,
                  "rows",
                  " or filter more"));
    }
    assertThat(count(connection, sql)).isEqualTo(ROWS);
    assertThat(Answers.query(connection, "SELECT MAX(rn) FROM (" + sql + ") x").get(0).get(0))
        .isEqualTo(new BigDecimal(ROWS / 50));
  }

  /**
   * The error of a set operation that needs more than {@code queryMemory=16k} for its first
   * distinct rows (how many depends on the operator's estimate per row): a pattern.
   */
  private static String setOperationError(String operator, String tables, String advice) {
    String[] around =
        expected(
                "set operation (" + operator + ")",
                "the distinct rows of " + tables,
                TINY,
                -1,
                "distinct rows",
                advice)
            .split("-1", 2);
    return Pattern.quote(around[0]) + "\\d+" + Pattern.quote(around[1]) + "$";
  }

  /**
   * {@code sql} under {@code queryMemory=16k}: with the engine on it spills and gives {@code rows}
   * rows; with {@code spill=false} the engine fails naming the set operation, the tables of all its
   * inputs ({@code tables}) and the setting; with the engine off Calcite's operation fails under
   * its guard, naming the tables it holds ({@code guarded}).
   */
  private void checkSetOperation(
      String sql,
      String operator,
      String tables,
      String guarded,
      String advice,
      long rows,
      Path spill)
      throws SQLException {
    try (Connection small = connect("queryMemory", "16k", "spillDirectory", spill.toString())) {
      assertThat(count(small, sql)).isEqualTo(rows);
    }
    try (Connection noSpill = connect("queryMemory", "16k", "spill", "false")) {
      assertThat(failure(noSpill, sql))
          .containsPattern(setOperationError(operator, tables, advice));
    }
    try (Connection enumerable = connect("queryMemory", "16k")) {
      BucketSqlConnections.setEngine(enumerable, false);
      assertThat(failure(enumerable, sql))
          .containsPattern(setOperationError(operator, guarded, advice));
    }
    assertThat(count(connection, sql)).isEqualTo(rows);
  }

  /**
   * A UNION runs on the engine, which holds its distinct rows in a hash aggregate that spills;
   * Calcite's (the engine off) under a guard counting them.
   */
  @Test
  void unionSpillsOrFailsNamingTheSetting(@TempDir Path spill) throws SQLException {
    String sql = "SELECT id, name FROM events UNION SELECT grp, label FROM groups";
    assertThat(ExplainPlanTest.explain(connection, sql))
        .contains("EngineUnion(all=[false])")
        .doesNotContain("Guard");
    checkSetOperation(
        sql,
        "UNION",
        "tables 'events', 'groups'",
        "tables 'events', 'groups'",
        ", use UNION ALL if duplicates may stay, or filter more",
        ROWS + 50,
        spill);
  }

  /** A UNION holds its distinct rows, not its input rows: 50 of them fit, out of 5050 read. */
  @Test
  void unionCountsOnlyDistinctRows() throws SQLException {
    String sql = "SELECT grp FROM events UNION SELECT grp FROM groups";
    assertThat(ExplainPlanTest.explain(connection, sql)).contains("EngineUnion(all=[false])");
    for (boolean engine : new boolean[] {true, false}) {
      try (Connection small = connect("queryMemory", "16k", "spill", "false")) {
        BucketSqlConnections.setEngine(small, engine);
        assertThat(Answers.query(small, sql)).hasSize(50);
      }
    }
  }

  /** UNION ALL streams its inputs one after the other: nothing to bound. */
  @Test
  void unionAllIsNotGuarded() throws SQLException {
    String sql = "SELECT id, name FROM events UNION ALL SELECT grp, label FROM groups";
    assertThat(ExplainPlanTest.explain(connection, sql))
        .contains("EnumerableUnion(all=[true])")
        .doesNotContain("Guard");
    try (Connection small = connect("queryMemory", "16k")) {
      assertThat(Answers.query(small, sql)).hasSize(ROWS + 50);
    }
  }

  /**
   * EXCEPT on the engine holds the distinct rows of all its inputs; Calcite's those of its first
   * input (the rows of the others only remove).
   */
  @Test
  void exceptSpillsOrFailsNamingTheSetting(@TempDir Path spill) throws SQLException {
    String sql = "SELECT id, name FROM events EXCEPT SELECT grp, label FROM groups";
    assertThat(ExplainPlanTest.explain(connection, sql))
        .contains("EngineExcept(all=[false])")
        .doesNotContain("Guard");
    checkSetOperation(
        sql,
        "EXCEPT",
        "tables 'events', 'groups'",
        "table 'events'",
        " or filter the first query more",
        ROWS,
        spill);
    try (Connection small = connect("queryMemory", "16k", "spill", "false")) {
      for (boolean engine : new boolean[] {true, false}) {
        BucketSqlConnections.setEngine(small, engine);
        // 50 distinct rows held, 5000 read
        assertThat(
                Answers.query(
                    small, "SELECT grp FROM groups EXCEPT SELECT grp FROM events WHERE grp < 40"))
            .hasSize(10);
        // EXCEPT ALL holds each distinct row once, with its count
        String all = "SELECT grp FROM events EXCEPT ALL SELECT grp FROM groups";
        assertThat(ExplainPlanTest.explain(small, all)).contains("EngineExcept(all=[true])");
        assertThat(Answers.query(small, all)).hasSize(ROWS - 50);
      }
    }
  }

  /**
   * INTERSECT ALL runs on the engine, or on Calcite's hash sets, holding its second input
   * (INTERSECT mostly becomes an aggregate).
   */
  @Test
  void intersectSpillsOrFailsNamingTheSetting(@TempDir Path spill) throws SQLException {
    String sql =
        "SELECT id, name FROM events WHERE v >= 100 INTERSECT ALL SELECT id, name FROM events";
    assertThat(ExplainPlanTest.explain(connection, sql))
        .contains("EngineIntersect(all=[true])")
        .doesNotContain("Guard");
    // v >= 100 leaves out the 200 ids with id * 7 % 5000 < 200
    checkSetOperation(
        sql,
        "INTERSECT",
        "table 'events'",
        "table 'events'",
        " or filter the second query more",
        ROWS - 200,
        spill);
    try (Connection small = connect("queryMemory", "16k", "spill", "false")) {
      for (boolean engine : new boolean[] {true, false}) {
        BucketSqlConnections.setEngine(small, engine);
        assertThat(
                Answers.query(small, "SELECT grp FROM events INTERSECT ALL SELECT grp FROM groups"))
            .hasSize(50);
      }
    }
  }

  /** With pushdown off the fused aggregate runs Calcite's, and that one is bounded too. */
  @Test
  void unfusedAggregateIsBoundedToo() throws SQLException {
    try (Connection small = connect("queryMemory", "16k")) {
      BucketSqlConnections.setPushdown(small, false);
      // Calcite's aggregate with one numeric key and a COUNT: 128 bytes a group, as EXPLAIN
      // shows for it in calciteGroupByWithManyGroupsFailsNamingTheSetting
      assertThat(failure(small, "SELECT id, COUNT(*) AS n FROM events GROUP BY id"))
          .endsWith(aggregateError(TINY / 128 + 1));
    }
  }

  /** Without {@code joinMemory}, joins follow {@code queryMemory} and the error names it. */
  @Test
  void joinsFollowQueryMemoryUnlessJoinMemoryIsGiven() throws SQLException {
    String sql =
        "SELECT g.label, COUNT(*) AS n FROM events e JOIN groups g ON e.grp = g.grp GROUP BY g.label";
    assertThat(ExplainPlanTest.explain(connection, sql))
        .contains("BucketJoinAggregate(build=[left: groups]");
    try (Connection small = connect("queryMemory", "1k")) {
      assertThat(BucketSqlConnections.joinMemory(small)).isEqualTo(1024);
      assertThat(failure(small, sql))
          .endsWith(
              "the join holds table 'groups' in memory and needs more than 1024 bytes for its first 0"
                  + " rows: the limit is the connection setting queryMemory=1024; raise it (e.g."
                  + " queryMemory=2g) or filter that table more");
      // joinMemory bounds the join apart; the groups still count against queryMemory
      BucketSqlConnections.setJoinMemory(small, 64L << 20);
      assertThat(BucketSqlConnections.queryMemory(small)).isEqualTo(1024);
      assertThat(failure(small, sql))
          .containsPattern(
              "the aggregate \\(GROUP BY or DISTINCT\\) holds the groups of tables 'groups', 'events'"
                  + " in memory and needs more than 1024 bytes for its first \\d+ groups: the limit is"
                  + " the connection setting queryMemory=1024; raise it");
      BucketSqlConnections.setQueryMemory(small, 64L << 20);
      assertThat(Answers.query(small, sql)).hasSize(50);
    }
  }

  @Test
  void malformedQueryMemoryIsRejected() {
    assertThatThrownBy(() -> connect("queryMemory", "lots").close())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("queryMemory='lots'");
  }
}
