package dev.bucketsql.format;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Aggregates a data file can answer from its metadata alone, without reading data: Parquet's footer
 * knows the row count and, often, every column's exact minimum and maximum. Implementations may
 * read the metadata (a footer request) but never data pages.
 */
public interface FileSummary {
  /** The exact number of rows, if the metadata knows it. */
  OptionalLong exactRowCount();

  /**
   * The exact smallest and largest non-null value of column {@code column} over the whole file, if
   * the metadata knows them for certain; values use {@link ColumnType}'s representation.
   */
  Optional<MinMax> exactMinMax(int column);

  /**
   * About how many distinct non-null values column {@code column} holds, for the planner's row
   * estimates; never an answer to a query. Unlike the other methods this may read a few bytes
   * beyond the metadata (a Parquet dictionary page's header); implementations cache it. Empty when
   * unknown.
   */
  default OptionalDouble estimatedDistinctValues(int column) {
    return OptionalDouble.empty();
  }

  /**
   * The extreme values of a column.
   *
   * @param min smallest non-null value, null when every value is NULL
   * @param max largest non-null value, null when every value is NULL
   */
  record MinMax(Comparable<?> min, Comparable<?> max) {}
}
