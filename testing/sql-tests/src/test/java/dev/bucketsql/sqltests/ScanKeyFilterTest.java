package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.calcite.pushdown.ScanRegistry;
import dev.bucketsql.calcite.pushdown.ScanReport;
import dev.bucketsql.parquet.write.GroupParquetWriters;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hash join's built keys reach the scan under its probe side ({@code filters=[at $1 of facts
 * (scan)]}): the Parquet scan leaves out the rows whose key no built row has, before decoding their
 * other columns, and a CSV scan's rows are dropped right above it. Through SQL on one and two
 * threads (where the probe side is read by the workers against one shared table, which publishes
 * its keys too), the answers are those of Calcite's operators ({@code engine=false}): INNER, SEMI
 * and outer joins keeping the built side, keys in BIGINT, INTEGER and DATE columns, NULL keys on
 * both sides, duplicates, two joins filtering one scan; joins keeping unmatched probe rows filter
 * nothing. The scan report shows the rows left out.
 */
@ExtendWith(S3ServerExtension.class)
class ScanKeyFilterTest {
  private static final String BUCKET = "scan-key-filters";
  private static final MessageType FACTS =
      MessageTypeParser.parseMessageType(
          "message f { required int64 id; optional int64 k; optional int32 k32;"
              + " optional int32 day (DATE); optional binary cat (UTF8); optional int32 qty; }");
  private static final MessageType DIM =
      MessageTypeParser.parseMessageType(
          "message d { optional int64 k; optional int32 k32; optional int32 day (DATE);"
              + " required binary name (UTF8); required int32 flag; }");
  private static final int FACT_ROWS = 60_000;

  private static S3TestServer server;
  private static Connection serial;
  private static Connection parallel;
  private static Connection calcite;

