package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.parquet.write.GroupParquetWriters;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * List (ARRAY) columns through {@code bucketsql serve} and the remote driver, over both wire
 * formats: {@code getArray} (its elements, their Java classes, its base type), {@code getObject}
 * and {@code getString} give what the embedded driver gives for the same query, over a Parquet
 * object with lists of each element type (NULL lists, empty lists, NULL elements) and over list
 * literals.
 */
@ExtendWith(S3ServerExtension.class)
class RemoteListTest {
  private static final String BUCKET = "listbucket";
  private static final int ROWS = 4;
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message lists {\n"
              + "  required int64 id;\n"
              + "  optional group ints (LIST) { repeated group list { optional int32 element; } }\n"
              + "  optional group longs (LIST) { repeated group list { optional int64 element; } }\n"
              + "  optional group doubles (LIST) { repeated group list { optional double element; } }\n"
              + "  optional group texts (LIST) { repeated group list { optional binary element (STRING); } }\n"
              + "  optional group flags (LIST) { repeated group list { optional boolean element; } }\n"
              + "  optional group days (LIST) { repeated group list { optional int32 element (DATE); } }\n"
              + "  optional group stamps (LIST) { repeated group list {"
              + " optional int64 element (TIMESTAMP(MILLIS,false)); } }\n"
              + "}");
  private static final String QUERY =
      "SELECT id, ints, longs, doubles, texts, flags, days, stamps FROM lists" + " ORDER BY id";
  private static final String LITERALS =
      "SELECT ARRAY[1, 2, 3] AS a, list_value('x', NULL, 'z') AS b,"
          + " ARRAY[CAST(1.5 AS DOUBLE), NULL] AS c, CAST(ARRAY[ARRAY[1], ARRAY[2, NULL]] AS INTEGER ARRAY ARRAY) AS d";

  private static final String MAPS =
      "SELECT MAP[DATE '2024-01-02', 1, DATE '1969-12-31', CAST(NULL AS INTEGER)] AS d,"
          + " MAP['a', TIMESTAMP '2024-01-02 03:04:05.5'] AS t,"
          + " MAP['a', TIME '03:04:05.123'] AS tm,"
          + " MAP[1, 'x', 2, NULL] AS i,"
          + " MAP[9223372036854775807, CAST(2.5 AS DOUBLE), -1, CAST('NaN' AS DOUBLE)] AS b,"
          + " MAP[CAST(1 AS TINYINT), CAST(2 AS SMALLINT)] AS small,"
          + " MAP[true, CAST(1.5 AS REAL)] AS r,"
          + " MAP['a', CAST(12345678901234567.125 AS DECIMAL(20, 3))] AS dec,"
          + " MAP[1.5e0, 'x'] AS dk,"
          + " MAP['k', [[DATE '2024-01-02'], NULL], 'n', NULL] AS l,"
          + " MAP['a', MAP[DATE '2024-01-03', [1, NULL]]] AS nested,"
          + " [MAP[DATE '2024-01-02', TIMESTAMP '2024-01-02 03:04:05'], NULL] AS lm,"
          + " CAST(NULL AS MAP<VARCHAR, INTEGER>) AS none";

  private static final Map<Serialization, BucketSqlServer> SERVERS =
      new EnumMap<>(Serialization.class);
  private static String embeddedUrl;

  @TempDir static Path dir;

  @BeforeAll
  static void start(S3TestServer s3) throws IOException {
    s3.createBucket(BUCKET);
    s3.putObject(BUCKET, "lists.parquet", lists(dir));
    embeddedUrl = s3.jdbcUrl(BUCKET);
    for (Serialization serialization : Serialization.values()) {
      SERVERS.put(
          serialization,
          TestServers.start(
              BucketSqlServer.builder(embeddedUrl)
                  .properties(S3TestServer.jdbcKeys())
                  .port(0)
                  .serialization(serialization)));
    }
  }

  @AfterAll
  static void stop() {
    SERVERS.values().forEach(BucketSqlServer::close);
  }

