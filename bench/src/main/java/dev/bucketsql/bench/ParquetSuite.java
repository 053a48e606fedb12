package dev.bucketsql.bench;

import dev.bucketsql.calcite.pushdown.ScanReport;
import dev.bucketsql.datagen.SampleFile;
import dev.bucketsql.jdbc.BucketSqlConnections;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Parquet queries over the cleaned copies of the data set: a selective filter on a sorted column, a
 * filter on a derived sorted column, a full one-column aggregate, a join grouped by year, and
 * footer-only aggregates. Each line gives the warm time (best of the repeats), the bytes and
 * requests fetched, the object's size, and the ideal: the bytes of the projected column chunks in
 * the row groups whose statistics overlap the filter, computed here from the footers, independently
 * of the engine.
 */
public final class ParquetSuite implements BenchSuite {
  private static final String INTERACTIONS = "RAW_interactions_clean.parquet";
  private static final String RECIPES = "RAW_recipes_clean.parquet";
  private static final int DAYS_2018 = (int) LocalDate.of(2018, 1, 1).toEpochDay();

  @Override
  public String name() {
    return "parquet";
  }

  @Override
  public void run(BenchEnvironment env, int repeat) throws Exception {
    PrintStream out = env.out();
    SampleFile interactions = env.manifest().file(INTERACTIONS);
    SampleFile recipes = env.manifest().file(RECIPES);
    ParquetMetadata iFooter = footer(interactions.path());
    ParquetMetadata rFooter = footer(recipes.path());
    out.printf(
        "%s: %,d bytes, %d row groups; %s: %,d bytes, %d row groups%n",
        INTERACTIONS,
        interactions.size(),
        iFooter.getBlocks().size(),
        RECIPES,
        recipes.size(),
        rFooter.getBlocks().size());
    out.printf("raw GET of %s: %.0f ms%n", INTERACTIONS, env.rawGet(INTERACTIONS) / 1e6);
    try (Connection c = env.connect()) {
      c.createStatement().executeQuery("SELECT COUNT(*) FROM RAW_recipes_clean").close();
      out.printf(
          "%-44s %9s %12s %5s %12s %12s %6s %9s%n",
          "query", "warm ms", "fetched", "reqs", "file", "ideal", "ratio", "groups");
      measure(
          env,
          c,
          repeat,
          "rating since 2018 (sorted date)",
          "SELECT COUNT(*), AVG(CAST(rating AS DOUBLE)) FROM RAW_interactions_clean"
              + " WHERE \"date\" >= DATE '2018-01-01'",
          interactions.size(),
          ideal(
              iFooter, "date", s -> ((Integer) s.genericGetMax()) >= DAYS_2018, "date", "rating"));
      measure(
          env,
          c,
          repeat,
          "calories since 2010 (sorted year)",
          "SELECT AVG(calories) FROM RAW_recipes_clean WHERE \"year\" >= 2010",
          recipes.size(),
          ideal(rFooter, "year", s -> ((Integer) s.genericGetMax()) >= 2010, "year", "calories"));
      measure(
          env,
          c,
          repeat,
          "full one-column aggregate",
          "SELECT AVG(CAST(rating AS DOUBLE)) FROM RAW_interactions_clean",
          interactions.size(),
          ideal(iFooter, null, s -> true, "rating"));
      measure(
          env,
          c,
          repeat,
          "join grouped by year",
          "SELECT r.\"year\", COUNT(*), AVG(CAST(i.rating AS DOUBLE))"
              + " FROM RAW_interactions_clean i JOIN RAW_recipes_clean r ON i.recipe_id = r.id"
              + " GROUP BY r.\"year\" ORDER BY r.\"year\"",
          interactions.size() + recipes.size(),
          ideal(iFooter, null, s -> true, "recipe_id", "rating")
              + ideal(rFooter, null, s -> true, "id", "year"));
      measure(
          env,
          c,
          repeat,
          "COUNT(*) (footer only)",
          "SELECT COUNT(*) FROM RAW_interactions_clean",
          interactions.size(),
          0);
      measure(
          env,
          c,
          repeat,
          "MIN/MAX(date) (footer only)",
          "SELECT MIN(\"date\"), MAX(\"date\") FROM RAW_interactions_clean",
          interactions.size(),
          0);
    }
  }

  private static void measure(
      BenchEnvironment env,
      Connection c,
      int repeat,
      String label,
      String sql,
      long fileSize,
      long ideal)
      throws Exception {
    env.time(c, sql, 1); // warm: planning caches, footers
    BucketSqlConnections.clearScans(c);
    BenchEnvironment.Run run = env.time(c, sql, repeat);
    List<ScanReport> scans = BucketSqlConnections.latestScans(c);
    int kept = 0;
    int total = 0;
    for (ScanReport s : scans) {
      kept += s.pruning().kept();
      total += s.pruning().total();
    }
    long fetched = run.fetched().bytesFetched();
    env.out()
        .printf(
            "%-44s %9.1f %,12d %5d %,12d %,12d %6s %9s%n",
            label,
            run.nanos() / 1e6,
            fetched,
            run.fetched().requests(),
            fileSize,
            ideal,
            ideal == 0 ? "-" : String.format("%.3f", (double) fetched / ideal),
            scans.isEmpty() ? "no scan" : kept + "/" + total);
    env.out()
        .printf(
            "    -> %s%n", run.rows().size() > 3 ? run.rows().subList(0, 3) + "..." : run.rows());
  }

  /**
   * Bytes of the chunks of {@code columns} in the row groups whose stats on {@code filterColumn}
   * pass.
   */
  private static long ideal(
      ParquetMetadata footer,
      String filterColumn,
      Predicate<Statistics<?>> overlaps,
      String... columns) {
    long bytes = 0;
    for (BlockMetaData block : footer.getBlocks()) {
      boolean keep = true;
      if (filterColumn != null) {
        for (ColumnChunkMetaData chunk : block.getColumns()) {
          if (chunk.getPath().toDotString().equals(filterColumn)) {
            keep = overlaps.test(chunk.getStatistics());
          }
        }
      }
      if (!keep) {
        continue;
      }
      for (ColumnChunkMetaData chunk : block.getColumns()) {
        for (String column : columns) {
          if (chunk.getPath().toDotString().equals(column)) {
            bytes += chunk.getTotalSize();
          }
        }
      }
    }
    return bytes;
  }

  /** The footer of a local Parquet file, decoded directly (no reader, no Hadoop types). */
  private static ParquetMetadata footer(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path)) {
      long size = channel.size();
      ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      channel.read(tail, size - 8);
      int length = tail.getInt(0);
      ByteBuffer footer = ByteBuffer.allocate(length);
      channel.read(footer, size - 8 - length);
      return new ParquetMetadataConverter()
          .readParquetMetadata(
              new ByteArrayInputStream(footer.array()), ParquetMetadataConverter.NO_FILTER);
    }
  }
}
