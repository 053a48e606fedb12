package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * DuckDB's files as tables beyond the answers {@link FileTableQueries} compares: the plans they
 * get, and what BucketSQL says when a reference names another bucket, no object, or a bad option.
 */
@ExtendWith(S3ServerExtension.class)
class FileTableTest {
  private static Connection connection;

  @BeforeAll
  static void connect(S3TestServer server) throws SQLException {
    connection = SqlTestBucket.connect(server);
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void readParquetGetsTheScanAndPushdownOfANamedTable() throws SQLException {
    String plan =
        ExplainPlanTest.explain(
            connection,
            "SELECT COUNT(*) FROM read_parquet('s3://sqltests/RAW_interactions_clean.parquet')"
                + " WHERE \"date\" >= DATE '2018-01-01'");
    // Calcite's scan or the engine's (EngineScan, under the engine's count), with the same terms
    assertThat(plan)
        .containsPattern("(BucketTableScan|EngineScan)\\(")
        .contains("read_parquet('s3://sqltests/RAW_interactions_clean.parquet')")
        .contains("pushed=");
    assertThat(
            ExplainPlanTest.explain(
                connection, "SELECT calorie_level, COUNT(*) FROM 'PP_recipes.csv' GROUP BY 1"))
        .contains("BucketScanAggregate");
  }

  @Test
  void anotherBucketIsAnErrorNamingBothAndTheFix() {
    assertThatThrownBy(() -> count("SELECT COUNT(*) FROM 's3://other-bucket/PP_recipes.csv'"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("'s3://other-bucket/PP_recipes.csv' is in bucket 'other-bucket'")
        .hasMessageContaining("this connection reads bucket 'sqltests'")
        .hasMessageContaining("jdbc:bucketsql:s3://other-bucket");
  }

  @Test
  void unknownKeySaysWhatIsNear() {
    assertThatThrownBy(() -> count("SELECT COUNT(*) FROM 's3://sqltests/PP_recipe.csv'"))
        .hasMessageContaining(
            "no CSV or Parquet object 's3://sqltests/PP_recipe.csv' in s3://sqltests/")
        .hasMessageContaining("did you mean 'PP_recipes.csv'");
    assertThatThrownBy(() -> count("SELECT COUNT(*) FROM read_csv('raw_recipe.csv')"))
        .hasMessageContaining("did you mean 'RAW_recipes.csv'");
    assertThatThrownBy(() -> count("SELECT COUNT(*) FROM read_parquet('nothing/*.parquet')"))
        .hasMessageContaining("no CSV or Parquet object matches 'nothing/*.parquet'");
  }

  @Test
  void formatAndOptionMistakesNameTheFix() {
    assertThatThrownBy(() -> count("SELECT COUNT(*) FROM read_parquet('PP_recipes.csv')"))
        .hasMessageContaining(
            "read_parquet: 'PP_recipes.csv' is not a Parquet object; read it with read_csv");
    assertThatThrownBy(() -> count("SELECT COUNT(*) FROM read_csv('PP_recipes.csv', delim = ';;')"))
        .hasMessageContaining("delim takes one character");
    assertThatThrownBy(() -> count("SELECT COUNT(*) FROM read_csv('PP_recipes.csv', nope = 1)"))
        .hasMessageContaining("read_csv: unknown option 'nope'");
    assertThatThrownBy(
            () ->
                count(
                    "SELECT COUNT(*) FROM read_parquet('RAW_recipes_clean.parquet', header = true)"))
        .hasMessageContaining("read_parquet: option 'header' is one of read_csv's");
  }

  @Test
  void positionsAfterAReferenceAreAsTyped() {
    String sql = "SELECT COUNT(*) FROM read_csv('nulls.csv', header = true) WHERE nope = 1";
    assertThatThrownBy(() -> count(sql))
        .hasMessageContaining("(at line 1, column " + (sql.indexOf("nope") + 1) + ")");
    String multiLine =
        "SELECT COUNT(*)\nFROM read_csv('nulls.csv',\n  header = true) t WHERE nope = 1";
    assertThatThrownBy(() -> count(multiLine))
        .hasMessageContaining(
            "(at line 3, column "
                + (multiLine.indexOf("nope") - multiLine.lastIndexOf('\n'))
                + ")");
  }

  @Test
  void literalsOutsideTablePositionStayLiterals() throws SQLException {
    assertThat(count("SELECT COUNT(*) FROM 'nulls.csv' WHERE label <> 'PP_recipes.csv'"))
        .isEqualTo(3);
  }

  @Test
  void aGlobOfSixtyStarsAnswersAtOnce() {
    String glob = "**a".repeat(30) + "**x";
    long start = System.nanoTime();
    assertThatThrownBy(() -> count("SELECT COUNT(*) FROM TABLE(files('" + glob + "'))"))
        .hasMessageContaining("no CSV or Parquet object matches");
    assertThatThrownBy(() -> count("SELECT COUNT(*) FROM read_csv('" + glob + "')"))
        .hasMessageContaining("no CSV or Parquet object matches");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
  }

  private static long count(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
