package dev.bucketsql.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RAW_recipes.csv and RAW_interactions.csv, re-read with univocity and recounted. */
class RawCsvTest {
  private static SampleManifest manifest;
  private static CsvRows recipes;
  private static CsvRows interactions;

  @BeforeAll
  static void read() throws IOException {
    manifest = TinySample.manifest();
    recipes = CsvRows.read(manifest.file(SampleData.RAW_RECIPES).path());
    interactions = CsvRows.read(manifest.file(SampleData.RAW_INTERACTIONS).path());
  }

  @Test
  void headersAreTheFoodComColumns() {
    assertThat(recipes.header)
        .containsExactly(
            "name",
            "id",
            "minutes",
            "contributor_id",
            "submitted",
            "tags",
            "nutrition",
            "n_steps",
            "steps",
            "description",
            "ingredients",
            "n_ingredients");
    assertThat(interactions.header)
        .containsExactly("user_id", "recipe_id", "date", "rating", "review");
  }

  @Test
  void rowCountsMatchTheManifest() {
    SampleCounts counts = manifest.counts();
    assertThat(recipes.rows).hasSize((int) counts.recipes()).hasSize(SampleScale.TINY.recipes());
    assertThat(interactions.rows)
        .hasSize((int) counts.interactions())
        .hasSize(SampleScale.TINY.interactions());
    assertThat(manifest.file(SampleData.RAW_RECIPES).rows()).isEqualTo(recipes.rows.size());
  }

  @Test
  void reviewsHoldQuotedLineBreaksSoPhysicalLinesOutnumberRecords() throws IOException {
    SampleFile file = manifest.file(SampleData.RAW_INTERACTIONS);
    long lines = CsvRows.physicalLines(file.path());
    int review = interactions.column("review");
    long withNewline = 0;
    long withCrLf = 0;
    long embeddedLineFeeds = 0;
    for (String[] row : interactions.rows) {
      String text = row[review];
      if (text.indexOf('\n') >= 0) {
        withNewline++;
      }
      if (text.contains("\r\n")) {
        withCrLf++;
      }
      embeddedLineFeeds += text.chars().filter(c -> c == '\n').count();
    }

    assertThat(withNewline).isPositive().isEqualTo(manifest.counts().reviewsWithNewline());
    assertThat(withCrLf).isPositive().isEqualTo(manifest.counts().reviewsWithCrLf());
    assertThat(lines)
        .isEqualTo(file.lines())
        .isEqualTo(1 + interactions.rows.size() + embeddedLineFeeds)
        .isGreaterThan(1 + interactions.rows.size());
  }

  @Test
  void reviewsHoldCommasQuotesAndEmptyValues() {
    int review = interactions.column("review");
    List<String> texts = interactions.rows.stream().map(r -> r[review]).toList();

    assertThat(texts).anyMatch(t -> t.contains(","));
    assertThat(texts).anyMatch(t -> t.contains("\""));
    assertThat(texts.stream().filter(String::isEmpty).count())
        .isPositive()
        .isEqualTo(manifest.counts().emptyReviews());
  }

  @Test
  void descriptionsCountsMatch() {
    int description = recipes.column("description");
    long empty = recipes.rows.stream().filter(r -> r[description].isEmpty()).count();
    long withNewline = recipes.rows.stream().filter(r -> r[description].contains("\n")).count();

    assertThat(empty).isPositive().isEqualTo(manifest.counts().emptyDescriptions());
    assertThat(withNewline).isPositive().isEqualTo(manifest.counts().descriptionsWithNewline());
    assertThat(recipes.rows).anyMatch(r -> r[description].contains("\""));
  }

