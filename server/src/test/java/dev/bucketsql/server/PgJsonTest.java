package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Structs and maps over the PostgreSQL endpoint: a struct or map column is typed {@code json} (OID
 * 114) and a list of them {@code json[]} (OID 199), with JSON text keyed by the field names (a
 * map's keys as text), in the text format (simple protocol) and the binary format (a statement
 * prepared on the server); pgjdbc's values are compared field by field with the embedded driver's,
 * and pandas (through psycopg2) reads them as Python dicts and lists of dicts.
 */
@ExtendWith(S3ServerExtension.class)
class PgJsonTest {
  private static final String BUCKET = "jsonbucket";
  private static final String QUERY = "SELECT id, author, items FROM typed ORDER BY id";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  private static BucketSqlServer server;
  private static String embeddedUrl;

  @BeforeAll
  static void start(S3TestServer s3) throws IOException {
    s3.createBucket(BUCKET);
    s3.putObject(BUCKET, PgTypedFile.KEY, PgTypedFile.bytes(dir));
    s3.putObject(BUCKET, PgMapFile.KEY, PgMapFile.bytes(dir));
    embeddedUrl = s3.jdbcUrl(BUCKET);
    server =
        BucketSqlServer.builder(embeddedUrl)
            .properties(S3TestServer.jdbcKeys())
            .avatica(false)
            .pgPort(0)
            .build();
    server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Each row as the embedded driver reads it: the author struct's fields, the items' fields. */
  private static List<String> embeddedRows() throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(embeddedUrl, S3TestServer.jdbcKeys());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(QUERY)) {
      while (rs.next()) {
        Struct author = (Struct) rs.getObject("author");
        Array items = rs.getArray("items");
        StringBuilder row = new StringBuilder().append(rs.getLong("id")).append('|');
        row.append(author == null ? "null" : java.util.Arrays.asList(author.getAttributes()))
            .append('|');
        if (items == null) {
          row.append("null");
        } else {
          List<Object> fields = new ArrayList<>();
          for (Object item : (Object[]) items.getArray()) {
            fields.add(
                item instanceof Struct st
                    ? java.util.Arrays.asList(st.getAttributes())
                    : java.util.Arrays.asList((Object[]) item));
          }
          row.append(fields);
        }
        rows.add(row.toString());
      }
    }
    assertThat(rows).hasSize(PgTypedFile.ROWS);
    return rows;
  }

  /** The same, read from the endpoint's JSON. */
  private static List<String> pgRows(ResultSet rs) throws SQLException, IOException {
    assertThat(rs.getMetaData().getColumnTypeName(2)).isEqualTo("json");
    assertThat(rs.getMetaData().getColumnTypeName(3)).isEqualTo("_json");
    List<String> rows = new ArrayList<>();
    while (rs.next()) {
      StringBuilder row = new StringBuilder().append(rs.getLong("id")).append('|');
      String author = rs.getString("author");
      row.append(author == null ? "null" : fields(JSON.readTree(author), "name", "age"))
          .append('|');
      Array items = rs.getArray("items");
      if (items == null) {
        row.append("null");
      } else {
        List<Object> fields = new ArrayList<>();
        for (Object item : (Object[]) items.getArray()) {
          fields.add(fields(JSON.readTree(item.toString()), "sku", "n"));
        }
        row.append(fields);
      }
      rows.add(row.toString());
    }
    return rows;
  }

  /** The object's fields, in order, checking it has exactly these keys. */
  private static List<Object> fields(JsonNode object, String... names) {
    assertThat(object.isObject()).as(object.toString()).isTrue();
    List<String> keys = new ArrayList<>();
    object.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly(names);
    List<Object> values = new ArrayList<>();
    for (String name : names) {
      JsonNode value = object.get(name);
      values.add(value.isNull() ? null : value.isInt() ? value.intValue() : value.textValue());
    }
    return values;
  }

  @Test
  void structsAreJsonObjectsAndListsOfStructsJsonArraysInBothFormats() throws Exception {
    List<String> expected = embeddedRows();
    assertThat(String.join("\n", expected))
        .contains("Zoë \"Z\"", "null"); // escapes and NULLs are exercised
    try (Connection c = PgMetabaseSyncTest.pg(server)) {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(QUERY)) {
        assertThat(pgRows(rs)).containsExactlyElementsOf(expected);
      }
      try (PreparedStatement ps = c.prepareStatement(QUERY)) {
        ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(1);
        for (int i = 0; i < 2; i++) {
          try (ResultSet rs = ps.executeQuery()) {
            assertThat(pgRows(rs)).as("execution %d", i).containsExactlyElementsOf(expected);
          }
        }
      }
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT typname FROM pg_type t JOIN pg_attribute a ON a.atttypid = t.oid"
                      + " JOIN pg_class c ON a.attrelid = c.oid WHERE c.relname = 'typed' AND a.attname IN"
                      + " ('author', 'items') ORDER BY a.attnum")) {
        List<String> types = new ArrayList<>();
        while (rs.next()) {
          types.add(rs.getString(1));
        }
        assertThat(types).containsExactly("json", "_json");
      }
    }
  }

  @Test
  void mapsAreJsonObjectsKeyedByTextAndListsOfMapsJsonArraysInBothFormats() throws Exception {
    String query = "SELECT id, attrs, codes, history FROM mapped ORDER BY id";
    List<String> expected = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(embeddedUrl, S3TestServer.jdbcKeys());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      while (rs.next()) {
        Array history = rs.getArray("history");
        // the embedded driver gives a map's DATE values as java.sql.Date; JSON writes them ISO
        Object codes = rs.getObject("codes");
        if (codes instanceof java.util.Map<?, ?> map) {
          java.util.Map<Object, Object> dates = new java.util.LinkedHashMap<>();
          map.forEach(
              (k, v) ->
                  dates.put(k, v == null ? null : ((java.sql.Date) v).toLocalDate().toString()));
          codes = dates;
        }
        expected.add(
            rs.getLong("id")
                + "|"
                + textKeys(rs.getObject("attrs"))
                + "|"
                + textKeys(codes)
                + "|"
                + (history == null
                    ? "null"
                    : java.util.Arrays.stream((Object[]) history.getArray())
                        .map(PgJsonTest::textKeys)
                        .toList()));
      }
    }
    assertThat(expected).hasSize(PgMapFile.ROWS);
    // escapes, NULL values, NULL and empty maps, non-text keys are all exercised
    assertThat(String.join("\n", expected))
        .contains("q\"uote=null", "|null|null|null", "{}", "{102=2024-03-01}");
    try (Connection c = PgMetabaseSyncTest.pg(server)) {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(query)) {
        assertThat(mapRows(rs)).containsExactlyElementsOf(expected);
      }
      try (PreparedStatement ps = c.prepareStatement(query)) {
        ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(1);
        for (int i = 0; i < 2; i++) {
          try (ResultSet rs = ps.executeQuery()) {
            assertThat(mapRows(rs)).as("execution %d", i).containsExactlyElementsOf(expected);
          }
        }
      }
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT MAP[DATE '2024-01-02',"
                      + " ARRAY[TIMESTAMP '2024-01-02 03:04:05.5', NULL]] AS m")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("json");
        // keys and values whose SQL type only the map's type names: dates, lists of timestamps
        assertThat(rs.getString(1)).isEqualTo("{\"2024-01-02\":[\"2024-01-02T03:04:05.5\",null]}");
      }
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT MAP['a', ROW(DATE '2024-01-02'," + " 1)] AS m FROM (VALUES 1)")) {
        assertThat(rs.next()).isTrue();
        // a struct value: an object with its field names, its date as a date
        assertThat(rs.getString(1)).isEqualTo("{\"a\":{\"EXPR$0\":\"2024-01-02\",\"EXPR$1\":1}}");
      }
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
                      + " JOIN pg_class c ON a.attrelid = c.oid WHERE c.relname = 'mapped' AND a.attnum > 1"
                      + " ORDER BY a.attnum")) {
        List<String> types = new ArrayList<>();
        while (rs.next()) {
          types.add(rs.getString(1) + " " + rs.getString(2));
        }
        assertThat(types).containsExactly("attrs json", "codes json", "history json[]");
      }
    }
  }

  @Test
  void listsOfListsAreJsonArraysOfArrays() throws Exception {
    String query =
        "SELECT CAST('[[1, 2], [3], NULL, []]' AS INTEGER[][]) AS l,"
            + " [['a', NULL], ['b']] AS s, [[DATE '2024-01-02']] AS d, CAST(NULL AS INTEGER[][]) AS n";
    try (Connection c = PgMetabaseSyncTest.pg(server)) {
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(query)) {
        assertThat(rs.next()).isTrue();
        for (int i = 1; i <= 4; i++) {
          assertThat(rs.getMetaData().getColumnTypeName(i)).as("column %d", i).isEqualTo("json");
        }
        // a ragged list, a NULL inner list and an empty one: no PostgreSQL array holds them
        assertThat(rs.getString(1)).isEqualTo("[[1,2],[3],null,[]]");
        assertThat(rs.getString(2)).isEqualTo("[[\"a\",null],[\"b\"]]");
        assertThat(rs.getString(3)).isEqualTo("[[\"2024-01-02\"]]");
        assertThat(rs.getString(4)).isNull();
      }
    }
    String python = PsycopgTest.findPython("psycopg2");
    assumeTrue(
        python != null, "no python3 with psycopg2 (Debian: python3-psycopg2); CI installs it");
    Path script =
        Files.writeString(
            dir.resolve("lists.py"),
            String.join(
                "\n",
                "import sys, psycopg2",
                "conn = psycopg2.connect(host='127.0.0.1', port=int(sys.argv[1]), dbname='bucketsql', user='alice')",
                "cur = conn.cursor()",
                "cur.execute(sys.argv[2])",
                "print(repr(cur.fetchone()))",
                "conn.close()",
                ""));
    Process process =
        new ProcessBuilder(python, script.toString(), Integer.toString(server.pgPort()), query)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output.strip())
        .isEqualTo("([[1, 2], [3], None, []], [['a', None], ['b']], [['2024-01-02']], None)");
  }

  @Test
  void psycopgReadsMapsAsDicts() throws Exception {
    String python = PsycopgTest.findPython("psycopg2");
    assumeTrue(
        python != null, "no python3 with psycopg2 (Debian: python3-psycopg2); CI installs it");
    Path script =
        Files.writeString(
            dir.resolve("maps.py"),
            String.join(
                "\n",
                "import sys, psycopg2",
                "conn = psycopg2.connect(host='127.0.0.1', port=int(sys.argv[1]), dbname='bucketsql', user='alice')",
                "cur = conn.cursor()",
                "cur.execute('SELECT attrs, codes, history FROM mapped WHERE id = %s', (2,))",
                "print(repr(cur.fetchone()))",
                "conn.close()",
                ""));
    Process process =
        new ProcessBuilder(python, script.toString(), Integer.toString(server.pgPort()))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output.strip())
        .isEqualTo(
            "({'k0': 20, 'q\"uote': None}, {'102': '2024-03-01'},"
                + " [{'h0': 0.5}, {'h1': 1.5}])");
  }

  /** A map with its keys as text, as JSON has them; other values as they are. */
  private static Object textKeys(Object value) {
    if (!(value instanceof java.util.Map<?, ?> map)) {
      return value;
    }
    java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  /** The rows as the endpoint sends them: each json value parsed, in key order. */
  private static List<String> mapRows(ResultSet rs) throws SQLException, IOException {
    assertThat(
            List.of(
                rs.getMetaData().getColumnTypeName(2),
                rs.getMetaData().getColumnTypeName(3),
                rs.getMetaData().getColumnTypeName(4)))
        .containsExactly("json", "json", "_json");
    List<String> rows = new ArrayList<>();
    while (rs.next()) {
      Array history = rs.getArray("history");
      List<Object> maps = new ArrayList<>();
      if (history != null) {
        for (Object map : (Object[]) history.getArray()) {
          maps.add(parsed(map.toString()));
        }
      }
      rows.add(
          rs.getLong("id")
              + "|"
              + parsed(rs.getString("attrs"))
              + "|"
              + parsed(rs.getString("codes"))
              + "|"
              + (history == null ? "null" : maps));
    }
    return rows;
  }

  private static Object parsed(String json) throws IOException {
    return json == null ? null : JSON.readValue(json, java.util.LinkedHashMap.class);
  }

  private static final String PANDAS =
      String.join(
          "\n",
          "import sys, psycopg2, pandas",
          "conn = psycopg2.connect(host='127.0.0.1', port=int(sys.argv[1]), dbname='bucketsql', user='alice')",
          "frame = pandas.read_sql(sys.argv[2], conn)",
          "for row in frame.itertuples():",
          "    a, items = row.author, row.items",
          "    author = 'null' if a is None else '[%s, %s]' % (a['name'], 'null' if a['age'] is None else a['age'])",
          "    listed = 'null' if items is None else '[' + ', '.join('[%s, %s]' % (i['sku'], i['n']) for i in items) + ']'",
          "    print('%d|%s|%s|%s|%s' % (row.id, author, listed, type(a).__name__, type(items).__name__))",
          "conn.close()",
          "");

  @Test
  void pandasReadsStructsAsDictsAndListsOfDicts() throws Exception {
    String python = PsycopgTest.findPython("psycopg2, pandas");
    assumeTrue(
        python != null,
        "no python3 with psycopg2 and pandas (Debian: python3-psycopg2 python3-pandas)");
    List<String> expected = new ArrayList<>();
    for (String row : embeddedRows()) {
      boolean nulls = row.endsWith("|null|null");
      expected.add(row + (nulls ? "|NoneType|NoneType" : "|dict|list"));
    }
    Path script = Files.writeString(dir.resolve("pandas_json.py"), PANDAS);
    Process process =
        new ProcessBuilder(python, script.toString(), Integer.toString(server.pgPort()), QUERY)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output.lines().filter(l -> !l.contains("Warning") && !l.startsWith(" ")))
        .as(output)
        .containsExactlyElementsOf(expected);
  }
}