  private static byte[] lists(Path dir) throws IOException {
    Path path = dir.resolve("lists.parquet");
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> writer =
        GroupParquetWriters.builder(new LocalOutputFile(path), SCHEMA).build()) {
      for (int i = 0; i < ROWS; i++) {
        Group row = factory.newGroup().append("id", (long) i);
        if (i != 3) { // row 3: every list NULL; row 0: every list empty
          Group ints = row.addGroup("ints");
          Group longs = row.addGroup("longs");
          Group doubles = row.addGroup("doubles");
          Group texts = row.addGroup("texts");
          Group flags = row.addGroup("flags");
          Group days = row.addGroup("days");
          Group stamps = row.addGroup("stamps");
          for (int e = 0; e < i * 2; e++) {
            boolean nullElement = e == 1;
            Group[] elements = {
              ints.addGroup("list"),
              longs.addGroup("list"),
              doubles.addGroup("list"),
              texts.addGroup("list"),
              flags.addGroup("list"),
              days.addGroup("list"),
              stamps.addGroup("list")
            };
            if (!nullElement) {
              elements[0].append("element", 10 * i + e);
              elements[1].append("element", 5_000_000_000L * i + e);
              elements[2].append("element", i + e / 4.0);
              elements[3].append("element", "t" + i + "," + e + (e == 2 ? " \"q\"" : ""));
              elements[4].append("element", e % 2 == 0);
              elements[5].append(
                  "element", (int) LocalDate.of(2024, 2, 28).plusDays(e).toEpochDay());
              elements[6].append(
                  "element", LocalDate.of(2024, 2, 28).toEpochDay() * 86_400_000L + e * 3_600_500L);
            }
          }
        }
        writer.write(row);
      }
    }
    return Files.readAllBytes(path);
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void listColumnsReadAsTheEmbeddedDriverReadsThem(Serialization serialization)
      throws SQLException {
    List<String> embedded =
        rows(DriverManager.getConnection(embeddedUrl, S3TestServer.jdbcKeys()), QUERY);
    assertThat(embedded).hasSize(ROWS);
    // empty lists, NULL lists and NULL elements are all exercised
    assertThat(String.join("\n", embedded)).contains("[]", "null", "[20, null, 22, 23]");
    List<String> remote =
        rows(DriverManager.getConnection(SERVERS.get(serialization).remoteDriverUrl()), QUERY);
    assertThat(remote).containsExactlyElementsOf(embedded);
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void listLiteralsReadAsTheEmbeddedDriverReadsThem(Serialization serialization)
      throws SQLException {
    List<String> embedded =
        rows(DriverManager.getConnection(embeddedUrl, S3TestServer.jdbcKeys()), LITERALS);
    assertThat(embedded).hasSize(1);
    List<String> remote =
        rows(DriverManager.getConnection(SERVERS.get(serialization).remoteDriverUrl()), LITERALS);
    assertThat(remote).containsExactlyElementsOf(embedded);
  }

  /** A NULL list beside list literals with a NULL element, in one VALUES, reads as embedded. */
  @ParameterizedTest
  @EnumSource(Serialization.class)
  void aNullListBesideListLiteralsInValuesReadsAsEmbedded(Serialization serialization)
      throws SQLException {
    String query =
        "SELECT l, k FROM (VALUES ([1, 2], 1), ([1, NULL], 4), (NULL, 7)) AS t(l, k) ORDER BY k";
    List<String> embedded =
        rows(DriverManager.getConnection(embeddedUrl, S3TestServer.jdbcKeys()), query);
    assertThat(String.join("\n", embedded)).contains("[1, 2]", "[1, NULL]", "null null null");
    List<String> remote =
        rows(DriverManager.getConnection(SERVERS.get(serialization).remoteDriverUrl()), query);
    assertThat(remote).containsExactlyElementsOf(embedded);
  }

  /**
   * Maps of every key and value type, in lists and with lists in them, read with the same Java
   * classes and text as through the embedded driver, over both wire formats (a map travels as a
   * list of [key, value] lists: protobuf frames carry no map, and JSON makes every key text).
   */
  @ParameterizedTest
  @EnumSource(Serialization.class)
  void mapsReadAsTheEmbeddedDriverReadsThem(Serialization serialization) throws SQLException {
    List<String> embedded =
        maps(DriverManager.getConnection(embeddedUrl, S3TestServer.jdbcKeys()), MAPS);
    // dates and timestamps, not the engine's days and milliseconds; keys of their own class
    assertThat(String.join("\n", embedded))
        .contains(
            "{2024-01-02 Date=1 Integer, 1969-12-31 Date=null}",
            "{a String=2024-01-02 03:04:05.5 Timestamp}",
            "{1 Integer=x String, 2 Integer=null}",
            "{9223372036854775807 Long=2.5 Double, -1 Long=NaN Double}",
            "{1.5 Double=x String}",
            "[{2024-01-02 Date=2024-01-02 03:04:05.0 Timestamp}, null]",
            "{k=[[2024-01-02], NULL], n=NULL}",
            "{a=03:04:05.123}",
            "{9223372036854775807=2.5, -1=nan}");
    List<String> remote =
        maps(DriverManager.getConnection(SERVERS.get(serialization).remoteDriverUrl()), MAPS);
    assertThat(remote).containsExactlyElementsOf(embedded);
  }

  /**
   * NaN and the infinities, in lists and alone: protobuf carries them as the embedded driver reads
   * them; JSON has no number for them, and every getter but getString of a scalar fails with an
   * SQLException naming protobuf (Avatica's client failed with a ClassCastException).
   */
  @ParameterizedTest
  @EnumSource(Serialization.class)
  void nanAndInfinitiesReadRemoteOrFailNamingProtobuf(Serialization serialization)
      throws SQLException {
    String query =
        "SELECT CAST('NaN' AS DOUBLE) AS d, [CAST('NaN' AS DOUBLE), CAST('-Infinity' AS DOUBLE)] AS l,"
            + " CAST('Infinity' AS REAL) AS r";
    List<String> embedded =
        maps(DriverManager.getConnection(embeddedUrl, S3TestServer.jdbcKeys()), query);
    assertThat(embedded)
        .containsExactly(
            "d DOUBLE: NaN Double | NaN",
            "l DOUBLE ARRAY: [NaN Double, -Infinity Double] | [nan, -inf]",
            "r REAL: Infinity Float | Infinity");
    String url = SERVERS.get(serialization).remoteDriverUrl();
    if (serialization == Serialization.PROTOBUF) {
      assertThat(maps(DriverManager.getConnection(url), query)).containsExactlyElementsOf(embedded);
      return;
    }
    try (Connection connection = DriverManager.getConnection(url);
        Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      assertThat(rs.next()).isTrue();
      // the text JSON carries is the embedded driver's text
      assertThat(rs.getString(1)).isEqualTo("NaN");
      List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> reads =
          List.of(
              () -> rs.getObject(1),
              () -> rs.getDouble(1),
              () -> rs.getObject(2),
              () -> rs.getArray(2),
              () -> rs.getString(2),
              () -> rs.getFloat(3));
      for (int i = 0; i < reads.size(); i++) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(reads.get(i));
        assertThat(thrown)
            .as("read %d", i)
            .isInstanceOfSatisfying(
                SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"))
            .hasMessageContaining("holds NaN or an infinity")
            .hasMessageContaining("serialization=protobuf");
      }
    }
  }

  /** Each column's getObject with the class of every key, value and element, then getString. */
  private static List<String> maps(Connection connection, String query) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (connection;
        Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      ResultSetMetaData meta = rs.getMetaData();
      assertThat(rs.next()).isTrue();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(
            meta.getColumnLabel(i)
                + " "
                + meta.getColumnTypeName(i)
                + ": "
                + described(rs.getObject(i))
                + " | "
                + rs.getString(i));
      }
    }
    return columns;
  }

  private static String described(Object value) throws SQLException {
    if (value == null) {
      return "null";
    }
    if (value instanceof Array array) {
      value = Arrays.asList((Object[]) array.getArray());
    }
    if (value instanceof Map<?, ?> map) {
      List<String> entries = new ArrayList<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        entries.add(described(e.getKey()) + "=" + described(e.getValue()));
      }
      return "{" + String.join(", ", entries) + "}";
    }
    if (value instanceof List<?> list) {
      List<String> elements = new ArrayList<>();
      for (Object e : list) {
        elements.add(described(e));
      }
      return elements.toString();
    }
    if (value instanceof java.sql.Time time) {
      // Time's text has no milliseconds
      return time + "." + Math.floorMod(time.getTime(), 1000L) + " Time";
    }
    return value + " " + value.getClass().getSimpleName();
  }

  /**
   * Each row as the driver gives it: per column its JDBC type and type name, then getArray's base
   * type and elements with their classes, getObject's class and getString.
   */
  private static List<String> rows(Connection connection, String query) throws SQLException {
    List<String> rows = new ArrayList<>();
    // the table's rows one per frame (fetch requests after the execute); literals through a
    // prepared statement (Avatica's execute request rather than prepare-and-execute)
    try (connection;
        Statement s =
            query.equals(QUERY)
                ? connection.createStatement()
                : connection.prepareStatement(query)) {
      s.setFetchSize(1);
      rows(
          s instanceof java.sql.PreparedStatement p ? p.executeQuery() : s.executeQuery(query),
          rows);
    }
    return rows;
  }

  private static void rows(ResultSet results, List<String> rows) throws SQLException {
    try (ResultSet rs = results) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.append(meta.getColumnLabel(i))
              .append(' ')
              .append(meta.getColumnType(i))
              .append(' ')
              .append(meta.getColumnTypeName(i))
              .append(": ");
          if (meta.getColumnType(i) != java.sql.Types.ARRAY) {
            row.append(rs.getObject(i)).append(" | ");
            continue;
          }
          Array array = rs.getArray(i);
          if (array == null) {
            row.append("null ")
                .append(rs.getObject(i))
                .append(' ')
                .append(rs.getString(i))
                .append(" | ");
            continue;
          }
          Object[] elements = (Object[]) array.getArray();
          row.append(array.getBaseType())
              .append(' ')
              .append(array.getBaseTypeName())
              .append(' ')
              .append(Arrays.toString(elements))
              .append(' ')
              .append(
                  Arrays.stream(elements)
                      .map(e -> e == null ? "-" : e.getClass().getSimpleName())
                      .toList())
              .append(" object ")
              .append(rs.getObject(i).getClass().getSimpleName().replaceAll("^.*Array.*$", "Array"))
              .append(" string ")
              .append(rs.getString(i))
              .append(" | ");
        }
        rows.add(row.toString());
      }
    }
  }
}
