package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metabase's column sync over the PostgreSQL endpoint: the queries its PostgreSQL driver sends (its
 * {@code describe-fields-sql}, {@code describe-fks-sql}, {@code describe-indexes-sql} and enum-type
 * query, as its ANSI HoneySQL writes them), sent verbatim through pgjdbc, over a Parquet object
 * with a column of each type and a CSV object on the test S3 server. The answers must name every
 * column, in order, with PostgreSQL's type names, and agree with the PostgreSQL-shaped {@code
 * information_schema.columns} and with the embedded driver's columns.
 */
@ExtendWith(S3ServerExtension.class)
class PgMetabaseSyncTest {
  private static final String BUCKET = "metabasebucket";

  /**
   * Metabase's describe-fields-sql for PostgreSQL (information_schema, then materialized views'
   * pg_attribute).
   */
  static final String DESCRIBE_FIELDS =
      "SELECT \"c\".\"column_name\" AS \"name\","
          + " CASE WHEN \"c\".\"udt_schema\" IN ('public', 'pg_catalog') THEN FORMAT('%s', \"c\".\"udt_name\")"
          + " ELSE FORMAT('\"%s\".\"%s\"', \"c\".\"udt_schema\", \"c\".\"udt_name\") END AS \"database-type\","
          + " \"c\".\"ordinal_position\" - 1 AS \"database-position\", \"c\".\"table_schema\" AS \"table-schema\","
          + " \"c\".\"table_name\" AS \"table-name\", \"pk\".\"column_name\" IS NOT NULL AS \"pk?\","
          + " COL_DESCRIPTION(CAST(CAST(FORMAT('%I.%I', CAST(\"c\".\"table_schema\" AS TEXT),"
          + " CAST(\"c\".\"table_name\" AS TEXT)) AS REGCLASS) AS OID), \"c\".\"ordinal_position\")"
          + " AS \"field-comment\","
          + " ((\"column_default\" IS NULL) OR (LOWER(\"column_default\") = 'null')) AND (\"is_nullable\" = 'NO')"
          + " AND NOT (((\"column_default\" IS NOT NULL) AND (\"column_default\" LIKE '%nextval(%'))"
          + " OR (\"is_identity\" != 'NO')) AS \"database-required\","
          + " ((\"column_default\" IS NOT NULL) AND (\"column_default\" LIKE '%nextval(%'))"
          + " OR (\"is_identity\" != 'NO') AS \"database-is-auto-increment\""
          + " FROM \"information_schema\".\"columns\" AS \"c\""
          + " LEFT JOIN (SELECT \"tc\".\"table_schema\", \"tc\".\"table_name\", \"kc\".\"column_name\""
          + " FROM \"information_schema\".\"table_constraints\" AS \"tc\""
          + " INNER JOIN \"information_schema\".\"key_column_usage\" AS \"kc\""
          + " ON (\"tc\".\"constraint_name\" = \"kc\".\"constraint_name\")"
          + " AND (\"tc\".\"table_schema\" = \"kc\".\"table_schema\") AND (\"tc\".\"table_name\" = \"kc\".\"table_name\")"
          + " WHERE \"tc\".\"constraint_type\" = 'PRIMARY KEY') AS \"pk\""
          + " ON (\"c\".\"table_schema\" = \"pk\".\"table_schema\") AND (\"c\".\"table_name\" = \"pk\".\"table_name\")"
          + " AND (\"c\".\"column_name\" = \"pk\".\"column_name\")"
          + " WHERE (c.table_schema !~ '^information_schema|catalog_history|pg_') AND (\"c\".\"table_schema\" IN (?))"
          + " AND (\"c\".\"table_name\" IN (?, ?))"
          + " UNION ALL"
          + " SELECT \"pa\".\"attname\" AS \"name\","
          + " CASE WHEN \"ptn\".\"nspname\" IN ('public', 'pg_catalog') THEN FORMAT('%s', \"pt\".\"typname\")"
          + " ELSE FORMAT('\"%s\".\"%s\"', \"ptn\".\"nspname\", \"pt\".\"typname\") END AS \"database-type\","
          + " \"pa\".\"attnum\" - 1 AS \"database-position\", \"pn\".\"nspname\" AS \"table-schema\","
          + " \"pc\".\"relname\" AS \"table-name\", FALSE AS \"pk?\", NULL AS \"field-comment\","
          + " FALSE AS \"database-required\", FALSE AS \"database-is-auto-increment\""
          + " FROM \"pg_catalog\".\"pg_class\" AS \"pc\""
          + " INNER JOIN \"pg_catalog\".\"pg_namespace\" AS \"pn\" ON \"pn\".\"oid\" = \"pc\".\"relnamespace\""
          + " INNER JOIN \"pg_catalog\".\"pg_attribute\" AS \"pa\" ON \"pa\".\"attrelid\" = \"pc\".\"oid\""
          + " INNER JOIN \"pg_catalog\".\"pg_type\" AS \"pt\" ON \"pt\".\"oid\" = \"pa\".\"atttypid\""
          + " INNER JOIN \"pg_catalog\".\"pg_namespace\" AS \"ptn\" ON \"ptn\".\"oid\" = \"pt\".\"typnamespace\""
          + " WHERE (\"pc\".\"relkind\" = 'm') AND (\"pa\".\"attnum\" >= 1) AND (\"pn\".\"nspname\" IN (?))"
          + " AND (\"pc\".\"relname\" IN (?, ?))"
          + " ORDER BY \"table-schema\" ASC, \"table-name\" ASC, \"database-position\" ASC";

