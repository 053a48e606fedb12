package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.storage.IoStats;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** DatabaseMetaData as BI tools read it: schemas, tables with remarks, typed columns, the rest. */
@ExtendWith(S3ServerExtension.class)
class MetadataCatalogTest {
  private static Connection connection;
  private static DatabaseMetaData md;

  @BeforeAll
  static void connect(S3TestServer server) throws SQLException {
    connection = CatalogBucket.connect(server);
    md = connection.getMetaData();
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  private static List<String> column(ResultSet rs, String name) throws SQLException {
    List<String> values = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        values.add(rs.getString(name));
      }
    }
    return values;
  }

  @Test
  void urlRootAndFolderSchemas() throws SQLException {
    assertThat(column(md.getSchemas(), "TABLE_SCHEM"))
        .containsExactly(
            "archive/old",
            "bucketsql",
            CatalogBucket.BUCKET,
            "information_schema",
            "logs",
            "results");
    assertThat(column(md.getSchemas(null, "ar%"), "TABLE_SCHEM")).containsExactly("archive/old");
    assertThat(column(md.getCatalogs(), "TABLE_CAT")).hasSize(1);
  }

  @Test
  void tablesWithRemarksAndNoExactKeyDuplicates() throws SQLException {
    Map<String, String> remarks = new LinkedHashMap<>();
    try (ResultSet rs =
        md.getTables(null, CatalogBucket.BUCKET, "%", new String[] {"TABLE", "VIEW"})) {
      while (rs.next()) {
        assertThat(rs.getString("TABLE_TYPE")).isEqualTo("TABLE");
        remarks.put(rs.getString("TABLE_NAME"), rs.getString("REMARKS"));
      }
    }
    assertThat(remarks.keySet())
        .containsExactlyInAnyOrder("PP_recipes", "a", "bad", "interactions", "ratings");
    assertThat(remarks.get("PP_recipes")).startsWith("object PP_recipes.csv, ").contains("bytes");
    assertThat(remarks.get("ratings")).startsWith("folder ratings/: 2 files, ");
    assertThat(remarks.get("interactions"))
        .contains("3 files")
        .endsWith("partitioned by year, month");
    assertThat(remarks.get("a")).contains("object a.parquet").contains("\"a.csv\"");
    assertThat(column(md.getTables(null, "archive/old", "%", null), "TABLE_NAME"))
        .containsExactly("x", "y", "z");
  }

  @Test
  void patternsWithUnderscoreAndEscapes() throws SQLException {
    assertThat(column(md.getTables(null, "%", "PP\\_recipes", null), "TABLE_NAME"))
        .containsExactly("PP_recipes");
    assertThat(column(md.getTables(null, "%", "P_\\_%", null), "TABLE_NAME"))
        .containsExactly("PP_recipes");
    assertThat(column(md.getTables(null, "%", "_", null), "TABLE_NAME"))
        .containsExactlyInAnyOrder("a", "x", "y", "z");
    assertThat(column(md.getTables(null, "archive/%", "%", null), "TABLE_NAME"))
        .containsExactly("x", "y", "z");
    assertThat(column(md.getColumns(null, CatalogBucket.BUCKET, "PP%", "cal%"), "COLUMN_NAME"))
        .containsExactly("calories");
  }

  @Test
  void columnsWithJdbcTypesSizesNullabilityAndRemarks() throws SQLException {
    List<String> columns = new ArrayList<>();
    try (ResultSet rs = md.getColumns(null, CatalogBucket.BUCKET, "interactions", "%")) {
      while (rs.next()) {
        columns.add(
            rs.getInt("ORDINAL_POSITION")
                + " "
                + rs.getString("COLUMN_NAME")
                + " "
                + rs.getInt("DATA_TYPE")
                + " "
                + rs.getString("TYPE_NAME")
                + " "
                + rs.getInt("COLUMN_SIZE")
                + " "
                + rs.getInt("NULLABLE")
                + " "
                + rs.getString("IS_NULLABLE")
                + " "
                + rs.getString("REMARKS"));
      }
    }
    assertThat(columns)
        .containsExactly(
            "1 user_id " + Types.INTEGER + " INTEGER 10 0 NO null",
            "2 rating " + Types.INTEGER + " INTEGER 10 0 NO null",
            "3 review " + Types.VARCHAR + " VARCHAR " + Integer.MAX_VALUE + " 1 YES null",
            "4 year "
                + Types.BIGINT
                + " BIGINT 19 0 NO partition column: the value of year=... in the key path",
            "5 month "
                + Types.BIGINT
                + " BIGINT 19 0 NO partition column: the value of month=... in the key path");
    try (ResultSet rs = md.getColumns(null, CatalogBucket.BUCKET, "PP_recipes", "calories")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt("DATA_TYPE")).isIn(Types.DOUBLE, Types.DECIMAL);
      assertThat(rs.getString("TYPE_NAME")).isIn("DOUBLE", "DECIMAL");
      assertThat(rs.getInt("COLUMN_SIZE")).isPositive();
    }
  }

  @Test
  void typeInfoKeywordsQuotingAndProduct() throws SQLException {
    List<String> types = column(md.getTypeInfo(), "TYPE_NAME");
    assertThat(types)
        .contains(
            "INTEGER", "BIGINT", "DOUBLE", "DECIMAL", "VARCHAR", "DATE", "TIMESTAMP", "BOOLEAN");
    assertThat(md.getIdentifierQuoteString()).isEqualTo("\"");
    assertThat(md.getSQLKeywords()).isNotBlank();
    assertThat(md.getDatabaseProductName()).isEqualTo("BucketSQL");
    assertThat(md.getDatabaseProductVersion()).matches("\\d+\\.\\d+.*");
    assertThat(column(md.getTableTypes(), "TABLE_TYPE")).contains("TABLE", "VIEW");
  }

  @Test
  void keysAndIndexesAreEmptyRatherThanErrors() throws SQLException {
    assertThat(column(md.getPrimaryKeys(null, CatalogBucket.BUCKET, "ratings"), "COLUMN_NAME"))
        .isEmpty();
    assertThat(column(md.getImportedKeys(null, CatalogBucket.BUCKET, "ratings"), "PKCOLUMN_NAME"))
        .isEmpty();
    assertThat(column(md.getExportedKeys(null, CatalogBucket.BUCKET, "ratings"), "PKCOLUMN_NAME"))
        .isEmpty();
    assertThat(
            column(
                md.getIndexInfo(null, CatalogBucket.BUCKET, "ratings", false, true), "INDEX_NAME"))
        .isEmpty();
  }

  /** Columns of the tables whose files agree (table bad is a type conflict, on purpose). */
  private static List<String> crawl(DatabaseMetaData meta) throws SQLException {
    List<String> columns =
        new ArrayList<>(column(meta.getColumns(null, "archive/old", "%", "%"), "COLUMN_NAME"));
    for (String table : List.of("PP_recipes", "a", "ratings", "interactions")) {
      columns.addAll(
          column(meta.getColumns(null, CatalogBucket.BUCKET, table, "%"), "COLUMN_NAME"));
    }
    return columns;
  }

  @Test
  void repeatedSyncShowsTheSameColumnsAndReadsNothing(S3TestServer server) throws SQLException {
    List<String> first = crawl(md);
    try (Connection again = CatalogBucket.connect(server)) {
      IoStats stats = BucketSqlConnections.ioStats(again);
      IoStats.Snapshot before = stats.snapshot();
      List<String> second = crawl(again.getMetaData());
      IoStats.Snapshot cost = stats.snapshot().minus(before);
      assertThat(second).isEqualTo(first);
      assertThat(cost.headRequests() + cost.getRequests()).isZero();
      assertThat(cost.listRequests()).isLessThanOrEqualTo(1);
    }
  }
}
