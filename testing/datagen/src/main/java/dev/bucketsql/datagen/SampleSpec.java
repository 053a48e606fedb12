package dev.bucketsql.datagen;

import static java.util.Objects.requireNonNull;

/**
 * What to generate: a seed and the number of recipes and reviews. The same spec always yields
 * byte-identical files.
 *
 * @param seed the random seed
 * @param recipes number of rows of RAW_recipes.csv, at least 10
 * @param interactions number of rows of RAW_interactions.csv, at least 1
 */
public record SampleSpec(long seed, int recipes, int interactions) {
  /** The seed used when none is given. */
  public static final long DEFAULT_SEED = 20_260_101L;

  /** Checks the counts. */
  public SampleSpec {
    if (recipes < 10) {
      throw new IllegalArgumentException("recipes must be at least 10, was " + recipes);
    }
    if (interactions < 1) {
      throw new IllegalArgumentException("interactions must be at least 1, was " + interactions);
    }
  }

  /** The preset {@code scale} with the default seed. */
  public static SampleSpec of(SampleScale scale) {
    return of(scale, DEFAULT_SEED);
  }

  /** The preset {@code scale} with {@code seed}. */
  public static SampleSpec of(SampleScale scale, long seed) {
    requireNonNull(scale, "scale is null");
    return new SampleSpec(seed, scale.recipes(), scale.interactions());
  }

  /** This spec with another seed. */
  public SampleSpec withSeed(long newSeed) {
    return new SampleSpec(newSeed, recipes, interactions);
  }

  /**
   * Rows per Parquet row group for a file of {@code rows} rows: about eight row groups per file at
   * every scale (at least 32 rows each), so that min/max statistics can prune even in unit tests.
   */
  static int rowGroupRows(long rows) {
    return (int) Math.max(32, (rows + 7) / 8);
  }
}
