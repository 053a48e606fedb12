package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.calcite.pushdown.ScanRegistry;
import dev.bucketsql.calcite.pushdown.ScanReport;
import dev.bucketsql.engine.parallel.Exchange;
import dev.bucketsql.jdbc.BucketSqlConnections;
import dev.bucketsql.parquet.write.GroupParquetWriters;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Aggregates over a folder of Parquet objects and over a Parquet object of several row groups, run
 * through the driver with {@code threads=1} and {@code threads=2}: the same rows in the same order,
 * the same scan report; an overflow in one piece fails with 22003, a cancel with 57014, the memory
 * limit with 53200; and no worker outlives its query.
 */
@ExtendWith(S3ServerExtension.class)
class ParallelPipelineTest {
  private static final String BUCKET = "parallel-pipelines";
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message t { required int64 id; optional binary cat (UTF8); optional int32 qty;"
              + " optional double price; }");
  private static final String[] CATS = {"red", "green", "blue", "teal", null};

  private static S3TestServer server;
  private static Connection serial;
  private static Connection parallel;

  @BeforeAll
  static void upload(S3TestServer s3, @TempDir Path dir) throws SQLException, IOException {
    server = s3;
    server.createBucket(BUCKET);
    for (int f = 0; f < 4; f++) {
      put(dir, "events/part-" + f + ".parquet", f * 3_000L, 3_000, 1_000);
    }
    put(dir, "big.parquet", 0, 120_000, 15_000);
    putNoisy(dir);
    server.putObject(
        BUCKET,
        "dims.csv",
        "cat,label,rank\nred,warm,1\ngreen,cool,2\nblue,cool,3\nteal,cool,4\nnone,,5\n"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    serial = connect(1);
    parallel = connect(2);
  }

  private static void put(Path dir, String key, long first, int rows, int perGroup)
      throws IOException {
    Path path = dir.resolve(key.replace('/', '_'));
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> writer =
        GroupParquetWriters.builder(new LocalOutputFile(path), SCHEMA)
            .withRowGroupRowCountLimit(perGroup)
            .build()) {
      for (long id = first; id < first + rows; id++) {
        Group g = factory.newGroup().append("id", id);
        String cat = CATS[(int) (id * 7 % CATS.length)];
        if (cat != null) {
          g.append("cat", cat);
        }
        if (id % 11 != 0) {
          g.append("qty", (int) (id % 17) - 3);
        }
        g.append("price", (id % 101) * 0.25);
        writer.write(g);
      }
    }
    server.putObject(BUCKET, key, Files.readAllBytes(path));
  }

  /** Rows of {@code noisy.parquet}, 8 row groups of {@link #NOISY_GROUP}. */
  private static final int NOISY_ROWS = 40_000;

  private static final int NOISY_GROUP = 5_000;

  /** A value whose magnitude varies by 20 orders, so the order of additions shows in the sum. */
  private static double noisy(int i) {
    return (i % 2 == 0 ? 1 : -1) * Math.pow(10, i % 21 - 9) * (1 + i * 1e-4) + i * 0.1;
  }

  private static void putNoisy(Path dir) throws IOException {
    MessageType schema =
        MessageTypeParser.parseMessageType("message n { required int32 g; required double v; }");
    Path path = dir.resolve("noisy.parquet");
    SimpleGroupFactory factory = new SimpleGroupFactory(schema);
    try (ParquetWriter<Group> writer =
        GroupParquetWriters.builder(new LocalOutputFile(path), schema)
            .withRowGroupRowCountLimit(NOISY_GROUP)
            .build()) {
      for (int i = 0; i < NOISY_ROWS; i++) {
        writer.write(factory.newGroup().append("g", i % 3).append("v", noisy(i)));
      }
    }
    server.putObject(BUCKET, "noisy.parquet", Files.readAllBytes(path));
  }

  private static Connection connect(int threads) throws SQLException {
    Properties props = S3TestServer.jdbcKeys();
    props.setProperty("threads", Integer.toString(threads));
    // the engine's aggregate, not the fused scan aggregate that answers some of these alone
    props.setProperty("fused", "false");
    return DriverManager.getConnection(server.jdbcUrl(BUCKET), props);
  }

