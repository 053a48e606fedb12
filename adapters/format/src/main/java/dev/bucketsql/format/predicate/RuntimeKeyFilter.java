package dev.bucketsql.format.predicate;

import static java.util.Objects.requireNonNull;

/**
 * A scan attachment ({@link dev.bucketsql.format.ScanSpec#with}): rows whose column {@code column}
 * (an index in the file's schema, a column read as 64-bit integers) holds none of {@code keys} may
 * be left out of the scan. Unlike the {@link ScanPredicate}, nothing above the scan checks it
 * again, and nothing needs to: its user (a hash join on that column) would drop those rows itself.
 * A format that cannot use it ignores it; one that maps columns to another file's must not hand it
 * on unchanged.
 *
 * @param column the file column the keys restrict
 * @param keys the keys, known once the query has built them
 */
public record RuntimeKeyFilter(int column, RuntimeKeySet keys) {
  /** Checks the arguments. */
  public RuntimeKeyFilter {
    if (column < 0) {
      throw new IllegalArgumentException("column " + column + " is negative");
    }
    requireNonNull(keys, "keys is null");
  }
}
