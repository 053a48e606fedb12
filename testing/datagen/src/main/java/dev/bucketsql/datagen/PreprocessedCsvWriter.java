package dev.bucketsql.datagen;

import com.univocity.parsers.csv.CsvWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes the preprocessed tables: PP_recipes.csv, PP_users.csv and the train, test and validation
 * splits of the interactions.
 *
 * <p>As in the Food.com set, only some recipes (~77%) are preprocessed, each with a dense index
 * {@code i}; only the most active users are, each with a dense index {@code u}; a split row is an
 * interaction of such a user with such a recipe. Every preprocessed user has at least one training
 * row, and PP_users aggregates each user's training rows.
 */
final class PreprocessedCsvWriter {
  private static final int SPLIT = 7;
  private static final byte TRAIN = 0;
  private static final byte TEST = 1;
  private static final byte VALIDATION = 2;

  private final SampleModel model;
  private final Tally tally;
  private final int[] ppIndex;
  private final long[] techniqueBits;

  PreprocessedCsvWriter(SampleModel model, Tally tally) {
    this.model = model;
    this.tally = tally;
    this.ppIndex = new int[model.recipes];
    this.techniqueBits = new long[model.recipes];
  }

  void writeRecipes(Path path) throws IOException {
    CsvWriter csv =
        CsvFiles.open(
            path,
            "id",
            "i",
            "name_tokens",
            "ingredient_tokens",
            "steps_tokens",
            "techniques",
            "calorie_level",
            "ingredient_ids");
    try {
      int next = 0;
      for (int index = 0; index < model.recipes; index++) {
        if (!model.isPpRecipe(index)) {
          ppIndex[index] = -1;
          continue;
        }
        ppIndex[index] = next;
        Recipe r = model.recipe(index);
        techniqueBits[index] = techniques(r);
        csv.writeRow(
            Integer.toString(r.id()),
            Integer.toString(next),
            Text.intList(tokens(r.name())),
            ingredientTokens(r.ingredients()),
            Text.intList(tokens(String.join(" ", r.steps()))),
            Text.intList(flags(techniqueBits[index])),
            Integer.toString(r.calorieLevel()),
            Text.intList(
                r.ingredientIndexes().stream().mapToInt(Vocabulary::ingredientId).toArray()));
        tally.ppRecipes++;
        tally.calorieLevels[r.calorieLevel()]++;
        next++;
      }
    } finally {
      csv.close();
    }
  }

  /** Must run after {@link #writeRecipes}, which decides which recipes are preprocessed. */
  void writeUsersAndSplits(Path users, Path train, Path test, Path validation) throws IOException {
    int candidates = model.ppUserCandidates();
    int[] selected = new int[model.interactions];
    byte[] split = new byte[model.interactions];
    boolean[] hasTrain = new boolean[candidates];
    int count = 0;
    for (int j = 0; j < model.interactions; j++) {
      Interaction it = model.interaction(j);
      if (it.userIndex() >= candidates || ppIndex[it.recipeIndex()] < 0) {
        continue;
      }
      byte s = TRAIN;
      if (hasTrain[it.userIndex()]) {
        double u = Streams.of(model.spec.seed(), SPLIT, j).nextDouble();
        s = u < 0.010 ? VALIDATION : u < 0.027 ? TEST : TRAIN;
      }
      hasTrain[it.userIndex()] |= s == TRAIN;
      selected[count] = j;
      split[count] = s;
      count++;
    }
    // u numbers the users with a training row, in user order.
    int[] uOf = new int[candidates];
    int nextU = 0;
    for (int user = 0; user < candidates; user++) {
      uOf[user] = hasTrain[user] ? nextU++ : -1;
    }
    int[] trainPerU = new int[nextU];
    CsvWriter[] out = new CsvWriter[3];
    try {
      out[TRAIN] = CsvFiles.open(train, splitHeaders());
      out[TEST] = CsvFiles.open(test, splitHeaders());
      out[VALIDATION] = CsvFiles.open(validation, splitHeaders());
      for (int k = 0; k < count; k++) {
        Interaction it = model.interaction(selected[k]);
        int u = uOf[it.userIndex()];
        out[split[k]].writeRow(
            Integer.toString(model.userIds[it.userIndex()]),
            Integer.toString(model.recipeIds[it.recipeIndex()]),
            model.dates.format(it.day()),
            it.rating() + ".0",
            Integer.toString(u),
            Integer.toString(ppIndex[it.recipeIndex()]));
        if (split[k] == TRAIN) {
          tally.trainRows++;
          trainPerU[u]++;
        } else if (split[k] == TEST) {
          tally.testRows++;
        } else {
          tally.validationRows++;
        }
      }
    } finally {
      for (CsvWriter w : out) {
        if (w != null) {
          w.close();
        }
      }
    }
    writeUsers(users, selected, split, count, uOf, trainPerU);
  }

