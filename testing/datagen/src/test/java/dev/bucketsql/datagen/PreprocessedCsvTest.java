package dev.bucketsql.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PP_recipes.csv, PP_users.csv and the three splits, re-read and checked against each other. */
class PreprocessedCsvTest {
  private static SampleManifest manifest;
  private static CsvRows recipes;
  private static CsvRows ppRecipes;
  private static CsvRows ppUsers;
  private static CsvRows train;
  private static CsvRows test;
  private static CsvRows validation;

  @BeforeAll
  static void read() throws IOException {
    manifest = TinySample.manifest();
    recipes = CsvRows.read(manifest.file(SampleData.RAW_RECIPES).path());
    ppRecipes = CsvRows.read(manifest.file(SampleData.PP_RECIPES).path());
    ppUsers = CsvRows.read(manifest.file(SampleData.PP_USERS).path());
    train = CsvRows.read(manifest.file(SampleData.INTERACTIONS_TRAIN).path());
    test = CsvRows.read(manifest.file(SampleData.INTERACTIONS_TEST).path());
    validation = CsvRows.read(manifest.file(SampleData.INTERACTIONS_VALIDATION).path());
  }

  @Test
  void headersAndRowCountsMatchTheManifest() {
    SampleCounts counts = manifest.counts();
    assertThat(ppRecipes.header)
        .containsExactly(
            "id",
            "i",
            "name_tokens",
            "ingredient_tokens",
            "steps_tokens",
            "techniques",
            "calorie_level",
            "ingredient_ids");
    assertThat(ppUsers.header)
        .containsExactly("u", "techniques", "items", "n_items", "ratings", "n_ratings");
    for (CsvRows split : List.of(train, test, validation)) {
      assertThat(split.header).containsExactly("user_id", "recipe_id", "date", "rating", "u", "i");
    }
    assertThat(ppRecipes.rows).hasSize((int) counts.ppRecipes());
    assertThat(ppUsers.rows).hasSize((int) counts.ppUsers());
    assertThat(train.rows).hasSize((int) counts.trainRows()).isNotEmpty();
    assertThat(test.rows).hasSize((int) counts.testRows()).isNotEmpty();
    assertThat(validation.rows).hasSize((int) counts.validationRows()).isNotEmpty();
    // A subset of the recipes, as in the Food.com set.
    assertThat(counts.ppRecipes()).isLessThan(counts.recipes()).isGreaterThan(counts.recipes() / 2);
  }

  @Test
  void calorieLevelBreakdownMatches() {
    int level = ppRecipes.column("calorie_level");
    Map<Integer, Long> levels = new TreeMap<>();
    for (String[] row : ppRecipes.rows) {
      levels.merge(Integer.parseInt(row[level]), 1L, Long::sum);
    }

    assertThat(levels).isEqualTo(manifest.counts().calorieLevels());
    assertThat(levels.keySet()).containsExactly(0, 1, 2);
  }

  @Test
  void recipeIndexIsDenseAndIdsExistInRawRecipes() {
    Set<String> rawIds = new HashSet<>();
    int rawId = recipes.column("id");
    recipes.rows.forEach(r -> rawIds.add(r[rawId]));
    int id = ppRecipes.column("id");
    int i = ppRecipes.column("i");
    int techniques = ppRecipes.column("techniques");
    for (int k = 0; k < ppRecipes.rows.size(); k++) {
      String[] row = ppRecipes.rows.get(k);
      assertThat(row[i]).isEqualTo(Integer.toString(k));
      assertThat(rawIds).contains(row[id]);
      assertThat(ints(row[techniques])).hasSize(58).allMatch(f -> f == 0 || f == 1);
    }
  }

  @Test
  void splitsReferToPreprocessedUsersAndRecipes() {
    Map<String, String> idOfI = new HashMap<>();
    ppRecipes.rows.forEach(r -> idOfI.put(r[ppRecipes.column("i")], r[ppRecipes.column("id")]));
    Map<String, String> userOfU = new HashMap<>();
    for (CsvRows split : List.of(train, test, validation)) {
      for (String[] row : split.rows) {
        assertThat(idOfI.get(row[5])).as("i %s", row[5]).isEqualTo(row[1]);
        String known = userOfU.putIfAbsent(row[4], row[0]);
        assertThat(known == null || known.equals(row[0])).as("u %s is one user", row[4]).isTrue();
        assertThat(row[3]).matches("[0-5]\\.0");
      }
    }
    assertThat(userOfU).hasSize(ppUsers.rows.size());
  }

  @Test
  void usersAggregateTheirTrainingRows() {
    Map<String, List<Integer>> itemsOfU = new HashMap<>();
    Map<String, List<String>> ratingsOfU = new HashMap<>();
    for (String[] row : train.rows) {
      itemsOfU.computeIfAbsent(row[4], k -> new ArrayList<>()).add(Integer.parseInt(row[5]));
      ratingsOfU.computeIfAbsent(row[4], k -> new ArrayList<>()).add(row[3]);
    }
    for (int u = 0; u < ppUsers.rows.size(); u++) {
      String[] row = ppUsers.rows.get(u);
      String key = Integer.toString(u);
      assertThat(row[0]).isEqualTo(key);
      assertThat(ints(row[2])).isEqualTo(itemsOfU.get(key));
      assertThat(row[3]).isEqualTo(Integer.toString(itemsOfU.get(key).size()));
      assertThat(row[4]).isEqualTo(ratingsOfU.get(key).toString());
      assertThat(row[5]).isEqualTo(row[3]);
      assertThat(ints(row[1])).hasSize(58);
    }
  }

  private static List<Integer> ints(String listText) {
    String inner = listText.substring(1, listText.length() - 1);
    List<Integer> out = new ArrayList<>();
    if (!inner.isEmpty()) {
      for (String part : inner.split(", ")) {
        out.add(Integer.parseInt(part));
      }
    }
    return out;
  }
}
