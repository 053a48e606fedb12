package dev.bucketsql.datagen;

import java.util.SplittableRandom;

/**
 * Independent random streams per (seed, purpose, row): any row can be generated again, in any
 * order, with the same values. That lets the Parquet writers emit rows in date order without
 * holding the whole table in memory.
 */
final class Streams {
  static final int RECIPE = 1;
  static final int RECIPE_ID = 2;
  static final int USER_ID = 3;
  static final int INTERACTION = 4;
  static final int REVIEW = 5;
  static final int PP = 6;

  private Streams() {}

  /** The stream for row {@code row} of purpose {@code purpose} under {@code seed}. */
  static SplittableRandom of(long seed, int purpose, long row) {
    return new SplittableRandom(mix(mix(seed ^ (0x9E3779B97F4A7C15L * purpose)) + row));
  }

  /** An index in [0, n) skewed towards 0: low indexes are the popular recipes and users. */
  static int skewed(SplittableRandom random, int n, double exponent) {
    int k = (int) (n * Math.pow(random.nextDouble(), exponent));
    return Math.min(k, n - 1);
  }

  // The finaliser of SplitMix64: spreads nearby seeds over the whole 64-bit space.
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
