package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DuckDB's DESCRIBE, SHOW, USE and information_schema over a bucket laid out as our users' is (a
 * {@code full/} folder beside files at the root, a Hive-partitioned folder), and DESCRIBE compared
 * with DuckDB's over the same Parquet file.
 */
@ExtendWith(S3ServerExtension.class)
class DuckStatementsTest {
  private static final String BUCKET = "ducktests";
  private static Connection connection;
  private static Connection duckDb;
  private static S3TestServer s3;

  @BeforeAll
  static void connect(S3TestServer server) throws SQLException {
    s3 = server;
    SqlTestBucket.ensure(server);
    server.createBucket(BUCKET);
    put(server, "a.csv", "id,name\n1,x\n2,y\n");
    put(server, "noheader.csv", "1,x\n2,y\n");
    put(server, "full/PP_recipes.csv", "id,calorie_level\n1,0\n2,2\n3,1\n");
    put(server, "full/notes.txt", "not a table\n");
    put(server, "events/year=2024/p0.csv", "id,v\n1,1.5\n2,2.5\n");
    put(server, "events/year=2025/p1.csv", "id,v\n3,3.5\n");
    connection = DriverManager.getConnection(server.jdbcUrl(BUCKET), S3TestServer.jdbcKeys());
    duckDb = DriverManager.getConnection("jdbc:duckdb:");
  }

  private static void put(S3TestServer server, String key, String content) {
    server.putObject(BUCKET, key, content.getBytes(StandardCharsets.UTF_8));
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
    duckDb.close();
  }

  @Test
  void theSetupNotesFirstQueryRuns() throws SQLException {
    assertThat(rows(connection, "SELECT COUNT(*) FROM 's3://ducktests/full/PP_recipes.csv'"))
        .containsExactly(List.of("3"));
    assertThat(
            rows(
                connection,
                "SELECT year, COUNT(*) AS n, SUM(v) AS s FROM read_csv('s3://ducktests/events/*/*.csv')"
                    + " GROUP BY year ORDER BY year"))
        .containsExactly(List.of("2024", "2", "4.0"), List.of("2025", "1", "3.5"));
  }

  @Test
  void columnsNameAndTypeAFileWithoutHeader() throws SQLException {
    String ref = "read_csv('noheader.csv', columns = {'n': 'BIGINT', 's': 'VARCHAR'})";
    assertThat(rows(connection, "SELECT n * 10 AS t, s FROM " + ref + " ORDER BY n"))
        .containsExactly(List.of("10", "x"), List.of("20", "y"));
    assertThat(rows(connection, "DESCRIBE " + ref))
        .extracting(r -> r.get(0) + " " + r.get(1))
        .containsExactly("n BIGINT", "s VARCHAR");
    assertThatThrownBy(
            () ->
                rows(
                    connection,
                    "SELECT * FROM read_csv('noheader.csv', columns = {'n': 'BIGINT'})"))
        .hasMessageContaining("columns names 1 columns, but 'noheader.csv' has 2 fields a line");
  }

  @Test
  void aFileReferenceDropsHivePartitionsLikeAFolderTable() throws SQLException {
    String all =
        "SELECT COUNT(*) AS n, SUM(v) AS s FROM read_csv('s3://ducktests/events/**/*.csv')";
    rows(connection, all); // schemas and listing read once, so both runs below only scan
    long allGets = gets(all);
    long prunedGets = gets(all + " WHERE year = 2025");
    assertThat(rows(connection, all + " WHERE year = 2025")).containsExactly(List.of("1", "3.5"));
    assertThat(prunedGets).isPositive().isLessThan(allGets);
  }

  private static long gets(String sql) throws SQLException {
    dev.bucketsql.storage.IoStats stats =
        dev.bucketsql.jdbc.BucketSqlConnections.ioStats(connection);
    dev.bucketsql.storage.IoStats.Snapshot before = stats.snapshot();
    rows(connection, sql);
    return stats.snapshot().minus(before).getRequests();
  }

