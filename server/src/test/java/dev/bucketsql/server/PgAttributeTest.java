package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.FaultInjectingProxy;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
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
 * What pgjdbc and DBeaver's PostgreSQL driver read of {@code pg_class}, {@code pg_attribute} and
 * {@code pg_description} over the PostgreSQL endpoint: {@code relnatts}, columns in {@code attnum}
 * order, column comments (a partition column's note) through {@code col_description}, {@code
 * pg_description} and pgjdbc's {@code getColumns} REMARKS, all compared with the embedded driver's
 * {@code getColumns}; DBeaver's navigator queries (schemas, types, tables, columns, constraints,
 * indexes, functions, extensions) sent as DBeaver sends them. And listing tables reads no object:
 * counted at a proxy in front of the test S3 server.
 */
@ExtendWith(S3ServerExtension.class)
class PgAttributeTest {
  private static final String BUCKET = "attributebucket";

  /** DBeaver's schema list. */
  static final String DBEAVER_SCHEMAS =
      "SELECT n.oid,n.*,d.description FROM pg_catalog.pg_namespace n\n"
          + "LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=n.oid AND d.objsubid=0"
          + " AND d.classoid='pg_namespace'::regclass\n ORDER BY nspname";

  /** DBeaver's data type cache. */
  static final String DBEAVER_TYPES =
      "SELECT t.oid,t.*,c.relkind,format_type(nullif(t.typbasetype, 0),"
          + " t.typtypmod) as base_type_name, d.description\nFROM pg_catalog.pg_type t\n"
          + "LEFT OUTER JOIN pg_catalog.pg_type et ON et.oid=t.typelem\n"
          + "LEFT OUTER JOIN pg_catalog.pg_class c ON c.oid=t.typrelid\n"
          + "LEFT OUTER JOIN pg_catalog.pg_description d ON t.oid=d.objoid\n"
          + "WHERE t.typname IS NOT NULL\n"
          + "AND (c.relkind IS NULL OR c.relkind = 'c') AND (et.typcategory IS NULL OR et.typcategory <> 'C')";

  /** DBeaver's table list of a schema. */
  static final String DBEAVER_TABLES =
      "SELECT c.oid,c.*,d.description,pg_catalog.pg_get_expr(c.relpartbound,"
          + " c.oid) as partition_expr,  pg_catalog.pg_get_partkeydef(c.oid) as partition_key \n"
          + "FROM pg_catalog.pg_class c\n"
          + "LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=c.oid AND d.objsubid=0"
          + " AND d.classoid='pg_class'::regclass\n"
          + "WHERE c.relnamespace=? AND c.relkind not in ('i','I','c')";

  /** DBeaver's columns of a table. */
  static final String DBEAVER_COLUMNS =
      "SELECT c.relname,a.*,pg_catalog.pg_get_expr(ad.adbin, ad.adrelid, true)"
          + " as def_value,dsc.description,dep.objid\n"
          + "FROM pg_catalog.pg_attribute a\n"
          + "INNER JOIN pg_catalog.pg_class c ON (a.attrelid=c.oid)\n"
          + "LEFT OUTER JOIN pg_catalog.pg_attrdef ad ON (a.attrelid=ad.adrelid AND a.attnum = ad.adnum)\n"
          + "LEFT OUTER JOIN pg_catalog.pg_description dsc ON (c.oid=dsc.objoid AND a.attnum = dsc.objsubid)\n"
          + "LEFT OUTER JOIN pg_depend dep on dep.refobjid = a.attrelid AND dep.deptype = 'i'"
          + " and dep.refobjsubid = a.attnum and dep.classid = dep.refclassid\n"
          + "WHERE NOT a.attisdropped AND c.relkind not in ('i','I','c') AND c.oid=?\n"
          + "ORDER BY a.attnum";

  /** DBeaver's constraints, indexes, functions and extensions of a schema or table: none here. */
  static final List<String> DBEAVER_EMPTY =
      List.of(
          "SELECT c.oid,c.*,t.relname as tabrelname,rt.relnamespace as refnamespace\n"
              + "FROM pg_catalog.pg_constraint c\nINNER JOIN pg_catalog.pg_class t ON t.oid=c.conrelid\n"
              + "LEFT OUTER JOIN pg_catalog.pg_class rt ON rt.oid=c.confrelid\nWHERE t.relnamespace=?\n"
              + "ORDER BY c.oid",
          "SELECT i.*,i.indkey as keys,c.relname,c.relnamespace,c.relam,tc.relname as tabrelname,dsc.description,"
              + "pg_catalog.pg_get_expr(i.indexprs, i.indrelid, true) as expr\n"
              + "FROM pg_catalog.pg_index i\nINNER JOIN pg_catalog.pg_class c ON c.oid=i.indexrelid\n"
              + "INNER JOIN pg_catalog.pg_class tc ON tc.oid=i.indrelid\n"
              + "LEFT OUTER JOIN pg_catalog.pg_description dsc ON i.indexrelid=dsc.objoid\n"
              + "WHERE  c.relnamespace=? ORDER BY c.relname",
          "SELECT p.oid,p.*,d.description\nFROM pg_catalog.pg_proc p\n"
              + "LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=p.oid\nWHERE p.pronamespace=?\n"
              + "ORDER BY p.proname",
          "SELECT e.oid,e.* FROM pg_catalog.pg_extension e \nWHERE e.extnamespace=?\nORDER BY e.oid");

