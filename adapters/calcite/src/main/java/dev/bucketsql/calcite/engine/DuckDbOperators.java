package dev.bucketsql.calcite.engine;

import java.util.stream.Stream;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.util.SqlOperatorTables;

/**
 * Operators of Calcite's other dialect libraries that DuckDB users type, taken one by one rather
 * than by library (a whole library would also change functions BucketSQL already has): {@code
 * TRY_CAST(x AS type)} (NULL where the cast fails), {@code ifnull(a, b)} and {@code nvl(a, b)}
 * ({@code COALESCE} of two), {@code min_by(x, y)} and {@code max_by(x, y)} (the standard {@code
 * arg_min} and {@code arg_max} under DuckDB's other names). Also DuckDB's quantile aggregates,
 * {@code median}, {@code quantile_cont}, {@code quantile_disc} and {@code quantile} ({@link
 * QuantileFunction}), and {@code count_star()} and {@code now()}, rewritten to standard SQL ({@link
 * DuckDbAliases}), and the list functions ({@link ListOperators}, {@link ListSliceFunction}).
 */
final class DuckDbOperators {
  /** The operators, looked up after the standard and PostgreSQL ones. */
  static final SqlOperatorTable TABLE =
      SqlOperatorTables.of(
          Stream.concat(
                  Stream.of(
                      SqlLibraryOperators.TRY_CAST,
                      SqlLibraryOperators.IFNULL,
                      SqlLibraryOperators.NVL,
                      SqlLibraryOperators.MIN_BY,
                      SqlLibraryOperators.MAX_BY),
                  Stream.concat(
                      Stream.concat(QuantileFunction.NAMED.stream(), DuckDbAliases.ALL.stream()),
                      Stream.concat(
                          Stream.concat(
                              ListOperators.ALL.stream(),
                              Stream.concat(ListLambdas.ALL.stream(), ListFolds.ALL.stream())),
                          ListSliceFunction.ALL.stream())))
              .toList());

  private DuckDbOperators() {}
}
