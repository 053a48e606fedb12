package dev.bucketsql.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cleaned Parquet files, re-read with parquet-java and recounted. */
class CleanParquetTest {
  private static SampleManifest manifest;
  private static ParquetRows recipes;
  private static ParquetRows interactions;
  private static CsvRows rawRecipes;
  private static CsvRows rawInteractions;

  @BeforeAll
  static void read() throws IOException {
    manifest = TinySample.manifest();
    recipes = ParquetRows.read(manifest.file(SampleData.RAW_RECIPES_PARQUET).path());
    interactions = ParquetRows.read(manifest.file(SampleData.RAW_INTERACTIONS_PARQUET).path());
    rawRecipes = CsvRows.read(manifest.file(SampleData.RAW_RECIPES).path());
    rawInteractions = CsvRows.read(manifest.file(SampleData.RAW_INTERACTIONS).path());
  }

  @Test
  void schemasHaveTheDocumentedTypes() {
    var recipeSchema = recipes.schema();
    assertThat(recipeSchema.getFields().stream().map(f -> f.getName()))
        .containsExactly(
            "name",
            "id",
            "minutes",
            "contributor_id",
            "submitted",
            "year",
            "n_steps",
            "n_ingredients",
            "description",
            "calories",
            "total_fat",
            "sugar",
            "sodium",
            "protein",
            "saturated_fat",
            "carbohydrates");
    assertThat(recipeSchema.getType("submitted").getLogicalTypeAnnotation())
        .isEqualTo(LogicalTypeAnnotation.dateType());
    // Integer columns are INT64: the CSV copies read them as BIGINT, and so does DuckDB.
    for (String column :
        List.of("id", "minutes", "contributor_id", "year", "n_steps", "n_ingredients")) {
      assertThat(recipeSchema.getType(column).asPrimitiveType().getPrimitiveTypeName())
          .as(column)
          .isEqualTo(PrimitiveTypeName.INT64);
    }
    assertThat(recipeSchema.getType("calories").asPrimitiveType().getPrimitiveTypeName())
        .isEqualTo(PrimitiveTypeName.DOUBLE);
    var interactionSchema = interactions.schema();
    assertThat(interactionSchema.getFields().stream().map(f -> f.getName()))
        .containsExactly("user_id", "recipe_id", "date", "rating", "review");
    assertThat(interactionSchema.getType("date").getLogicalTypeAnnotation())
        .isEqualTo(LogicalTypeAnnotation.dateType());
    for (String column : List.of("user_id", "recipe_id", "rating")) {
      assertThat(interactionSchema.getType(column).asPrimitiveType().getPrimitiveTypeName())
          .as(column)
          .isEqualTo(PrimitiveTypeName.INT64);
    }
    assertThat(interactionSchema.getType("review").getLogicalTypeAnnotation())
        .isEqualTo(LogicalTypeAnnotation.stringType());
  }

  @Test
  void rowCountsAndRowGroupsMatchTheManifest() {
    assertThat(recipes.rows).hasSize((int) manifest.counts().recipes());
    assertThat(interactions.rows).hasSize((int) manifest.counts().interactions());
    assertThat(recipes.rowGroups())
        .hasSize(manifest.file(SampleData.RAW_RECIPES_PARQUET).rowGroups())
        .hasSizeGreaterThanOrEqualTo(4);
    assertThat(interactions.rowGroups())
        .hasSize(manifest.file(SampleData.RAW_INTERACTIONS_PARQUET).rowGroups())
        .hasSizeGreaterThanOrEqualTo(4);
    assertThat(recipes.rowGroups().get(0).getColumns().get(0).getCodec())
        .isEqualTo(CompressionCodecName.SNAPPY);
  }

  @Test
  void rowGroupStatisticsAreDisjointAndAscendingSoTheyPrune() {
    assertAscendingRanges(recipes.rowGroups(), "submitted");
    assertAscendingRanges(interactions.rowGroups(), "date");
    // year follows submitted, so the later row groups can be skipped for year < 2010.
    List<int[]> years = ranges(recipes.rowGroups(), "year");
    assertThat(years.get(0)[1]).isLessThan(2010);
    assertThat(years.get(years.size() - 1)[0]).isGreaterThanOrEqualTo(2005);
  }

  @Test
  void rowsAreSortedByDate() {
    List<Integer> submitted = new ArrayList<>();
    recipes.rows.forEach(g -> submitted.add(g.getInteger("submitted", 0)));
    List<Integer> dates = new ArrayList<>();
    interactions.rows.forEach(g -> dates.add(g.getInteger("date", 0)));

    assertThat(submitted).isSorted();
    assertThat(dates).isSorted();
  }