  @Test
  void describeHasDuckDbsColumnsAndTypeNames() throws SQLException {
    List<List<String>> rows = rows(connection, "DESCRIBE 's3://ducktests/full/PP_recipes.csv'");
    assertThat(labels(connection, "DESCRIBE 'full/PP_recipes.csv'"))
        .isEqualTo(labels(duckDb, "DESCRIBE SELECT 1 AS x"))
        .containsExactly("column_name", "column_type", "null", "key", "default", "extra");
    assertThat(rows).extracting(r -> r.get(0)).containsExactly("id", "calorie_level");
    assertThat(rows.get(0).subList(3, 6)).containsOnlyNulls();
    assertThat(
            rows(
                connection,
                "DESCRIBE SELECT events.id, CAST(v AS DECIMAL(10,2)) AS d, name || '!' AS s,"
                    + " DATE '2024-01-01' AS day, ARRAY[1, 2] AS l, v > 2 AS b FROM events, a"))
        .extracting(r -> r.get(0) + " " + r.get(1))
        .containsExactly(
            "id BIGINT", "d DECIMAL(10,2)", "s VARCHAR", "day DATE", "l INTEGER[]", "b BOOLEAN");
    assertThat(rows(connection, "SHOW events"))
        .extracting(r -> r.get(0))
        .containsExactly("id", "v", "year");
    assertThat(rows(connection, "DESCRIBE events;"))
        .isEqualTo(rows(connection, "DESCRIBE TABLE events"));
  }

  @Test
  void describeOfAParquetFileMatchesDuckDb() throws SQLException {
    String local = SqlTestBucket.file("RAW_recipes_clean.parquet").toAbsolutePath().toString();
    try (Connection sqltests = SqlTestBucket.connect(s3)) {
      List<List<String>> ours =
          rows(sqltests, "DESCRIBE 's3://sqltests/RAW_recipes_clean.parquet'");
      List<List<String>> duck = rows(duckDb, "DESCRIBE '" + local + "'");
      assertThat(ours)
          .extracting(r -> r.subList(0, 2))
          .isEqualTo(duck.stream().map(r -> r.subList(0, 2)).toList());
    }
  }

  @Test
  void showTablesSchemasAndAllTables() throws SQLException {
    assertThat(labels(connection, "SHOW TABLES")).containsExactly("name");
    assertThat(rows(connection, "SHOW TABLES"))
        .extracting(r -> r.get(0))
        .containsExactly("a", "events", "noheader");
    assertThat(labels(connection, "SHOW SCHEMAS")).isEqualTo(labels(duckDb, "SHOW SCHEMAS"));
    assertThat(rows(connection, "SHOW SCHEMAS"))
        .contains(
            List.of(BUCKET, BUCKET, "true"),
            List.of(BUCKET, "full", "false"),
            List.of(BUCKET, "information_schema", "false"));
    assertThat(labels(connection, "SHOW ALL TABLES")).isEqualTo(labels(duckDb, "SHOW ALL TABLES"));
    assertThat(rows(connection, "SHOW ALL TABLES"))
        .contains(
            List.of(
                BUCKET, "full", "PP_recipes", "[id, calorie_level]", "[BIGINT, BIGINT]", "false"));
  }

  @Test
  void useChangesTheDefaultSchema() throws SQLException {
    try (Connection c = DriverManager.getConnection(s3.jdbcUrl(BUCKET), S3TestServer.jdbcKeys());
        Statement s = c.createStatement()) {
      assertThat(s.execute("USE full")).isFalse();
      assertThat(c.getSchema()).isEqualTo("full");
      assertThat(rows(c, "SELECT COUNT(*) FROM PP_recipes")).containsExactly(List.of("3"));
      assertThat(rows(c, "SHOW TABLES")).containsExactly(List.of("PP_recipes"));
      // a file reference resolves whatever the default schema
      assertThat(rows(c, "SELECT COUNT(*) FROM 's3://ducktests/a.csv'"))
          .containsExactly(List.of("2"));
      s.execute("USE bucketsql");
      assertThat(rows(c, "SELECT COUNT(*) FROM 'a.csv'")).containsExactly(List.of("2"));
      s.execute("USE \"" + BUCKET + "\";");
      assertThat(rows(c, "SELECT COUNT(*) FROM a")).containsExactly(List.of("2"));
      assertThatThrownBy(() -> s.execute("USE nowhere"))
          .hasMessageContaining("USE: no schema 'nowhere'")
          .hasMessageContaining("full");
    }
  }

