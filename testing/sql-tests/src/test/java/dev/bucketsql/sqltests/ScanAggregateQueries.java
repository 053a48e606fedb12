package dev.bucketsql.sqltests;

import java.util.List;
import java.util.stream.Stream;

/**
 * Differential queries for the fused scan-aggregate ({@code BucketScanAggregate}): an aggregate
 * over one table, with NULL values and NULL group keys, an empty table, filters, EXTRACT group keys
 * and MIN/MAX of each numeric and date type.
 */
final class ScanAggregateQueries {
  private ScanAggregateQueries() {}

  /** Shapes the fused operator computes ({@link ScanAggregateTest} checks that it is planned). */
  static final List<SqlCase> FUSED =
      List.of(
          SqlCase.of("scan aggregate: count CSV", "SELECT COUNT(*) AS n FROM fact"),
          SqlCase.of(
              "scan aggregate: CSV groups with a NULL key",
              "SELECT k, COUNT(*) AS n, COUNT(v) AS nv, SUM(v) AS sv, MIN(v) AS lo, MAX(v) AS hi,"
                  + " AVG(v) AS a FROM fact GROUP BY k"),
          SqlCase.of(
              "scan aggregate: CSV groups by a column",
              "SELECT rating, COUNT(*) AS n, SUM(user_id) AS su, MIN(recipe_id) AS lo,"
                  + " MAX(recipe_id) AS hi, AVG(recipe_id) AS a FROM RAW_interactions GROUP BY rating"),
          SqlCase.of(
              "scan aggregate: NULL values and NULL groups",
              "SELECT label, COUNT(*) AS n, COUNT(score) AS c, SUM(score) AS s, MIN(score) AS lo,"
                  + " MAX(score) AS hi, AVG(score) AS a FROM nulls GROUP BY label"),
          SqlCase.of(
              "scan aggregate: empty table, no GROUP BY",
              "SELECT COUNT(*) AS n, COUNT(rating) AS c, MIN(rating) AS lo, MAX(user_id) AS hi"
                  + " FROM empty_reviews"),
          SqlCase.of(
              "scan aggregate: empty table, grouped",
              "SELECT rating, COUNT(*) AS n, MAX(user_id) AS hi FROM empty_reviews GROUP BY rating"),
          SqlCase.ordered(
              "scan aggregate: EXTRACT(YEAR) group key",
              "SELECT EXTRACT(YEAR FROM d) AS y, COUNT(*) AS n, SUM(x) AS sx, MIN(k) AS lo FROM fact"
                  + " GROUP BY 1 ORDER BY 1 NULLS LAST"),
          SqlCase.of(
              "scan aggregate: DOUBLE, BIGINT and DATE min and max",
              "SELECT MIN(v) AS v_lo, MAX(v) AS v_hi, MIN(x) AS x_lo, MAX(x) AS x_hi, MIN(d) AS d_lo,"
                  + " MAX(d) AS d_hi, SUM(x) AS sx FROM fact"),
          SqlCase.of(
              "scan aggregate: Parquet groups with dates",
              "SELECT rating, COUNT(*) AS n, MIN(\"date\") AS lo, MAX(\"date\") AS hi"
                  + " FROM RAW_interactions_clean GROUP BY rating"),
          SqlCase.of(
              "scan aggregate: string min and max by group",
              "SELECT k, MIN(n) AS lo, MAX(n) AS hi, COUNT(n) AS c FROM fact GROUP BY k"),
          // One output column: Calcite's operators above take a one-field row for its bare value.
          SqlCase.ordered(
              "scan aggregate: one column, sorted",
              "SELECT rating FROM RAW_interactions GROUP BY rating ORDER BY 1"),
          SqlCase.ordered(
              "scan aggregate: DISTINCT of one column, sorted, with a NULL",
              "SELECT DISTINCT k FROM fact ORDER BY k NULLS LAST"),
          SqlCase.of(
              "scan aggregate: one column, in a UNION",
              "SELECT label FROM nulls GROUP BY label UNION SELECT 'x' FROM nulls"),
          SqlCase.of(
              "scan aggregate: COALESCE of a SUM beside another aggregate",
              "SELECT label, coalesce(sum(score), 0) AS a, max(id) AS r, avg(id) AS v FROM nulls GROUP BY label"));

  /** Shapes around it: footer answers, filters, what it must leave to Calcite. */
  static final List<SqlCase> OTHERS =
      List.of(
          SqlCase.of(
              "COALESCE of SUMs of a join, grouped",
              "SELECT r.year, coalesce(sum(i.rating), 0) AS s, count(*) AS n, coalesce(sum(r.minutes), 0) AS m"
                  + " FROM RAW_interactions_clean i JOIN RAW_recipes_clean r ON i.recipe_id = r.id GROUP BY r.year"),
          SqlCase.of(
              "scan aggregate: count Parquet", "SELECT COUNT(*) AS n FROM RAW_recipes_clean"),
          SqlCase.of(
              "scan aggregate: filtered CSV",
              "SELECT k, COUNT(*) AS n, SUM(v) AS s FROM fact WHERE x >= 5 GROUP BY k"),
          SqlCase.of(
              "scan aggregate: filtered Parquet",
              "SELECT COUNT(*) AS n, AVG(rating) AS a, MIN(\"date\") AS lo FROM RAW_interactions_clean"
                  + " WHERE \"date\" >= DATE '2018-01-01'"),
          SqlCase.of(
              "scan aggregate: no GROUP BY over an empty result",
              "SELECT COUNT(*) AS n, SUM(x) AS s, MIN(d) AS lo, MAX(v) AS hi FROM fact WHERE v > 100"),
          SqlCase.of(
              "scan aggregate: count distinct beside count",
              "SELECT k, COUNT(DISTINCT n) AS names, COUNT(*) AS c FROM fact GROUP BY k"),
          SqlCase.of(
              "scan aggregate: one column, in an INTERSECT keeping a NULL",
              "SELECT label FROM nulls GROUP BY label INTERSECT SELECT label FROM nulls"));

  /** Every case. */
  static List<SqlCase> all() {
    return Stream.of(FUSED, OTHERS).flatMap(List::stream).toList();
  }
}
