package dev.bucketsql.sqltests;

import java.util.List;

/**
 * DuckDB's spellings that used to fail or answer otherwise here: {@code list(DISTINCT x)} with its
 * NULL, {@code first}/{@code last} as window functions, {@code ORDER BY} inside aggregates whose
 * result does not depend on it, select aliases inside a subquery of WHERE, and ORDER BY a list
 * beside other keys.
 */
final class DuckSurfaceQueries {
  private DuckSurfaceQueries() {}

  /** Every such query. */
  static final List<SqlCase> ALL =
      List.of(
          SqlCase.of(
              "list(DISTINCT x) keeps one NULL, ordered by its value or sorted",
              "SELECT list(DISTINCT label ORDER BY label) AS a, array_agg(DISTINCT score ORDER BY score DESC) AS b,"
                  + " list_sort(list(DISTINCT label)) AS c, len(list(DISTINCT score)) AS d,"
                  + " list(DISTINCT label ORDER BY label NULLS FIRST) AS e FROM nulls"),
          SqlCase.of(
              "list(DISTINCT x) per group, with FILTER and over no row",
              "SELECT n, list(DISTINCT k ORDER BY k) AS ks, list(DISTINCT k ORDER BY k) FILTER (WHERE v > 2) AS big,"
                  + " list_sort(array_agg(DISTINCT d)) AS ds, list(DISTINCT k) FILTER (WHERE k > 100) AS none FROM fact"
                  + " GROUP BY n"),
          SqlCase.of(
              "list(DISTINCT x) of doubles and of list text",
              "SELECT list(DISTINCT v ORDER BY v DESC) AS vs, len(list(DISTINCT CAST(tags AS VARCHAR[]))) AS t"
                  + " FROM fact, (SELECT tags FROM RAW_recipes WHERE id < 100000) r"),
          SqlCase.of(
              "first and last as window functions",
              "SELECT id, first(score) OVER (ORDER BY id) AS f, last(score) OVER (ORDER BY id) AS l,"
                  + " last(score) OVER (PARTITION BY label ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED"
                  + " FOLLOWING) AS pl, first(label) OVER w AS wf, last(label) OVER w AS wl FROM nulls"
                  + " WINDOW w AS (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING)"),
          SqlCase.of(
              "first and last over partitions of a table",
              "SELECT k, d, first(v) OVER (PARTITION BY k ORDER BY d) AS f, last(v) OVER (PARTITION BY k ORDER BY d"
                  + " ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS l FROM fact"),
          SqlCase.of(
              "ORDER BY inside aggregates that do not depend on order",
              "SELECT n, sum(v ORDER BY d DESC) AS s, count(DISTINCT k ORDER BY k) AS c, min(d ORDER BY v) AS lo,"
                  + " max(x ORDER BY k) AS hi, avg(k ORDER BY n) AS a, stddev_samp(v ORDER BY k) AS sd"
                  + " FROM fact GROUP BY n"),
          SqlCase.of(
              "ORDER BY inside sum with FILTER, beside an ordered list",
              "SELECT sum(rating ORDER BY date) FILTER (WHERE rating > 3) AS s, list(rating ORDER BY date, user_id)[1] AS f"
                  + " FROM RAW_interactions_clean"),
          SqlCase.of(
              "a select alias inside an IN subquery of WHERE",
              "SELECT id * 10 AS s FROM nulls WHERE id IN (SELECT k FROM fact WHERE x > s)"),
          SqlCase.of(
              "a column of the outer table comes before a select alias inside a subquery",
              "SELECT id * 10 AS score FROM nulls WHERE EXISTS (SELECT 1 FROM fact WHERE fact.x > score)"),
          SqlCase.of(
              "a column of the subquery comes before a select alias",
              "SELECT id AS k, score FROM nulls WHERE EXISTS (SELECT 1 FROM fact WHERE fact.k = k AND fact.v > 6)"),
          SqlCase.of(
              "a select alias inside a subquery whose table has a column of the alias's expression",
              "SELECT id + 1 AS z FROM nulls WHERE EXISTS (SELECT 1 FROM dim WHERE dim.id = z)"),
          SqlCase.of(
              "a select alias inside a scalar subquery of WHERE",
              "SELECT id + 1 AS z, label FROM nulls WHERE (SELECT count(*) FROM fact WHERE fact.k = z) > 1"),
          SqlCase.ordered(
              "ORDER BY a list column beside other keys",
              "SELECT label, list(id ORDER BY id) AS l, count(*) AS n FROM nulls GROUP BY ALL ORDER BY ALL"),
          SqlCase.ordered(
              "ORDER BY a Parquet list column with NULL lists and NULL elements, descending",
              "SELECT id, tags FROM nested_recipes ORDER BY tags DESC, id"),
          SqlCase.ordered(
              "ORDER BY lists of integers: shorter first, NULL elements last",
              "SELECT l, k FROM (VALUES ([1, 2], 1), ([1], 2), (CAST('[]' AS INTEGER[]), 3), ([1, NULL], 4),"
                  + " ([2], 5), ([-1, 5], 6), ([1, 2], 0)) t(l, k) ORDER BY l, k"),
          SqlCase.ordered(
              "ORDER BY lists of strings by their bytes",
              "SELECT a, k FROM (VALUES (['b'], 1), (['a', 'z'], 2), (['B'], 3), (['é'], 4), ([''], 5), (['a', NULL], 6),"
                  + " (['a'], 7)) t(a, k) ORDER BY a, k"),
          SqlCase.ordered(
              "ORDER BY lists of doubles with NaN and infinities, descending",
              "SELECT b, k FROM (VALUES ([1.5e0], 1), (['nan'::DOUBLE], 2), ([-2.0e0, 3], 3), (['-inf'::DOUBLE], 4),"
                  + " ([1.5e0, 0], 5)) t(b, k) ORDER BY b DESC, k"),
          SqlCase.ordered(
              "ORDER BY lists of decimals by value",
              "SELECT c, k FROM (VALUES ([1.5, 2], 1), ([-1.25], 2), ([-1.5], 3), ([10.0], 4), ([0.0], 5), ([2.00], 6),"
                  + " ([-10.5], 7)) t(c, k) ORDER BY c, k"),
          SqlCase.ordered(
              "ORDER BY lists of lists",
              "SELECT d, k FROM (VALUES (CAST('[[1], [2]]' AS INTEGER[][]), 1), (CAST('[[1, 3]]' AS INTEGER[][]), 2),"
                  + " (CAST('[[1], NULL]' AS INTEGER[][]), 3), (CAST('[[]]' AS INTEGER[][]), 4)) t(d, k) ORDER BY d, k"),
          SqlCase.ordered(
              "ORDER BY a list of text cast from the CSV, then the id, with a LIMIT",
              "SELECT CAST(tags AS VARCHAR[]) AS t, id FROM RAW_recipes ORDER BY t DESC, id LIMIT 7"),
          SqlCase.of(
              "list_transform and list_filter whose lambda reads a column of the row",
              "SELECT id, list_transform([1, 2, NULL], lambda x: x + id) AS t, list_filter([1, 2, 3, 4, 5], lambda x: x > score) AS f"
                  + " FROM nulls"),
          SqlCase.of(
              "a lambda reading a qualified column over a join, and in WHERE",
              "SELECT n.id, r.id AS rid, list_transform(CAST(r.nutrition AS DOUBLE[]), lambda v: round(v * n.id, 1)) AS l"
                  + " FROM nulls n, RAW_recipes r WHERE r.id < 100 AND len(list_filter([1, 2, 3, 4, 5], lambda x: x < n.id)) >= 2"),
          SqlCase.of(
              "a lambda reading a string column, over a Parquet list with NULL lists",
              "SELECT id, array_apply(tags, lambda t: t || '-' || CAST(id AS VARCHAR)) AS a,"
                  + " array_filter(tags, lambda t: t <> 't' || CAST(id AS VARCHAR)) AS b FROM nested_recipes"),
          SqlCase.ordered(
              "ORDER BY a list through a UNION ALL",
              "SELECT label, list(id ORDER BY id) AS l FROM nulls GROUP BY label UNION ALL SELECT 'x', [7] ORDER BY l, label"));
}
