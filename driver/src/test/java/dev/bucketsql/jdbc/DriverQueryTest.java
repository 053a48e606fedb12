package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.bucketsql.datagen.SampleCounts;
import dev.bucketsql.datagen.SampleData;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SQL over the sample bucket through the embedded driver, checked against the generator. */
@ExtendWith(S3ServerExtension.class)
class DriverQueryTest {
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

  private static long count(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      long n = rs.getLong(1);
      assertThat(rs.next()).isFalse();
      return n;
    }
  }

  @Test
  void countsCsvRowsAsTyped() throws SQLException {
    assertThat(count("SELECT COUNT(*) FROM PP_recipes")).isEqualTo(counts.ppRecipes());
    assertThat(count("select count(*) from pp_recipes")).isEqualTo(counts.ppRecipes());
    assertThat(count("SELECT COUNT(*) FROM PP_users")).isEqualTo(counts.ppUsers());
  }

  @Test
  void countsReviewsWithQuotedNewlinesExactly() throws SQLException {
    assertThat(counts.reviewsWithNewline()).isPositive();
    assertThat(count("SELECT COUNT(*) FROM RAW_interactions")).isEqualTo(counts.interactions());
    assertThat(count("SELECT COUNT(review) FROM RAW_interactions"))
        .isEqualTo(counts.interactions() - counts.emptyReviews());
  }

  @Test
  void groupsByCalorieLevel() throws SQLException {
    Map<Integer, Long> actual = new TreeMap<>();
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT calorie_level, COUNT(*) AS n FROM PP_recipes GROUP BY calorie_level")) {
      while (rs.next()) {
        actual.put(rs.getInt("calorie_level"), rs.getLong("n"));
      }
    }
    assertThat(actual).isEqualTo(counts.calorieLevels());
  }

  @Test
  void groupsByOrdinal() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT rating, COUNT(*) FROM RAW_interactions GROUP BY 1 ORDER BY 1")) {
      Map<Integer, Long> actual = new TreeMap<>();
      while (rs.next()) {
        actual.put(rs.getInt(1), rs.getLong(2));
      }
      assertThat(actual).isEqualTo(counts.ratings());
    }
  }

  @Test
  void aggregatesParquet() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*), AVG(calories) FROM RAW_recipes_clean WHERE \"year\" >= 2010")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(counts.recipesSince2010());
      assertThat(rs.getDouble(2)).isCloseTo(counts.avgCaloriesSince2010(), within(1e-6));
    }
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*), SUM(rating) FROM RAW_interactions_clean"
                    + " WHERE \"date\" >= DATE '2018-01-01'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(counts.interactionsSince2018());
      assertThat(rs.getLong(2)).isEqualTo(counts.ratingSumSince2018());
    }
    assertThat(count("SELECT COUNT(*) FROM RAW_interactions_clean"))
        .isEqualTo(counts.interactions());
  }

  @Test
  void everySampleTableCountsAsTheGeneratorWrote() throws SQLException {
    for (String key :
        new String[] {
          SampleData.RAW_RECIPES,
          SampleData.INTERACTIONS_TRAIN,
          SampleData.INTERACTIONS_TEST,
          SampleData.INTERACTIONS_VALIDATION,
          SampleData.RAW_RECIPES_PARQUET
        }) {
      String table = key.substring(0, key.lastIndexOf('.'));
      assertThat(count("SELECT COUNT(*) FROM \"" + table + "\""))
          .as(table)
          .isEqualTo(counts.rows(key));
    }
  }
}
