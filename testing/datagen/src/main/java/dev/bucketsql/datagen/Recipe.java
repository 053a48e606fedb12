package dev.bucketsql.datagen;

import java.util.List;

/**
 * One generated recipe, as RAW_recipes.csv holds it. Nutrition is kept in tenths so the CSV text,
 * the Parquet doubles and the manifest's sums agree exactly.
 */
record Recipe(
    int index,
    String name,
    int id,
    int minutes,
    int contributorId,
    int submittedDay,
    List<String> tags,
    int[] nutritionTenths,
    List<String> steps,
    String description,
    List<String> ingredients,
    List<Integer> ingredientIndexes) {

  static final int CALORIES = 0;

  int caloriesTenths() {
    return nutritionTenths[CALORIES];
  }

  /** The PP_recipes calorie level: 0 below 250 kcal, 1 below 500 kcal, else 2. */
  int calorieLevel() {
    int tenths = caloriesTenths();
    return tenths < 2500 ? 0 : tenths < 5000 ? 1 : 2;
  }
}