  /** Metabase's describe-fks-sql for PostgreSQL. */
  static final String DESCRIBE_FKS =
      "SELECT \"fk_ns\".\"nspname\" AS \"fk-table-schema\","
          + " \"fk_table\".\"relname\" AS \"fk-table-name\", \"fk_column\".\"attname\" AS \"fk-column-name\","
          + " \"pk_ns\".\"nspname\" AS \"pk-table-schema\", \"pk_table\".\"relname\" AS \"pk-table-name\","
          + " \"pk_column\".\"attname\" AS \"pk-column-name\""
          + " FROM \"pg_constraint\" AS \"c\""
          + " INNER JOIN \"pg_class\" AS \"fk_table\" ON \"c\".\"conrelid\" = \"fk_table\".\"oid\""
          + " INNER JOIN \"pg_namespace\" AS \"fk_ns\" ON \"c\".\"connamespace\" = \"fk_ns\".\"oid\""
          + " INNER JOIN \"pg_attribute\" AS \"fk_column\" ON \"c\".\"conrelid\" = \"fk_column\".\"attrelid\""
          + " INNER JOIN \"pg_class\" AS \"pk_table\" ON \"c\".\"confrelid\" = \"pk_table\".\"oid\""
          + " INNER JOIN \"pg_namespace\" AS \"pk_ns\" ON \"pk_table\".\"relnamespace\" = \"pk_ns\".\"oid\""
          + " INNER JOIN \"pg_attribute\" AS \"pk_column\" ON \"c\".\"confrelid\" = \"pk_column\".\"attrelid\""
          + " WHERE (fk_ns.nspname !~ '^information_schema|catalog_history|pg_') AND (\"c\".\"contype\" = 'f'::char)"
          + " AND (\"fk_column\".\"attnum\" = ANY(c.conkey)) AND (\"pk_column\".\"attnum\" = ANY(c.confkey))"
          + " AND (\"fk_table\".\"relname\" IN (?)) AND (\"fk_ns\".\"nspname\" IN (?))"
          + " ORDER BY \"fk-table-schema\" ASC, \"fk-table-name\" ASC";

  /**
   * Metabase's describe-indexes-sql for PostgreSQL (after pgjdbc's getIndexInfo): the first column
   * of each index, through {@code _pg_expandarray}'s position field and {@code pg_get_indexdef}.
   */
  static final String DESCRIBE_INDEXES =
      "SELECT \"tmp\".\"table-schema\", \"tmp\".\"table-name\","
          + " TRIM(BOTH '\"' FROM PG_CATALOG.PG_GET_INDEXDEF(\"tmp\".\"ci_oid\", \"tmp\".\"pos\", FALSE))"
          + " AS \"field-name\""
          + " FROM (SELECT \"n\".\"nspname\" AS \"table-schema\", \"ct\".\"relname\" AS \"table-name\","
          + " \"ci\".\"oid\" AS \"ci_oid\", (INFORMATION_SCHEMA._PG_EXPANDARRAY(\"i\".\"indkey\")).\"n\" AS \"pos\""
          + " FROM \"pg_catalog\".\"pg_class\" AS \"ct\""
          + " INNER JOIN \"pg_catalog\".\"pg_namespace\" AS \"n\" ON \"ct\".\"relnamespace\" = \"n\".\"oid\""
          + " INNER JOIN \"pg_catalog\".\"pg_index\" AS \"i\" ON \"ct\".\"oid\" = \"i\".\"indrelid\""
          + " INNER JOIN \"pg_catalog\".\"pg_class\" AS \"ci\" ON \"ci\".\"oid\" = \"i\".\"indexrelid\""
          + " WHERE (PG_CATALOG.PG_GET_EXPR(\"i\".\"indpred\", \"i\".\"indrelid\") IS NULL)"
          + " AND (n.nspname !~ '^information_schema|catalog_history|pg_') AND (\"n\".\"nspname\" IN (?))"
          + " AND (\"ct\".\"relname\" IN (?, ?))) AS \"tmp\""
          + " WHERE \"tmp\".\"pos\" = ?";

