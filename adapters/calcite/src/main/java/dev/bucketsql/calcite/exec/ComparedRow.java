package dev.bucketsql.calcite.exec;

import org.apache.calcite.linq4j.function.EqualityComparer;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A row in a hash set or map, hashed and compared by the comparer Calcite gives for its rows (array
 * rows compare by their elements, not by identity).
 */
final class ComparedRow {
  final Object row;

  @SuppressWarnings("rawtypes")
  private final EqualityComparer comparer;

  @SuppressWarnings("rawtypes")
  ComparedRow(Object row, EqualityComparer comparer) {
    this.row = row;
    this.comparer = comparer;
  }

  @Override
  @SuppressWarnings("unchecked")
  public int hashCode() {
    return comparer.hashCode(row);
  }

  @Override
  @SuppressWarnings("unchecked")
  public boolean equals(@Nullable Object o) {
    return o instanceof ComparedRow c && comparer.equal(row, c.row);
  }
}
