package dev.bucketsql.sqltests;

import java.util.List;

/**
 * DuckDB's {@code typeof}, its hash text functions ({@code md5}, {@code sha1}, {@code sha256}),
 * {@code COLUMNS(...)}, the star's {@code EXCLUDE} and {@code REPLACE}, and slices {@code
 * l[a:b]} of lists and strings, over the sample data and literals.
 */
final class DialectQueries {
  private DialectQueries() {}

  static final List<SqlCase> ALL =
      List.of(
          SqlCase.ordered(
              "typeof of Parquet columns and expressions",
              "SELECT typeof(id) AS a, typeof(name) AS b, typeof(submitted) AS c, typeof(calories) AS d,"
                  + " typeof(id + 1) AS e, typeof(calories * 2) AS f, typeof(id / 2) AS g, typeof(name || 'x') AS h,"
                  + " typeof(id > 3) AS i FROM RAW_recipes_clean ORDER BY id LIMIT 3"),
          SqlCase.of(
              "typeof of literals and casts",
              "SELECT typeof(1) AS a, typeof(1.5) AS b, typeof('x') AS c, typeof(true) AS d, typeof(DATE '2020-01-01') AS e,"
                  + " typeof(TIMESTAMP '2020-01-01 10:00:00') AS f, typeof([1, 2]) AS g, typeof(NULL) AS h,"
                  + " typeof(CAST(1 AS SMALLINT)) AS i, typeof(1e0) AS j, typeof(CAST(2 AS DECIMAL(10,2))) AS k,"
                  + " typeof(['a']) AS l, typeof(CAST(1 AS TINYINT)) AS m, typeof(CAST(1 AS FLOAT)) AS n"),
          SqlCase.of(
              "typeof of aggregates and list casts",
              "SELECT typeof(COUNT(*)) AS a, typeof(AVG(minutes)) AS b, typeof(MIN(name)) AS c,"
                  + " typeof(MAX(submitted)) AS d, typeof(CAST('[1.5]' AS DOUBLE[])) AS e,"
                  + " typeof(string_split('a b', ' ')) AS f FROM RAW_recipes_clean"),
          SqlCase.of(
              "typeof grouped",
              "SELECT typeof(rating) AS t, COUNT(*) AS n FROM RAW_interactions_clean GROUP BY 1"),
          SqlCase.ordered(
              "md5, sha1 and sha256 of names",
              "SELECT id, md5(name) AS a, sha1(name) AS b, sha256(name) AS c, md5('') AS d FROM RAW_recipes_clean"
                  + " ORDER BY id LIMIT 20"),
          SqlCase.ordered(
              "star EXCLUDE",
              "SELECT * EXCLUDE (description, name) FROM RAW_recipes_clean ORDER BY id LIMIT 10"),
          SqlCase.ordered(
              "star REPLACE",
              "SELECT * REPLACE (upper(name) AS name, minutes * 60 AS minutes) FROM RAW_recipes_clean ORDER BY id LIMIT 10"),
          SqlCase.ordered(
              "COLUMNS by regular expression beside a column",
              "SELECT COLUMNS('^n_'), name FROM RAW_recipes_clean ORDER BY id LIMIT 10"),
          SqlCase.of("COLUMNS(*) inside an aggregate", "SELECT min(COLUMNS(*)), max(COLUMNS('o')) FROM nulls"),
          SqlCase.of(
              "COLUMNS in an expression with an alias, and in a subquery",
              "SELECT x, y FROM (SELECT COLUMNS('^(score|id)$') * 2 AS v FROM nulls) AS t(x, y)"),
          SqlCase.ordered(
              "COLUMNS over a file reference with DISTINCT",
              "SELECT DISTINCT COLUMNS('level') FROM PP_recipes ORDER BY 1"),
          SqlCase.of(
              "list slices of literals",
              "SELECT [1, 2, 3, 4][2:3] AS a, [1, 2, 3, 4][2:-1] AS b, [1, 2, 3, 4][:2] AS c, [1, 2, 3, 4][3:] AS d,"
                  + " [1, 2, 3, 4][-2:] AS e, [1, 2, 3, 4][0:2] AS f, [1, 2, 3, 4][3:2] AS g, [1, 2, 3, 4][2:10] AS h,"
                  + " list_slice([1, 2, 3, 4], 2, 3) AS i, [1, 2, 3, 4][-10:2] AS k, array_slice([1, 2, 3], 1, 2) AS m,"
                  + " [1, 2, 3, 4][-1:-1] AS n, [1, 2, 3, 4][1:0] AS o, [1, NULL, 3][2:2] AS p"),
          SqlCase.of(
              "string slices",
              "SELECT 'hello'[2:3] AS a, 'hello'[-3:] AS b, 'hello'[:0] AS c, 'bœuf haché'[2:6] AS d,"
                  + " list_slice('hello', 2, 10) AS e"),
          SqlCase.ordered(
              "slices of list text, names and a Parquet LIST column",
              "SELECT id, CAST(tags AS VARCHAR[])[1:2] AS t, name[1:5] AS n, string_split(name, ' ')[2:] AS w"
                  + " FROM RAW_recipes ORDER BY id LIMIT 20"),
          SqlCase.ordered(
              "slices of a Parquet LIST column with NULLs",
              "SELECT id, tags[2:3] AS a, tags[-1:] AS b, len(tags[2:]) AS n FROM nested_recipes ORDER BY id"),
          SqlCase.ordered(
              "qualified star EXCLUDE in a join",
              "SELECT r.* EXCLUDE (description), i.rating FROM RAW_recipes_clean r JOIN RAW_interactions_clean i"
                  + " ON i.recipe_id = r.id ORDER BY r.id, i.user_id, i.date, i.rating LIMIT 10"));
}
