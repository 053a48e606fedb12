package dev.bucketsql.sqltests;

import java.util.List;

/**
 * DuckDB's lists as our users type them over the Food.com text columns ({@code tags}, {@code
 * ingredients}, {@code steps} and {@code nutrition} hold list text such as {@code ['a', 'b']} and
 * {@code [51.5, 0.0]}) and over a Parquet LIST column: casts of list text, list literals,
 * subscripts, the list functions, {@code unnest} in SELECT and FROM, and the {@code list}
 * aggregate.
 */
final class ListQueries {
  private ListQueries() {}

  /** Every list query. */
  static final List<SqlCase> ALL =
      List.of(
          SqlCase.ordered(
              "cast of list text and a subscript",
              "SELECT id, CAST(nutrition AS DOUBLE[])[1] AS calories, nutrition::DOUBLE[] AS n,"
                  + " CAST(nutrition AS DOUBLE[])[-1] AS last FROM RAW_recipes ORDER BY id LIMIT 20"),
          SqlCase.ordered(
              "cast of quoted list text",
              "SELECT id, CAST(tags AS VARCHAR[]) AS t, CAST(steps AS VARCHAR[])[2] AS second,"
                  + " len(CAST(ingredients AS VARCHAR[])) AS n FROM RAW_recipes ORDER BY id LIMIT 20"),
          SqlCase.of(
              "casts of list literals text",
              "SELECT CAST('[1, 2]' AS INTEGER[]) AS a, CAST('[]' AS INTEGER[]) AS b, CAST('[NULL, 1]' AS BIGINT[]) AS c,"
                  + " CAST('[ 1 , 2 ]' AS INTEGER[]) AS d, CAST('[''a, b'', c]' AS VARCHAR[]) AS e,"
                  + " CAST('[\"it''s\", b]' AS VARCHAR[]) AS f, CAST('[[1, 2], [3]]' AS INTEGER[][]) AS g,"
                  + " TRY_CAST('1, 2' AS INTEGER[]) AS h, CAST('[true, false]' AS BOOLEAN[]) AS i"),
          SqlCase.of(
              "quotes, empty elements and special doubles in list text",
              "SELECT CAST('[a''b''c, ''a'' x, , d,]' AS VARCHAR[]) AS a, CAST('[null, NULL, \"NULL\", '''']' AS VARCHAR[]) AS b,"
                  + " CAST('[1e2, inf, -inf, 2.5]' AS DOUBLE[]) AS c, CAST('[1.5, 2.5, -1.5]' AS INTEGER[]) AS d,"
                  + " CAST(' [1] ' AS BIGINT[]) AS e, TRY_CAST('[a\"b]' AS VARCHAR[]) AS f"),
          SqlCase.ordered(
              "cast of an id list",
              "SELECT id, CAST(ingredient_ids AS INTEGER[]) AS ids, list_contains(CAST(ingredient_ids AS INTEGER[]), 5) AS has5,"
                  + " len(CAST(ingredient_ids AS BIGINT[])) AS n FROM PP_recipes ORDER BY id LIMIT 20"),
          SqlCase.ordered(
              "string_split, len and two-argument trim",
              "SELECT name, len(string_split(trim(tags, '[]'), ', ')) AS n, string_split(trim(tags, '[]'), ', ')[1] AS first,"
                  + " str_split(name, ' ') AS words FROM RAW_recipes ORDER BY id LIMIT 20"),
          SqlCase.of(
              "string_split edge cases",
              "SELECT string_split('a,b,,c', ',') AS a, string_split('', ',') AS b, string_split('ab', '') AS c,"
                  + " string_split(NULL, ',') AS d, trim('[x]', '[]') AS e, trim('  y ') AS f"),
          SqlCase.of(
              "list literals, list_value and subscripts",
              "SELECT [1, 2, 3] AS a, ['x y', 'a, b', 'it''s', ''] AS b, [1.5, NULL] AS c, list_value(1, 2) AS d,"
                  + " [1, 2, 3][1] AS e, [1, 2, 3][4] AS f, [1, 2, 3][0] AS g, [1, 2, 3][-1] AS h,"
                  + " list_extract([1, 2, 3], 2) AS i, list_element(['p', 'q'], -2) AS j"),
          SqlCase.ordered(
              "subscripts of a Parquet LIST column",
              "SELECT id, tags[1] AS a, tags[5] AS b, tags[-1] AS c, len(tags) AS n, array_length(tags) AS m"
                  + " FROM nested_recipes ORDER BY id"),
          SqlCase.ordered(
              "list_contains in WHERE",
              "SELECT name, CAST(nutrition AS DOUBLE[])[1] AS calories FROM RAW_recipes"
                  + " WHERE list_contains(CAST(tags AS VARCHAR[]), 'easy') ORDER BY calories DESC, name LIMIT 10"),
          SqlCase.of(
              "list_contains and its names",
              "SELECT list_contains([1, 2, 3], 2) AS a, list_has(['a', 'b'], 'c') AS b, array_contains([1.5, 2.0], 2) AS c,"
                  + " list_contains([1, NULL], 3) AS d, array_has(['x'], 'x') AS e"),
          SqlCase.of(
              "list_sort, list_distinct, list_concat, array_to_string",
              "SELECT list_sort([3, NULL, 1, 2]) AS a, list_reverse_sort([3, NULL, 1]) AS b,"
                  + " list_sort(list_distinct([2, 1, 1, NULL, 2])) AS c, list_concat([1], [2, 3]) AS d,"
                  + " array_to_string(['a', NULL, 'b'], '-') AS e, list_sort(['b', 'a', 'c']) AS f"),
          SqlCase.ordered(
              "array_to_string of sorted tags",
              "SELECT id, array_to_string(list_sort(CAST(tags AS VARCHAR[])), '|') AS t FROM RAW_recipes ORDER BY id LIMIT 20"),
          SqlCase.ordered(
              "unnest in SELECT grouped by the element",
              "SELECT unnest(string_split(trim(ingredients, '[]'), ', ')) AS ing, COUNT(*) AS n FROM RAW_recipes"
                  + " GROUP BY ing ORDER BY 2 DESC, 1 LIMIT 10"),
          SqlCase.ordered(
              "unnest of cast tags",
              "SELECT unnest(CAST(tags AS VARCHAR[])) AS tag, COUNT(*) AS n FROM RAW_recipes GROUP BY 1 ORDER BY 2 DESC, 1"),
          SqlCase.of(
              "unnest beside columns, with NULL and empty lists",
              "SELECT id, unnest(tags) AS t FROM nested_recipes WHERE id < 8"),
          SqlCase.of(
              "unnest inside an expression",
              "SELECT id, upper(unnest(tags)) AS u FROM nested_recipes"),
          SqlCase.of("unnest of a literal", "SELECT unnest([1, 2, 3]) AS x"),
          SqlCase.of(
              "unnest in a subquery",
              "SELECT x, COUNT(*) AS n FROM (SELECT unnest(CAST(nutrition AS DOUBLE[])) AS x FROM RAW_recipes) WHERE x > 50"
                  + " GROUP BY x"),
          SqlCase.of(
              "UNNEST in FROM",
              "SELECT r.id, u.v FROM RAW_recipes r, UNNEST(CAST(r.nutrition AS DOUBLE[])) AS u(v) WHERE r.id < 500000"),
          SqlCase.of(
              "list and array_agg aggregates",
              "SELECT calorie_level, list_sort(list(i)) AS a, len(array_agg(id)) AS b FROM PP_recipes"
                  + " GROUP BY calorie_level"),
          SqlCase.ordered(
              "list of DISTINCT values",
              "SELECT len(list(id)) AS n, list_sort(list(DISTINCT calorie_level)) AS levels FROM PP_recipes"),
          SqlCase.ordered(
              "a NULL list beside list literals with a NULL element in VALUES",
              "SELECT l, k, len(l) AS n FROM (VALUES ([1, 2], 1), ([1, NULL], 4), (NULL, 7)) AS t(l, k) ORDER BY k"),
          SqlCase.of(
              "NaN and the infinities in sorted lists and list extremes",
              "SELECT list_sort([1.5e0, CAST('NaN' AS DOUBLE), -1e0, NULL, CAST('-Infinity' AS DOUBLE)]) AS a,"
                  + " list_reverse_sort([1.5e0, CAST('NaN' AS DOUBLE), CAST('Infinity' AS DOUBLE), -1e0]) AS b,"
                  + " array_sort([CAST('NaN' AS DOUBLE), 0e0, CAST('NaN' AS DOUBLE), 2e0]) AS c,"
                  + " list_max([1e0, CAST('NaN' AS DOUBLE)]) AS d, list_min([1e0, CAST('NaN' AS DOUBLE)]) AS e,"
                  + " list_contains([CAST('NaN' AS DOUBLE)], CAST('NaN' AS DOUBLE)) AS f,"
                  + " list_position([1e0, CAST('NaN' AS DOUBLE)], CAST('NaN' AS DOUBLE)) AS g"),
          SqlCase.ordered(
              "ORDER BY a list column holding NaN",
              "SELECT l FROM (VALUES ([1e0, CAST('NaN' AS DOUBLE)]), ([1e0, 2e0]), ([CAST('NaN' AS DOUBLE)]),"
                  + " ([CAST('Infinity' AS DOUBLE)]), (CAST(NULL AS DOUBLE[]))) AS t(l) ORDER BY l"),
          SqlCase.ordered(
              "ORDER BY a list column holding NaN, descending",
              "SELECT l FROM (VALUES ([1e0, CAST('NaN' AS DOUBLE)]), ([1e0, 2e0]), ([CAST('NaN' AS DOUBLE)]))"
                  + " AS t(l) ORDER BY l DESC"),
          SqlCase.of(
              "ordered aggregates by a double holding NaN and infinities",
              "SELECT list(x ORDER BY d) AS a, list(x ORDER BY d DESC) AS b, first(x ORDER BY d DESC) AS c,"
                  + " last(x ORDER BY d) AS e, string_agg(x, ',' ORDER BY d) AS s, list(x ORDER BY l) AS f"
                  + " FROM (VALUES ('a', 1e0, [1e0, CAST('NaN' AS DOUBLE)]), ('b', CAST('NaN' AS DOUBLE), [1e0]),"
                  + " ('c', -1e0, [CAST('NaN' AS DOUBLE)]), ('d', CAST('-Infinity' AS DOUBLE), [0e0]),"
                  + " ('e', NULL, [2e0])) AS t(x, d, l)"),
          SqlCase.ordered(
                  "first_value over a whole partition, for first(x ORDER BY y) OVER",
                  "SELECT k, first_value(x) OVER (PARTITION BY k ORDER BY y NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING"
                      + " AND UNBOUNDED FOLLOWING) AS f, last_value(x) OVER (PARTITION BY k ORDER BY y NULLS LAST"
                      + " ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS g"
                      + " FROM (VALUES (1, 'a', 2), (1, 'b', 1), (2, 'c', 5), (2, 'd', NULL)) AS t(k, x, y) ORDER BY k, f, g")
              .duck(
                  "SELECT k, first(x ORDER BY y) OVER (PARTITION BY k) AS f, last(x ORDER BY y) OVER (PARTITION BY k) AS g"
                      + " FROM (VALUES (1, 'a', 2), (1, 'b', 1), (2, 'c', 5), (2, 'd', NULL)) AS t(k, x, y) ORDER BY k, f, g"),
          SqlCase.of(
              "list_has_any, list_has_all, array_pop_back and array_pop_front",
              "SELECT list_has_any([1, 2], [2, 3]) AS a, list_has_any([1, NULL], [NULL]) AS b,"
                  + " list_has_any(CAST(NULL AS INTEGER[]), [1]) AS c, list_has_all([1], [1, NULL]) AS d,"
                  + " list_has_all([1], CAST('[]' AS INTEGER[])) AS e, list_has_all([1.5, 2.0], [2]) AS f,"
                  + " array_has_any(['a'], ['a', 'b']) AS g, array_has_all(['a'], ['b']) AS h,"
                  + " array_pop_back([1, 2, 3]) AS i, array_pop_front([1, 2, 3]) AS j,"
                  + " array_pop_back(CAST('[]' AS INTEGER[])) AS k, array_pop_front(CAST(NULL AS INTEGER[])) AS l"),
          SqlCase.ordered(
              "list_has_any, list_has_all and array_pop_back of a Parquet LIST column",
              "SELECT id, list_has_any(tags, ['b', 'c']) AS a, list_has_all(tags, ['a']) AS b,"
                  + " array_pop_back(tags) AS p, array_pop_front(tags) AS q FROM nested_recipes ORDER BY id"),
          SqlCase.ordered(
              "map_keys, map_values and map_contains of a Parquet MAP column",
              "SELECT id, map_keys(attrs) AS k, map_values(attrs) AS v, map_contains(attrs, 'kcal') AS a,"
                  + " map_contains(attrs, 'x') AS b, list_sort(map_keys(attrs)) AS s, len(map_values(attrs)) AS n"
                  + " FROM nested_recipes ORDER BY id"));
}