  @Test
  void informationSchemaHasTheRowsABiToolReads() throws SQLException {
    assertThat(labels(connection, "SELECT * FROM information_schema.schemata"))
        .isEqualTo(labels(duckDb, "SELECT * FROM information_schema.schemata"));
    assertThat(labels(connection, "SELECT * FROM information_schema.tables"))
        .isEqualTo(labels(duckDb, "SELECT * FROM information_schema.tables"));
    assertThat(labels(connection, "SELECT * FROM information_schema.columns"))
        .isEqualTo(labels(duckDb, "SELECT * FROM information_schema.columns"));
    assertThat(labels(connection, "SELECT * FROM information_schema.views"))
        .isEqualTo(labels(duckDb, "SELECT * FROM information_schema.views"));
    assertThat(
            rows(
                connection,
                "SELECT table_catalog, table_schema, table_name, table_type FROM information_schema.tables"
                    + " WHERE table_schema <> 'bucketsql' ORDER BY 2, 3"))
        .containsExactly(
            List.of(BUCKET, BUCKET, "a", "BASE TABLE"),
            List.of(BUCKET, BUCKET, "events", "BASE TABLE"),
            List.of(BUCKET, BUCKET, "noheader", "BASE TABLE"),
            List.of(BUCKET, "full", "PP_recipes", "BASE TABLE"));
    assertThat(
            rows(
                connection,
                "SELECT column_name, ordinal_position, data_type, numeric_precision"
                    + " FROM INFORMATION_SCHEMA.COLUMNS WHERE table_name = 'events' ORDER BY ordinal_position"))
        .extracting(r -> String.join(" ", String.valueOf(r.get(0)), r.get(1), r.get(2)))
        .containsExactly("id 1 BIGINT", "v 2 DOUBLE", "year 3 BIGINT");
    assertThat(rows(connection, "SELECT COUNT(*) FROM information_schema.views"))
        .containsExactly(List.of("0"));
  }

  @Test
  void unaliasedColumnsAreNamedAsDuckDbNamesThem() throws SQLException {
    // DuckDB quotes names that are its keywords (min("label")); these columns are none
    String local = SqlTestBucket.file("fact.csv").toAbsolutePath().toString();
    String select =
        "SELECT COUNT(*), v + 1, SUM(v), MIN(n), COUNT(DISTINCT n), lower(n),"
            + " CAST(k AS VARCHAR), 'x', 1, k, v * 2 AS z, v >= 2 AND k = 1 FROM ";
    try (Connection sqltests = SqlTestBucket.connect(s3)) {
      assertThat(labels(sqltests, select + "fact GROUP BY ALL"))
          .isEqualTo(labels(duckDb, select + "'" + local + "' GROUP BY ALL"))
          .startsWith("count_star()", "(v + 1)", "sum(v)");
    }
  }

  @Test
  void allWithOtherItemsStaysTheStandardQuantifier() {
    assertThatThrownBy(() -> rows(connection, "SELECT id FROM a GROUP BY ALL *"))
        .hasMessageContaining("SQL syntax error");
    assertThatThrownBy(() -> rows(connection, "SELECT * FROM a ORDER BY ALL"))
        .hasMessageContaining("ORDER BY ALL cannot order by *");
  }

  static List<String> labels(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData m = rs.getMetaData();
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= m.getColumnCount(); i++) {
        names.add(m.getColumnLabel(i));
      }
      return names;
    }
  }

  static List<List<String>> rows(Connection c, String sql) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          Object v = rs.getObject(i);
          row.add(
              v instanceof java.sql.Array a
                  ? java.util.Arrays.toString((Object[]) a.getArray())
                  : v == null ? null : v.toString());
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
