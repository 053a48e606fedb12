package dev.bucketsql.sqltests;

import java.util.List;

/**
 * DuckDB's {@code typeof}, its hash text functions ({@code md5}, {@code sha1}, {@code sha256}),
 * {@code COLUMNS(...)}, the star's {@code EXCLUDE} and {@code REPLACE}, and slices {@code l[a:b]}
 * of lists and strings, text types without a length, DuckDB's names of types, times as text, over
 * the sample data and literals.
 */
final class DialectQueries {
  private DialectQueries() {}

  static final List<SqlCase> ALL =
      List.of(
          SqlCase.ordered(
              "text types have no length: VARCHAR(n) keeps the whole text, CHAR(n) and CHAR pad none",
              "SELECT id, CAST(name AS VARCHAR(3)) AS a, name::CHAR(40) || '|' AS b, CAST(name AS CHAR) AS c,"
                  + " TRY_CAST(name AS VARCHAR(1)) AS d, typeof(CAST(name AS VARCHAR(3))) AS e,"
                  + " CAST('abcdef' AS VARCHAR(2)) AS f, CAST('ab' AS CHAR(4)) || '|' AS g"
                  + " FROM RAW_recipes_clean ORDER BY id LIMIT 20"),
          SqlCase.of(
              "DuckDB's names of types in casts",
              "SELECT '12'::TEXT || 'x' AS a, CAST('12' AS STRING) AS b, '12'::BPCHAR AS c, '12'::INT8 + 1 AS d,"
                  + " '12'::INT4 * 2 AS e, '12'::INT2 AS f, '12'::INT1 AS g, '1.5'::FLOAT8 AS h, 'true'::BOOL AS i,"
                  + " CAST('no' AS LOGICAL) AS j, '12'::LONG AS k, '12'::SHORT AS l, '12'::SIGNED AS m,"
                  + " typeof('1'::INT8) AS n, typeof('1'::TEXT) AS o, typeof('1'::BOOL) AS p, typeof('1'::FLOAT8) AS q"),
          SqlCase.of(
              "times as text keep their milliseconds",
              "SELECT CAST(TIME '12:34:56.789' AS VARCHAR) AS a, CAST(TIME '00:00:00' AS VARCHAR) AS b,"
                  + " CAST(TIME '12:34:56.7' AS VARCHAR) AS c, CAST(CAST('23:59:59.999' AS TIME) AS VARCHAR) AS d,"
                  + " CAST(TIME '01:02:03.040' AS VARCHAR) || '|' AS e"),
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
          SqlCase.of(
              "COLUMNS(*) inside an aggregate",
              "SELECT min(COLUMNS(*)), max(COLUMNS('o')) FROM nulls"),
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
                  + " ON i.recipe_id = r.id ORDER BY r.id, i.user_id, i.date, i.rating LIMIT 10"),
          SqlCase.ordered(
              "list, array_agg, first and last with ORDER BY, NULL values and keys",
              "SELECT label, list(id ORDER BY score DESC) AS a, list(score ORDER BY id DESC) AS b,"
                  + " array_agg(score ORDER BY id) AS c, first(score ORDER BY id DESC) AS d, last(score ORDER BY id) AS e,"
                  + " first(id ORDER BY score DESC) AS f, last(id ORDER BY score DESC) AS g,"
                  + " string_agg(CAST(id AS VARCHAR), ',' ORDER BY score DESC) AS h FROM nulls GROUP BY label ORDER BY label"),
          SqlCase.of(
              "list and first with ORDER BY, FILTER and NULLS FIRST, and over no row",
              "SELECT first(id ORDER BY id) FILTER (WHERE score > 3) AS a, last(label ORDER BY id) AS b,"
                  + " first(label ORDER BY id NULLS FIRST) AS c, list(label ORDER BY id) FILTER (WHERE id > 2) AS d,"
                  + " list(score) FILTER (WHERE id > 100) AS e, first(id ORDER BY id) FILTER (WHERE id > 100) AS f,"
                  + " list(score ORDER BY score DESC NULLS FIRST, id) AS g FROM nulls"),
          SqlCase.ordered(
              "first and last review of each recipe, and its reviewers newest first",
              "SELECT recipe_id, first(rating ORDER BY date, user_id) AS f, last(rating ORDER BY date, user_id) AS l,"
                  + " list(user_id ORDER BY date DESC, user_id) AS u, arg_min(rating, date) AS m, arg_max(user_id, date) AS n,"
                  + " string_agg(CAST(user_id AS VARCHAR), ';' ORDER BY user_id DESC, date) AS s"
                  + " FROM RAW_interactions_clean WHERE recipe_id IN (SELECT recipe_id FROM RAW_interactions_clean"
                  + " GROUP BY recipe_id HAVING COUNT(DISTINCT date) = COUNT(*)) GROUP BY recipe_id ORDER BY recipe_id"),
          SqlCase.of(
              "date_sub counts whole parts, at month ends too",
              "SELECT a, b, date_sub('month', a, b) AS m, date_sub('year', a, b) AS y, date_sub('quarter', a, b) AS q,"
                  + " date_sub('day', a, b) AS d, date_sub('week', a, b) AS w, date_sub('decade', a, b) AS c,"
                  + " date_sub('hour', a, b) AS h, date_diff('month', a, b) AS dm FROM (VALUES"
                  + " (DATE '2020-01-31', DATE '2020-02-28'), (DATE '2020-01-31', DATE '2020-02-29'),"
                  + " (DATE '2020-03-31', DATE '2020-04-30'), (DATE '2020-02-29', DATE '2020-03-28'),"
                  + " (DATE '2020-02-28', DATE '2020-03-31'), (DATE '2020-03-15', DATE '2020-01-20'),"
                  + " (DATE '2020-03-31', DATE '2020-02-29'), (DATE '2010-06-15', DATE '2020-06-14'),"
                  + " (DATE '2010-06-15', DATE '2020-06-15'), (DATE '2020-06-15', DATE '2010-06-16'),"
                  + " (DATE '2019-02-28', DATE '2020-02-29')) v(a, b)"),
          SqlCase.of(
              "date_sub of timestamps and columns",
              "SELECT a, b, date_sub('month', a, b) AS m, date_sub('day', a, b) AS d, date_sub('hour', a, b) AS h,"
                  + " date_sub('minute', a, b) AS mi, date_sub('second', a, b) AS s, date_sub('millisecond', a, b) AS ms"
                  + " FROM (VALUES (TIMESTAMP '2020-01-31 10:00:00', TIMESTAMP '2020-02-29 09:00:00'),"
                  + " (TIMESTAMP '2020-01-31 10:00:00', TIMESTAMP '2020-02-29 11:00:00'),"
                  + " (TIMESTAMP '2020-01-01 10:00:00', TIMESTAMP '2020-02-01 09:59:59.5'),"
                  + " (TIMESTAMP '2020-03-01 10:00:00', TIMESTAMP '2020-01-01 10:00:01'),"
                  + " (TIMESTAMP '2020-01-01 00:00:00.9', TIMESTAMP '2020-01-01 00:00:02.1')) v(a, b)"),
          SqlCase.ordered(
              "date_sub between submission and review",
              "SELECT i.recipe_id, i.user_id, date_sub('month', r.submitted, i.date) AS m, date_sub('year', r.submitted, i.date) AS y,"
                  + " date_sub('week', i.date, r.submitted) AS w FROM RAW_interactions_clean i JOIN RAW_recipes_clean r"
                  + " ON i.recipe_id = r.id ORDER BY 1, 2, 3, 4, 5 LIMIT 40"),
          SqlCase.of(
              "select aliases in WHERE, a column of the same name first",
              "SELECT id * 2 AS y, label AS l, id * 10 AS score FROM nulls WHERE y > 3 AND l IS NOT NULL AND score >= 3"),
          SqlCase.ordered(
              "select aliases in WHERE over a table alias, with HAVING and GROUP BY aliases",
              "SELECT r.minutes / 60 AS hours, upper(r.name) AS n, r.n_steps AS steps FROM RAW_recipes_clean r"
                  + " WHERE hours > 2 AND n LIKE 'A%' AND steps BETWEEN 3 AND 12 ORDER BY n, hours"),
          SqlCase.ordered(
              "select aliases in GROUP BY and HAVING",
              "SELECT year(date) AS y, rating >= 4 AS good, COUNT(*) AS c FROM RAW_interactions_clean WHERE y > 2005"
                  + " GROUP BY y, good HAVING c > 2 ORDER BY y, good"),
          SqlCase.ordered(
              "DISTINCT ON keeps the first row of each key in the ORDER BY order",
              "SELECT DISTINCT ON (label) label, id, score FROM nulls ORDER BY label, score DESC"),
          SqlCase.ordered(
              "DISTINCT ON with star, an alias in ORDER BY and NULLS FIRST",
              "SELECT DISTINCT ON (label) *, id * 2 AS twice FROM nulls ORDER BY label NULLS FIRST, twice DESC"),
          SqlCase.ordered(
              "DISTINCT ON the newest review of each recipe",
              "SELECT DISTINCT ON (recipe_id) recipe_id, user_id, date, rating FROM RAW_interactions_clean"
                  + " ORDER BY recipe_id, date DESC, user_id"),
          SqlCase.ordered(
              "DISTINCT ON expressions with ordinals, in a subquery",
              "SELECT y, rating, user_id FROM (SELECT DISTINCT ON (year(date), rating) year(date) AS y, rating, user_id"
                  + " FROM RAW_interactions_clean WHERE rating > 2 ORDER BY 1, 2, user_id DESC) t ORDER BY y, rating"));
}
