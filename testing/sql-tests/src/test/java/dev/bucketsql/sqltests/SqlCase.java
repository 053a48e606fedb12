package dev.bucketsql.sqltests;

import static java.util.Objects.requireNonNull;

/**
 * One query of the differential tests.
 *
 * @param name a short name, shown by JUnit
 * @param sql the statement run through BucketSQL
 * @param duckSql the same question in DuckDB's dialect (usually the same text)
 * @param ordered whether row order is part of the answer (the query's ORDER BY decides every row's
 *     place); otherwise rows are compared as a multiset
 */
record SqlCase(String name, String sql, String duckSql, boolean ordered) {
  SqlCase {
    requireNonNull(name, "name is null");
    requireNonNull(sql, "sql is null");
    requireNonNull(duckSql, "duckSql is null");
  }

  /** A query with the same text in both engines, compared as a multiset of rows. */
  static SqlCase of(String name, String sql) {
    return new SqlCase(name, sql, sql, false);
  }

  /** A query whose ORDER BY fixes every row's place. */
  static SqlCase ordered(String name, String sql) {
    return new SqlCase(name, sql, sql, true);
  }

  /** This case with DuckDB's own text. */
  SqlCase duck(String text) {
    return new SqlCase(name, sql, text, ordered);
  }

  @Override
  public String toString() {
    return name;
  }
}
