package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.calcite.pushdown.ScanReport;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Struct;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lists, maps and structs of a Parquet object through JDBC: selecting them, element access, {@code
 * CARDINALITY}, map access, struct field access (by dots and by {@code ['name']}), {@code
 * getArray}/{@code getObject}, and projection and pushdown around them.
 */
@ExtendWith(S3ServerExtension.class)
class ParquetNestedSqlTest {
  private static final String BUCKET = "nested-sql";
  private static final int ROWS = 30;
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message recipes {\n"
              + "  required int32 id;\n"
              + "  optional group tags (LIST) { repeated group list { optional binary element"
              + " (STRING); } }\n"
              + "  repeated int32 steps;\n"
              + "  optional group attrs (MAP) { repeated group key_value { required binary key"
              + " (STRING); optional int32 value; } }\n"
              + "  optional group author { optional binary name (STRING); optional int32 age;"
              + " optional int32 born (DATE); }\n"
              + "}");
  private static Connection connection;

  @BeforeAll
  static void setUp(S3TestServer server) throws IOException, SQLException {
    Path file = Files.createTempFile("nested", ".parquet");
    Files.delete(file);
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> writer =
        GroupParquetWriters.builder(new LocalOutputFile(file), SCHEMA)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withRowGroupRowCountLimit(10)
            .build()) {
      for (int i = 0; i < ROWS; i++) {
        Group g = factory.newGroup().append("id", i);
        int k = i % 3;
        if (k != 0) {
          Group tags = g.addGroup("tags");
          if (k == 2) {
            tags.addGroup("list").append("element", "t" + i);
            tags.addGroup("list");
          }
        }
        for (int j = 0; j < k; j++) {
          g.append("steps", i * 10 + j);
        }
        if (k != 1) {
          Group attrs = g.addGroup("attrs");
          attrs.addGroup("key_value").append("key", "kcal").append("value", i * 100);
          attrs.addGroup("key_value").append("key", "none");
        }
        if (k != 0) {
          Group author = g.addGroup("author");
          if (k == 2) {
            author.append("name", "n" + i).append("age", i).append("born", 10_000 + i);
          }
        }
        writer.write(g);
      }
    }
    server.createBucket(BUCKET);
    server.putObject(BUCKET, "recipes.parquet", file);
    Files.delete(file);
    connection = DriverManager.getConnection(server.jdbcUrl(BUCKET), S3TestServer.jdbcKeys());
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  private static List<List<Object>> rows(String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int c = 1; c <= n; c++) {
          row.add(rs.getObject(c));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void columnsHaveArrayMapAndRowTypes() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT tags, steps, attrs, author FROM recipes")) {
      var meta = rs.getMetaData();
      assertThat(meta.getColumnType(1)).isEqualTo(Types.ARRAY);
      assertThat(meta.getColumnTypeName(1)).isEqualTo("VARCHAR ARRAY");
      assertThat(meta.getColumnTypeName(2)).isEqualTo("INTEGER ARRAY");
      assertThat(meta.getColumnTypeName(3)).isEqualTo("(VARCHAR, INTEGER) MAP");
      assertThat(meta.getColumnType(4)).isEqualTo(Types.STRUCT);
    }
  }

  @Test
  void arraysReadAsJdbcArrays() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT id, tags, steps FROM recipes WHERE id < 3 ORDER BY id")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getArray(2)).isNull();
      assertThat(rs.wasNull()).isTrue();
      assertThat(elements(rs.getArray(3))).isEmpty();
      assertThat(rs.next()).isTrue();
      assertThat(elements(rs.getArray(2))).isEmpty();
      assertThat(elements(rs.getArray(3))).containsExactly(10);
      assertThat(rs.next()).isTrue();
      Array tags = rs.getArray(2);
      assertThat(elements(tags)).containsExactly("t2", null);
      // boxed elements whether or not they can be null (Avatica alone gives int[] here)
      assertThat(rs.getArray(3).getArray()).isInstanceOf(Integer[].class);
      assertThat(rs.getObject(3)).isInstanceOf(Array.class);
      assertThat(rs.getString(2)).isEqualTo("[t2, NULL]");
      assertThat(elements(rs.getArray(3))).containsExactly(20, 21);
    }
  }

  private static List<Object> elements(Array array) throws SQLException {
    Object values = array.getArray();
    List<Object> list = new ArrayList<>();
    for (int i = 0; i < java.lang.reflect.Array.getLength(values); i++) {
      list.add(java.lang.reflect.Array.get(values, i));
    }
    return list;
  }

  @Test
  void elementAccessAndCardinality() throws SQLException {
    assertThat(
            rows(
                "SELECT id, tags[1], tags[2], CARDINALITY(tags), CARDINALITY(steps), steps[2]"
                    + " FROM recipes WHERE id IN (0, 1, 2, 5) ORDER BY id"))
        .containsExactly(
            Arrays.asList(0, null, null, null, 0, null),
            Arrays.asList(1, null, null, 0, 1, null),
            Arrays.asList(2, "t2", null, 2, 2, 21),
            Arrays.asList(5, "t5", null, 2, 2, 51));
  }

  @Test
  void mapAccessAndMapValues() throws SQLException {
    assertThat(
            rows(
                "SELECT id, attrs['kcal'], attrs['none'], attrs['missing'] FROM recipes"
                    + " WHERE id IN (0, 1, 2) ORDER BY id"))
        .containsExactly(
            Arrays.asList(0, 0, null, null),
            Arrays.asList(1, null, null, null),
            Arrays.asList(2, 200, null, null));
    List<List<Object>> maps = rows("SELECT attrs FROM recipes WHERE id = 3");
    assertThat(maps.get(0).get(0)).isInstanceOf(Map.class);
    @SuppressWarnings("unchecked")
    Map<Object, Object> map = (Map<Object, Object>) maps.get(0).get(0);
    assertThat(map).containsEntry("kcal", 300).containsKey("none");
  }

  @Test
  void structFieldsByNameAndByItem() throws SQLException {
    assertThat(
            rows(
                "SELECT id, r.author.name, r.author.age, r.author[1], r.author.born"
                    + " FROM recipes AS r WHERE id IN (0, 1, 2) ORDER BY id"))
        .containsExactly(
            Arrays.asList(0, null, null, null, null),
            Arrays.asList(1, null, null, null, null),
            Arrays.asList(2, "n2", 2, "n2", java.sql.Date.valueOf("1997-05-21")));
    assertThat(rows("SELECT COUNT(*) FROM recipes WHERE author IS NULL"))
        .containsExactly(List.of(10L));
    assertThat(rows("SELECT COUNT(*) FROM recipes AS r WHERE r.author.name IS NULL"))
        .containsExactly(List.of(20L));
  }

  @Test
  void structFieldsBySubscript() throws SQLException {
    assertThat(
            rows(
                "SELECT id, author['name'], author['age'], r.author['born'], author['NAME']"
                    + " FROM recipes AS r WHERE id IN (0, 1, 2) ORDER BY id"))
        .containsExactly(
            Arrays.asList(0, null, null, null, null),
            Arrays.asList(1, null, null, null, null),
            Arrays.asList(2, "n2", 2, java.sql.Date.valueOf("1997-05-21"), "n2"));
    // planned as the field access r.author.name, not as a subscript call
    String plan =
        String.valueOf(rows("EXPLAIN PLAN FOR SELECT author['name'] FROM recipes").get(0).get(0));
    assertThat(plan).contains(".name]").doesNotContain("ITEM(");
    assertThat(rows("SELECT COUNT(*) FROM recipes WHERE author['name'] IS NULL"))
        .containsExactly(List.of(20L));
  }

  @Test
  void structsReadAsJdbcStructs() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT author FROM recipes WHERE id = 5")) {
      assertThat(rs.next()).isTrue();
      Object author = rs.getObject(1);
      Object[] attributes =
          author instanceof Struct struct ? struct.getAttributes() : ((List<?>) author).toArray();
      assertThat(attributes[0]).isEqualTo("n5");
      assertThat(attributes[1]).isEqualTo(5);
    }
  }

  @Test
  void nestedColumnsAreProjectedAndNotPushed() throws SQLException {
    assertThat(rows("SELECT id FROM recipes WHERE CARDINALITY(steps) = 2 AND id < 10")).hasSize(3);
    List<ScanReport> scans = BucketSqlConnections.latestScans(connection);
    assertThat(scans).hasSize(1);
    assertThat(scans.get(0).columns()).containsExactlyInAnyOrder("id", "steps");
    assertThat(scans.get(0).predicate()).doesNotContain("steps");
    assertThat(scans.get(0).pruning().skipped()).isEqualTo(2);
    // Pushdown off: the same rows.
    BucketSqlConnections.setPushdown(connection, false);
    try {
      assertThat(rows("SELECT id FROM recipes WHERE CARDINALITY(steps) = 2 AND id < 10"))
          .hasSize(3);
    } finally {
      BucketSqlConnections.setPushdown(connection, true);
    }
  }
}
