package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A {@code getColumns} crawl over every table, as DBeaver runs it, while one table ({@code bad})
 * has files that disagree on a column's type: the other tables' columns are all listed, the bad one
 * is left out with a warning naming both files, and querying it still fails. Column name patterns
 * follow JDBC ({@code _} is one character).
 */
@ExtendWith(S3ServerExtension.class)
class MetadataColumnsCrawlTest {
  private static final String CONFLICT =
      "column 'id' is BIGINT in 'bad/p0.csv' but VARCHAR in 'bad/p1.csv'";
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

  private static List<String> tableDotColumn(ResultSet rs) throws SQLException {
    List<String> result = new ArrayList<>();
    while (rs.next()) {
      result.add(rs.getString("TABLE_NAME") + "." + rs.getString("COLUMN_NAME"));
    }
    return result;
  }

  @Test
  void aPatternCrawlSkipsTheConflictingTableWithAWarning() throws SQLException {
    try (ResultSet rs = md.getColumns(null, CatalogBucket.BUCKET, "%", "%")) {
      List<String> columns = tableDotColumn(rs);
      assertThat(columns)
          .contains("PP_recipes.name", "ratings.comment", "interactions.year", "a.user_id")
          .noneMatch(c -> c.startsWith("bad."));
      SQLWarning warning = rs.getWarnings();
      assertThat((Object) warning).isNotNull();
      assertThat(warning.getMessage())
          .contains("getColumns left out table " + CatalogBucket.BUCKET + ".bad")
          .contains(CONFLICT);
      assertThat((Object) warning.getNextWarning()).isNull();
      rs.clearWarnings();
      assertThat((Object) rs.getWarnings()).isNull();
    }
  }

  @Test
  void askingForTheTableAloneAnswersNoColumnsAndTheQueryStillFails() throws SQLException {
    try (ResultSet rs = md.getColumns(null, CatalogBucket.BUCKET, "bad", null)) {
      assertThat(tableDotColumn(rs)).isEmpty();
      assertThat(rs.getWarnings().getMessage()).contains(CONFLICT);
    }
    try (Statement s = connection.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELECT * FROM bad"))
          .hasStackTraceContaining(CONFLICT);
    }
  }

  @Test
  void columnPatternsTakeUnderscoreAsOneCharacter() throws SQLException {
    try (ResultSet rs = md.getColumns(null, CatalogBucket.BUCKET, "PP_recipes", "na_e")) {
      assertThat(tableDotColumn(rs)).containsExactly("PP_recipes.name");
    }
    try (ResultSet rs = md.getColumns(null, CatalogBucket.BUCKET, "PP_recipes", "_d")) {
      assertThat(tableDotColumn(rs)).containsExactly("PP_recipes.id");
    }
    try (ResultSet rs = md.getColumns(null, CatalogBucket.BUCKET, "PP_recipes", "na\\_e")) {
      assertThat(tableDotColumn(rs)).isEmpty();
    }
    try (ResultSet rs = md.getColumns(null, CatalogBucket.BUCKET, "interactions", "user\\_id")) {
      assertThat(tableDotColumn(rs)).containsExactly("interactions.user_id");
    }
    try (ResultSet rs = md.getColumns(null, CatalogBucket.BUCKET, "interactions", "%\\_%")) {
      assertThat(tableDotColumn(rs)).containsExactly("interactions.user_id");
    }
    try (ResultSet rs = md.getColumns(null, CatalogBucket.BUCKET, "PP_recipes", "%a%")) {
      assertThat(tableDotColumn(rs)).containsExactly("PP_recipes.name", "PP_recipes.calories");
    }
  }
}
