package dev.bucketsql.format;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.predicate.ScanPredicate;
import dev.bucketsql.storage.IoStats;

/**
 * What one scan of a data file should produce.
 *
 * @param projection indexes of the file's columns to produce, in output order; an empty array
 *     produces rows with no values, which is all {@code COUNT(*)} needs
 * @param stats where the scan's requests and bytes are counted
 * @param predicate what rows must satisfy, by column index in the file's schema; the scan may
 *     skip data that cannot match it (and may still return rows that do not match)
 */
public record ScanSpec(int[] projection, IoStats stats, ScanPredicate predicate) {
  /** Copies the projection. */
  public ScanSpec {
    projection = requireNonNull(projection, "projection is null").clone();
    requireNonNull(stats, "stats is null");
    requireNonNull(predicate, "predicate is null");
  }

  /** A scan with no predicate. */
  public ScanSpec(int[] projection, IoStats stats) {
    this(projection, stats, ScanPredicate.all());
  }

  /** This scan restricted to {@code newPredicate}. */
  public ScanSpec withPredicate(ScanPredicate newPredicate) {
    return new ScanSpec(projection, stats, newPredicate);
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
