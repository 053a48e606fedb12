package dev.bucketsql.engine.aggregate;

import dev.bucketsql.engine.memory.MemoryBudget;

/**
 * The reservation of the values a batch adds to calls that hold them ({@code STRING_AGG}, folds).
 */
final class HeldValues {
  private HeldValues() {}

  /**
   * Reserves {@code bytes}, the sum of {@code rowBytes[0..n)} (0 for a row that adds no value), for
   * an aggregate holding {@code groups} groups and {@code values} values before the batch: at once
   * when they fit, else value by value, so that the memory error names the value that did not fit
   * ({@code values + 1} for the first), as Calcite's guard counts them.
   *
   * @return the values held after the batch
   */
  static long reserve(
      MemoryBudget budget, long bytes, long[] rowBytes, int n, long groups, long values) {
    long added = 0;
    for (int i = 0; i < n; i++) {
      added += rowBytes[i] > 0 ? 1 : 0;
    }
    if (budget.fits(bytes)) {
      budget.reserve(bytes, groups, values + added);
      return values + added;
    }
    long held = values;
    for (int i = 0; i < n; i++) {
      if (rowBytes[i] > 0) {
        budget.reserve(rowBytes[i], groups, ++held);
      }
    }
    return held;
  }
}
