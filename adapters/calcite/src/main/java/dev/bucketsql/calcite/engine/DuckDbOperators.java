package dev.bucketsql.calcite.engine;

import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * Operators of Calcite's other dialect libraries that DuckDB users type, taken one by one rather
 * than by library (a whole library would also change functions BucketSQL already has): {@code
 * TRY_CAST(x AS type)} (NULL where the cast fails), {@code ifnull(a, b)} and {@code nvl(a, b)}
 * ({@code COALESCE} of two).
 */
final class DuckDbOperators {
  /** The operators, looked up after the standard and PostgreSQL ones. */
  static final SqlOperatorTable TABLE =
      SqlOperatorTables.of(SqlLibraryOperators.TRY_CAST, SqlLibraryOperators.IFNULL, SqlLibraryOperators.NVL);

  private DuckDbOperators() {}
}
