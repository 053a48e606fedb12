package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.datagen.SampleCounts;
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
 * Joins across files and formats. Every review of the sample refers to an existing recipe, so an
 * inner join of reviews with recipes keeps every review.
 */
@ExtendWith(S3ServerExtension.class)
class JoinTest {
  private static Connection connection;
  private static SampleCounts counts;

  @BeforeAll
  static void connect(S3TestServer server) throws SQLException {
    counts = SampleBucket.ensure(server).counts();
    connection = SampleBucket.connect(server);
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void parquetReviewsJoinParquetRecipes() throws SQLException {
    assertThat(
            count(
                "SELECT COUNT(*) FROM RAW_interactions_clean i"
                    + " JOIN RAW_recipes_clean r ON i.recipe_id = r.id"))
        .isEqualTo(counts.interactions());
  }

  @Test
  void parquetReviewsJoinCsvRecipes() throws SQLException {
    assertThat(
            count(
                "SELECT COUNT(*) FROM RAW_interactions_clean i"
                    + " JOIN RAW_recipes r ON i.recipe_id = r.id"))
        .isEqualTo(counts.interactions());
  }

  @Test
  void csvReviewsJoinParquetRecipes() throws SQLException {
    assertThat(
            count(
                "SELECT COUNT(*) FROM RAW_interactions i"
                    + " JOIN RAW_recipes_clean r ON i.recipe_id = r.id"))
        .isEqualTo(counts.interactions());
  }

  @Test
  void joinedGroupFindsTheMostReviewedRecipe() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT r.id, COUNT(*) AS n FROM RAW_interactions_clean i"
                    + " JOIN RAW_recipes r ON i.recipe_id = r.id"
                    + " GROUP BY r.id ORDER BY n DESC, r.id LIMIT 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(counts.mostReviewedRecipeId());
      assertThat(rs.getLong(2)).isEqualTo(counts.mostReviewedRecipeReviews());
    }
  }

  private static long count(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      long n = rs.getLong(1);
      assertThat(rs.next()).isFalse();
      return n;
    }
  }
}
