package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.calcite.pushdown.ScanReport;
import dev.bucketsql.parquet.write.GroupParquetWriters;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Late materialization through SQL: a filter pushed into a Parquet scan is evaluated in the scan,
 * which hands on only the rows that may pass, and the filter above checks them again. For each
 * predicate the rows must be those with pushdown off (no domain, every row decoded), over a file
 * with statistics (pages skipped by the page index, where the scan stands aside) and one without
 * (every row group filtered in the scan): NULLs, NaN, -0.0 and infinities, REAL, strings with a
 * trailing blank, beyond ASCII, on dictionary pages and on PLAIN pages after the dictionary
 * overflowed, dates, timestamps, decimals in INT64 and FIXED.
 */
@ExtendWith(S3ServerExtension.class)
class ParquetLateFilterSqlTest {
  private static final String BUCKET = "latefilter";
  private static final int ROWS = 30_000;
  private static final String COLUMNS = "id, n, x, r, mode, note, day, amount, big, ts";
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message t { required int32 id; optional int32 n; optional double x; optional float r;"
              + " optional binary mode (STRING); required binary note (STRING);"
              + " optional int32 day (DATE); optional int64 amount (DECIMAL(12,2));"
              + " optional fixed_len_byte_array(8) big (DECIMAL(18,3));"
              + " optional int64 ts (TIMESTAMP(MICROS,true)); }");
  private static Connection connection;

  @BeforeAll
  static void connect(S3TestServer server) throws Exception {
    server.createBucket(BUCKET);
    put(server, "withstats.parquet", true);
    put(server, "nostats.parquet", false);
    connection = DriverManager.getConnection(server.jdbcUrl(BUCKET), S3TestServer.jdbcKeys());
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "n BETWEEN -5 AND 5",
        "n IN (1, 2, 3) OR n IS NULL",
        "n < 0",
        "n > -45",
        "n IS NULL",
        "x = 0",
        "x >= 0",
        "x < 0",
        "x > 10",
        "x <= -1.5 OR x > 20",
        "r < 0.5",
        "r = 0",
        "r BETWEEN -1.25 AND -0.5",
        "mode = 'MAIL'",
        "mode IN ('MAIL', 'SHIP')",
        "mode >= 'M' AND mode < 'S'",
        "mode IS NULL",
        "mode = 'é'",
        "mode < 'é'",
        "mode <> 'SHIP'",
        "note = 'note-17'",
        "note IN ('note-1', 'note-25000', 'note-9')",
        "note >= 'note-29' AND note < 'note-3'",
        "day BETWEEN DATE '2020-01-10' AND DATE '2020-01-20'",
        "day > DATE '2020-02-25'",
        "amount BETWEEN 1.5 AND 3.25",
        "amount > 2.005",
        "amount = 3",
        "big < -1.5",
        "big IN (0.5, 1.25, -2)",
        "ts >= TIMESTAMP '2020-09-13 12:30:00' AND ts < TIMESTAMP '2020-09-13 13:00:00'",
        "n > 0 AND mode = 'SHIP' AND amount < 5",
        "n > -45 AND day BETWEEN DATE '2020-01-01' AND DATE '2020-01-03'",
        "id < 0",
        "id >= 29990"
      })
  void sameRowsAsWithoutPushdown(String where) throws SQLException {
    for (String table : new String[] {"withstats", "nostats"}) {
      String sql = "SELECT " + COLUMNS + " FROM " + table + " WHERE " + where + " ORDER BY id";
      BucketSqlConnections.setPushdown(connection, false);
      List<List<Object>> off;
      try {
        off = rows(sql);
      } finally {
        BucketSqlConnections.setPushdown(connection, true);
      }
      assertThat(rows(sql)).as(table + ": " + where).isEqualTo(off);
    }
  }

  @Test
  void theScanHandsOnOnlyTheRowsThatMayPass() throws SQLException {
    String sql = "SELECT id, note, amount FROM nostats WHERE n BETWEEN -5 AND 5 ORDER BY id";
    List<List<Object>> kept = rows(sql);
    ScanReport scan = BucketSqlConnections.latestScans(connection).get(0);
    // every row group is read, and the rows the scan produced are those the filter keeps
    assertThat(scan.pruning().read()).isEqualTo(scan.pruning().total());
    assertThat(kept).isNotEmpty();
    assertThat(scan.rows()).isEqualTo(kept.size());
    BucketSqlConnections.setPushdown(connection, false);
    try {
      assertThat(rows(sql)).isEqualTo(kept);
      assertThat(BucketSqlConnections.latestScans(connection).get(0).rows()).isEqualTo(ROWS);
    } finally {
      BucketSqlConnections.setPushdown(connection, true);
    }
  }

  private static List<List<Object>> rows(String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int c = 1; c <= n; c++) {
          Object v = rs.getObject(c);
          // NaN never equals itself; -0.0 and 0.0 must stay apart
          row.add(v instanceof Double d ? Double.toString(d) : v instanceof Float f ? f + "f" : v);
        }
        rows.add(row);
      }
    }
    return rows;
  }

  private static void put(S3TestServer server, String key, boolean statistics) throws IOException {
    Path file = Files.createTempFile("late", ".parquet");
    Files.delete(file);
    Random random = new Random(17);
    double[] specials = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, -1.5, 20.0};
    String[] modes = {"MAIL", "MAIL ", "SHIP", "AIR", "é", "RAIL"};
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> writer =
        GroupParquetWriters.builder(new LocalOutputFile(file), SCHEMA)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withRowGroupRowCountLimit(6_000)
            .withPageRowCountLimit(700)
            .withDictionaryPageSize(4_096)
            .withStatisticsEnabled(statistics)
            .build()) {
      for (int id = 0; id < ROWS; id++) {
        Group g = factory.newGroup().append("id", id);
        if (random.nextInt(8) != 0) {
          g.append("n", random.nextInt(101) - 50);
        }
        if (random.nextInt(9) != 0) {
          g.append(
              "x",
              random.nextInt(3) == 0
                  ? specials[random.nextInt(specials.length)]
                  : random.nextInt(200) / 8.0 - 5);
        }
        if (random.nextInt(9) != 0) {
          g.append("r", random.nextInt(5) == 0 ? -0.0f : (random.nextInt(40) - 20) / 8f);
        }
        if (random.nextInt(7) != 0) {
          g.append("mode", modes[random.nextInt(modes.length)]);
        }
        // few values first, then many: the dictionary overflows part way
        g.append("note", "note-" + random.nextInt(id < ROWS / 3 ? 40 : 30_000));
        if (random.nextInt(6) != 0) {
          g.append("day", 18_262 + random.nextInt(60));
        }
        if (random.nextInt(5) != 0) {
          g.append("amount", (long) random.nextInt(1_000) - 100);
        }
        if (random.nextInt(5) != 0) {
          long unscaled = 250L * (random.nextInt(40) - 20);
          g.append(
              "big",
              Binary.fromConstantByteArray(ByteBuffer.allocate(8).putLong(unscaled).array()));
        }
        if (random.nextInt(6) != 0) {
          g.append("ts", 1_600_000_000_000_000L + random.nextInt(10_000) * 999_999L);
        }
        writer.write(g);
      }
    }
    server.putObject(BUCKET, key, file);
    Files.delete(file);
  }
}