  @BeforeAll
  static void upload(S3TestServer s3, @TempDir Path dir) throws SQLException, IOException {
    server = s3;
    server.createBucket(BUCKET);
    putFacts(dir);
    putDim(dir);
    StringBuilder csv = new StringBuilder("id,k,qty\n");
    for (int i = 0; i < 5_000; i++) {
      csv.append(i).append(',').append(i % 13 == 0 ? "" : Long.toString(i * 7L % 3_000));
      csv.append(',').append(i % 9).append('\n');
    }
    server.putObject(BUCKET, "factscsv.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    serial = connect(1, true);
    parallel = connect(2, true);
    calcite = connect(1, false);
  }

  private static void putFacts(Path dir) throws IOException {
    Path path = dir.resolve("facts.parquet");
    SimpleGroupFactory factory = new SimpleGroupFactory(FACTS);
    try (ParquetWriter<Group> writer =
        GroupParquetWriters.builder(new LocalOutputFile(path), FACTS)
            .withRowGroupRowCountLimit(8_000)
            .withPageRowCountLimit(1_000)
            .build()) {
      for (long id = 0; id < FACT_ROWS; id++) {
        Group g = factory.newGroup().append("id", id);
        // runs of NULL keys and scattered ones
        if (id % 17 != 0 && (id / 2_000) % 7 != 5) {
          g.append("k", id * 7919 % 3_000);
        }
        if (id % 5 != 0) {
          g.append("k32", (int) (id % 400) - 200);
        }
        if (id % 6 != 0) {
          g.append("day", 18_000 + (int) (id % 90));
        }
        if (id % 3 != 0) {
          g.append("cat", "c" + id % 4);
        }
        g.append("qty", (int) (id % 23));
        writer.write(g);
      }
    }
    server.putObject(BUCKET, "facts.parquet", Files.readAllBytes(path));
  }

  private static void putDim(Path dir) throws IOException {
    Path path = dir.resolve("dim.parquet");
    SimpleGroupFactory factory = new SimpleGroupFactory(DIM);
    try (ParquetWriter<Group> writer =
        GroupParquetWriters.builder(new LocalOutputFile(path), DIM).build()) {
      for (int i = 0; i < 400; i++) {
        Group g = factory.newGroup();
        // keys spread over the facts' range, a few twice, some NULL
        if (i % 29 != 0) {
          g.append("k", (long) (i * 37 % 3_100));
        }
        if (i % 31 != 0) {
          g.append("k32", i % 50 - 25);
        }
        if (i % 11 != 0) {
          g.append("day", 18_000 + i % 9 * 10);
        }
        g.append("name", "n" + i % 7).append("flag", i % 4);
        writer.write(g);
      }
    }
    server.putObject(BUCKET, "dim.parquet", Files.readAllBytes(path));
  }

  private static Connection connect(int threads, boolean engine) throws SQLException {
    Properties props = S3TestServer.jdbcKeys();
    props.setProperty("threads", Integer.toString(threads));
    props.setProperty("engine", Boolean.toString(engine));
    // the engine's join and aggregate, not the fused join aggregate that answers some alone
    props.setProperty("fused", "false");
    return DriverManager.getConnection(server.jdbcUrl(BUCKET), props);
  }

  @AfterAll
  static void close() throws SQLException {
    serial.close();
    parallel.close();
    calcite.close();
  }

  @Test
  void theBuiltKeysLeaveRowsOutOfTheProbeSidesScan() throws SQLException {
    List<String> filtered =
        List.of(
            "SELECT f.id, f.qty, d.name FROM facts f JOIN dim d ON f.k = d.k WHERE d.flag = 1",
            "SELECT f.cat, d.name, f.qty FROM facts f JOIN dim d ON f.k = d.k"
                + " WHERE d.flag < 3 AND f.qty > 4 AND f.cat <> 'c2'",
            "SELECT f.id, f.cat FROM facts f WHERE f.k IN (SELECT k FROM dim WHERE flag = 2)",
            "SELECT f.id, d.name FROM facts f JOIN dim d ON f.k32 = d.k32 WHERE d.flag = 0",
            "SELECT f.id, d.name FROM facts f JOIN dim d ON f.day = d.day WHERE d.flag = 3"
                + " AND f.qty = 7",
            // the keys of the built side, with its unmatched rows padded: still only matches
            "SELECT f.id, d.k, d.name FROM facts f RIGHT JOIN dim d ON f.k = d.k WHERE d.flag = 1",
            // two joins filter one scan, on two columns
            "SELECT f.id, d.name, e.name FROM facts f JOIN dim d ON f.k = d.k"
                + " JOIN dim e ON f.k32 = e.k32 WHERE d.flag = 1 AND e.flag = 2");
    for (String sql : filtered) {
      for (Connection c : List.of(serial, parallel)) {
        assertThat(ExplainPlanTest.explain(c, sql))
            .as(sql)
            .containsPattern("filters=\\[at \\$\\d+ of facts \\(scan\\)\\]");
      }
      List<List<Object>> expected = Answers.sorted(Answers.query(calcite, sql));
      assertThat(expected).as(sql).isNotEmpty();
      assertThat(Answers.sorted(Answers.query(serial, sql))).as(sql).isEqualTo(expected);
      assertThat(factsRows(serial)).as(sql).isLessThan(FACT_ROWS / 2);
      assertThat(Answers.sorted(Answers.query(parallel, sql))).as(sql).isEqualTo(expected);
      assertThat(factsRows(parallel)).as(sql).isLessThan(FACT_ROWS / 2);
    }
  }

  @Test
  void joinsKeepingUnmatchedProbeRowsFilterNothing() throws SQLException {
    List<String> unfiltered =
        List.of(
            "SELECT f.id, d.name FROM facts f LEFT JOIN dim d ON f.k = d.k AND d.flag = 1",
            "SELECT f.id FROM facts f WHERE f.k NOT IN (SELECT k FROM dim WHERE k IS NOT NULL)",
            "SELECT f.id FROM facts f WHERE NOT EXISTS (SELECT 1 FROM dim d WHERE d.k = f.k)");
    for (String sql : unfiltered) {
      assertThat(ExplainPlanTest.explain(parallel, sql)).as(sql).doesNotContain("of facts (scan)");
      List<List<Object>> expected = Answers.sorted(Answers.query(calcite, sql));
      assertThat(expected).as(sql).isNotEmpty();
      assertThat(Answers.sorted(Answers.query(serial, sql))).as(sql).isEqualTo(expected);
      assertThat(Answers.sorted(Answers.query(parallel, sql))).as(sql).isEqualTo(expected);
    }
  }

  @Test
  void aCsvScanIsFilteredAboveIt() throws SQLException {
    String sql =
        "SELECT c.id, c.qty, d.name FROM factscsv c JOIN dim d ON c.k = d.k"
            + " WHERE d.flag = 1 AND c.qty > 2";
    assertThat(ExplainPlanTest.explain(serial, sql))
        .containsPattern("filters=\\[at \\$\\d+ of factscsv\\]");
    List<List<Object>> expected = Answers.sorted(Answers.query(calcite, sql));
    assertThat(expected).isNotEmpty();
    assertThat(Answers.sorted(Answers.query(serial, sql))).isEqualTo(expected);
    assertThat(Answers.sorted(Answers.query(parallel, sql))).isEqualTo(expected);
  }

  @Test
  void nothingIsDroppedUnderAWindowWhosePartitionsTheKeyDoesNotName() throws SQLException {
    // ROW_NUMBER over partitions of qty: a row dropped below the window would renumber the rows
    // kept, and the rank bound above it would keep other rows
    String window = "ROW_NUMBER() OVER (PARTITION BY f.qty ORDER BY f.id)";
    String aggregated =
        "SELECT d.name, a.k, a.c, a.s FROM dim d JOIN (SELECT k, COUNT(*) AS c, SUM(rn) AS s"
            + " FROM (SELECT f.k, "
            + window
            + " AS rn FROM facts f) w WHERE rn <= 700 GROUP BY k) a ON a.k = d.k WHERE d.flag = 1";
    String joined =
        "SELECT d.name, w.id, w.rn FROM dim d JOIN (SELECT f.id, f.k, "
            + window
            + " AS rn FROM facts f) w ON w.k = d.k WHERE d.flag = 1 AND w.rn <= 700";
    // what a filter placed below the window would answer: not the query's answer
    String droppedBelow =
        aggregated.replace(
            "FROM facts f) w", "FROM facts f WHERE f.k IN (SELECT k FROM dim WHERE flag = 1)) w");
    assertThat(Answers.sorted(Answers.query(calcite, droppedBelow)))
        .isNotEqualTo(Answers.sorted(Answers.query(calcite, aggregated)));
    for (String sql : List.of(aggregated, joined)) {
      List<List<Object>> expected = Answers.sorted(Answers.query(calcite, sql));
      assertThat(expected).as(sql).isNotEmpty();
      for (Connection c : List.of(serial, parallel)) {
        assertThat(Answers.sorted(Answers.query(c, sql))).as(sql).isEqualTo(expected);
      }
    }
    for (Connection c : List.of(serial, parallel)) {
      // the aggregate's filter sits on the rank filter's output (its column 1, k), which still
      // bounds the window; the join's keys reach no scan through the window
      assertThat(ExplainPlanTest.explain(c, aggregated))
          .contains("filters=[$0 below, at $1 of facts]")
          .containsPattern("EngineFilter\\(condition=\\[<=\\(\\$\\d, 700\\)\\], partitionLimit");
      assertThat(ExplainPlanTest.explain(c, joined))
          .contains("EngineWindow")
          .doesNotContain("of facts");
    }
  }

  @Test
  void withTheLateFilterOffTheKeysAreDroppedAboveTheScanAndExplainSaysSo() throws SQLException {
    String between =
        "SELECT f.cat, d.name, f.qty FROM facts f JOIN dim d ON f.k = d.k"
            + " WHERE d.flag < 2 AND f.qty > 5 AND f.cat <> 'c1'";
    String direct =
        "SELECT f.id, f.qty, d.name FROM facts f JOIN dim d ON f.k = d.k WHERE d.flag = 2";
    System.setProperty("bucketsql.parquet.lateFilter", "false");
    try (Connection one = connect(1, true);
        Connection two = connect(2, true)) {
      for (Connection c : List.of(one, two)) {
        // a projection and a filter sit between: the keys are dropped right above the scan
        assertThat(ExplainPlanTest.explain(c, between))
            .containsPattern("filters=\\[at \\$\\d+ of facts\\]")
            .doesNotContain("(scan)");
        // nothing between them to spare: no filter at all
        assertThat(ExplainPlanTest.explain(c, direct)).doesNotContain("of facts");
        for (String sql : List.of(between, direct)) {
          List<List<Object>> expected = Answers.sorted(Answers.query(calcite, sql));
          assertThat(expected).as(sql).isNotEmpty();
          assertThat(Answers.sorted(Answers.query(c, sql))).as(sql).isEqualTo(expected);
        }
      }
    } finally {
      System.clearProperty("bucketsql.parquet.lateFilter");
    }
  }

  /** Rows the scan of facts handed on in the latest query. */
  private static long factsRows(Connection c) throws SQLException {
    List<ScanReport> scans = ScanRegistry.of(c.unwrap(CalciteConnection.class)).latestScans();
    return scans.stream()
        .filter(r -> r.key().startsWith("facts.parquet"))
        .mapToLong(ScanReport::rows)
        .sum();
  }
}
