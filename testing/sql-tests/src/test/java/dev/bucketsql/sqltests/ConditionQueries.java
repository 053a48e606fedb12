package dev.bucketsql.sqltests;

import java.util.List;

/**
 * Differential queries for join conditions written as an OR whose every branch repeats the join
 * key (TPC-H q19's shape): the key is pulled out of the OR, so they run as hash joins; the
 * answers, NULL keys and outer joins included, must be DuckDB's. {@link ExplainPlanTest} checks
 * the plan.
 */
final class ConditionQueries {
  private ConditionQueries() {}

  /** Every such query. */
  static final List<SqlCase> ALL =
      List.of(
          SqlCase.of(
              "or of join keys: where clause",
              "SELECT COUNT(*) AS n, SUM(f.x) AS s FROM fact f, dim d WHERE (f.k = d.id AND d.grp = 'red' AND f.v > 1)"
                  + " OR (f.k = d.id AND d.grp = 'blue' AND f.v < 3) OR (d.id = f.k AND f.x > 5)"),
          SqlCase.of(
              "or of join keys: left join",
              "SELECT f.n, d.grp FROM fact f LEFT JOIN dim d ON (f.k = d.id AND d.grp = 'red')"
                  + " OR (f.k = d.id AND d.w > 15)"),
          SqlCase.of(
              "or with one branch without the key",
              "SELECT COUNT(*) AS n FROM fact f, dim d WHERE (f.k = d.id AND d.grp = 'red') OR f.x = 1"),
          SqlCase.of(
              "or of the same filter",
              "SELECT COUNT(*) AS n FROM fact WHERE (k = 1 AND v > 1) OR (k = 1 AND x < 5) OR (k = 1 AND n IS NULL)"));
}
