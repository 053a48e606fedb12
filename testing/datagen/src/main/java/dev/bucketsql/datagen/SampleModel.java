package dev.bucketsql.datagen;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The generated world for one {@link SampleSpec}: recipe and user ids, submission dates, and
 * functions that produce any recipe, interaction or review text from its row number alone.
 */
final class SampleModel {
  static final int FIRST_SUBMITTED = (int) LocalDate.of(1999, 8, 6).toEpochDay();
  static final int LAST_SUBMITTED = (int) LocalDate.of(2018, 12, 4).toEpochDay();
  static final int LAST_REVIEW = (int) LocalDate.of(2018, 12, 20).toEpochDay();

  // Recipes submitted per year 1999..2018, in thousands, roughly as on Food.com: a peak in
  // 2007-2008 and a long thin tail after 2010.
  private static final double[] YEAR_WEIGHTS = {
    0.8, 1.5, 9, 20, 18, 17, 22, 27, 34, 30, 22, 11, 7, 4.5, 3, 1.2, 0.4, 0.3, 0.25, 0.2
  };
  // Share of ratings 0..5 among reviews (0 means "no stars given").
  private static final double[] RATING_WEIGHTS = {0.054, 0.011, 0.012, 0.036, 0.165, 0.722};

  final SampleSpec spec;
  final int recipes;
  final int interactions;
  final int users;
  final int[] recipeIds;
  final int[] submitted;
  final int[] userIds;
  final Text.Dates dates = new Text.Dates(FIRST_SUBMITTED, LAST_REVIEW);

  SampleModel(SampleSpec spec) {
    this.spec = spec;
    this.recipes = spec.recipes();
    this.interactions = spec.interactions();
    this.users = Math.max(20, interactions / 5);
    this.recipeIds = recipeIds(spec.seed(), recipes);
    this.submitted = submittedDays(spec.seed(), recipes);
    this.userIds = userIds(spec.seed(), users);
  }

  /** Whether recipe {@code index} is among the preprocessed (PP_*) recipes, ~77% of them. */
  boolean isPpRecipe(int index) {
    return Streams.of(spec.seed(), Streams.PP, index).nextDouble() < 0.77;
  }

  /** Users below this index may enter the preprocessed tables; they are the active ones. */
  int ppUserCandidates() {
    return Math.max(5, users * 11 / 100);
  }

  Recipe recipe(int index) {
    SplittableRandom r = Streams.of(spec.seed(), Streams.RECIPE, index);
    List<String> pool = Vocabulary.INGREDIENTS;
    int main = r.nextInt(pool.size());
    StringBuilder name = new StringBuilder();
    name.append(pick(r, Vocabulary.ADJECTIVES)).append(' ');
    if (r.nextDouble() < 0.3) {
      name.append(pick(r, Vocabulary.ADJECTIVES)).append(' ');
    }
    name.append(display(pool.get(main)));
    // Food.com names carry stray double spaces now and then.
    name.append(r.nextDouble() < 0.03 ? "  " : " ").append(pick(r, Vocabulary.DISHES));

    int minutes = minutes(r);
    int contributor = userIds[Streams.skewed(r, users, 3.0)];
    List<String> tags = distinct(r, Vocabulary.TAGS, 2 + r.nextInt(5));
    int[] nutrition = nutrition(r);

    List<Integer> ingredientIndexes = new ArrayList<>();
    ingredientIndexes.add(main);
    for (int n = 2 + r.nextInt(8); ingredientIndexes.size() < n; ) {
      int k = r.nextInt(pool.size());
      if (!ingredientIndexes.contains(k)) {
        ingredientIndexes.add(k);
      }
    }
    List<String> ingredients = new ArrayList<>(ingredientIndexes.size());
    for (int k : ingredientIndexes) {
      ingredients.add(display(pool.get(k)));
    }
    int nSteps = 1 + r.nextInt(3) + r.nextInt(3);
    List<String> steps = new ArrayList<>(nSteps);
    for (int s = 0; s < nSteps; s++) {
      String ingredient = ingredients.get(r.nextInt(ingredients.size()));
      steps.add(
          pick(r, Vocabulary.VERBS) + " the " + ingredient + " " + pick(r, Vocabulary.STEP_TAILS));
    }
    return new Recipe(
        index,
        name.toString(),
        recipeIds[index],
        minutes,
        contributor,
        submitted[index],
        tags,
        nutrition,
        steps,
        description(r, ingredients),
        ingredients,
        ingredientIndexes);
  }

  Interaction interaction(int index) {
    SplittableRandom r = Streams.of(spec.seed(), Streams.INTERACTION, index);
    int user = Streams.skewed(r, users, 2.0);
    int recipe = Streams.skewed(r, recipes, 1.8);
    int from = submitted[recipe];
    int lag;
    if (r.nextDouble() < 0.85) {
      lag = (int) (-Math.log(1.0 - r.nextDouble()) * 400);
    } else {
      lag = r.nextInt(LAST_REVIEW - from + 1);
    }
    int day = Math.min(LAST_REVIEW, from + lag);
    return new Interaction(index, user, recipe, day, weighted(r, RATING_WEIGHTS));
  }