  @Test
  void ratingBreakdownAndDateFiguresMatch() {
    int rating = interactions.column("rating");
    int date = interactions.column("date");
    Map<Integer, Long> ratings = new TreeMap<>();
    long since2018 = 0;
    long ratingSum2018 = 0;
    LocalDate first = LocalDate.MAX;
    LocalDate last = LocalDate.MIN;
    for (String[] row : interactions.rows) {
      int stars = Integer.parseInt(row[rating]);
      LocalDate day = LocalDate.parse(row[date]);
      ratings.merge(stars, 1L, Long::sum);
      if (!day.isBefore(LocalDate.of(2018, 1, 1))) {
        since2018++;
        ratingSum2018 += stars;
      }
      first = first.isBefore(day) ? first : day;
      last = last.isAfter(day) ? last : day;
    }
    SampleCounts counts = manifest.counts();

    assertThat(ratings).isEqualTo(counts.ratings());
    assertThat(ratings.keySet()).containsExactly(0, 1, 2, 3, 4, 5);
    // Skewed to 5, as Food.com ratings are.
    assertThat(ratings.get(5)).isGreaterThan(interactions.rows.size() / 2);
    assertThat(since2018).isPositive().isEqualTo(counts.interactionsSince2018());
    assertThat(ratingSum2018).isEqualTo(counts.ratingSumSince2018());
    assertThat(counts.avgRatingSince2018()).isEqualTo((double) ratingSum2018 / since2018);
    assertThat(first).isEqualTo(counts.firstReview());
    assertThat(last).isEqualTo(counts.lastReview());
  }

  @Test
  void reviewsReferToExistingRecipesAndFollowTheirSubmission() {
    int id = recipes.column("id");
    int submitted = recipes.column("submitted");
    Map<String, LocalDate> submittedById = new HashMap<>();
    for (String[] row : recipes.rows) {
      assertThat(submittedById.put(row[id], LocalDate.parse(row[submitted])))
          .as("recipe ids are unique")
          .isNull();
    }
    int recipeId = interactions.column("recipe_id");
    int date = interactions.column("date");
    int userId = interactions.column("user_id");
    Map<String, Long> reviewsPerRecipe = new HashMap<>();
    Set<String> users = new HashSet<>();
    for (String[] row : interactions.rows) {
      LocalDate recipeSubmitted = submittedById.get(row[recipeId]);
      assertThat(recipeSubmitted).as("recipe %s exists", row[recipeId]).isNotNull();
      assertThat(LocalDate.parse(row[date])).isAfterOrEqualTo(recipeSubmitted);
      reviewsPerRecipe.merge(row[recipeId], 1L, Long::sum);
      users.add(row[userId]);
    }
    long most = reviewsPerRecipe.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    int mostId =
        reviewsPerRecipe.entrySet().stream()
            .filter(e -> e.getValue() == most)
            .mapToInt(e -> Integer.parseInt(e.getKey()))
            .min()
            .orElseThrow();

    assertThat(users).hasSize((int) manifest.counts().distinctReviewers());
    assertThat(most).isEqualTo(manifest.counts().mostReviewedRecipeReviews());
    assertThat(mostId).isEqualTo(manifest.counts().mostReviewedRecipeId());
  }

  @Test
  void listColumnsArePythonListTextAndCountsAgree() {
    int tags = recipes.column("tags");
    int nutrition = recipes.column("nutrition");
    int steps = recipes.column("steps");
    int nSteps = recipes.column("n_steps");
    int ingredients = recipes.column("ingredients");
    int nIngredients = recipes.column("n_ingredients");
    for (String[] row : recipes.rows) {
      assertThat(PyLists.parse(row[tags])).isNotEmpty().doesNotHaveDuplicates();
      assertThat(PyLists.parse(row[steps])).hasSize(Integer.parseInt(row[nSteps]));
      assertThat(PyLists.parse(row[ingredients]))
          .hasSize(Integer.parseInt(row[nIngredients]))
          .doesNotHaveDuplicates();
      String text = row[nutrition];
      assertThat(text).startsWith("[").endsWith("]");
      assertThat(text.substring(1, text.length() - 1).split(", "))
          .hasSize(7)
          .allMatch(n -> n.matches("\\d+\\.\\d"));
    }
    // Python shows an item holding an apostrophe in double quotes.
    assertThat(recipes.rows).anyMatch(r -> r[steps].contains("\"") && r[steps].contains("'t "));
  }
}