  /** The {@code pg_indexes} view, as tools list a table's indexes by name. */
  static final String PG_INDEXES =
      "SELECT schemaname, tablename, indexname, tablespace, indexdef"
          + " FROM pg_catalog.pg_indexes WHERE schemaname = ? AND tablename = ? ORDER BY indexname";

  /** Metabase's enum-type query (its PostgreSQL driver reads enums before describing fields). */
  static final String ENUM_TYPES =
      "SELECT nspname, typname FROM pg_type t JOIN pg_namespace n"
          + " ON n.oid = t.typnamespace WHERE t.oid IN (SELECT DISTINCT enumtypid FROM pg_enum e)";

  @TempDir static Path dir;

  private static BucketSqlServer server;
  private static String embeddedUrl;

  @BeforeAll
  static void start(S3TestServer s3) throws IOException {
    s3.createBucket(BUCKET);
    s3.putObject(BUCKET, PgTypedFile.KEY, PgTypedFile.bytes(dir));
    s3.putObject(
        BUCKET,
        "plain.csv",
        "id,label,score,seen,born\n1,a,2.5,true,2020-01-02\n2,b,,false,2021-03-04\n"
            .getBytes(StandardCharsets.UTF_8));
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

  static Connection pg(BucketSqlServer server) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/bucketsql", "alice", "");
  }