  @Test
  void averageCaloriesSince2010MatchesTheManifest() {
    long count = 0;
    BigDecimal sum = BigDecimal.ZERO;
    for (Group g : recipes.rows) {
      long year = g.getLong("year", 0);
      assertThat(year).isEqualTo(LocalDate.ofEpochDay(g.getInteger("submitted", 0)).getYear());
      if (year >= 2010) {
        count++;
        sum = sum.add(BigDecimal.valueOf(g.getDouble("calories", 0)));
      }
    }
    SampleCounts counts = manifest.counts();

    assertThat(count).isPositive().isEqualTo(counts.recipesSince2010());
    assertThat(sum.movePointRight(1).longValueExact()).isEqualTo(counts.caloriesTenthsSince2010());
    assertThat(sum.doubleValue() / count).isCloseTo(counts.avgCaloriesSince2010(), within(1e-9));
  }

  @Test
  void reviewsSince2018MatchTheManifestAndTheCsv() {
    int since = (int) LocalDate.of(2018, 1, 1).toEpochDay();
    long count = 0;
    long ratingSum = 0;
    long withNewline = 0;
    long nulls = 0;
    for (Group g : interactions.rows) {
      if (g.getInteger("date", 0) >= since) {
        count++;
        ratingSum += g.getLong("rating", 0);
      }
      if (g.getFieldRepetitionCount("review") == 0) {
        nulls++;
      } else if (g.getString("review", 0).contains("\n")) {
        withNewline++;
      }
    }
    SampleCounts counts = manifest.counts();

    assertThat(count).isPositive().isEqualTo(counts.interactionsSince2018());
    assertThat(ratingSum).isEqualTo(counts.ratingSumSince2018());
    assertThat(withNewline).isEqualTo(counts.reviewsWithNewline());
    assertThat(nulls).isEqualTo(counts.emptyReviews());
  }

  @Test
  void parquetHoldsTheSameRowsAsTheCsv() {
    List<String> fromCsv = new ArrayList<>();
    for (String[] row : rawInteractions.rows) {
      fromCsv.add(String.join("|", row[0], row[1], row[2], row[3], row[4]));
    }
    List<String> fromParquet = new ArrayList<>();
    for (Group g : interactions.rows) {
      fromParquet.add(
          String.join(
              "|",
              Long.toString(g.getLong("user_id", 0)),
              Long.toString(g.getLong("recipe_id", 0)),
              LocalDate.ofEpochDay(g.getInteger("date", 0)).toString(),
              Long.toString(g.getLong("rating", 0)),
              g.getFieldRepetitionCount("review") == 0 ? "" : g.getString("review", 0)));
    }
    assertThat(fromParquet).containsExactlyInAnyOrderElementsOf(fromCsv);

    List<String> recipesFromCsv = new ArrayList<>();
    int nutrition = rawRecipes.column("nutrition");
    for (String[] row : rawRecipes.rows) {
      String calories = row[nutrition].substring(1, row[nutrition].indexOf(','));
      recipesFromCsv.add(row[1] + "|" + row[0] + "|" + row[4] + "|" + calories + "|" + row[9]);
    }
    List<String> recipesFromParquet = new ArrayList<>();
    for (Group g : recipes.rows) {
      recipesFromParquet.add(
          g.getLong("id", 0)
              + "|"
              + g.getString("name", 0)
              + "|"
              + LocalDate.ofEpochDay(g.getInteger("submitted", 0))
              + "|"
              + g.getDouble("calories", 0)
              + "|"
              + (g.getFieldRepetitionCount("description") == 0
                  ? ""
                  : g.getString("description", 0)));
    }
    assertThat(recipesFromParquet).containsExactlyInAnyOrderElementsOf(recipesFromCsv);
  }

  private static void assertAscendingRanges(List<BlockMetaData> groups, String column) {
    List<int[]> ranges = ranges(groups, column);
    for (int k = 1; k < ranges.size(); k++) {
      assertThat(ranges.get(k)[0])
          .as("%s: row group %d starts at or after row group %d ends", column, k, k - 1)
          .isGreaterThanOrEqualTo(ranges.get(k - 1)[1]);
    }
    assertThat(ranges.get(ranges.size() - 1)[1]).isGreaterThan(ranges.get(0)[0]);
  }

  private static List<int[]> ranges(List<BlockMetaData> groups, String column) {
    List<int[]> ranges = new ArrayList<>();
    for (BlockMetaData group : groups) {
      ColumnChunkMetaData chunk =
          group.getColumns().stream()
              .filter(c -> c.getPath().toDotString().equals(column))
              .findFirst()
              .orElseThrow();
      // DATE columns are INT32, the other integer columns INT64
      Statistics<?> stats = chunk.getStatistics();
      assertThat(stats.hasNonNullValue()).isTrue();
      ranges.add(
          new int[] {
            Math.toIntExact(((Number) stats.genericGetMin()).longValue()),
            Math.toIntExact(((Number) stats.genericGetMax()).longValue())
          });
    }
    return ranges;
  }
}
