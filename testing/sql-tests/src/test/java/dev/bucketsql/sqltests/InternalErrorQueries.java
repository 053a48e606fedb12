package dev.bucketsql.sqltests;

import java.util.List;

/**
 * Differential queries for shapes on which Calcite's planner failed with an internal error (an
 * assertion, an index out of bounds) where DuckDB answers; each was found by the fuzzer.
 */
final class InternalErrorQueries {
  private InternalErrorQueries() {}

  /** Every such query. */
  static final List<SqlCase> ALL =
      List.of(
          // a BETWEEN of literal bounds is a SEARCH; its NULL operand, a CASE folded later, became
          // a comparison with NULL that Calcite's predicate pull-up refuses (XX000)
          SqlCase.of(
              "a CASE that is NULL, BETWEEN literal bounds, in a join condition under GROUP BY",
              "SELECT 1.5 AS c FROM fact f JOIN dim d ON f.k = d.id AND (CASE WHEN FALSE THEN 1.5"
                  + " ELSE CAST(NULL AS DECIMAL(10,2)) END BETWEEN 1.5 AND 0.0) GROUP BY TIMESTAMP"
                  + " '2018-01-05 10:30:00'"),
          SqlCase.of(
              "a CASE that is NULL, IS NULL or BETWEEN literal bounds",
              "SELECT f.k FROM fact f WHERE (CASE WHEN FALSE THEN f.v ELSE CAST(NULL AS DOUBLE) END)"
                  + " IS NULL OR (CASE WHEN FALSE THEN f.v ELSE CAST(NULL AS DOUBLE) END) BETWEEN 1e0"
                  + " AND 2e0"),
          // two EXTRACTs of the day of the week inside a CASE of a nested-loop join's condition:
          // Calcite's code generation lost the shared flag (NullPointerException: timeUnitRange);
          // the engine computes the join, the row-at-a-time plan is not needed
          SqlCase.of(
              "two days of the week compared through COALESCE in a nested-loop join",
              "SELECT COUNT(*) AS n FROM stamps s JOIN moments m ON TRUE"
                  + " WHERE COALESCE(date_part('dow', m.ts), 1) > dayofweek(CAST(s.ts AS DATE))"),
          // (x IN (a, b, NULL)) IS NULL is (x = a OR x = b OR NULL) IS NULL; as a nested-loop
          // join's condition, Calcite's generated predicate typed the NULL's branch as an Object
          // and Janino refused the class (XX000)
          SqlCase.of(
              "an IN list holding a NULL, tested IS NULL, in a nested-loop join",
              "SELECT COUNT(*) AS n FROM fact f JOIN dim d ON TRUE"
                  + " WHERE (f.n IN (d.grp, d.grp, CAST(NULL AS VARCHAR))) IS NULL"),
          SqlCase.of(
              "an IN list holding a NULL, tested IS NOT NULL, and AND with a NULL tested IS NULL",
              "SELECT f.k, d.id FROM fact f JOIN dim d ON f.k < d.id"
                  + " WHERE (f.n IN (d.grp, CAST(NULL AS VARCHAR))) IS NOT NULL"
                  + " OR (f.n = d.grp AND CAST(NULL AS BOOLEAN)) IS NULL"),
          // the optimizer put the constant in place of the grouped column, cast to the column's
          // type: TIMESTAMP was of precision 0, so the value lost its milliseconds
          SqlCase.of(
              "a timestamp equal to a constant with milliseconds, grouped",
              "SELECT ts FROM stamps WHERE ts = TIMESTAMP '2000-02-29 12:34:56.789' GROUP BY id, ts"),
          // the planner sorted by the cast's operand (the timestamp) below the projection, ties of
          // the day broken by the time instead of the next key, and the LIMIT kept the wrong rows
          SqlCase.ordered(
              "ORDER BY a timestamp cast to a date, then another key, with a LIMIT",
              "SELECT CAST(ts AS DATE) AS c0, a AS c1 FROM (VALUES (TIMESTAMP '2018-01-04 23:00:00', 12),"
                  + " (TIMESTAMP '2018-01-05 00:00:00', CAST(NULL AS INTEGER)), (TIMESTAMP '2018-01-05 10:30:00', 10),"
                  + " (TIMESTAMP '2018-01-05 11:00:00', 11)) t(ts, a) ORDER BY c0, c1 LIMIT 3"),
          // the distinctness from a NULL became a comparison with it while the statement was
          // converted, which Calcite's predicate pull-up refuses (XX000, assertions off too)
          SqlCase.of(
              "IS NOT DISTINCT FROM a cast NULL in a join condition, under DISTINCT",
              "SELECT DISTINCT 'a' AS c FROM fact f JOIN dim d ON f.k = d.id"
                  + " AND (CAST(CAST(NULL AS DATE) AS TIMESTAMP) IS NOT DISTINCT FROM TIMESTAMP '2018-01-05 10:30:00')"),
          SqlCase.of(
              "IS DISTINCT FROM NULL, both ways, under DISTINCT",
              "SELECT DISTINCT f.k FROM fact f JOIN dim d ON f.k = d.id AND (f.x IS DISTINCT FROM CAST(NULL AS INTEGER))"
                  + " WHERE NULL IS NOT DISTINCT FROM d.w OR d.w > 0"),
          // the second NOT EXISTS became an anti-join over the first's correlate, whose fields the
          // decorrelator then changed under it: its condition read the wrong columns (a wrong
          // row count, found by fuzzing)
          SqlCase.of(
              "two NOT EXISTS with filters on their own rows",
              "SELECT f.k, f.n FROM fact f WHERE NOT EXISTS (SELECT 1 FROM dim d WHERE d.id = f.k AND d.w > 15)"
                  + " AND NOT EXISTS (SELECT 1 FROM dim e WHERE e.grp = f.n AND e.w < 100)"),
          SqlCase.of(
              "NOT EXISTS, EXISTS and NOT EXISTS in one WHERE",
              "SELECT f.k, f.x FROM fact f WHERE NOT EXISTS (SELECT 1 FROM dim d WHERE d.id = f.k)"
                  + " AND EXISTS (SELECT 1 FROM fact g WHERE g.k = f.k AND g.x > 0)"
                  + " AND NOT EXISTS (SELECT 1 FROM dim e WHERE e.grp = f.n)"),
          // a constant range of doubles became an AND inside the filter's AND, which Calcite's
          // filters refuse as not flat (an assertion, so with -ea)
          SqlCase.of(
              "a constant range of doubles beside an OR in a filter",
              "SELECT COUNT(*) AS n FROM fact f WHERE (1 IN (f.k, f.k + 1)) AND (-0e0 BETWEEN -1e0 AND 1e10)"),
          // Avatica's reading of a list failed on a NULL inner list ("Unhandled") and on the
          // elements of a list of dates or timestamps that are never NULL (ClassCastException)
          SqlCase.of(
              "lists of lists with a NULL list, and lists of date and timestamp literals",
              "SELECT CAST('[[1, 2], [3], NULL, []]' AS INTEGER[][]) AS a, [[1, 2], NULL] AS b,"
                  + " [DATE '2024-01-02', DATE '1969-12-31'] AS c, [[TIMESTAMP '2024-01-02 03:04:05.5'], NULL] AS d"),
          // the constant key reaches the aggregate through two projections, which the
          // decorrelator merged into one literal key and dropped: the SUM turned nullable
          SqlCase.of(
              "group by a constant: SUM over a correlated scalar subquery compared with the constant",
              "SELECT SUM(-1) AS s FROM fact f WHERE DATE '2001-01-01' IS NOT DISTINCT FROM"
                  + " (SELECT MIN(d.born) FROM dim d WHERE 1 = f.k) GROUP BY DATE '2001-01-01'"),
          SqlCase.of(
              "group by a constant: SUM and COUNT over a correlated scalar subquery that keeps no row",
              "SELECT SUM(-1) AS s, COUNT(*) AS n FROM fact f WHERE DATE '2018-01-05' IS NOT DISTINCT FROM"
                  + " (SELECT MIN(d.born) FROM dim d WHERE 1 = f.k) GROUP BY DATE '2018-01-05'"),
          // the decorrelator folded the nullable cast inside the marked key to its NOT NULL
          // literal:
          // the key's type changed under the planner ('Type mismatch')
          SqlCase.of(
              "group by a nullable constant and a second constant over a correlated scalar subquery",
              "SELECT COALESCE(TIMESTAMP '1970-01-01 00:00:00', CAST(NULL AS TIMESTAMP)) AS t, -1.5e0 AS c, COUNT(*) AS n"
                  + " FROM fact f WHERE (SELECT MAX(DATE '2000-02-29') FROM dim d WHERE d.id = f.k) IS NOT NULL"
                  + " GROUP BY COALESCE(TIMESTAMP '1970-01-01 00:00:00', CAST(NULL AS TIMESTAMP)), -1.5e0"),
          // arithmetic of NULLs inside a subquery, which the rewrite to NULL did not reach: folded
          // to a comparison with a NULL literal, which Calcite's predicate pull-up rejects
          SqlCase.of(
              "NOT EXISTS over a comparison with a sum of NULLs",
              "SELECT f.k FROM fact f WHERE NOT EXISTS (SELECT 1 FROM dim d"
                  + " WHERE round(0.0, 1) < (CAST(NULL AS DECIMAL(10,2)) + CAST(NULL AS DECIMAL(10,2))))"),
          SqlCase.of(
              "scalar subquery with a comparison with a negated NULL",
              "SELECT f.k, (SELECT COUNT(*) FROM dim d WHERE d.id = f.k AND d.w > -CAST(NULL AS DOUBLE) + 1) AS c"
                  + " FROM fact f"),
          // the optimizer finds the right side's columns always NULL: the window aggregates of them
          // could not be implemented ('Unable to implement')
          SqlCase.of(
              "window aggregates of the NULL side of a left join whose condition never holds",
              "SELECT f.k, MIN(d.w) OVER (PARTITION BY f.k) AS m, COUNT(d.grp) OVER (PARTITION BY f.k) AS c,"
                  + " SUM(d.id) OVER () AS s, MAX(f.x) OVER (PARTITION BY f.k ORDER BY d.w) AS x"
                  + " FROM fact f LEFT JOIN dim d ON f.k = d.id AND f.k IS NULL"),
          // a scalar subquery the optimizer answers from the Parquet footer (a one-row VALUES):
          // Calcite's rule that removes the join put its NOT NULL literal in place of the nullable
          // MAX
          SqlCase.of(
              "scalar subquery answered from Parquet statistics, compared with a CASE over NOT EXISTS",
              "SELECT COUNT(*) AS n FROM fact f WHERE CASE WHEN NOT EXISTS (SELECT 1 FROM dim d WHERE d.id = f.k)"
                  + " THEN CAST(f.k AS BIGINT) ELSE 1 END <> (SELECT MAX(rating) FROM RAW_interactions_clean)"),
          SqlCase.of(
              "scalar subquery answered from Parquet statistics, in the select list over a right join",
              "SELECT f.k, (SELECT MAX(rating) FROM RAW_interactions_clean) AS m FROM fact f RIGHT JOIN dim d ON TRUE"),
          SqlCase.of(
              "window partitioned by a constant under a constant filter the planner does not fold",
              "SELECT MIN(100) OVER (PARTITION BY 0.0) AS m FROM fact f WHERE -1.5e0 < round(0e0, 2)"),
          SqlCase.of(
              "distinct under a top-level comparison with a difference of NULL",
              "SELECT DISTINCT 1 AS one FROM fact f WHERE round(5e-1, 2) >= (1e0 - CAST(NULL AS DOUBLE))"),
          SqlCase.of(
              "distinct under a comparison of a decimal sum of NULL with a decimal product",
              "SELECT DISTINCT 'a' AS c0 FROM RAW_recipes t1"
                  + " WHERE ((-0.5 + (CAST(NULL AS DECIMAL(10,2)) * 0.01)) = ((0.0 + t1.minutes) * round(-0.5, 1)))"),
          SqlCase.of(
              "distinct under a comparison of a scalar subquery with a CASE that is NULL",
              "SELECT DISTINCT 1 AS c1 FROM fact f WHERE ((SELECT MAX(DATE '2018-01-05') FROM dim d)"
                  + " = CASE WHEN FALSE THEN DATE '2018-01-05' ELSE CAST(NULL AS DATE) END)"),
          SqlCase.of(
              "one EXTRACT unit outside and inside CASE and COALESCE branches",
              "SELECT EXTRACT(YEAR FROM d) AS y, CASE WHEN k > 1 THEN 1 ELSE EXTRACT(YEAR FROM d) END AS c,"
                  + " CASE WHEN EXTRACT(YEAR FROM d) > 2018 THEN EXTRACT(YEAR FROM d)"
                  + " ELSE CASE WHEN k = 1 THEN EXTRACT(YEAR FROM d) + 1 ELSE EXTRACT(MONTH FROM d) END END AS e,"
                  + " COALESCE(EXTRACT(MONTH FROM d), EXTRACT(MONTH FROM DATE '2000-02-03')) AS m,"
                  + " EXTRACT(DAY FROM d) AS w, CASE WHEN x > 7 THEN EXTRACT(DAY FROM d) END AS w2"
                  + " FROM fact ORDER BY c, y"),
          // the simplifier folds the subquery away, but the projection still declared its
          // correlation variable, which Calcite's enumerable projection refuses (0A000)
          SqlCase.of(
              "scalar COUNT subquery minus NULL in the select list",
              "SELECT f.k, ((SELECT COUNT(2) FROM dim d WHERE 1 = f.k) - EXTRACT(MONTH FROM CAST(NULL AS TIMESTAMP))) AS c"
                  + " FROM fact f"),
          SqlCase.of(
              "EXISTS and NOT EXISTS of the same subquery in the select list over a join on TRUE",
              "SELECT f.k, (EXISTS (SELECT 1 FROM dim d WHERE d.id = f.k) AND NOT EXISTS (SELECT 1 FROM dim d WHERE d.id = f.k)) AS b"
                  + " FROM fact f JOIN dim d2 ON TRUE"),
          SqlCase.of(
              "filter on a scalar subquery folded to NULL",
              "SELECT f.k FROM fact f WHERE ((SELECT MAX(d.id) FROM dim d WHERE d.id = f.k) + CAST(NULL AS INTEGER)) IS NULL"),
          SqlCase.of(
              "a correlated subquery beside one the simplifier folds away",
              "SELECT f.k, ((SELECT COUNT(*) FROM dim d WHERE d.id = f.k) * CAST(NULL AS BIGINT)) AS a,"
                  + " (SELECT MAX(d.w) FROM dim d WHERE d.id = f.k) AS b FROM fact f"));
}
