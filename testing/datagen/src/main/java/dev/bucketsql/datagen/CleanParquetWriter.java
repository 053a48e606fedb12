package dev.bucketsql.datagen;

import dev.bucketsql.parquet.write.GroupParquetWriters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes the cleaned Parquet copies: RAW_recipes_clean.parquet sorted by submission date and
 * RAW_interactions_clean.parquet sorted by review date, each in about eight row groups, so that
 * row-group min/max statistics prune by date and year.
 *
 * <p>Every integer column is INT64 (BIGINT), the type DuckDB infers for the same columns of the CSV
 * copies and the type of the real data set's Parquet ids, so a column has one type whichever format
 * holds it.
 *
 * <p>SNAPPY-compressed with parquet-java's defaults otherwise (statistics, dictionary encoding),
 * through the project's Hadoop-free codec factory.
 */
final class CleanParquetWriter {
  static final MessageType RECIPES =
      MessageTypeParser.parseMessageType(
          "message RAW_recipes_clean {\n"
              + "  required binary name (STRING);\n"
              + "  required int64 id;\n"
              + "  required int64 minutes;\n"
              + "  required int64 contributor_id;\n"
              + "  required int32 submitted (DATE);\n"
              + "  required int64 year;\n"
              + "  required int64 n_steps;\n"
              + "  required int64 n_ingredients;\n"
              + "  optional binary description (STRING);\n"
              + "  required double calories;\n"
              + "  required double total_fat;\n"
              + "  required double sugar;\n"
              + "  required double sodium;\n"
              + "  required double protein;\n"
              + "  required double saturated_fat;\n"
              + "  required double carbohydrates;\n"
              + "}");
  static final MessageType INTERACTIONS =
      MessageTypeParser.parseMessageType(
          "message RAW_interactions_clean {\n"
              + "  required int64 user_id;\n"
              + "  required int64 recipe_id;\n"
              + "  required int32 date (DATE);\n"
              + "  required int64 rating;\n"
              + "  optional binary review (STRING);\n"
              + "}");
  private static final String[] NUTRITION = {
    "calories", "total_fat", "sugar", "sodium", "protein", "saturated_fat", "carbohydrates"
  };
  private static final int YEAR_2010 = 2010;

  private final SampleModel model;
  private final Tally tally;

  CleanParquetWriter(SampleModel model, Tally tally) {
    this.model = model;
    this.tally = tally;
  }

  /** Writes the recipes; returns the number of row groups written. */
  int writeRecipes(Path path) throws IOException {
    long[] order = new long[model.recipes];
    for (int i = 0; i < order.length; i++) {
      order[i] = ((long) model.submitted[i] << 32) | i;
    }
    Arrays.sort(order);
    SimpleGroupFactory groups = new SimpleGroupFactory(RECIPES);
    ParquetWriter<Group> writer = open(path, RECIPES, model.recipes);
    try (writer) {
      for (long key : order) {
        Recipe r = model.recipe((int) key);
        int year = LocalDate.ofEpochDay(r.submittedDay()).getYear();
        Group g =
            groups
                .newGroup()
                .append("name", r.name())
                .append("id", (long) r.id())
                .append("minutes", (long) r.minutes())
                .append("contributor_id", (long) r.contributorId())
                .append("submitted", r.submittedDay())
                .append("year", (long) year)
                .append("n_steps", (long) r.steps().size())
                .append("n_ingredients", (long) r.ingredients().size());
        if (!r.description().isEmpty()) {
          g.append("description", r.description());
        }
        int[] nutrition = r.nutritionTenths();
        for (int k = 0; k < NUTRITION.length; k++) {
          g.append(NUTRITION[k], nutrition[k] / 10.0);
        }
        writer.write(g);
        if (year >= YEAR_2010) {
          tally.recipesSince2010++;
          tally.caloriesTenthsSince2010 += r.caloriesTenths();
        }
      }
    }
    return writer.getFooter().getBlocks().size();
  }

  /** Writes the interactions; returns the number of row groups written. */
  int writeInteractions(Path path) throws IOException {
    long[] order = new long[model.interactions];
    for (int j = 0; j < order.length; j++) {
      order[j] = ((long) model.interaction(j).day() << 32) | j;
    }
    Arrays.sort(order);
    SimpleGroupFactory groups = new SimpleGroupFactory(INTERACTIONS);
    ParquetWriter<Group> writer = open(path, INTERACTIONS, model.interactions);
    try (writer) {
      for (long key : order) {
        int j = (int) key;
        Interaction it = model.interaction(j);
        String review = model.review(j);
        Group g =
            groups
                .newGroup()
                .append("user_id", (long) model.userIds[it.userIndex()])
                .append("recipe_id", (long) model.recipeIds[it.recipeIndex()])
                .append("date", it.day())
                .append("rating", (long) it.rating());
        if (!review.isEmpty()) {
          g.append("review", review);
        }
        writer.write(g);
      }
    }
    return writer.getFooter().getBlocks().size();
  }

  private static ParquetWriter<Group> open(Path path, MessageType schema, int rows)
      throws IOException {
    // The writer refuses to overwrite unless told; generating twice into a directory is fine.
    Files.deleteIfExists(path);
    return GroupParquetWriters.builder(new LocalOutputFile(path), schema)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withRowGroupRowCountLimit(SampleSpec.rowGroupRows(rows))
        .build();
  }
}
