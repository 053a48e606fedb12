package dev.bucketsql.sqltests;

import java.util.List;

/**
 * Differential queries for shapes Calcite's planner once failed on or answered wrongly: correlated
 * subqueries under a {@code GROUP BY} of constants, number literals in {@code GROUP BY} that are no
 * ordinals, windows over constants, set operations over aggregates.
 */
final class PlannerShapeQueries {
  private PlannerShapeQueries() {}

  /** Every planner shape query. */
  static final List<SqlCase> ALL =
      List.of(
          // a join key cast to the other side's type (INTEGER = BIGINT) under a correlated scalar
          // subquery: the decorrelator read the outer columns one place off
          SqlCase.of(
              "join of keys of two types with a correlated scalar subquery",
              "SELECT (SELECT MAX(d2.id) FROM dim d2 WHERE 1 = f.k) AS m, f.x, f.n FROM"
                  + " (SELECT CAST(id AS INTEGER) AS i FROM dim) a JOIN fact f ON a.i = f.k"),
          SqlCase.of(
              "join of a DOUBLE and a BIGINT key with a correlated scalar subquery",
              "SELECT (SELECT COUNT(*) FROM dim d2 WHERE d2.id = f.k) AS c, f.n, f.d FROM fact f"
                  + " JOIN dim d ON f.v = d.id"),
          // a correlated EXISTS / NOT EXISTS whose condition has keys and more (TPC-H q21) is a
          // semi- or anti-join with that condition (CorrelatedExists), held on the outer side
          SqlCase.of(
              "correlated EXISTS on a key and an inequality, NULLs in both",
              "SELECT f.k, f.n, f.x FROM fact f WHERE EXISTS (SELECT 1 FROM fact g WHERE g.k = f.k AND g.n <> f.n)"),
          SqlCase.of(
              "correlated NOT EXISTS on a key and an inequality, NULLs in both",
              "SELECT f.k, f.n, f.x FROM fact f WHERE NOT EXISTS (SELECT 1 FROM fact g WHERE g.k = f.k AND g.n <> f.n)"),
          SqlCase.of(
              "EXISTS and NOT EXISTS on the same correlation over a join, grouped (q21's shape)",
              "SELECT f.n, COUNT(*) AS c FROM fact f, dim d WHERE f.k = d.id"
                  + " AND EXISTS (SELECT * FROM fact g WHERE g.k = f.k AND g.x <> f.x)"
                  + " AND NOT EXISTS (SELECT * FROM fact h WHERE h.k = f.k AND h.x <> f.x AND h.v > 2)"
                  + " GROUP BY f.n"),
          SqlCase.of(
              "correlated NOT EXISTS with a condition on the subquery's rows only",
              "SELECT f.k, f.v FROM fact f WHERE NOT EXISTS (SELECT 1 FROM dim d WHERE d.id = f.k AND d.w > 15)"),
          SqlCase.of(
              "correlated NOT EXISTS on IS NOT DISTINCT FROM keys and a comparison of both sides",
              "SELECT f.k, f.v FROM fact f"
                  + " WHERE NOT EXISTS (SELECT 1 FROM dim d WHERE d.id IS NOT DISTINCT FROM f.k AND d.w < f.v * 10)"),
          SqlCase.of(
              "correlated EXISTS on two keys and an inequality, with a filter beside it",
              "SELECT f.k, f.n FROM fact f WHERE f.x > 0"
                  + " AND EXISTS (SELECT 1 FROM fact g WHERE g.k = f.k AND g.n = f.n AND g.d <> f.d)"),
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
              "group by a constant over no row, beside a correlated EXISTS in another branch",
              "SELECT 'a' AS c, 1 AS n FROM fact f WHERE EXISTS (SELECT 1 FROM dim d WHERE d.id = f.k)"
                  + " UNION ALL SELECT 'a' AS c, SUM(x) AS n FROM fact WHERE k < -100 GROUP BY 'a'"),
          SqlCase.of(
              "IN over an empty subquery under OR, with a constant aggregate",
              "SELECT MAX('a') AS m FROM fact f WHERE (f.n IN (SELECT 'a' FROM dim d WHERE date_trunc('year', d.born) IS DISTINCT FROM"
                  + " date_trunc('year', d.born))) OR f.k > 1"),
          SqlCase.of(
              "a year compared with 0 and with a year before the Gregorian calendar",
              "SELECT COUNT(*) AS n, COUNT(CASE WHEN EXTRACT(YEAR FROM d) > 1000 THEN 1 END) AS m FROM fact"
                  + " WHERE EXTRACT(YEAR FROM d) > 0 AND EXTRACT(MONTH FROM d) <> 13"),
          SqlCase.of(
              "the year 9999 compared, whose range would end in the year 10000",
              "SELECT COUNT(*) AS n FROM fact WHERE EXTRACT(YEAR FROM d) = 9999 OR k = 1"
                  + " UNION ALL SELECT COUNT(*) FROM fact WHERE 9999 IS DISTINCT FROM EXTRACT(YEAR FROM d)"),
          SqlCase.of(
              "a year compared with 0, a year range still made a range",
              "SELECT k, d FROM fact WHERE EXTRACT(YEAR FROM CAST(d AS TIMESTAMP)) >= 0 OR EXTRACT(YEAR FROM d) = 2018"),
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
              "SELECT k, SUM(x) OVER (ORDER BY 1 RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) AS s FROM fact"),
          SqlCase.ordered(
              "one-column fused aggregate, ordered", "SELECT k FROM fact GROUP BY k ORDER BY k"),
          SqlCase.ordered("distinct column, ordered", "SELECT DISTINCT k FROM fact ORDER BY k"),
          SqlCase.of(
              "except a one-column count",
              "SELECT -1 AS c FROM fact EXCEPT SELECT COUNT(*) AS c FROM dim"),
          SqlCase.of(
              "intersect with a one-column count",
              "SELECT k FROM fact INTERSECT SELECT COUNT(*) FROM nulls WHERE id < 3"),
          SqlCase.of(
              "union all with a one-column count",
              "SELECT k AS c FROM fact UNION ALL SELECT COUNT(*) FROM dim"),
          SqlCase.of(
              "union with a one-column fused join aggregate",
              "SELECT SUM(f.x) AS s FROM fact f JOIN dim d ON f.k = d.id UNION SELECT k FROM fact"),
          SqlCase.ordered(
              "distinct window ordered by a column, ordered by its output",
              "SELECT DISTINCT MAX(1e0) OVER (PARTITION BY 'a' ORDER BY k) AS c0 FROM fact ORDER BY c0"),
          SqlCase.ordered(
              "distinct window, ordered by output name and ordinal",
              "SELECT DISTINCT k, SUM(x) OVER (PARTITION BY k ORDER BY n) AS s FROM fact"
                  + " ORDER BY s DESC NULLS LAST, 1 LIMIT 4"),
          SqlCase.of(
              "comparison with a negated NULL under a constant group",
              "SELECT 1 AS one FROM fact WHERE round(5e-1, 2) = (- CAST(NULL AS DOUBLE)) GROUP BY 'a'"),
          SqlCase.of(
              "right join filtered by a correlated EXISTS on a right column",
              "SELECT f.k, d.id FROM fact f RIGHT JOIN dim d ON f.k = d.id"
                  + " WHERE EXISTS (SELECT 1 FROM nulls n WHERE n.id = d.id)"),
          SqlCase.of(
              "right join on TRUE filtered by a correlated EXISTS that keeps no row",
              "SELECT 1 AS one FROM nulls t1 RIGHT JOIN dim t2 ON TRUE WHERE EXISTS (SELECT 1 FROM nulls s WHERE 1 = t2.w)"),
          // the decorrelator took an outer join's condition on the kept side's column (1 = d.id)
          // as proof the column is never NULL, and joined the subquery back on = instead of IS NOT
          // DISTINCT FROM: the row of dim with a NULL id lost its EXISTS (OuterJoinConditions)
          SqlCase.of(
              "correlated EXISTS with OR over a right join's kept column that is NULL",
              "SELECT f.k, d.id, d.grp FROM fact f RIGHT JOIN dim d ON 1 = d.id"
                  + " WHERE EXISTS (SELECT 1 FROM nulls n WHERE n.id = d.id OR TRUE)"),
          SqlCase.of(
              "correlated EXISTS with OR over a left join's kept column that is NULL",
              "SELECT d.id, d.grp, f.k FROM dim d LEFT JOIN fact f ON d.id = 1"
                  + " WHERE EXISTS (SELECT 1 FROM fact g WHERE g.k = d.id OR g.v > 7)"),
          // an anti-join keeps the rows its condition is not true for, NULL keys among them
          SqlCase.of(
              "correlated scalar subquery over a NOT EXISTS that keeps NULL keys",
              "SELECT d.id, (SELECT MIN(f.d) FROM fact f WHERE f.k = d.id OR TRUE) AS m FROM fact x"
                  + " LEFT JOIN dim d ON TRUE WHERE NOT EXISTS (SELECT 1 FROM nulls n WHERE n.id = d.id)"),
          SqlCase.of(
              "correlated scalar subquery over a right join's kept column that is NULL",
              "SELECT d.id, (SELECT COUNT(*) FROM fact g WHERE g.k = d.id OR g.k IS NULL) AS c"
                  + " FROM fact f RIGHT JOIN dim d ON 1 = d.id"),
          SqlCase.of(
              "distinct constants over an outer join with a correlated EXISTS",
              "SELECT DISTINCT 1 AS one, DATE '2018-01-05' AS d, t2.id FROM fact t1 RIGHT JOIN dim t2 ON 1 = t2.id"
                  + " WHERE EXISTS (SELECT 1 FROM nulls n WHERE n.id = t1.k)"),
          SqlCase.of(
              "set operation with a correlated EXISTS side",
              "SELECT DATE '2018-01-05' AS c0, 1 AS c1 FROM fact f WHERE EXISTS (SELECT 1 FROM dim d WHERE d.id = f.k)"
                  + " EXCEPT SELECT DISTINCT DATE '2018-01-05' AS c0, 2 AS c1 FROM dim"),
          SqlCase.of(
              "timestamp text of a NULL, grouped by a constant and a column",
              "SELECT TIMESTAMP '2018-01-05 10:30:00' AS t FROM fact"
                  + " WHERE CAST(CAST(d AS TIMESTAMP) AS VARCHAR) LIKE 'z%' GROUP BY 'a', k"),
          SqlCase.of(
              "timestamp text of a NULL",
              "SELECT CAST(CAST(d AS TIMESTAMP) AS VARCHAR) AS s FROM fact"),
          SqlCase.of(
              "window aggregates of a NULL literal",
              "SELECT k, MIN(CAST(NULL AS BIGINT)) OVER (PARTITION BY k) AS m,"
                  + " SUM(CAST(NULL AS BIGINT)) OVER (PARTITION BY k ORDER BY n) AS s,"
                  + " COUNT(CAST(NULL AS BIGINT)) OVER () AS c FROM fact"),
          SqlCase.of(
              "window of a NULL literal over a constant partition, with a sort",
              "SELECT 'a' AS c0, MIN(CAST(NULL AS BIGINT)) OVER (PARTITION BY 1.5) AS c1 FROM fact ORDER BY c0"),
          // the optimizer makes the join's right column a NULL constant of a window that was
          // already converted, beside a window of another constant
          SqlCase.of(
              "window of a column a join that never matches makes NULL, beside a constant's",
              "SELECT MIN(d.id) OVER (PARTITION BY 1) AS m, SUM(1e10) OVER () AS s"
                  + " FROM fact f LEFT JOIN dim d ON 1.5 = 0.01"),
          SqlCase.of(
              "windows of columns a join that never matches makes NULL, beside a constant's",
              "SELECT MIN(d.id) OVER (PARTITION BY 1) AS m, SUM(1e10) OVER () AS s,"
                  + " MAX(d.w) OVER (PARTITION BY 1 ORDER BY d.id DESC) AS x,"
                  + " COUNT(d.id) OVER () AS c FROM fact f LEFT JOIN dim d ON 1.5 = 0.01"),
          // the join's right columns become NULL literals, merged into the arithmetic above them
          SqlCase.of(
              "product of a quotient by a column of a join that never matches",
              "SELECT f.k, (f.k / d.id) * 2 AS p, (f.v / d.w) * f.k AS q, f.k * (1e0 / d.id) AS r"
                  + " FROM fact f LEFT JOIN dim d ON FALSE"),
          SqlCase.of(
              "product of a quotient by a column of a right join that never matches",
              "SELECT d.id, (f.k / d.id) * 2 AS p FROM fact f RIGHT JOIN dim d ON f.k = d.id AND FALSE"),
          // the decorrelator makes the EXISTS a LEFT join, whose condition it then read as
          // proof that the outer key is never NULL
          SqlCase.of(
              "correlated scalar subquery over an EXISTS in an OR that keeps NULL keys",
              "SELECT f.k, f.n, (SELECT COUNT(*) FROM fact g WHERE g.k = f.k OR g.k IS NULL) AS c,"
                  + " (SELECT MIN(g.v) FROM fact g WHERE g.k = f.k OR g.v > 2) AS m FROM fact f"
                  + " WHERE EXISTS (SELECT 1 FROM dim d WHERE d.id = f.k) OR f.k IS NULL"),
          // the select list merged into the derived table's projection lost its correlation
          SqlCase.of(
              "correlated scalar subquery over a derived table with its own",
              "SELECT x.k, x.m, (SELECT MAX(g.v) FROM fact g WHERE g.k = x.k) AS c"
                  + " FROM (SELECT f.k, (SELECT MAX(d.w) FROM dim d WHERE d.id = f.k) AS m FROM fact f) x"),
          SqlCase.of(
              "correlated scalar subquery keeping NULL keys over a derived table with its own",
              "SELECT x.k, x.n, x.m, (SELECT COUNT(*) FROM fact g WHERE g.k = x.k OR g.k IS NULL) AS c"
                  + " FROM (SELECT f.k, f.n, (SELECT MAX(d.w) FROM dim d WHERE d.id = f.k) AS m FROM fact f) x"),
          SqlCase.of(
              "join on a comparison of a CASE that is always NULL",
              "SELECT f.k, d.id FROM fact f JOIN dim d ON (CASE WHEN CAST(NULL AS BOOLEAN) THEN f.n"
                  + " ELSE CAST(NULL AS VARCHAR) END BETWEEN 'a' AND 'z')"
                  + " UNION ALL SELECT f.k, d.id FROM fact f LEFT JOIN dim d ON f.k = d.id"
                  + " AND CASE WHEN FALSE THEN f.v ELSE CAST(NULL AS DOUBLE) END >= d.w"),
          SqlCase.of(
              "EXISTS over a derived table with a correlated scalar subquery",
              "SELECT x.k, x.m FROM (SELECT f.k, (SELECT MIN(d.w) FROM dim d WHERE d.id = f.k) AS m"
                  + " FROM fact f) x WHERE EXISTS (SELECT 1 FROM fact g WHERE g.k = x.k AND g.v > x.m)"));
}
