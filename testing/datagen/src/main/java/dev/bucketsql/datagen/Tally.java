package dev.bucketsql.datagen;

import java.time.LocalDate;
import java.util.TreeMap;

/** Counts gathered while the writers emit rows; turned into {@link SampleCounts} at the end. */
final class Tally {
  long recipes;
  long interactions;
  long ppRecipes;
  long ppUsers;
  long trainRows;
  long testRows;
  long validationRows;
  final long[] calorieLevels = new long[3];
  final long[] ratings = new long[6];
  long reviewsWithNewline;
  long reviewsWithCrLf;
  long emptyReviews;
  long descriptionsWithNewline;
  long emptyDescriptions;
  long distinctReviewers;
  int mostReviewedRecipeId;
  long mostReviewedRecipeReviews;
  long recipesSince2010;
  long caloriesTenthsSince2010;
  long interactionsSince2018;
  long ratingSumSince2018;
  int firstSubmitted = Integer.MAX_VALUE;
  int lastSubmitted = Integer.MIN_VALUE;
  int firstReview = Integer.MAX_VALUE;
  int lastReview = Integer.MIN_VALUE;

  SampleCounts toCounts() {
    TreeMap<Integer, Long> levels = new TreeMap<>();
    for (int i = 0; i < calorieLevels.length; i++) {
      levels.put(i, calorieLevels[i]);
    }
    TreeMap<Integer, Long> stars = new TreeMap<>();
    for (int i = 0; i < ratings.length; i++) {
      stars.put(i, ratings[i]);
    }
    return new SampleCounts(
        recipes,
        interactions,
        ppRecipes,
        ppUsers,
        trainRows,
        testRows,
        validationRows,
        levels,
        stars,
        reviewsWithNewline,
        reviewsWithCrLf,
        emptyReviews,
        descriptionsWithNewline,
        emptyDescriptions,
        distinctReviewers,
        mostReviewedRecipeId,
        mostReviewedRecipeReviews,
        recipesSince2010,
        caloriesTenthsSince2010,
        interactionsSince2018,
        ratingSumSince2018,
        LocalDate.ofEpochDay(firstSubmitted),
        LocalDate.ofEpochDay(lastSubmitted),
        LocalDate.ofEpochDay(firstReview),
        LocalDate.ofEpochDay(lastReview));
  }
}
