package dev.bucketsql.datagen;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The generator's own counts of what it wrote, computed from the generated rows as they were
 * written, for tests to compare SQL answers with.
 *
 * @param recipes rows of RAW_recipes.csv and of RAW_recipes_clean.parquet
 * @param interactions rows of RAW_interactions.csv and of RAW_interactions_clean.parquet
 * @param ppRecipes rows of PP_recipes.csv
 * @param ppUsers rows of PP_users.csv
 * @param trainRows rows of interactions_train.csv
 * @param testRows rows of interactions_test.csv
 * @param validationRows rows of interactions_validation.csv
 * @param calorieLevels PP_recipes: calorie_level to number of recipes, levels 0, 1 and 2
 * @param ratings RAW_interactions: rating (0 to 5) to number of reviews, every rating present
 * @param reviewsWithNewline reviews containing a line feed (including those with CR LF)
 * @param reviewsWithCrLf reviews containing a carriage return followed by a line feed
 * @param emptyReviews reviews that are the empty string (an empty CSV field, a Parquet null)
 * @param descriptionsWithNewline recipe descriptions containing a line feed
 * @param emptyDescriptions recipe descriptions that are empty (an empty CSV field, a Parquet null)
 * @param distinctReviewers distinct user_id values in RAW_interactions
 * @param mostReviewedRecipeId the recipe_id with the most reviews (the smallest id on a tie)
 * @param mostReviewedRecipeReviews its number of reviews
 * @param recipesSince2010 recipes with year &gt;= 2010 (submitted on or after 2010-01-01)
 * @param caloriesTenthsSince2010 their calories summed, in tenths of a calorie (exact)
 * @param interactionsSince2018 reviews dated on or after 2018-01-01
 * @param ratingSumSince2018 their ratings summed
 * @param firstSubmitted earliest recipe submission date
 * @param lastSubmitted latest recipe submission date
 * @param firstReview earliest review date
 * @param lastReview latest review date
 */
public record SampleCounts(
    long recipes,
    long interactions,
    long ppRecipes,
    long ppUsers,
    long trainRows,
    long testRows,
    long validationRows,
    SortedMap<Integer, Long> calorieLevels,
    SortedMap<Integer, Long> ratings,
    long reviewsWithNewline,
    long reviewsWithCrLf,
    long emptyReviews,
    long descriptionsWithNewline,
    long emptyDescriptions,
    long distinctReviewers,
    int mostReviewedRecipeId,
    long mostReviewedRecipeReviews,
    long recipesSince2010,
    long caloriesTenthsSince2010,
    long interactionsSince2018,
    long ratingSumSince2018,
    LocalDate firstSubmitted,
    LocalDate lastSubmitted,
    LocalDate firstReview,
    LocalDate lastReview) {

  /** Checks the arguments and makes the maps unmodifiable. */
  public SampleCounts {
    requireNonNull(calorieLevels, "calorieLevels is null");
    requireNonNull(ratings, "ratings is null");
    requireNonNull(firstSubmitted, "firstSubmitted is null");
    requireNonNull(lastSubmitted, "lastSubmitted is null");
    requireNonNull(firstReview, "firstReview is null");
    requireNonNull(lastReview, "lastReview is null");
    calorieLevels = Collections.unmodifiableSortedMap(new TreeMap<>(calorieLevels));
    ratings = Collections.unmodifiableSortedMap(new TreeMap<>(ratings));
  }

  /** Average calories of recipes with year &gt;= 2010; NaN if there are none. */
  public double avgCaloriesSince2010() {
    return recipesSince2010 == 0 ? Double.NaN : caloriesTenthsSince2010 / 10.0 / recipesSince2010;
  }

  /** Average rating of reviews dated on or after 2018-01-01; NaN if there are none. */
  public double avgRatingSince2018() {
    return interactionsSince2018 == 0
        ? Double.NaN
        : (double) ratingSumSince2018 / interactionsSince2018;
  }

  /** Number of rows of the table stored under {@code key}, as the counts above give them. */
  public long rows(String key) {
    requireNonNull(key, "key is null");
    Map<String, Long> byKey =
        Map.of(
            SampleData.RAW_RECIPES, recipes,
            SampleData.RAW_INTERACTIONS, interactions,
            SampleData.PP_RECIPES, ppRecipes,
            SampleData.PP_USERS, ppUsers,
            SampleData.INTERACTIONS_TRAIN, trainRows,
            SampleData.INTERACTIONS_TEST, testRows,
            SampleData.INTERACTIONS_VALIDATION, validationRows,
            SampleData.RAW_RECIPES_PARQUET, recipes,
            SampleData.RAW_INTERACTIONS_PARQUET, interactions);
    Long rows = byKey.get(key);
    if (rows == null) {
      throw new IllegalArgumentException("no generated table has the key " + key);
    }
    return rows;
  }
}
