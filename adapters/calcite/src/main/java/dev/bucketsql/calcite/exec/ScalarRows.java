package dev.bucketsql.calcite.exec;

import org.apache.calcite.linq4j.Enumerable;

/**
 * One-column rows as Calcite's operators expect them. Calcite represents a row of one field as
 * the bare value (its SCALAR format) and every operator that builds its own physical type from a
 * child's format (sort, union, distinct) assumes it; the fused operators produce {@code Object[]}
 * rows, so a plan whose fused aggregate has one output column unwraps them here.
 */
public final class ScalarRows {
  private ScalarRows() {}

  /** The only value of each row of {@code rows}. */
  public static Enumerable<Object> of(Enumerable<Object[]> rows) {
    return rows.select(row -> row[0]);
  }
}
