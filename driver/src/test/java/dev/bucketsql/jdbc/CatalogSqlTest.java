package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.storage.IoStats;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SQL over the catalog: folder tables, partitions, exact keys, files(glob), collisions. */
@ExtendWith(S3ServerExtension.class)
class CatalogSqlTest {
  private static Connection connection;

  @BeforeAll
  static void connect(S3TestServer server) throws SQLException {
    connection = CatalogBucket.connect(server);
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i == 1 ? "" : "|").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  @Test
  void partFilesAreOneTableWithMissingColumnsNull() throws SQLException {
    assertThat(rows(connection, "SELECT \"user\", rating, comment FROM ratings ORDER BY 1"))
        .containsExactly("1|5|null", "2|4|null", "3|3|ok");
  }

  @Test
  void partitionColumnsAreTypedAndQueryable() throws SQLException {
    assertThat(
            rows(
                connection,
                "SELECT \"year\", \"month\", COUNT(*), SUM(rating) FROM interactions"
                    + " WHERE \"year\" + 0 >= 2018 GROUP BY \"year\", \"month\" ORDER BY 1, 2"))
        .containsExactly("2018|1|2|9", "2018|2|1|3", "2019|1|3|8");
    assertThat(
            rows(
                connection,
                "SELECT review FROM interactions WHERE \"year\" = 2019 AND user_id = 6"))
        .containsExactly("yum");
  }

  @Test
  void filtersOnPartitionColumnsSkipFilesBeforeAnyRequest() throws SQLException {
    IoStats stats = BucketSqlConnections.ioStats(connection);
    rows(connection, "SELECT user_id, rating FROM interactions");
    IoStats.Snapshot before = stats.snapshot();
    assertThat(rows(connection, "SELECT user_id, rating FROM interactions")).hasSize(6);
    long allFiles = stats.snapshot().minus(before).getRequests();

    before = stats.snapshot();
    assertThat(rows(connection, "SELECT user_id, rating FROM interactions WHERE \"year\" = 2020"))
        .isEmpty();
    assertThat(stats.snapshot().minus(before).requests()).isZero();

    before = stats.snapshot();
    assertThat(
            rows(
                connection,
                "SELECT user_id, rating FROM interactions WHERE \"year\" = 2019 AND \"month\" = 1"))
        .hasSize(3);
    long oneFile = stats.snapshot().minus(before).getRequests();
    assertThat(oneFile).isPositive().isLessThan(allFiles);
    assertThat(oneFile * 3).isEqualTo(allFiles);
  }

  @Test
  void folderSchemasByName() throws SQLException {
    assertThat(rows(connection, "SELECT metric, \"value\" FROM results.analysis"))
        .containsExactly("users|3");
    assertThat(rows(connection, "SELECT COUNT(*) FROM \"archive/old\".y")).containsExactly("1");
  }

  @Test
  void anyObjectByItsExactKey() throws SQLException {
    assertThat(rows(connection, "SELECT name FROM \"PP_recipes.csv\" WHERE id = 2"))
        .containsExactly("cake");
    assertThat(rows(connection, "SELECT metric FROM \"results/analysis.csv\""))
        .containsExactly("users");
    assertThat(rows(connection, "SELECT metric FROM results.\"analysis.csv\""))
        .containsExactly("users");
    assertThat(
            rows(
                connection,
                "SELECT COUNT(*) FROM \"interactions/year=2019/month=01/part-0.parquet\""))
        .containsExactly("3");
  }

  @Test
  void collisionPrefersParquetAndTheCsvStaysReachable() throws SQLException {
    assertThat(rows(connection, "SELECT review FROM a")).containsExactly("parquet");
    assertThat(rows(connection, "SELECT v FROM \"a.csv\"")).containsExactly("csv");
  }

  @Test
  void filesTableFunctionReadsTheKeysAGlobMatches() throws SQLException {
    assertThat(rows(connection, "SELECT t FROM TABLE(files('logs/2025-*.csv')) ORDER BY t"))
        .containsExactly("1", "2");
    assertThat(rows(connection, "SELECT COUNT(*) FROM TABLE(files('logs/*.csv'))"))
        .containsExactly("3");
    assertThat(rows(connection, "SELECT COUNT(*) FROM TABLE(FILES('interactions/**/*.parquet'))"))
        .containsExactly("6");
    assertThatThrownBy(() -> rows(connection, "SELECT * FROM TABLE(files('nope/*.csv'))"))
        .hasStackTraceContaining("no CSV or Parquet object matches files('nope/*.csv')");
  }

  @Test
  void typeConflictIsAClearError() {
    assertThatThrownBy(() -> rows(connection, "SELECT * FROM bad"))
        .hasStackTraceContaining(
            "column 'id' is BIGINT in 'bad/p0.csv' but VARCHAR in 'bad/p1.csv'");
  }

  @Test
  void refreshShowsNewObjectsAndTheTtlKeepsTheListing(S3TestServer server) throws SQLException {
    Properties props = CatalogBucket.credentials();
    server.createBucket("catalog-refresh");
    server.putObject(
        "catalog-refresh",
        "PP_recipes.csv",
        "id\n1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String url =
        CatalogBucket.url(server).replace("s3://" + CatalogBucket.BUCKET, "s3://catalog-refresh");
    try (Connection c = DriverManager.getConnection(url + "&listingTtl=1h", props)) {
      IoStats stats = BucketSqlConnections.ioStats(c);
      rows(c, "SELECT COUNT(*) FROM PP_recipes");
      long lists = stats.listRequests();
      server.putObject(
          "catalog-refresh",
          "fresh/only.csv",
          "n,m\n42,x\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      rows(c, "SELECT COUNT(*) FROM PP_recipes");
      assertThat(stats.listRequests()).as("listing kept within its TTL").isEqualTo(lists);
      assertThatThrownBy(() -> rows(c, "SELECT n, m FROM fresh")).hasStackTraceContaining("fresh");
      BucketSqlConnections.refresh(c);
      assertThat(rows(c, "SELECT n, m FROM fresh")).containsExactly("42|x");
    }
  }

  @Test
  void malformedListingTtlNamesTheKey(S3TestServer server) {
    assertThatThrownBy(
            () ->
                DriverManager.getConnection(
                    CatalogBucket.url(server) + "&listingTtl=soon", CatalogBucket.credentials()))
        .hasMessageContaining("listingTtl='soon'")
        .hasMessageContaining("5m");
  }
}