  @AfterAll
  static void close() throws SQLException {
    serial.close();
    parallel.close();
  }

  @AfterEach
  void noWorkerOutlivesItsQuery() {
    assertThat(Exchange.runningWorkers()).isZero();
  }

  @Test
  void theSettingIsTheConnections() throws SQLException {
    assertThat(BucketSqlConnections.threads(serial)).isEqualTo(1);
    assertThat(BucketSqlConnections.threads(parallel)).isEqualTo(2);
    Properties props = S3TestServer.jdbcKeys();
    props.setProperty("threads", "0");
    assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(BUCKET), props))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("setting threads='0' is not valid");
  }

  @Test
  void aFolderAndARowGroupedObjectAggregateAsOneThreadWould() throws SQLException {
    for (String table : List.of("events", "big")) {
      for (String sql :
          List.of(
              "SELECT cat, COUNT(*), SUM(qty), MIN(price), MAX(id), COUNT(qty), AVG(qty) FROM "
                  + table
                  + " WHERE qty > 0 GROUP BY cat",
              "SELECT qty, cat, COUNT(*), MIN(cat), SUM(id) FROM "
                  + table
                  + " WHERE id % 5 <> 1 GROUP BY qty, cat",
              "SELECT COUNT(*), SUM(qty), MAX(cat), MIN(id) FROM " + table + " WHERE id % 3 = 0",
              "SELECT cat, SUM(price), AVG(price), MAX(qty) FROM "
                  + table
                  + " WHERE qty > 1 GROUP BY cat",
              "SELECT id % 1000 AS k, COUNT(*), SUM(qty + 1) FROM "
                  + table
                  + " GROUP BY id % 1000")) {
        assertThat(ExplainPlanTest.explain(parallel, sql))
            .containsPattern("parallel=\\[(partial|input)\\]");
        List<List<Object>> one = Answers.query(serial, sql);
        List<String> oneScans = read(serial);
        List<List<Object>> two = Answers.query(parallel, sql);
        assertThat(two).as(sql).isNotEmpty().isEqualTo(one);
        assertThat(read(parallel)).as(sql).isEqualTo(oneScans);
      }
    }
  }

  @Test
  void joinProbesRunInTheWorkersAgainstOneTable() throws SQLException {
    for (String table : List.of("events", "big")) {
      for (String sql :
          List.of(
              "SELECT d.label, COUNT(*), SUM(e.qty), MIN(e.id) FROM "
                  + table
                  + " e JOIN dims d ON e.cat = d.cat WHERE e.qty > 2 GROUP BY d.label",
              "SELECT d.rank, e.qty, COUNT(d.label), MAX(e.price) FROM "
                  + table
                  + " e LEFT JOIN dims d ON e.cat = d.cat WHERE e.id % 7 <> 3 GROUP BY d.rank, e.qty",
              "SELECT COUNT(*), SUM(e.qty) FROM "
                  + table
                  + " e WHERE e.price > 3 AND e.cat IN (SELECT cat FROM dims WHERE rank > 1)")) {
        String plan = ExplainPlanTest.explain(parallel, sql);
        assertThat(plan)
            .as(sql)
            .containsPattern("parallel=\\[(partial|input)\\]")
            .contains("EngineHashJoin");
        List<List<Object>> one = Answers.query(serial, sql);
        List<List<Object>> two = Answers.query(parallel, sql);
        assertThat(two).as(sql).isNotEmpty().isEqualTo(one);
        assertThat(read(parallel)).as(sql).isEqualTo(read(serial));
      }
    }
  }

  @Test
  void joinsTrackingTheirBuiltRowsProbeInTheWorkersAndOweTheirRowsOnce() throws SQLException {
    // the small CSV table is built; the workers probe it with their pieces and mark its rows, and
    // the rows owed (matched for EXISTS, unmatched for NOT EXISTS and the outer joins) come once,
    // after every piece, where one thread emits them
    for (String table : List.of("events", "big")) {
      String[][] cases = {
        {
          "SELECT d.label, COUNT(*), MIN(d.rank) FROM dims d WHERE EXISTS (SELECT 1 FROM "
              + table
              + " e WHERE e.cat = d.cat AND e.qty > 2) GROUP BY d.label",
          "type=[semi], build=[left]"
        },
        {
          "SELECT d.cat, d.rank FROM dims d WHERE NOT EXISTS (SELECT 1 FROM "
              + table
              + " e WHERE e.cat = d.cat AND e.id % 2 = 0) ORDER BY d.rank",
          "type=[anti], build=[left]"
        },
        {
          "SELECT d.label, COUNT(*) FROM dims d WHERE EXISTS (SELECT 1 FROM "
              + table
              + " e WHERE e.cat = d.cat AND e.qty > d.rank + 9) GROUP BY d.label",
          "type=[semi], build=[left]"
        },
        {
          "SELECT d.cat, COUNT(e.id), SUM(e.qty), MAX(e.price) FROM dims d LEFT JOIN "
              + table
              + " e ON d.cat = e.cat AND e.qty > 1 GROUP BY d.cat",
          "type=[left], build=[left]"
        },
        {
          "SELECT d.label, e.qty, COUNT(*), MIN(e.id) FROM dims d FULL JOIN "
              + table
              + " e ON d.cat = e.cat WHERE e.id IS NULL OR e.id % 3 <> 1 GROUP BY d.label, e.qty",
          "type=[full]"
        },
        {
          // another join in the same pipeline, above the one that owes rows: the rows owed pass
          // through its probe in the piece after the scan's
          "SELECT d.label, COUNT(*), MIN(d.rank) FROM "
              + table
              + " e RIGHT JOIN dims d ON e.cat = d.cat WHERE NOT EXISTS (SELECT 1 FROM dims x"
              + " WHERE x.rank = d.rank + 1) GROUP BY d.label",
          "type=[right], build=[right]"
        },
        {
          // a sort's ties keep the order the rows came in: the probes' pairs, then the rows owed
          "SELECT d.label, e.id, d.cat FROM dims d LEFT JOIN (SELECT * FROM "
              + table
              + " WHERE id % 97 = 0) e ON d.cat = e.cat ORDER BY d.label",
          "type=[left], build=[left]"
        }
      };
      for (String[] c : cases) {
        String sql = c[0];
        String plan = ExplainPlanTest.explain(parallel, sql);
        assertThat(plan).as(sql).contains(c[1]);
        if (sql.contains("GROUP BY")) {
          assertThat(plan).as(sql).containsPattern("parallel=\\[(partial|input)\\]");
        }
        List<List<Object>> one = Answers.query(serial, sql);
        List<List<Object>> two = Answers.query(parallel, sql);
        assertThat(two).as(sql).isNotEmpty().isEqualTo(one);
        // the same reads; the workers' pieces are divided before the table is built
        assertThat(read(parallel)).as(sql).containsExactlyInAnyOrderElementsOf(read(serial));
      }
    }
    // an overflow in a worker probing such a join fails as one thread does
    String overflow =
        "SELECT d.cat, SUM(e.id * 2000000000000000) FROM dims d LEFT JOIN events e"
            + " ON d.cat = e.cat GROUP BY d.cat";
    assertThat(ExplainPlanTest.explain(parallel, overflow)).contains("build=[left]");
    for (Connection c : List.of(serial, parallel)) {
      assertThatThrownBy(() -> Answers.query(c, overflow))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22003"));
    }
  }

  @Test
  void aDoubleSumAddsEachRowGroupInOrderThenTheRowGroupsSumsWhateverTheThreads()
      throws SQLException {
    // the reference: each row group's values added in order, then the row groups' sums in order
    double[] total = new double[4];
    for (int first = 0; first < NOISY_ROWS; first += NOISY_GROUP) {
      double[] sums = new double[4];
      for (int i = first; i < first + NOISY_GROUP; i++) {
        sums[i % 3] += noisy(i);
        sums[3] += noisy(i);
      }
      for (int g = 0; g < 4; g++) {
        total[g] += sums[g];
      }
    }
    double serialTotal = 0;
    for (int i = 0; i < NOISY_ROWS; i++) {
      serialTotal += noisy(i);
    }
    // the data makes the two orders differ, or the test would not tell them apart
    assertThat(serialTotal).isNotEqualTo(total[3]);
    // (with a filter, so the engine aggregates, not the fused scan aggregate, which adds in row
    // order)
    for (Connection c : List.of(serial, parallel)) {
      assertThat(ExplainPlanTest.explain(c, "SELECT SUM(v) FROM noisy WHERE g >= 0"))
          .contains("parallel=[partial]");
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT SUM(v), COUNT(*) FROM noisy WHERE g >= 0")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getDouble(1)).isEqualTo(total[3]);
        assertThat(rs.getLong(2)).isEqualTo(NOISY_ROWS);
      }
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery("SELECT g, SUM(v) FROM noisy WHERE v <> 0 GROUP BY g ORDER BY g")) {
        for (int g = 0; g < 3; g++) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(g);
          assertThat(rs.getDouble(2)).as("group %d", g).isEqualTo(total[g]);
        }
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test
  void inputsReadWholeOnBothThreadsHoldTheRowsOfOneThreadInTheirOrder() throws SQLException {
    // the folder (12 row groups in 4 objects) is the smaller side, held by the join: its pieces
    // are decoded and filtered by the workers, and each qty matches many built rows, so the
    // order of the answer shows the order the build side was read in; likewise the ties of a
    // sort and the row numbers of a window
    for (String sql :
        List.of(
            "SELECT a.id, b.id, b.cat FROM big a JOIN events b ON a.qty = b.qty"
                + " WHERE a.id < 40 AND b.id % 89 = 0",
            "SELECT a.id, b.id FROM big a LEFT JOIN (SELECT * FROM events WHERE cat <> 'red') b"
                + " ON a.id = b.id * 7 WHERE a.id < 3000",
            // a sort and a window read their input whole too: ties keep the order it was read in
            "SELECT id, cat FROM big WHERE qty > 2 ORDER BY cat, qty LIMIT 700",
            "SELECT id, qty, cat FROM events WHERE id % 3 = 0 ORDER BY qty",
            "SELECT id, ROW_NUMBER() OVER (PARTITION BY cat ORDER BY qty) AS n FROM big"
                + " WHERE id % 5 = 0 ORDER BY n, id LIMIT 600")) {
      assertThat(ExplainPlanTest.explain(parallel, sql))
          .containsPattern("EngineHashJoin|EngineSort|EngineTopN|EngineWindow");
      List<List<Object>> one = Answers.query(serial, sql);
      List<List<Object>> two = Answers.query(parallel, sql);
      assertThat(two).as(sql).hasSizeGreaterThan(10).isEqualTo(one);
      assertThat(read(parallel)).as(sql).isEqualTo(read(serial));
    }
  }

  @Test
  void theBuiltKeysFilterTheRowsUnderAnAggregateOnTheProbeSide() throws SQLException {
    // an aggregate grouped by the join key, joined to a few keys: its input rows of other keys are
    // dropped before they are grouped (filters=[...] in EXPLAIN); the answers are Calcite's
    Properties props = S3TestServer.jdbcKeys();
    props.setProperty("engine", "false");
    try (Connection calcite = DriverManager.getConnection(server.jdbcUrl(BUCKET), props)) {
      String sums =
          "(SELECT id % 1000 AS g, COUNT(*) AS n, SUM(qty) AS s, MIN(cat) AS c FROM big"
              + " GROUP BY id % 1000)";
      String few = "(SELECT id AS k FROM events WHERE id BETWEEN 17 AND 60 AND qty > 0)";
      List<String> filtered =
          List.of(
              "SELECT a.g, a.n, a.s, a.c FROM " + sums + " a JOIN " + few + " f ON a.g = f.k",
              "SELECT a.g, a.n, a.s FROM " + sums + " a WHERE a.g IN (SELECT k FROM " + few + ")");
      for (String sql : filtered) {
        assertThat(ExplainPlanTest.explain(parallel, sql)).as(sql).contains("filters=[$0 below]");
      }
      List<String> all = new ArrayList<>(filtered);
      // a join that keeps the aggregate's unmatched groups, or NULL keys: no filter, same answers
      all.add("SELECT a.g, a.n, f.k FROM " + sums + " a LEFT JOIN " + few + " f ON a.g = f.k");
      all.add(
          "SELECT a.g, a.n FROM "
              + sums
              + " a JOIN (SELECT CASE WHEN qty > 5 THEN NULL ELSE id END AS k FROM events"
              + " WHERE id < 30) f ON a.g = f.k");
      for (String sql : all) {
        List<List<Object>> expected = Answers.sorted(Answers.query(calcite, sql));
        assertThat(Answers.sorted(Answers.query(serial, sql)))
            .as(sql)
            .isNotEmpty()
            .isEqualTo(expected);
        assertThat(Answers.sorted(Answers.query(parallel, sql))).as(sql).isEqualTo(expected);
      }
    }
  }

  @Test
  void aFusedScanAggregateUnderAJoinOfFewKeysRunsOnTheEngineFiltered() throws SQLException {
    // q17's shape: the fused aggregate would read every row on one thread; the engine's reads
    // them on the workers and groups only the rows of the few keys built
    String sql =
        "SELECT a.id, a.q, f.label FROM (SELECT id, SUM(qty) AS q, COUNT(*) AS n FROM big GROUP BY"
            + " id) a JOIN (SELECT id + 0 AS id, cat AS label FROM events WHERE id BETWEEN 17 AND 60)"
            + " f ON a.id = f.id WHERE a.n > 0";
    Properties fused = S3TestServer.jdbcKeys();
    fused.setProperty("threads", "2");
    Properties calciteKeys = S3TestServer.jdbcKeys();
    calciteKeys.setProperty("engine", "false");
    calciteKeys.setProperty("fused", "false");
    try (Connection withFused = DriverManager.getConnection(server.jdbcUrl(BUCKET), fused);
        Connection calcite = DriverManager.getConnection(server.jdbcUrl(BUCKET), calciteKeys)) {
      // the key passes the projection of the sum's cast unchanged: the scan's rows are filtered
      assertThat(ExplainPlanTest.explain(withFused, sql))
          .contains("filters=[$0 below, at $0 of big (scan)]")
          .doesNotContain("BucketScanAggregate");
      List<List<Object>> expected = Answers.sorted(Answers.query(calcite, sql));
      assertThat(expected).hasSize(44);
      assertThat(Answers.sorted(Answers.query(withFused, sql))).isEqualTo(expected);
      // a join that keeps the aggregate's unmatched groups: no filter, and the engine's aggregate
      // all the same (on the workers, where the fused one would read on one thread)
      String kept = sql.replace(") a JOIN (", ") a LEFT JOIN (").replace(" WHERE a.n > 0", "");
      assertThat(ExplainPlanTest.explain(withFused, kept))
          .contains("EngineHashAggregate(group=[[0]]")
          .doesNotContain("filters=[")
          .doesNotContain("BucketScanAggregate");
      assertThat(Answers.sorted(Answers.query(withFused, kept)))
          .hasSize(120_000)
          .isEqualTo(Answers.sorted(Answers.query(calcite, kept)));
    }
  }

  @Test
  void explainSaysWhatRunsInTheWorkers() throws SQLException {
    assertThat(
            ExplainPlanTest.explain(
                parallel, "SELECT cat, COUNT(*), SUM(qty) FROM big WHERE qty > 1 GROUP BY cat"))
        .contains("parallel=[partial]");
    // a median is not merged: the workers filter, the aggregate sees rows in the serial order
    assertThat(
            ExplainPlanTest.explain(
                parallel, "SELECT cat, MEDIAN(price) FROM big WHERE qty > 1 GROUP BY cat"))
        .contains("parallel=[input]");
  }

  @Test
  void prunedRowGroupsAreReportedOnceAsWithOneThread() throws SQLException {
    String sql = "SELECT cat, COUNT(*) FROM big WHERE id < 20000 GROUP BY cat";
    List<List<Object>> one = Answers.query(serial, sql);
    ScanReport report = scans(serial).get(0);
    assertThat(Answers.query(parallel, sql)).isEqualTo(one);
    ScanReport parallelReport = scans(parallel).get(0);
    assertThat(parallelReport.pruning()).isEqualTo(report.pruning());
    assertThat(parallelReport.pruning().total()).isEqualTo(8);
    assertThat(parallelReport.pruning().kept()).isEqualTo(2);
    // the scans hand on the matching rows (20,000) and at most the rest of the kept groups: the
    // late filter stands aside where the page index thinned a group, which a piece may not do
    assertThat(parallelReport.rows()).isBetween(20_000L, 30_000L);
    assertThat(report.rows()).isBetween(20_000L, 30_000L);
  }

  @Test
  void anOverflowInOnePieceFailsAsWithOneThread() {
    // only ids past 4611 overflow: the later pieces
    String sql = "SELECT cat, SUM(id * 2000000000000000) FROM events GROUP BY cat";
    for (Connection c : List.of(serial, parallel)) {
      assertThatThrownBy(() -> Answers.query(c, sql))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22003"));
    }
  }

  @Test
  void theMemoryLimitStillHolds() throws SQLException {
    Properties props = S3TestServer.jdbcKeys();
    props.setProperty("threads", "2");
    props.setProperty("queryMemory", "16k");
    props.setProperty("spill", "false");
    try (Connection small = DriverManager.getConnection(server.jdbcUrl(BUCKET), props)) {
      assertThatThrownBy(() -> Answers.query(small, "SELECT id, COUNT(*) FROM big GROUP BY id"))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("53200"))
          .hasMessageContaining("queryMemory");
    }
  }

  @Test
  void aCancelStopsTheWorkers() throws Exception {
    // an aggregate's workers, and workers marking the rows of a join that tracks its matches
    for (String sql :
        List.of(
            "SELECT id, COUNT(*), SUM(qty) FROM big WHERE cat <> 'none' AND qty * 3 > -100"
                + " GROUP BY id",
            "SELECT d.cat, COUNT(e.id), SUM(e.qty) FROM dims d LEFT JOIN big e ON d.cat = e.cat"
                + " AND e.qty * 3 > -100 GROUP BY d.cat")) {
      cancelStopsTheWorkers(sql);
    }
  }

  private static void cancelStopsTheWorkers(String sql) throws Exception {
    int groups = Answers.query(parallel, sql).size();
    // A cancel sent while the workers run stops the query with 57014. On a busy machine the query
    // may end before the cancelling thread gets a core: then its answer is whole, and it runs
    // again.
    int cancelled = 0;
    for (int attempt = 0; attempt < 20 && cancelled == 0; attempt++) {
      try (Statement s = parallel.createStatement()) {
        AtomicReference<Throwable> cancelFailure = new AtomicReference<>();
        AtomicBoolean ended = new AtomicBoolean();
        Thread canceller =
            new Thread(
                () -> {
                  try {
                    while (Exchange.runningWorkers() == 0 && !ended.get()) {
                      Thread.onSpinWait();
                    }
                    if (!ended.get()) {
                      s.cancel();
                    }
                  } catch (SQLException | RuntimeException e) {
                    cancelFailure.set(e);
                  }
                });
        canceller.start();
        int rows = 0;
        try (ResultSet rs = s.executeQuery(sql)) {
          while (rs.next()) {
            rows++;
          }
          assertThat(rows).as("an answer the cancel came too late for is whole").isEqualTo(groups);
        } catch (SQLException e) {
          assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("57014");
          cancelled++;
        } finally {
          ended.set(true);
          canceller.join();
        }
        assertThat(cancelFailure.get()).isNull();
      }
    }
    assertThat(cancelled).as("a cancel stopped one of the runs of %s", sql).isEqualTo(1);
  }

  /** What each scan of the latest query read: its object, rows and pruning (not its requests). */
  private static List<String> read(Connection c) throws SQLException {
    return scans(c).stream().map(r -> r.key() + ": " + r.rows() + " rows, " + r.pruning()).toList();
  }

  private static List<ScanReport> scans(Connection c) throws SQLException {
    return ScanRegistry.of(c.unwrap(CalciteConnection.class)).latestScans();
  }
}
