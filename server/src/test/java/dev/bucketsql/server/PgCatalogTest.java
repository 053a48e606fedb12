package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bucketsql.datagen.SampleData;
import dev.bucketsql.datagen.SampleScale;
import dev.bucketsql.datagen.SampleSpec;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL endpoint's {@code pg_catalog} as real clients read it, over the sample bucket
 * (plus an object in a folder) on the test S3 server: pgjdbc's {@code DatabaseMetaData} (schemas,
 * tables, columns with their types), Metabase's table sync query sent as Metabase sends it, and
 * psql's {@code \dt}, {@code \dn}, {@code \l}. Each answer is checked against what the embedded
 * driver's {@code DatabaseMetaData} says of the same bucket.
 */
@ExtendWith(S3ServerExtension.class)
class PgCatalogTest {
  private static final String BUCKET = "catalogbucket";
  private static final String FOLDER_KEY = "logs/2024/events.csv";

  /**
   * Metabase's PostgreSQL describe-database query (its get-tables-sql), as its ANSI HoneySQL writes
   * it.
   */
  static final String METABASE_TABLES =
      "SELECT \"n\".\"nspname\" AS \"schema\", \"c\".\"relname\" AS \"name\","
          + " CASE \"c\".\"relkind\" WHEN 'r' THEN 'TABLE' WHEN 'p' THEN 'PARTITIONED TABLE' WHEN 'v' THEN 'VIEW'"
          + " WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE NULL END AS \"type\","
          + " \"d\".\"description\" AS \"description\", \"stat\".\"n_live_tup\" AS \"estimated_row_count\""
          + " FROM \"pg_catalog\".\"pg_class\" AS \"c\""
          + " INNER JOIN \"pg_catalog\".\"pg_namespace\" AS \"n\" ON \"c\".\"relnamespace\" = \"n\".\"oid\""
          + " LEFT JOIN \"pg_catalog\".\"pg_description\" AS \"d\" ON (\"c\".\"oid\" = \"d\".\"objoid\")"
          + " AND (\"d\".\"objsubid\" = 0) AND (\"d\".\"classoid\" = 'pg_class'::regclass)"
          + " LEFT JOIN \"pg_stat_user_tables\" AS \"stat\" ON (\"n\".\"nspname\" = \"stat\".\"schemaname\")"
          + " AND (\"c\".\"relname\" = \"stat\".\"relname\")"
          + " WHERE (\"c\".\"relnamespace\" = \"n\".\"oid\") AND (\"n\".\"nspname\" !~ '^pg_')"
          + " AND (\"n\".\"nspname\" <> 'information_schema') AND c.relkind in ('r', 'p', 'v', 'f', 'm')"
          + " AND (\"n\".\"nspname\" IN (?)) ORDER BY \"type\" ASC, \"schema\" ASC, \"name\" ASC";

  @TempDir static Path dir;

  private static BucketSqlServer server;
  private static String embeddedUrl;
  private static Properties embeddedProperties;
  private static String psql;

  @BeforeAll
  static void start(S3TestServer s3) throws IOException {
    SampleData.generateAndUpload(
        SampleSpec.of(SampleScale.TINY), dir.resolve("sample"), s3, BUCKET);
    s3.putObject(
        BUCKET, FOLDER_KEY, "id,name,amount\n1,a,2.5\n2,b,\n".getBytes(StandardCharsets.UTF_8));
    embeddedUrl = s3.jdbcUrl(BUCKET);
    embeddedProperties = S3TestServer.jdbcKeys();
    server =
        BucketSqlServer.builder(embeddedUrl)
            .properties(embeddedProperties)
            .avatica(false)
            .pgPort(0)
            .build();
    server.start();
    psql = PsqlTest.findPsql();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static Connection pg() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/bucketsql", "alice", "");
  }

  private static Connection embedded() throws SQLException {
    return DriverManager.getConnection(embeddedUrl, embeddedProperties);
  }