  /** The review text of interaction {@code index}: commas, quotes and newlines included. */
  String review(int index) {
    SplittableRandom r = Streams.of(spec.seed(), Streams.REVIEW, index);
    if (r.nextDouble() < 0.01) {
      return "";
    }
    String lineBreak = r.nextDouble() < 0.12 ? (r.nextDouble() < 0.25 ? "\r\n" : "\n") : null;
    StringBuilder out = new StringBuilder(200);
    out.append(pick(r, Vocabulary.PRAISE));
    int sentences = 1 + r.nextInt(4);
    for (int s = 0; s < sentences; s++) {
      out.append(lineBreak != null && s == sentences / 2 ? lineBreak : " ");
      String remark = pick(r, Vocabulary.REMARKS);
      out.append(Character.toUpperCase(remark.charAt(0))).append(remark, 1, remark.length());
      if (r.nextDouble() < 0.5) {
        out.append(", and ").append(pick(r, Vocabulary.REMARKS));
      }
      out.append('.');
    }
    if (r.nextDouble() < 0.08) {
      out.append(" Truly \"").append(pick(r, Vocabulary.QUOTED)).append("\"!");
    }
    if (r.nextDouble() < 0.3) {
      out.append(" ").append(1 + r.nextInt(5)).append(" stars, thanks!");
    }
    return out.toString();
  }

  private String description(SplittableRandom r, List<String> ingredients) {
    if (r.nextDouble() < 0.04) {
      return "";
    }
    StringBuilder out = new StringBuilder(160);
    out.append(pick(r, Vocabulary.OPENINGS)).append(", and it uses ").append(ingredients.get(0));
    out.append('.');
    if (r.nextDouble() < 0.15) {
      out.append(r.nextDouble() < 0.25 ? "\r\n" : "\n");
    } else {
      out.append(' ');
    }
    if (r.nextDouble() < 0.1) {
      out.append("The \"").append(pick(r, Vocabulary.QUOTED)).append("\" version, ");
    }
    out.append("Serves ").append(2 + r.nextInt(10)).append('.');
    return out.toString();
  }

  private static int minutes(SplittableRandom r) {
    double u = r.nextDouble();
    if (u < 0.02) {
      return r.nextInt(6);
    }
    if (u < 0.025) {
      return 1440 + r.nextInt(20000);
    }
    return 5 * (1 + Streams.skewed(r, 96, 2.2));
  }

  private static int[] nutrition(SplittableRandom r) {
    double gaussian = 0;
    for (int i = 0; i < 6; i++) {
      gaussian += r.nextDouble();
    }
    gaussian = (gaussian - 3) * Math.sqrt(2);
    int calories = (int) Math.min(200000, Math.round(Math.exp(5.7 + 0.7 * gaussian) * 10));
    double kcal = calories / 10.0;
    // The other six are percent daily values, whole numbers in the source data.
    int fat = pdv(kcal * (0.01 + 0.08 * r.nextDouble()));
    int sugar = pdv(kcal * (0.005 + 0.15 * r.nextDouble()));
    int sodium = pdv(kcal * 0.1 * r.nextDouble());
    int protein = pdv(kcal * (0.005 + 0.09 * r.nextDouble()));
    int saturated = pdv(fat * (0.2 + 0.8 * r.nextDouble()));
    int carbohydrates = pdv(kcal * (0.005 + 0.03 * r.nextDouble()));
    return new int[] {calories, fat, sugar, sodium, protein, saturated, carbohydrates};
  }

  private static int pdv(double value) {
    return (int) Math.round(value) * 10;
  }

  private static int weighted(SplittableRandom r, double[] weights) {
    double u = r.nextDouble();
    for (int i = 0; i < weights.length - 1; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  private static String pick(SplittableRandom r, List<String> pool) {
    return pool.get(r.nextInt(pool.size()));
  }

  private static List<String> distinct(SplittableRandom r, List<String> pool, int count) {
    List<String> out = new ArrayList<>(count);
    while (out.size() < Math.min(count, pool.size())) {
      String s = pick(r, pool);
      if (!out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  private static String display(String word) {
    return word.replace('-', ' ');
  }

  private static int[] recipeIds(long seed, int n) {
    SplittableRandom r = Streams.of(seed, Streams.RECIPE_ID, 0);
    int[] ids = new int[n];
    int id = 37;
    for (int i = 0; i < n; i++) {
      id += 1 + r.nextInt(3);
      ids[i] = id;
    }
    return ids;
  }

  private static int[] userIds(long seed, int n) {
    SplittableRandom r = Streams.of(seed, Streams.USER_ID, 0);
    int[] ids = new int[n];
    int id = 1532;
    int newAccounts = n * 3 / 4;
    for (int i = 0; i < n; i++) {
      // Food.com's later accounts got ids around 2,000,000,000.
      if (i == newAccounts) {
        id = 2_000_000_000 - 1;
      }
      id += 1 + r.nextInt(30);
      ids[i] = id;
    }
    return ids;
  }

  /**
   * Submission days follow recipe ids, as on Food.com where ids grew over time: recipe i sits at
   * quantile (i + 0.5) / n of the yearly distribution, with a few weeks of jitter.
   */
  private static int[] submittedDays(long seed, int n) {
    int days = LAST_SUBMITTED - FIRST_SUBMITTED + 1;
    double[] cdf = new double[days];
    double total = 0;
    for (int d = 0; d < days; d++) {
      int year = LocalDate.ofEpochDay(FIRST_SUBMITTED + d).getYear();
      total += YEAR_WEIGHTS[year - 1999];
      cdf[d] = total;
    }
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      double target = (i + 0.5) / n * total;
      int at = Arrays.binarySearch(cdf, target);
      int day = at >= 0 ? at : -at - 1;
      SplittableRandom r = Streams.of(seed, Streams.RECIPE_ID, i + 1L);
      day += r.nextInt(41) - 20;
      out[i] = FIRST_SUBMITTED + Math.max(0, Math.min(days - 1, day));
    }
    return out;
  }
}
