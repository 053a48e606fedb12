package dev.bucketsql.sqltests;

import java.util.List;

/**
 * Differential queries for set operations: {@code UNION}, {@code EXCEPT} and {@code INTERSECT} with
 * and without {@code ALL}, of two and three inputs, one and two columns, with NULLs (equal to each
 * other here), duplicates and an empty input. Those that hold rows run through {@code
 * BucketSetGuard} ({@link MemoryLimitTest}).
 */
final class SetOperationQueries {
  private SetOperationQueries() {}

  /** Every set operation query. */
  static final List<SqlCase> ALL =
      List.of(
          SqlCase.of(
              "union: two columns with NULLs",
              "SELECT k, n FROM fact UNION SELECT id, grp FROM dim"),
          SqlCase.of(
              "union: three inputs",
              "SELECT k FROM fact UNION SELECT id FROM dim UNION SELECT id FROM nulls"),
          SqlCase.of("union all", "SELECT k FROM fact UNION ALL SELECT id FROM dim"),
          SqlCase.ordered(
              "union all ordered by doubles, limited",
              "SELECT n, v FROM fact UNION ALL SELECT grp, w FROM dim ORDER BY v DESC NULLS LAST, n LIMIT 6"),
          SqlCase.of(
              "union: empty input", "SELECT user_id FROM empty_reviews UNION SELECT id FROM nulls"),
          SqlCase.of(
              "union: sample tables",
              "SELECT recipe_id, rating FROM RAW_interactions UNION"
                  + " SELECT recipe_id, rating FROM RAW_interactions_clean"),
          SqlCase.of(
              "except: NULL removed by NULL", "SELECT k FROM fact EXCEPT SELECT id FROM dim"),
          SqlCase.of(
              "except: three inputs",
              "SELECT k FROM fact EXCEPT SELECT id FROM dim WHERE grp = 'red'"
                  + " EXCEPT SELECT id FROM nulls WHERE score IS NULL"),
          SqlCase.of("except all", "SELECT k FROM fact EXCEPT ALL SELECT id FROM dim"),
          SqlCase.of(
              "except all: three inputs, two columns",
              "SELECT k, n FROM fact EXCEPT ALL SELECT k, n FROM fact WHERE v > 3"
                  + " EXCEPT ALL SELECT id, grp FROM dim"),
          SqlCase.of(
              "except: empty second input",
              "SELECT id FROM nulls EXCEPT SELECT user_id FROM empty_reviews"),
          SqlCase.of("intersect", "SELECT k FROM fact INTERSECT SELECT id FROM dim"),
          SqlCase.of(
              "intersect: three inputs",
              "SELECT k FROM fact INTERSECT SELECT id FROM dim INTERSECT SELECT id FROM nulls"),
          SqlCase.of("intersect all", "SELECT k FROM fact INTERSECT ALL SELECT id FROM dim"),
          SqlCase.of(
              "intersect all: three inputs, two columns",
              "SELECT k, n FROM fact INTERSECT ALL SELECT k, n FROM fact WHERE v > 1"
                  + " INTERSECT ALL SELECT k, n FROM fact WHERE x > 0"),
          SqlCase.of(
              "union all: a DISTINCT input is distinct before the cast to the union's type",
              "SELECT DISTINCT CAST(v * 0.01 AS DECIMAL(9,3)) FROM fact"
                  + " UNION ALL SELECT SUM(1.5) FROM dim"),
          SqlCase.of(
              "union all: a DISTINCT input of VALUES, limited, and under WITH",
              "SELECT DISTINCT m FROM (VALUES (CAST(0.00 AS DECIMAL(9,2))), (CAST(0.01 AS"
                  + " DECIMAL(9,2))), (CAST(0.01 AS DECIMAL(9,2))), (CAST(-1.25 AS DECIMAL(9,2))))"
                  + " t(m) UNION ALL (SELECT DISTINCT CAST(v * 0.001 AS DECIMAL(9,4)) FROM fact"
                  + " ORDER BY 1 LIMIT 4) UNION ALL (WITH c AS (SELECT k * 0.01 AS m FROM fact)"
                  + " SELECT DISTINCT CAST(m AS DECIMAL(9,2)) FROM c) UNION ALL SELECT SUM(1.5)"
                  + " FROM dim"),
          SqlCase.of(
              "except all: a DISTINCT input keeps its rows that the cast makes equal",
              "SELECT DISTINCT CAST(v * 0.01 AS DECIMAL(9,3)) FROM fact"
                  + " EXCEPT ALL SELECT SUM(0.5) - 0.5 FROM dim"),
          SqlCase.of(
              "intersect: an input the planner reduces to its own input's set",
              "SELECT 1 AS c0 FROM fact t1 INNER JOIN dim t2 ON (NOT TRUE) GROUP BY 1"
                  + " HAVING COUNT(*) <= -2147483648 INTERSECT SELECT CASE WHEN 1 NOT IN"
                  + " (SELECT id FROM dim) THEN 1 ELSE 2 END FROM fact"),
          SqlCase.of(
              "set operations nested",
              "SELECT k FROM fact EXCEPT (SELECT id FROM dim UNION SELECT id FROM nulls WHERE id > 3)"),
          SqlCase.of(
              "union: COUNT beside COUNT(DISTINCT) over no row is 0",
              "SELECT COUNT(DISTINCT v), COUNT(n), 1 FROM fact WHERE FALSE"
                  + " UNION SELECT 1, SUM(k), 2 FROM fact GROUP BY 1"),
          SqlCase.of(
              "COUNT beside COUNT(DISTINCT) over no row, by a filter",
              "SELECT COUNT(DISTINCT n), COUNT(v), COUNT(*) FROM fact WHERE k > 1000000"),
          SqlCase.of(
              "ROLLUP over no row: the grand total's row",
              "SELECT n, k, COUNT(*), COUNT(v), SUM(v), MIN(n), GROUPING(n, k) FROM fact WHERE k > 1000000"
                  + " GROUP BY ROLLUP(n, k)"),
          SqlCase.of(
              "GROUPING SETS with () over no row, and over rows",
              "SELECT n, COUNT(*), SUM(k) FROM fact WHERE k > 1000000 GROUP BY GROUPING SETS ((n), ())"
                  + " UNION ALL SELECT n, COUNT(*), SUM(k) FROM fact GROUP BY GROUPING SETS ((n), ())"),
          SqlCase.of(
              "CUBE without the grand total over no row",
              "SELECT n, k, COUNT(*) FROM fact WHERE k > 1000000 GROUP BY GROUPING SETS ((n), (k))"),
          SqlCase.of(
              "ROLLUP over NULL keys: a NULL group beside the rolled-up rows",
              "SELECT k, n, COUNT(*) AS c, SUM(v) AS s, MAX(d) AS m, GROUPING(k) AS gk,"
                  + " GROUPING(k, n) AS g FROM fact GROUP BY ROLLUP(k, n)"),
          SqlCase.of(
              "GROUPING before the group columns and the other calls",
              "SELECT GROUPING(n, k) AS g, n, k, MIN(v) AS lo, COUNT(x) AS c FROM fact"
                  + " GROUP BY ROLLUP(n, k)"),
          SqlCase.of(
              "CUBE over NULL keys with COUNT(DISTINCT) and GROUPING",
              "SELECT k, n, COUNT(*) AS c, COUNT(DISTINCT v) AS dv, MIN(v) AS lo, GROUPING(n, k) AS g"
                  + " FROM fact GROUP BY CUBE(k, n)"),
          SqlCase.of(
              "GROUPING SETS filtered by GROUPING in HAVING",
              "SELECT k, n, SUM(x) AS sx, GROUPING(k) AS gk FROM fact"
                  + " GROUP BY GROUPING SETS ((k), (n), ()) HAVING GROUPING(k) = 1 OR SUM(x) > 5"),
          SqlCase.of(
              "COUNT(DISTINCT) beside SUM and COUNT(*), grouped",
              "SELECT n, COUNT(DISTINCT k) AS dk, SUM(v) AS sv, COUNT(*) AS c FROM fact GROUP BY n"),
          SqlCase.of(
              "DISTINCT with FILTER beside a filtered SUM",
              "SELECT COUNT(DISTINCT k) FILTER (WHERE v > 1) AS a, SUM(v) FILTER (WHERE k > 1) AS b,"
                  + " COUNT(DISTINCT n) AS c FROM fact"));
}
