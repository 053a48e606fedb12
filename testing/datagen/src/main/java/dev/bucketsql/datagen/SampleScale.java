package dev.bucketsql.datagen;

/** Preset sizes of the sample data set. */
public enum SampleScale {
  /** 300 recipes and 2,000 reviews: for unit tests, generated in well under a second. */
  TINY(300, 2_000),
  /** 5,000 recipes and 25,000 reviews: for integration tests that want some volume. */
  SMALL(5_000, 25_000),
  /**
   * The size of the Food.com data set: 231,637 recipes and 1,132,367 reviews (RAW_interactions.csv
   * over 200 MB), for benchmarks.
   */
  FULL(231_637, 1_132_367);

  private final int recipes;
  private final int interactions;

  SampleScale(int recipes, int interactions) {
    this.recipes = recipes;
    this.interactions = interactions;
  }

  /** Number of rows of RAW_recipes.csv at this scale. */
  public int recipes() {
    return recipes;
  }

  /** Number of rows of RAW_interactions.csv at this scale. */
  public int interactions() {
    return interactions;
  }
}
