package dev.bucketsql.sqltests;

import java.util.List;

/**
 * Differential queries for shapes Calcite's planner once failed on or answered wrongly:
 * correlated subqueries under a {@code GROUP BY} of constants, number literals in {@code GROUP
 * BY} that are no ordinals, windows over constants, set operations over aggregates.
 */
final class PlannerShapeQueries {
  private PlannerShapeQueries() {}

  /** Every planner shape query. */
  static final List<SqlCase> ALL =
      List.of(
          SqlCase.of(
              "group by a constant: correlated EXISTS that keeps no row",
              "SELECT 1 AS one FROM fact f WHERE EXISTS (SELECT 1 FROM dim d WHERE d.id = f.k + 100) GROUP BY 'a'"),
          SqlCase.of(
              "group by a constant: correlated EXISTS that keeps rows",
              "SELECT 'a' AS c, COUNT(*) AS n FROM fact f WHERE EXISTS (SELECT 1 FROM dim d WHERE d.id = f.k)"
                  + " GROUP BY 'a'"),
          SqlCase.of(
              "group by a constant: correlated scalar subquery that keeps no row",
              "SELECT TIMESTAMP '2018-01-05 10:30:00' AS t FROM fact f"
                  + " WHERE (SELECT MAX(d.grp) FROM dim d WHERE d.id = f.k) = 'none'"
                  + " GROUP BY TIMESTAMP '2018-01-05 10:30:00'"),
          SqlCase.of(
              "group by two constants: MIN over NOT EXISTS",
              "SELECT MIN(1) AS m, COUNT(*) AS n FROM fact f WHERE NOT EXISTS (SELECT 1 FROM dim d WHERE d.id = f.k)"
                  + " GROUP BY DATE '2018-01-05', 'b'"),
          SqlCase.of(
              "group by a negative fraction is a constant",
              "SELECT 1.5 AS c, COUNT(*) AS n FROM fact GROUP BY TIMESTAMP '2018-01-05 10:30:00', -0.5"),
          SqlCase.of(
              "group by an ordinal and a number with an exponent",
              "SELECT k, COUNT(*) AS n FROM fact GROUP BY 1, 3.25e0"),
          SqlCase.of(
              "window partitioned by a constant",
              "SELECT k, COUNT(*) OVER (PARTITION BY 1.5) AS n FROM fact"),
          SqlCase.of(
              "window reading no column",
              "SELECT 1 AS one, COUNT(*) OVER (PARTITION BY 'x') AS n, SUM(1) OVER () AS s FROM fact"),
          SqlCase.of(
              "dense rank ordered by a constant",
              "SELECT ('a' LIKE '%o') AS l, DENSE_RANK() OVER (PARTITION BY 1.5 ORDER BY 1.5 DESC) AS r FROM fact"),
          SqlCase.of(
              "distinct window over a constant partition",
              "SELECT DISTINCT SUM(1) OVER (PARTITION BY TIMESTAMP '2018-01-05 10:30:00') AS s FROM fact"),
          SqlCase.of(
              "window with a constant and a column key",
              "SELECT k, n, SUM(x) OVER (PARTITION BY 'x', k ORDER BY 1, n) AS s FROM fact"),
          SqlCase.of(
              "range frame with an offset over a constant order key",
              "SELECT k, SUM(x) OVER (ORDER BY 1 RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) AS s FROM fact"));
}