  /** Rows of a result, columns joined by '|'. */
  private static List<String> rows(ResultSet rs, String... columns) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (String column : columns) {
          row.append(row.isEmpty() ? "" : "|").append(rs.getString(column));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  @Test
  void schemasAndTablesAreTheEmbeddedDriversWithTheObjectAsComment() throws SQLException {
    try (Connection pg = pg();
        Connection embedded = embedded()) {
      DatabaseMetaData pgMeta = pg.getMetaData();
      DatabaseMetaData meta = embedded.getMetaData();
      List<String> pgSchemas = rows(pgMeta.getSchemas(), "TABLE_SCHEM");
      assertThat(pgSchemas)
          .contains(BUCKET, "logs")
          .containsAll(rows(meta.getSchemas(), "TABLE_SCHEM"));
      for (String schema : List.of(BUCKET, "logs")) {
        List<String> expected =
            rows(meta.getTables(null, schema, "%", null), "TABLE_SCHEM", "TABLE_NAME");
        assertThat(expected).isNotEmpty();
        assertThat(
                rows(
                    pgMeta.getTables(null, schema, "%", new String[] {"TABLE", "VIEW"}),
                    "TABLE_SCHEM",
                    "TABLE_NAME"))
            .containsExactlyInAnyOrderElementsOf(expected);
      }
      List<String> remarks =
          rows(pgMeta.getTables(null, BUCKET, "PP_recipes", null), "TABLE_TYPE", "REMARKS");
      assertThat(remarks)
          .singleElement()
          .asString()
          .startsWith("TABLE|")
          .contains("PP_recipes.csv");
      assertThat(rows(pgMeta.getTables(null, "logs", "%", null), "REMARKS"))
          .singleElement()
          .asString()
          .contains("logs/2024/");
      assertThat(rows(pgMeta.getCatalogs(), "TABLE_CAT")).containsExactly("bucketsql");
      assertThat(rows(pgMeta.getTables(null, BUCKET, "no_such_table", null), "TABLE_NAME"))
          .isEmpty();
      // A bucket has no keys or indexes: the queries run and answer nothing.
      assertThat(rows(pgMeta.getPrimaryKeys(null, BUCKET, "PP_recipes"), "COLUMN_NAME")).isEmpty();
      assertThat(rows(pgMeta.getImportedKeys(null, BUCKET, "PP_recipes"), "FKCOLUMN_NAME"))
          .isEmpty();
      assertThat(rows(pgMeta.getIndexInfo(null, BUCKET, "PP_recipes", false, true), "INDEX_NAME"))
          .isEmpty();
      assertThat(rows(pgMeta.getTypeInfo(), "TYPE_NAME", "DATA_TYPE"))
          .contains(
              "int8|-5",
              "int4|4",
              "bool|-7",
              "float8|8",
              "varchar|12",
              "numeric|2",
              "timestamp|93",
              "date|91");
    }
  }

  @Test
  void columnsHaveTheEmbeddedDriversNamesAndTypes() throws SQLException {
    try (Connection pg = pg();
        Connection embedded = embedded()) {
      for (String[] table :
          List.of(
              new String[] {BUCKET, "PP_recipes"},
              new String[] {BUCKET, "RAW_recipes"},
              new String[] {"logs", "%"})) {
        List<String> expected =
            rows(
                embedded.getMetaData().getColumns(null, table[0], table[1], "%"),
                "TABLE_NAME",
                "COLUMN_NAME",
                "ORDINAL_POSITION",
                "DATA_TYPE");
        assertThat(expected).isNotEmpty();
        assertThat(
                rows(
                    pg.getMetaData().getColumns(null, table[0], table[1], "%"),
                    "TABLE_NAME",
                    "COLUMN_NAME",
                    "ORDINAL_POSITION",
                    "DATA_TYPE"))
            .containsExactlyElementsOf(expected);
      }
      assertThat(
              rows(pg.getMetaData().getColumns(null, "logs", "%", "%"), "COLUMN_NAME", "TYPE_NAME"))
          .containsExactly("id|int8", "name|varchar", "amount|float8");
    }
  }

  @Test
  void metabasesTableSyncQueryListsTheTablesWithTheirObjects() throws SQLException {
    try (Connection pg = pg();
        Connection embedded = embedded();
        PreparedStatement ps = pg.prepareStatement(METABASE_TABLES)) {
      ps.setString(1, BUCKET);
      List<String> tables = rows(ps.executeQuery(), "schema", "name", "type");
      List<String> expected = new ArrayList<>();
      for (String name :
          rows(embedded.getMetaData().getTables(null, BUCKET, "%", null), "TABLE_NAME")) {
        expected.add(BUCKET + "|" + name + "|TABLE");
      }
      assertThat(tables).containsExactlyInAnyOrderElementsOf(expected);
      ps.setString(1, "logs");
      assertThat(rows(ps.executeQuery(), "name", "description", "estimated_row_count"))
          .singleElement()
          .asString()
          .startsWith("2024|")
          .contains("logs/2024/")
          .endsWith("|null");
    }
  }

  @Test
  void catalogFunctionsAndCasts() throws SQLException {
    try (Connection pg = pg();
        Statement s = pg.createStatement()) {
      assertThat(
              rows(
                  s.executeQuery(
                      "SELECT current_database() AS db, current_schema() AS s,"
                          + " pg_catalog.format_type(a.atttypid, a.atttypmod) AS t, pg_catalog.pg_get_userbyid(c.relowner)"
                          + " AS o, has_table_privilege(c.oid, 'SELECT') AS r, has_table_privilege(c.oid, 'INSERT') AS w,"
                          + " obj_description(c.oid, 'pg_class') AS d"
                          + " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
                          + " WHERE c.oid = '\"logs\".\"2024\"'::regclass AND a.attnum = 1"),
                  "db",
                  "s",
                  "t",
                  "o",
                  "r",
                  "w",
                  "d"))
          .singleElement()
          .asString()
          .startsWith("bucketsql|" + BUCKET + "|bigint|bucketsql|t|f|")
          .contains("logs/2024/");
      assertThatThrownBy(() -> s.executeQuery("SELECT 'no_such_table'::regclass"))
          .hasMessageContaining("relation \"no_such_table\" does not exist")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"));
    }
  }

  @Test
  void psqlListsTablesSchemasAndDatabases() throws Exception {
    assumeTrue(
        psql != null,
        "psql is not installed (Debian: apt-get install postgresql-client); CI installs it");
    List<String> expected = new ArrayList<>();
    try (Connection embedded = embedded()) {
      for (String name :
          rows(embedded.getMetaData().getTables(null, BUCKET, "%", null), "TABLE_NAME")) {
        expected.add(BUCKET + "|" + name + "|table|bucketsql");
      }
    }
    assertThat(psql("\\dt")).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(psql("\\dt logs.*")).containsExactly("logs|2024|table|bucketsql");
    assertThat(psql("\\dn")).contains(BUCKET + "|bucketsql", "logs|bucketsql");
    assertThat(psql("\\l")).singleElement().asString().startsWith("bucketsql|bucketsql|UTF8|");
    assertThat(psql("\\d \"logs\".\"2024\""))
        .containsExactly("id|bigint|||", "name|character varying|||", "amount|double precision|||");
    List<String> columns = new ArrayList<>();
    try (Connection embedded = embedded()) {
      columns.addAll(
          rows(embedded.getMetaData().getColumns(null, BUCKET, "RAW_recipes", "%"), "COLUMN_NAME"));
    }
    assertThat(
            psql("\\d \"" + BUCKET + "\".\"RAW_recipes\"").stream()
                .map(line -> line.split("\\|")[0]))
        .containsExactlyElementsOf(columns);
  }

  @Test
  void sqlalchemyInspectsAndPandasReads() throws Exception {
    String python = PsycopgTest.findPython("psycopg2, sqlalchemy, pandas");
    assumeTrue(
        python != null,
        "no python3 with psycopg2, SQLAlchemy and pandas (Debian: apt-get install"
            + " python3-psycopg2 python3-sqlalchemy python3-pandas); CI installs them");
    Path script =
        Files.writeString(
            dir.resolve("catalog_client.py"),
            String.join(
                "\n",
                "import sys, sqlalchemy, pandas",
                "engine = sqlalchemy.create_engine('postgresql+psycopg2://alice@127.0.0.1:%s/bucketsql' % sys.argv[1])",
                "inspector = sqlalchemy.inspect(engine)",
                "print('tables', sorted(inspector.get_table_names()))",
                "print('folder', inspector.get_table_names(schema='logs'))",
                "print('schemas', inspector.get_schema_names())",
                "print('columns', [(c['name'], str(c['type'])) for c in inspector.get_columns('2024', schema='logs')])",
                "with engine.connect() as c:",
                "    frame = pandas.read_sql('SELECT id, name, amount FROM logs.\"2024\" ORDER BY id', c)",
                "    print('frame', frame.to_dict('list'))",
                ""));
    Process process =
        new ProcessBuilder(python, script.toString(), Integer.toString(server.pgPort()))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    List<String> expected = new ArrayList<>();
    try (Connection embedded = embedded()) {
      expected.addAll(
          rows(embedded.getMetaData().getTables(null, BUCKET, "%", null), "TABLE_NAME"));
    }
    expected.sort(null);
    assertThat(output.lines())
        .containsExactly(
            "tables ["
                + String.join(", ", expected.stream().map(t -> "'" + t + "'").toList())
                + "]",
            "folder ['2024']",
            "schemas ['bucketsql', '" + BUCKET + "', 'information_schema', 'logs']",
            "columns [('id', 'BIGINT'), ('name', 'VARCHAR'), ('amount', 'DOUBLE_PRECISION')]",
            "frame {'id': [1, 2], 'name': ['a', 'b'], 'amount': [2.5, nan]}");
  }

  private static List<String> psql(String command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(
                psql,
                "-X",
                "-w",
                "-A",
                "-t",
                "-F",
                "|",
                "host=127.0.0.1 port="
                    + server.pgPort()
                    + " dbname=bucketsql user=alice sslmode=disable",
                "-c",
                command)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("psql did not finish: " + output);
    }
    assertThat(process.exitValue()).as(output).isZero();
    return output.strip().lines().toList();
  }
}
