package dev.bucketsql.sqltests;

import java.util.List;

/**
 * Differential queries for conditions: join conditions written as an OR whose every branch repeats
 * the join key (TPC-H q19's shape), pulled out of the OR so they run as hash joins ({@link
 * ExplainPlanTest} checks the plan); comparisons with COALESCE, which Calcite's simplifier turns
 * into casts that a NULL passed (NullabilityCasts); RIGHT and FULL nested-loop joins whose right
 * side has one column, whose unmatched rows Calcite lost; booleans as text and FROM inside
 * expressions; OR and AND guarding a cast that would fail on the rows they exclude. The answers,
 * NULLs and outer joins included, must be DuckDB's.
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
              "comparisons with COALESCE keep NULLs out",
              "SELECT id FROM nulls WHERE 4 > COALESCE(score, 4) OR (COALESCE(score, 0) = 0 AND id > 3)"
                  + " OR COALESCE(label, 'a') < 'a'"),
          SqlCase.of(
              "COALESCE under NOT and in a join condition",
              "SELECT n.id, f.n FROM nulls n JOIN fact f ON f.k = n.id AND NOT (COALESCE(f.x, 0) > 5)"),
          SqlCase.of(
              "booleans as text, FROM inside expressions",
              "SELECT id, CAST(score > 3 AS VARCHAR) AS b, CAST(TRUE AS VARCHAR) <= 'a' AS c,"
                  + " 'x' IS DISTINCT FROM label AS d, TRIM('a' FROM label) AS e FROM nulls"),
          SqlCase.of(
              "full join on a false condition keeps every row of both sides",
              "SELECT f.k, d.id FROM fact f FULL JOIN dim d ON FALSE"),
          SqlCase.of(
              "right and full nested-loop joins of one right column",
              "SELECT (SELECT COUNT(*) FROM fact f RIGHT JOIN (SELECT id FROM dim) d ON f.k > d.id + 2) AS r,"
                  + " (SELECT COUNT(*) FROM fact f FULL JOIN (SELECT id FROM dim) d ON f.x > d.id * 1000) AS u"),
          SqlCase.of(
              "what every branch of an OR compares is implied, NULLs included",
              "SELECT f.k, d.id, d.grp FROM fact f JOIN dim d ON f.k = d.id"
                  + " WHERE (d.grp = 'red' AND f.x > 2) OR (d.grp = 'blue' AND f.x < 3 AND f.v > 1)"
                  + " OR (d.grp IS NULL AND f.x = 1)"),
          SqlCase.of(
              "what every branch of an OR compares, in an outer join's condition",
              "SELECT f.k, d.id FROM fact f LEFT JOIN dim d ON f.k = d.id"
                  + " AND ((d.grp = 'red' AND f.x > 2) OR (d.grp <> 'red' AND f.x <= 2))"),
          SqlCase.of(
              "or of the same filter",
              "SELECT COUNT(*) AS n FROM fact WHERE (k = 1 AND v > 1) OR (k = 1 AND x < 5) OR (k = 1 AND n IS NULL)"),
          // an IN over a subquery column holding NULL is NULL where nothing matches, though its
          // key is never NULL: CASE takes the ELSE branch, IS NULL is true
          SqlCase.of(
              "CASE WHEN of an IN whose subquery holds NULL",
              "SELECT k FROM fact WHERE CASE WHEN 'zzz' IN (SELECT grp FROM dim) THEN TRUE ELSE x > 7 END"),
          SqlCase.of(
              "IN whose subquery holds NULL, in a select list",
              "SELECT k, 'zzz' IN (SELECT grp FROM dim) AS a, ('zzz' IN (SELECT grp FROM dim)) IS NULL AS b,"
                  + " CASE WHEN k IN (SELECT id FROM dim) THEN 'y' ELSE 'n' END AS c FROM fact"),
          SqlCase.of(
              "IN IS NOT TRUE, and p OR NOT p, of a subquery with NULL",
              "SELECT k FROM fact WHERE (5 IN (SELECT id FROM dim)) IS NOT TRUE"
                  + " OR ((7 IN (SELECT id FROM dim)) OR NOT (7 IN (SELECT id FROM dim))) AND k = 4"),
          SqlCase.of(
              "row IN a subquery with NULL, and NOT IN",
              "SELECT k, (1, 'zzz') IN (SELECT id, grp FROM dim) AS a FROM fact"
                  + " WHERE CASE WHEN 9 NOT IN (SELECT id FROM dim) THEN FALSE ELSE k > 1 END"),
          // a guard: the cast is computed only where the other operand leaves the answer open
          // (LazyLogic; Calcite's code computed both operands and failed on 'x')
          SqlCase.of(
              "or guarding a cast from text",
              "SELECT id, num FROM texts WHERE md5(word) = '' OR id >= 7 OR CAST(num AS DOUBLE) > 0"),
          SqlCase.of(
              "and guarding a cast from text",
              "SELECT id, num FROM texts WHERE md5(word) <> '' AND (id < 7 OR id IS NULL)"
                  + " AND CAST(num AS DOUBLE) > 0"));
}
