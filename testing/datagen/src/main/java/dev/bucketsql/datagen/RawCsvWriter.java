package dev.bucketsql.datagen;

import com.univocity.parsers.csv.CsvWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.BitSet;

/** Writes RAW_recipes.csv and RAW_interactions.csv, counting what it writes. */
final class RawCsvWriter {
  private static final int DAY_2018 = (int) LocalDate.of(2018, 1, 1).toEpochDay();

  private final SampleModel model;
  private final Tally tally;

  RawCsvWriter(SampleModel model, Tally tally) {
    this.model = model;
    this.tally = tally;
  }

  void writeRecipes(Path path) throws IOException {
    CsvWriter csv =
        CsvFiles.open(
            path,
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
    try {
      for (int i = 0; i < model.recipes; i++) {
        Recipe r = model.recipe(i);
        csv.writeRow(
            r.name(),
            Integer.toString(r.id()),
            Integer.toString(r.minutes()),
            Integer.toString(r.contributorId()),
            model.dates.format(r.submittedDay()),
            Text.pyList(r.tags()),
            Text.tenthsList(r.nutritionTenths()),
            Integer.toString(r.steps().size()),
            Text.pyList(r.steps()),
            r.description(),
            Text.pyList(r.ingredients()),
            Integer.toString(r.ingredients().size()));
        tally.recipes++;
        if (r.description().isEmpty()) {
          tally.emptyDescriptions++;
        } else if (r.description().indexOf('\n') >= 0) {
          tally.descriptionsWithNewline++;
        }
        tally.firstSubmitted = Math.min(tally.firstSubmitted, r.submittedDay());
        tally.lastSubmitted = Math.max(tally.lastSubmitted, r.submittedDay());
      }
    } finally {
      csv.close();
    }
  }

  void writeInteractions(Path path) throws IOException {
    BitSet reviewers = new BitSet(model.users);
    int[] reviewsPerRecipe = new int[model.recipes];
    CsvWriter csv = CsvFiles.open(path, "user_id", "recipe_id", "date", "rating", "review");
    try {
      for (int j = 0; j < model.interactions; j++) {
        Interaction it = model.interaction(j);
        String review = model.review(j);
        csv.writeRow(
            Integer.toString(model.userIds[it.userIndex()]),
            Integer.toString(model.recipeIds[it.recipeIndex()]),
            model.dates.format(it.day()),
            Integer.toString(it.rating()),
            review);
        tally.interactions++;
        tally.ratings[it.rating()]++;
        if (review.isEmpty()) {
          tally.emptyReviews++;
        } else if (review.indexOf('\n') >= 0) {
          tally.reviewsWithNewline++;
          if (review.contains("\r\n")) {
            tally.reviewsWithCrLf++;
          }
        }
        if (it.day() >= DAY_2018) {
          tally.interactionsSince2018++;
          tally.ratingSumSince2018 += it.rating();
        }
        tally.firstReview = Math.min(tally.firstReview, it.day());
        tally.lastReview = Math.max(tally.lastReview, it.day());
        reviewers.set(it.userIndex());
        reviewsPerRecipe[it.recipeIndex()]++;
      }
    } finally {
      csv.close();
    }
    tally.distinctReviewers = reviewers.cardinality();
    // Recipe indexes follow id order, so the first maximum is the smallest id.
    int best = 0;
    for (int i = 1; i < reviewsPerRecipe.length; i++) {
      if (reviewsPerRecipe[i] > reviewsPerRecipe[best]) {
        best = i;
      }
    }
    tally.mostReviewedRecipeId = model.recipeIds[best];
    tally.mostReviewedRecipeReviews = reviewsPerRecipe[best];
  }
}
