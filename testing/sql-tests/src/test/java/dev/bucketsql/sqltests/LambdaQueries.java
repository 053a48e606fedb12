package dev.bucketsql.sqltests;

import java.util.List;

/**
 * DuckDB's list functions with lambdas ({@code list_transform}, {@code list_filter}, {@code
 * list_reduce} and their other names), in DuckDB's {@code lambda x: ...} syntax, and its list
 * aggregates ({@code list_sum}, {@code list_aggregate}, ...), {@code flatten}, {@code
 * list_position} and {@code length} of a list, as DuckDB's documentation shows them, over list
 * literals and the sample tables' list text and Parquet LIST column.
 */
final class LambdaQueries {
  private LambdaQueries() {}

  static final List<SqlCase> ALL =
      List.of(
          SqlCase.of(
              "list_transform and list_filter of literals with NULL elements",
              "SELECT list_transform([1, 2, NULL, 3], lambda x: x + 1) AS a, list_filter([1, 2, NULL, 3], lambda x: x > 1) AS b,"
                  + " list_transform(CAST(NULL AS INTEGER[]), lambda x: x) AS c, list_filter([4, 5, 6], lambda x: x > 9) AS d"),
          SqlCase.of(
              "the other names of list_transform and list_filter",
              "SELECT list_apply([1, 2], lambda x: x * 10) AS a, array_transform([1, 2], lambda x: x * 10) AS b,"
                  + " array_filter([1, 2, 3], lambda x: x % 2 = 1) AS c, array_apply([1], lambda x: x) AS d"),
          SqlCase.of(
              "lambdas with an index",
              "SELECT list_transform([10, 20], lambda x, i: x + i) AS a, list_filter([10, 20, 30], lambda x, i: i > 1) AS b,"
                  + " list_transform(['a', 'b'], lambda s, i: s || CAST(i AS VARCHAR)) AS c"),
          SqlCase.of(
              "lambdas over strings",
              "SELECT list_transform(['a', 'bc'], lambda s: upper(s)) AS a, list_filter(['ab', 'c'], lambda s: length(s) > 1) AS b,"
                  + " list_transform(['x', NULL], lambda s: coalesce(s, '?')) AS c"),
          SqlCase.of(
              "list_reduce",
              "SELECT list_reduce([1, 2, 3], lambda x, y: x + y) AS a, list_reduce([1, NULL, 3], lambda x, y: x + y) AS b,"
                  + " list_reduce([5], lambda x, y: x * y) AS c, list_reduce([1, 2, 3], lambda acc, x: acc * 10 + x) AS d,"
                  + " list_reduce(['a', 'b'], lambda a, b: a || b) AS e, array_reduce([4, 1, 7], lambda a, b: greatest(a, b)) AS f"),
          SqlCase.ordered(
              "list_transform of list text",
              "SELECT id, list_transform(CAST(nutrition AS DOUBLE[]), lambda v: round(v / 2, 1)) AS half,"
                  + " list_filter(CAST(tags AS VARCHAR[]), lambda t: t LIKE '%easy%') AS easy FROM RAW_recipes ORDER BY id LIMIT 20"),
          SqlCase.ordered(
              "list_reduce of nutrition",
              "SELECT id, list_reduce(CAST(nutrition AS DOUBLE[]), lambda a, b: a + b) AS total FROM RAW_recipes"
                  + " ORDER BY id LIMIT 20"),
          SqlCase.ordered(
              "lambdas over a Parquet LIST column with NULLs",
              "SELECT id, list_transform(tags, lambda t: upper(t)) AS u, list_filter(tags, lambda t: t IS NOT NULL) AS nn"
                  + " FROM nested_recipes ORDER BY id"),
          SqlCase.ordered(
              "list_filter in WHERE and length of the result",
              "SELECT id, len(list_filter(CAST(ingredient_ids AS INTEGER[]), lambda i: i > 5000)) AS big FROM PP_recipes"
                  + " WHERE len(list_filter(CAST(ingredient_ids AS INTEGER[]), lambda i: i < 1000)) > 0 ORDER BY id LIMIT 20"),
          SqlCase.ordered(
              "a lambda grouped by its result",
              "SELECT len(list_filter(CAST(tags AS VARCHAR[]), lambda t: t LIKE '%minute%')) AS n, COUNT(*) AS c FROM RAW_recipes"
                  + " GROUP BY 1 ORDER BY 1"),
          SqlCase.of(
              "length of a list and of a string",
              "SELECT length([1, 2, 3]) AS a, length(CAST(NULL AS INTEGER[])) AS b, length('abc') AS c, length([1, NULL]) AS d,"
                  + " array_length([1, 2, 3], 1) AS e, array_length(CAST(NULL AS INTEGER[]), 1) AS f"),
          SqlCase.ordered(
              "length of list text cast and of a Parquet LIST column",
              "SELECT id, length(CAST(tags AS VARCHAR[])) AS n, length(tags) AS t FROM nested_recipes ORDER BY id"),
          SqlCase.of(
              "flatten",
              "SELECT flatten([[1, 2], [3], NULL, [NULL, 4]]) AS a, flatten(CAST(NULL AS INTEGER[][])) AS b,"
                  + " flatten(CAST('[[1], [2, 3]]' AS INTEGER[][])) AS c"),
          SqlCase.of(
              "list_position and its other names",
              "SELECT list_position([1, 2, NULL, 3], 3) AS a, list_position([1, 2], 5) AS b, list_position([1, NULL], NULL) AS c,"
                  + " list_indexof([4, 5], 5) AS d, array_position(['a', 'b'], 'b') AS e, list_position([1.5, 2], 2) AS f,"
                  + " array_indexof(CAST(NULL AS INTEGER[]), 1) AS g"),
          SqlCase.ordered(
              "list_position of a tag",
              "SELECT id, list_position(CAST(tags AS VARCHAR[]), 'easy') AS p FROM RAW_recipes ORDER BY id LIMIT 20"),
          SqlCase.of(
              "list_sum of integers, decimals and doubles",
              "SELECT list_sum([1, 2, NULL]) AS a, list_sum([1.5, 2.25]) AS b, list_sum(CAST('[]' AS INTEGER[])) AS c,"
                  + " list_sum([1e0, 2e0]) AS d, list_sum([2147483647, 1]) AS e, list_sum(CAST('[null]' AS INTEGER[])) AS f"),
          SqlCase.of(
              "list_aggregate by name",
              "SELECT list_aggregate([1, 2, NULL], 'sum') AS a, list_aggregate([3, 1], 'min') AS b, list_aggregate([3, 1], 'max') AS c,"
                  + " list_aggregate([3, NULL, 1], 'count') AS d, list_aggregate([1, 2], 'avg') AS e, list_aggr([1, 2], 'sum') AS f,"
                  + " list_aggregate(['b', 'a'], 'min') AS g, array_aggregate([2.5, 1], 'max') AS h"),
          SqlCase.ordered(
              "list aggregates of nutrition and ingredient ids",
              "SELECT r.id, list_sum(CAST(nutrition AS DOUBLE[])) AS s, list_max(CAST(nutrition AS DOUBLE[])) AS m,"
                  + " list_min(CAST(nutrition AS DOUBLE[])) AS lo, list_avg(CAST(ingredient_ids AS INTEGER[])) AS a,"
                  + " list_count(CAST(ingredient_ids AS INTEGER[])) AS n FROM RAW_recipes r JOIN PP_recipes p ON p.id = r.id"
                  + " ORDER BY r.id LIMIT 20"),
          SqlCase.ordered(
              "list aggregates over a Parquet LIST column",
              "SELECT id, list_count(tags) AS n, list_min(tags) AS lo, list_max(tags) AS hi, list_aggregate(tags, 'count') AS c"
                  + " FROM nested_recipes ORDER BY id"),
          SqlCase.ordered(
              "lambda over a split string",
              "SELECT id, list_transform(string_split(name, ' '), lambda w: upper(w[1:1]) || w[2:]) AS words FROM RAW_recipes_clean"
                  + " ORDER BY id LIMIT 20"),
          SqlCase.ordered(
              "a filter of a transform",
              "SELECT id, list_filter(list_transform(CAST(nutrition AS DOUBLE[]), lambda v: v * 2), lambda v: v > 50) AS big"
                  + " FROM RAW_recipes ORDER BY id LIMIT 20"));
}