  @TempDir static Path dir;

  private static S3TestServer s3;
  private static BucketSqlServer server;
  private static String embeddedUrl;

  @BeforeAll
  static void start(S3TestServer testServer) throws IOException {
    s3 = testServer;
    s3.createBucket(BUCKET);
    upload(BUCKET);
    embeddedUrl = s3.jdbcUrl(BUCKET);
    server =
        BucketSqlServer.builder(embeddedUrl)
            .properties(S3TestServer.jdbcKeys())
            .avatica(false)
            .pgPort(0)
            .build();
    server.start();
  }

  /** A Parquet object, a CSV object and a folder partitioned by year. */
  private static void upload(String bucket) throws IOException {
    s3.putObject(bucket, PgTypedFile.KEY, PgTypedFile.bytes(dir));
    s3.putObject(bucket, "plain.csv", "id,label\n1,a\n".getBytes(StandardCharsets.UTF_8));
    for (int year : new int[] {2023, 2024}) {
      s3.putObject(
          bucket,
          "events/year=" + year + "/part-0.csv",
          ("id,kind\n" + year + ",click\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Column name to REMARKS, in the embedded driver's order. */
  private static Map<String, String> embeddedColumns(String table) throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(embeddedUrl, S3TestServer.jdbcKeys());
        ResultSet rs = c.getMetaData().getColumns(null, BUCKET, table, "%")) {
      while (rs.next()) {
        columns.put(rs.getString("COLUMN_NAME"), rs.getString("REMARKS"));
      }
    }
    assertThat(columns).isNotEmpty();
    return columns;
  }

  private static long oid(Connection c, String table) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT c.oid FROM pg_class c JOIN pg_namespace n"
                + " ON c.relnamespace = n.oid WHERE n.nspname = ? AND c.relname = ?")) {
      ps.setString(1, BUCKET);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void attributesInAttnumOrderWithRelnattsAndColumnComments() throws SQLException {
    try (Connection c = PgMetabaseSyncTest.pg(server);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT a.attname, a.attnum, col_description(c.oid, a.attnum) AS comment, c.relnatts,"
                    + " d.description FROM pg_attribute a JOIN pg_class c ON a.attrelid = c.oid"
                    + " LEFT JOIN pg_description d ON d.objoid = c.oid AND d.objsubid = a.attnum"
                    + " WHERE c.oid = ? ORDER BY a.attnum")) {
      for (String table : List.of("events", "typed", "plain")) {
        Map<String, String> expected = embeddedColumns(table);
        ps.setLong(1, oid(c, table));
        Map<String, String> actual = new LinkedHashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            assertThat(rs.getInt("attnum")).as(table).isEqualTo(actual.size() + 1);
            assertThat(rs.getInt("relnatts")).as(table).isEqualTo(expected.size());
            assertThat(rs.getString("description")).as(table).isEqualTo(rs.getString("comment"));
            actual.put(rs.getString("attname"), rs.getString("comment"));
          }
        }
        assertThat(actual).as(table).containsExactlyEntriesOf(expected);
      }
      // pgjdbc's getColumns joins pg_description on objsubid = attnum: the same comments as REMARKS
      Map<String, String> remarks = new LinkedHashMap<>();
      try (ResultSet rs = c.getMetaData().getColumns(null, BUCKET, "events", "%")) {
        while (rs.next()) {
          remarks.put(rs.getString("COLUMN_NAME"), rs.getString("REMARKS"));
        }
      }
      assertThat(remarks).containsExactlyEntriesOf(embeddedColumns("events"));
    }
    assertThat(embeddedColumns("events").get("year")).contains("partition column");
  }

  @Test
  void dbeaverNavigatorQueries() throws SQLException {
    try (Connection c = PgMetabaseSyncTest.pg(server)) {
      long namespace = -1;
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(DBEAVER_SCHEMAS)) {
        List<String> names = new ArrayList<>();
        while (rs.next()) {
          names.add(rs.getString("nspname"));
          if (rs.getString("nspname").equals(BUCKET)) {
            namespace = rs.getLong("oid");
          }
        }
        assertThat(names).contains(BUCKET, "pg_catalog", "information_schema").isSorted();
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(DBEAVER_TYPES)) {
        List<String> types = new ArrayList<>();
        while (rs.next()) {
          types.add(rs.getString("typname") + ":" + rs.getString("base_type_name"));
        }
        assertThat(types).contains("int8:null", "json:null", "_json:null", "varchar:null");
      }
      Map<String, Integer> relnatts = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement(DBEAVER_TABLES)) {
        ps.setLong(1, namespace);
        try (ResultSet rs = ps.executeQuery()) {
          // DBeaver reads the first "oid"; the engine names the repeated one oid0
          assertThat(
                  List.of(rs.getMetaData().getColumnLabel(1), rs.getMetaData().getColumnLabel(2)))
              .containsExactly("oid", "oid0");
          while (rs.next()) {
            assertThat(rs.getString("relkind")).isEqualTo("r");
            assertThat(rs.getString("description")).isNotBlank();
            relnatts.put(rs.getString("relname"), rs.getInt("relnatts"));
          }
        }
      }
      assertThat(relnatts).containsOnlyKeys("events", "typed", "plain");
      for (Map.Entry<String, Integer> table : relnatts.entrySet()) {
        assertThat(table.getValue())
            .as(table.getKey())
            .isEqualTo(embeddedColumns(table.getKey()).size());
      }
      Map<String, String> columns = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement(DBEAVER_COLUMNS)) {
        ps.setLong(1, oid(c, "events"));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            assertThat(rs.getString("relname")).isEqualTo("events");
            assertThat(rs.getString("def_value")).isNull();
            columns.put(rs.getString("attname"), rs.getString("description"));
          }
        }
      }
      assertThat(columns).containsExactlyEntriesOf(embeddedColumns("events"));
      for (String sql : DBEAVER_EMPTY) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          ps.setLong(1, namespace);
          try (ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).as(sql).isFalse();
          }
        }
      }
    }
  }

  @Test
  void listingTablesReadsNoObjectAndRelnattsReadsOnlyWhatIsAsked() throws Exception {
    String bucket = "listingbucket";
    s3.createBucket(bucket);
    upload(bucket);
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(s3.port());
        BucketSqlServer listing =
            BucketSqlServer.builder(
                    s3.jdbcUrl(bucket)
                        .replace(s3.endpoint().toString(), proxy.endpoint().toString()))
                .properties(S3TestServer.jdbcKeys())
                .avatica(false)
                .pgPort(0)
                .build()) {
      listing.start();
      try (Connection c = PgMetabaseSyncTest.pg(listing);
          Statement s = c.createStatement()) {
        try (ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM pg_class c JOIN pg_namespace n"
                    + " ON c.relnamespace = n.oid WHERE n.nspname = '"
                    + bucket
                    + "'")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(3);
        }
        long listed = proxy.requests();
        DatabaseMetaData meta = c.getMetaData();
        try (ResultSet rs = meta.getTables(null, bucket, "%", null)) {
          int n = 0;
          while (rs.next()) {
            assertThat(rs.getString("REMARKS")).isNotBlank();
            n++;
          }
          assertThat(n).isEqualTo(3);
        }
        assertThat(proxy.requests()).as("requests for getTables").isEqualTo(listed);
        try (PreparedStatement ps = c.prepareStatement(PgCatalogTest.METABASE_TABLES)) {
          ps.setString(1, bucket);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              assertThat(rs.getString("description")).isNotBlank();
            }
          }
        }
        assertThat(proxy.requests()).as("requests for Metabase's table list").isEqualTo(listed);
        try (ResultSet rs =
            s.executeQuery(
                "SELECT c.relname, d.description FROM pg_class c"
                    + " JOIN pg_namespace n ON c.relnamespace = n.oid"
                    + " LEFT JOIN pg_description d ON d.objoid = c.oid AND d.objsubid = 0"
                    + " WHERE n.nspname = '"
                    + bucket
                    + "'")) {
          while (rs.next()) {
            assertThat(rs.getString(2)).as(rs.getString(1)).isNotBlank();
          }
        }
        assertThat(proxy.requests()).as("requests for listing tables").isEqualTo(listed);
        try (ResultSet rs =
            s.executeQuery("SELECT relnatts FROM pg_class WHERE relname = 'plain'")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(2);
        }
        long oneTable = proxy.requests() - listed;
        assertThat(oneTable).as("requests for one table's relnatts").isBetween(1L, 2L);
      }
    }
  }
}