  private void writeUsers(
      Path path, int[] selected, byte[] split, int count, int[] uOf, int[] trainPerU)
      throws IOException {
    // Group the training rows by u with a counting sort, keeping interaction order within a u.
    int[] start = new int[trainPerU.length + 1];
    for (int u = 0; u < trainPerU.length; u++) {
      start[u + 1] = start[u] + trainPerU[u];
    }
    int[] fill = Arrays.copyOf(start, trainPerU.length);
    int[] items = new int[start[trainPerU.length]];
    int[] ratings = new int[items.length];
    for (int k = 0; k < count; k++) {
      if (split[k] != TRAIN) {
        continue;
      }
      Interaction it = model.interaction(selected[k]);
      int at = fill[uOf[it.userIndex()]]++;
      items[at] = ppIndex[it.recipeIndex()];
      ratings[at] = it.rating();
    }
    int[] recipeOfPp = new int[(int) tally.ppRecipes];
    for (int index = 0; index < ppIndex.length; index++) {
      if (ppIndex[index] >= 0) {
        recipeOfPp[ppIndex[index]] = index;
      }
    }
    CsvWriter csv =
        CsvFiles.open(path, "u", "techniques", "items", "n_items", "ratings", "n_ratings");
    try {
      for (int u = 0; u < trainPerU.length; u++) {
        int[] techniqueCounts = new int[Vocabulary.TECHNIQUES.size()];
        StringBuilder itemText = new StringBuilder().append('[');
        StringBuilder ratingText = new StringBuilder().append('[');
        for (int at = start[u]; at < start[u + 1]; at++) {
          if (at > start[u]) {
            itemText.append(", ");
            ratingText.append(", ");
          }
          itemText.append(items[at]);
          ratingText.append(ratings[at]).append(".0");
          long bits = techniqueBits[recipeOfPp[items[at]]];
          for (int t = 0; t < techniqueCounts.length; t++) {
            techniqueCounts[t] += (int) ((bits >>> t) & 1);
          }
        }
        int n = start[u + 1] - start[u];
        csv.writeRow(
            Integer.toString(u),
            Text.intList(techniqueCounts),
            itemText.append(']').toString(),
            Integer.toString(n),
            ratingText.append(']').toString(),
            Integer.toString(n));
        tally.ppUsers++;
      }
    } finally {
      csv.close();
    }
  }

  private static String[] splitHeaders() {
    return new String[] {"user_id", "recipe_id", "date", "rating", "u", "i"};
  }

  private long techniques(Recipe r) {
    List<String> techniques = Vocabulary.TECHNIQUES;
    long bits = 0;
    for (String step : r.steps()) {
      int space = step.indexOf(' ');
      int t = techniques.indexOf(space < 0 ? step : step.substring(0, space));
      if (t >= 0) {
        bits |= 1L << t;
      }
    }
    // Rows past model.recipes of the PP stream are free: isPpRecipe uses rows below it.
    SplittableRandom random =
        Streams.of(model.spec.seed(), Streams.PP, model.recipes + (long) r.index());
    for (int extra = random.nextInt(3); extra > 0; extra--) {
      bits |= 1L << random.nextInt(techniques.size());
    }
    return bits;
  }

  private static int[] flags(long bits) {
    int[] flags = new int[Vocabulary.TECHNIQUES.size()];
    for (int t = 0; t < flags.length; t++) {
      flags[t] = (int) ((bits >>> t) & 1);
    }
    return flags;
  }

  private static int[] tokens(String text) {
    List<String> words = Text.splitWords(text);
    int[] ids = new int[words.size()];
    for (int k = 0; k < ids.length; k++) {
      ids[k] = Vocabulary.tokenId(words.get(k));
    }
    return ids;
  }

  private static String ingredientTokens(List<String> ingredients) {
    StringBuilder out = new StringBuilder(ingredients.size() * 12).append('[');
    for (int k = 0; k < ingredients.size(); k++) {
      if (k > 0) {
        out.append(", ");
      }
      Text.appendIntList(out, tokens(ingredients.get(k)));
    }
    return out.append(']').toString();
  }
}
