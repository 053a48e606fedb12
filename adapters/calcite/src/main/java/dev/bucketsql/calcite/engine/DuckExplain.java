package dev.bucketsql.calcite.engine;

import dev.bucketsql.calcite.engine.KeywordNames.Kind;
import dev.bucketsql.calcite.engine.KeywordNames.Token;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.linq4j.Enumerator;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * DuckDB's {@code EXPLAIN SELECT ...} (without {@code PLAN FOR}): one row with DuckDB's columns
 * {@code explain_key} ({@code physical_plan}) and {@code explain_value} (the plan BucketSQL runs,
 * as {@code EXPLAIN PLAN FOR} prints it). {@code EXPLAIN ANALYZE} is {@link DuckAnalyze}'s.
 * Calcite's own {@code EXPLAIN PLAN ... FOR} is left to the parser.
 */
final class DuckExplain {
  private DuckExplain() {}

  /**
   * The query to prepare instead of {@code sql}, or null when {@code sql} is not DuckDB's spelling
   * of EXPLAIN.
   */
  static @Nullable String instead(
      String sql,
      Function<String, CalcitePrepare.CalciteSignature<Object[]>> prepare,
      DataContext dataContext) {
    String query = query(sql, false);
    if (query == null) {
      return null;
    }
    return "SELECT * FROM (VALUES (CAST('physical_plan' AS VARCHAR), CAST('"
        + plan(query, prepare, dataContext).replace("'", "''")
        + "' AS VARCHAR))) AS t(explain_key, explain_value)";
  }

  /** The query of {@code EXPLAIN ANALYZE <query>}, or null when {@code sql} is not one. */
  static @Nullable String analyzed(String sql) {
    return query(sql, true);
  }

  /** The plan of {@code query}, as {@code EXPLAIN PLAN FOR} prints it. */
  static String plan(
      String query,
      Function<String, CalcitePrepare.CalciteSignature<Object[]>> prepare,
      DataContext dataContext) {
    return String.valueOf(first(prepare.apply("EXPLAIN PLAN FOR " + query), dataContext));
  }

  /** The query after {@code EXPLAIN} (with {@code ANALYZE} when {@code analyze}), or null. */
  private static @Nullable String query(String sql, boolean analyze) {
    List<Token> tokens = KeywordNames.tokenize(sql);
    while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).text().equals(";")) {
      tokens = tokens.subList(0, tokens.size() - 1);
    }
    if (tokens.size() < 2
        || tokens.get(0).kind() != Kind.WORD
        || !tokens.get(0).upper().equals("EXPLAIN")) {
      return null;
    }
    boolean analyzing =
        tokens.get(1).kind() == Kind.WORD && tokens.get(1).upper().equals("ANALYZE");
    if (analyzing != analyze) {
      return null;
    }
    int from = analyze ? 2 : 1;
    if (from >= tokens.size()
        || tokens.get(from).kind() != Kind.WORD
        || !List.of("SELECT", "WITH", "VALUES", "TABLE").contains(tokens.get(from).upper())) {
      return null; // EXPLAIN PLAN FOR ..., or not a query: Calcite's parser answers
    }
    Token last = tokens.get(tokens.size() - 1);
    return sql.substring(tokens.get(from).start(), last.start() + last.text().length());
  }

  /** The first value of the first row of a prepared statement's result. */
  private static @Nullable Object first(
      CalcitePrepare.CalciteSignature<Object[]> signature, DataContext dataContext) {
    try (Enumerator<Object[]> rows = signature.enumerable(dataContext).enumerator()) {
      if (!rows.moveNext()) {
        return null;
      }
      Object row = rows.current();
      // a result of one column comes as its values, not as arrays
      return row instanceof Object[] values ? values[0] : row;
    }
  }
}
