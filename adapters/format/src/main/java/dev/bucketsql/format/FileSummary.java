package dev.bucketsql.format;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Aggregates a data file can answer from its metadata alone, without reading data: Parquet's
 * footer knows the row count and, often, every column's exact minimum and maximum.
 * Implementations may read the metadata (a footer request) but never data pages.
 */
public interface FileSummary {
  /** The exact number of rows, if the metadata knows it. */
  OptionalLong exactRowCount();

  /**
   * The exact smallest and largest non-null value of column {@code column} over the whole file,
   * if the metadata knows them for certain; values use {@link ColumnType}'s representation.
   */
  Optional<MinMax> exactMinMax(int column);

  /**
   * The extreme values of a column.
   *
   * @param min smallest non-null value, null when every value is NULL
   * @param max largest non-null value, null when every value is NULL
   */
  record MinMax(Comparable<?> min, Comparable<?> max) {}
}