  /** Column name to udt_name, in order, as {@code information_schema.columns} lists them. */
  private static Map<String, String> udtNames(Connection c, String table) throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT column_name, udt_name, data_type, ordinal_position"
                + " FROM information_schema.columns WHERE table_schema = ? AND table_name = ?"
                + " ORDER BY ordinal_position")) {
      ps.setString(1, BUCKET);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          assertThat(rs.getInt("ordinal_position")).isEqualTo(columns.size() + 1);
          columns.put(
              rs.getString("column_name"),
              rs.getString("udt_name") + "/" + rs.getString("data_type"));
        }
      }
    }
    return columns;
  }

  @Test
  void informationSchemaColumnsHavePostgresTypeNames() throws SQLException {
    try (Connection c = pg(server)) {
      assertThat(udtNames(c, "typed"))
          .containsExactly(
              Map.entry("id", "int8/bigint"),
              Map.entry("qty", "int4/integer"),
              Map.entry("price", "float8/double precision"),
              Map.entry("amount", "numeric/numeric"),
              Map.entry("name", "varchar/character varying"),
              Map.entry("ok", "bool/boolean"),
              Map.entry("day", "date/date"),
              Map.entry("at", "timestamp/timestamp without time zone"),
              Map.entry("tags", "_varchar/ARRAY"),
              Map.entry("author", "json/json"),
              Map.entry("items", "_json/ARRAY"));
      try (Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT numeric_precision,"
                      + " numeric_scale, numeric_precision_radix, is_nullable, is_identity, table_catalog"
                      + " FROM information_schema.columns WHERE table_name = 'typed' AND column_name = 'amount'")) {
        assertThat(rs.next()).isTrue();
        assertThat(List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3))).containsExactly(12, 2, 10);
        assertThat(List.of(rs.getString(4), rs.getString(5), rs.getString(6)))
            .containsExactly("YES", "NO", "bucketsql");
      }
    }
  }

  @Test
  void metabaseDescribeFieldsNamesEveryColumnWithItsType() throws SQLException {
    try (Connection c = pg(server);
        Connection embedded = DriverManager.getConnection(embeddedUrl, S3TestServer.jdbcKeys())) {
      Map<String, String> typed = udtNames(c, "typed");
      Map<String, String> plain = udtNames(c, "plain");
      assertThat(plain)
          .containsExactly(
              Map.entry("id", "int8/bigint"),
              Map.entry("label", "varchar/character varying"),
              Map.entry("score", "float8/double precision"),
              Map.entry("seen", "bool/boolean"),
              Map.entry("born", "date/date"));
      List<String> expected = new ArrayList<>();
      for (String table : List.of("plain", "typed")) {
        int position = 0;
        try (ResultSet rs = embedded.getMetaData().getColumns(null, BUCKET, table, "%")) {
          while (rs.next()) {
            String name = rs.getString("COLUMN_NAME");
            String udt = (table.equals("typed") ? typed : plain).get(name);
            assertThat(udt).as("%s.%s", table, name).isNotNull();
            expected.add(
                BUCKET
                    + "|"
                    + table
                    + "|"
                    + position++
                    + "|"
                    + name
                    + "|"
                    + udt.substring(0, udt.indexOf('/'))
                    + "|false|"
                    + rs.getString("IS_NULLABLE").equals("NO")
                    + "|false");
          }
        }
      }
      assertThat(expected).hasSize(16);
      List<String> rows = new ArrayList<>();
      List<String> comments = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(DESCRIBE_FIELDS)) {
        ps.setString(1, BUCKET);
        ps.setString(2, "typed");
        ps.setString(3, "plain");
        ps.setString(4, BUCKET);
        ps.setString(5, "typed");
        ps.setString(6, "plain");
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(
                rs.getString("table-schema")
                    + "|"
                    + rs.getString("table-name")
                    + "|"
                    + rs.getInt("database-position")
                    + "|"
                    + rs.getString("name")
                    + "|"
                    + rs.getString("database-type")
                    + "|"
                    + rs.getBoolean("pk?")
                    + "|"
                    + rs.getBoolean("database-required")
                    + "|"
                    + rs.getBoolean("database-is-auto-increment"));
            comments.add(rs.getString("field-comment"));
          }
        }
      }
      assertThat(rows).containsExactlyElementsOf(expected);
      assertThat(comments).hasSize(16).containsOnlyNulls(); // no column of these objects has a note
    }
  }

  @Test
  void metabaseKeyIndexAndEnumQueriesRunAndFindNone() throws SQLException {
    try (Connection c = pg(server)) {
      try (PreparedStatement ps = c.prepareStatement(DESCRIBE_FKS)) {
        ps.setString(1, "typed");
        ps.setString(2, BUCKET);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.getMetaData().getColumnLabel(6)).isEqualTo("pk-column-name");
          assertThat(rs.next()).isFalse();
        }
      }
      try (PreparedStatement ps = c.prepareStatement(DESCRIBE_INDEXES)) {
        ps.setString(1, BUCKET);
        ps.setString(2, "typed");
        ps.setString(3, "plain");
        ps.setInt(4, 1);
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(
                  List.of(
                      rs.getMetaData().getColumnLabel(1),
                      rs.getMetaData().getColumnLabel(2),
                      rs.getMetaData().getColumnLabel(3)))
              .containsExactly("table-schema", "table-name", "field-name");
          assertThat(rs.getMetaData().getColumnType(3)).isEqualTo(java.sql.Types.VARCHAR);
          assertThat(rs.next()).isFalse(); // objects in a bucket have no indexes
        }
      }
      try (PreparedStatement ps = c.prepareStatement(PG_INDEXES)) {
        ps.setString(1, BUCKET);
        ps.setString(2, "typed");
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.getMetaData().getColumnCount()).isEqualTo(5);
          assertThat(rs.next()).isFalse();
        }
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(ENUM_TYPES)) {
        assertThat(rs.getMetaData().getColumnCount()).isEqualTo(2);
        assertThat(rs.next()).isFalse();
      }
    }
  }

  @Test
  void regclassOfAComputedNameIsTheTablesOidOrAnError() throws SQLException {
    try (Connection c = pg(server);
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "SELECT CAST(FORMAT('%I.%I', table_schema, table_name) AS regclass),"
                  + " (SELECT oid FROM pg_class WHERE relname = 'typed') FROM information_schema.tables"
                  + " WHERE table_name = 'typed'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(rs.getLong(2)).isGreaterThanOrEqualTo(16384);
      }
      try (ResultSet rs =
          s.executeQuery("SELECT FORMAT('%s|%I|%L|%L|%%|%2$s', 'a b', 'Mixed', 'it''s', NULL)")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("a b|\"Mixed\"|'it''s'|NULL|%|Mixed");
      }
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  s.executeQuery(
                      "SELECT CAST(FORMAT('%I.%I', 'nope', table_name) AS regclass) FROM information_schema.tables"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("\"nope.")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42P01"));
    }
  }
}
