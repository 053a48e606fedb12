package dev.bucketsql.format;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.storage.IoStats;

/**
 * What one scan of a data file should produce.
 *
 * @param projection indexes of the file's columns to produce, in output order; an empty array
 *     produces rows with no values, which is all {@code COUNT(*)} needs
 * @param stats where the scan's requests and bytes are counted
 */
public record ScanSpec(int[] projection, IoStats stats) {
  /** Copies the projection. */
  public ScanSpec {
    projection = requireNonNull(projection, "projection is null").clone();
    requireNonNull(stats, "stats is null");
  }

  /** A scan of every column of {@code schema}. */
  public static ScanSpec allColumns(TableSchema schema, IoStats stats) {
    int[] all = new int[schema.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    return new ScanSpec(all, stats);
  }

  @Override
  public int[] projection() {
    return projection.clone();
  }
}
