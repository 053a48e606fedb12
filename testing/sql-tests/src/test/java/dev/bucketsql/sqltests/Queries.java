package dev.bucketsql.sqltests;

import java.util.List;

/** The differential queries: the six of issue #8, then joins, aggregates, windows, NULLs... */
final class Queries {
  private Queries() {}

  /** The six queries our users run from dashboards (issue #8), as typed there. */
  static final List<SqlCase> ISSUE =
      List.of(
          SqlCase.of("Q1 count CSV", "SELECT COUNT(*) AS n FROM RAW_interactions"),
          // ORDER BY 2 DESC leaves ties between equal counts in any order: compared as a set
          SqlCase.of(
              "Q2 calorie levels",
              "SELECT calorie_level, COUNT(*) AS n FROM PP_recipes GROUP BY 1 ORDER BY 2 DESC"),
          SqlCase.of(
              "Q3 selective Parquet avg",
              "SELECT AVG(calories) AS avg_calories FROM RAW_recipes_clean WHERE year >= 2010"),
          SqlCase.of(
              "Q4 selective Parquet count and avg",
              "SELECT COUNT(*) AS n, AVG(rating) AS avg_rating FROM RAW_interactions_clean"
                  + " WHERE \"date\" >= DATE '2018-01-01'"),
          SqlCase.ordered(
              "Q5 Parquet join by year",
              "SELECT r.year, COUNT(*) AS n, AVG(i.rating) AS avg_rating FROM RAW_interactions_clean i"
                  + " JOIN RAW_recipes_clean r ON i.recipe_id = r.id GROUP BY r.year ORDER BY r.year"),
          SqlCase.ordered(
              "Q6 CSV join by year",
              "SELECT year(r.submitted) AS year, COUNT(*) AS n, AVG(i.rating) AS avg_rating"
                  + " FROM RAW_interactions i JOIN RAW_recipes r ON i.recipe_id = r.id"
                  + " GROUP BY 1 ORDER BY 1"));

  /** Aggregates, GROUP BY and ORDER BY by ordinal and alias. */
  static final List<SqlCase> AGGREGATES =
      List.of(
          SqlCase.of(
              "day of the week numbered from Sunday 0, in every spelling",
              "SELECT d, EXTRACT(DOW FROM d) AS a, dayofweek(d) AS b, date_part('dow', d) AS c,"
                  + " EXTRACT(ISODOW FROM d) AS i, EXTRACT(DOW FROM CAST(d AS TIMESTAMP)) AS t FROM fact"),
          SqlCase.of(
              "grouped and filtered by the day of the week",
              "SELECT EXTRACT(DOW FROM d) AS w, COUNT(*) AS n FROM fact WHERE EXTRACT(DOW FROM d) < 6 GROUP BY 1"),
          SqlCase.ordered(
              "group by column",
              "SELECT rating, COUNT(*) AS n, AVG(user_id) AS a, MIN(date) AS lo, MAX(date) AS hi"
                  + " FROM RAW_interactions GROUP BY rating ORDER BY rating"),
          SqlCase.of(
              "whole-table aggregates",
              "SELECT AVG(rating) AS avg_rating, SUM(rating) AS total, COUNT(DISTINCT user_id) AS users,"
                  + " COUNT(review) AS reviews FROM RAW_interactions"),
          SqlCase.of(
              "count distinct Parquet",
              "SELECT COUNT(DISTINCT recipe_id) FROM RAW_interactions_clean"),
          SqlCase.ordered(
              "having",
              "SELECT calorie_level, COUNT(*) AS n FROM PP_recipes GROUP BY calorie_level"
                  + " HAVING COUNT(*) > 10 ORDER BY calorie_level"),
          SqlCase.ordered(
              "group by alias",
              "SELECT year(date) AS y, COUNT(*) AS n FROM RAW_interactions GROUP BY y ORDER BY y"),
          SqlCase.ordered(
              "order by alias with limit",
              "SELECT recipe_id, COUNT(*) AS n FROM RAW_interactions GROUP BY recipe_id"
                  + " ORDER BY n DESC, recipe_id LIMIT 10"),
          SqlCase.of(
              "min max avg", "SELECT MIN(minutes), MAX(minutes), AVG(minutes) FROM RAW_recipes"),
          SqlCase.ordered(
              "group by ordinal",
              "SELECT n_ingredients, AVG(minutes) AS m, SUM(minutes) AS s FROM RAW_recipes GROUP BY 1 ORDER BY 1"),
          SqlCase.of(
              "Parquet sums and deviation",
              "SELECT SUM(calories) AS c, STDDEV_SAMP(minutes) AS sd, VAR_POP(n_steps) AS v"
                  + " FROM RAW_recipes_clean"),
          SqlCase.of(
              "filtered aggregate",
              "SELECT COUNT(*) FILTER (WHERE rating = 5) AS fives, COUNT(*) AS n FROM RAW_interactions_clean"),
          SqlCase.of(
                  "avg of integers is fractional",
                  "SELECT AVG(month) AS a, AVG(value) AS b FROM keywords")
              .duck("SELECT AVG(\"month\") AS a, AVG(\"value\") AS b FROM keywords"),
          SqlCase.of("distinct", "SELECT DISTINCT calorie_level FROM PP_recipes"),
          SqlCase.of("users table", "SELECT AVG(n_items) AS a, MAX(n_ratings) AS m FROM PP_users"),
          SqlCase.of(
              "cte",
              "WITH r AS (SELECT recipe_id, AVG(rating) AS a FROM RAW_interactions GROUP BY recipe_id)"
                  + " SELECT COUNT(*) AS n FROM r WHERE a >= 4.5"),
          SqlCase.of(
              "union all",
              "SELECT 'train' AS split, COUNT(*) AS n FROM interactions_train"
                  + " UNION ALL SELECT 'test', COUNT(*) FROM interactions_test"
                  + " UNION ALL SELECT 'validation', COUNT(*) FROM interactions_validation"));

  /** Joins across files and formats. */
  static final List<SqlCase> JOINS =
      List.of(
          SqlCase.of(
              "Parquet x CSV join",
              "SELECT COUNT(*) AS n, SUM(r.minutes) AS m FROM RAW_interactions_clean i"
                  + " JOIN RAW_recipes r ON i.recipe_id = r.id"),
          SqlCase.ordered(
              "left join",
              "SELECT r.id, COUNT(i.recipe_id) AS reviews FROM RAW_recipes r"
                  + " LEFT JOIN RAW_interactions i ON r.id = i.recipe_id"
                  + " GROUP BY r.id ORDER BY reviews DESC, r.id LIMIT 20"),
          SqlCase.of(
              "not exists",
              "SELECT COUNT(*) AS n FROM RAW_recipes r WHERE NOT EXISTS"
                  + " (SELECT 1 FROM RAW_interactions i WHERE i.recipe_id = r.id)"),
          SqlCase.of(
              "in subquery",
              "SELECT COUNT(*) AS n FROM RAW_interactions WHERE recipe_id IN"
                  + " (SELECT id FROM RAW_recipes WHERE minutes < 30)"),
          SqlCase.ordered(
              "three-way join",
              "SELECT p.calorie_level, COUNT(*) AS n, AVG(t.rating) AS avg_rating"
                  + " FROM interactions_train t JOIN PP_recipes p ON t.recipe_id = p.id"
                  + " JOIN RAW_recipes r ON r.id = p.id GROUP BY 1 ORDER BY 1"),
          SqlCase.of(
              "two-key join",
              "SELECT COUNT(*) AS n FROM interactions_train t JOIN RAW_interactions i"
                  + " ON t.user_id = i.user_id AND t.recipe_id = i.recipe_id"),
          SqlCase.of(
              "non-equi self join",
              "SELECT COUNT(*) AS n FROM nulls a JOIN nulls b ON a.score < b.score"),
          SqlCase.of(
              "join with empty table",
              "SELECT COUNT(*) AS n FROM RAW_interactions i JOIN empty_reviews e ON i.user_id = CAST(e.user_id AS INTEGER)"));

  /**
   * Aggregates over an inner equi-join of two tables: the shapes the fused join-aggregate ({@code
   * BucketJoinAggregate}) computes, each checked against DuckDB and, in {@link DifferentialTest},
   * again with pushdown off (Calcite's own join and aggregate).
   */
  static final List<SqlCase> FUSED_JOINS =
      List.of(
          SqlCase.ordered(
              "fused: one output column, sorted",
              "SELECT d.grp FROM fact f JOIN dim d ON f.k = d.id GROUP BY d.grp ORDER BY 1 NULLS LAST"),
          SqlCase.of(
              "fused: groups on the build side, NULL and duplicate keys",
              "SELECT d.grp, COUNT(*) AS n, COUNT(f.v) AS nv, SUM(f.v) AS sv, MIN(f.v) AS lo,"
                  + " MAX(f.v) AS hi FROM fact f JOIN dim d ON f.k = d.id GROUP BY d.grp"),
          SqlCase.of(
              "fused: build side on the left, groups on the probe side",
              "SELECT f.n, COUNT(*) AS n, SUM(f.x) AS sx, MIN(f.x) AS lo, MAX(f.x) AS hi,"
                  + " MIN(f.d) AS first_day, MAX(f.d) AS last_day"
                  + " FROM dim d JOIN fact f ON d.id = f.k GROUP BY f.n"),
          SqlCase.of(
              "fused: groups on both sides, build values",
              "SELECT f.k, d.grp, COUNT(*) AS n, SUM(d.w) AS sw, COUNT(d.w) AS nw,"
                  + " MIN(d.born) AS lo, MAX(d.born) AS hi, MAX(d.grp) AS g"
                  + " FROM fact f JOIN dim d ON f.k = d.id GROUP BY f.k, d.grp"),
          SqlCase.of(
              "fused: no GROUP BY",
              "SELECT COUNT(*) AS n, SUM(f.v) AS s, AVG(d.w) AS a, MIN(f.x) AS lo"
                  + " FROM fact f JOIN dim d ON f.k = d.id"),
          SqlCase.of(
              "fused: empty after a filter, no GROUP BY",
              "SELECT COUNT(*) AS n, SUM(f.v) AS s, MAX(d.born) AS m, COUNT(d.w) AS nw"
                  + " FROM fact f JOIN dim d ON f.k = d.id WHERE f.v > 100"),
          SqlCase.of(
              "fused: empty after a filter, grouped",
              "SELECT d.grp, COUNT(*) AS n FROM fact f JOIN dim d ON f.k = d.id"
                  + " WHERE d.w > 1000 GROUP BY d.grp"),
          SqlCase.of(
              "fused: year of a date, NULL dates",
              "SELECT year(f.d) AS y, COUNT(*) AS n, MIN(d.w) AS w FROM fact f"
                  + " JOIN dim d ON f.k = d.id GROUP BY 1"),
          SqlCase.of(
              "fused: month and a cast",
              "SELECT EXTRACT(MONTH FROM f.d) AS m, EXTRACT(QUARTER FROM d.born) AS q,"
                  + " SUM(CAST(f.k AS DOUBLE)) AS s, COUNT(*) AS n"
                  + " FROM fact f JOIN dim d ON f.k = d.id GROUP BY 1, 2"),
          SqlCase.of(
              "fused: a filter on an input",
              "SELECT d.grp, COUNT(*) AS n, SUM(f.v) AS s FROM fact f JOIN dim d ON f.k = d.id"
                  + " WHERE f.v >= 2 GROUP BY d.grp"),
          SqlCase.of(
              "fused: Parquet with a filter on the reviews",
              "SELECT r.year, COUNT(*) AS n, AVG(i.rating) AS a, MIN(i.\"date\") AS first_review"
                  + " FROM RAW_interactions_clean i JOIN RAW_recipes_clean r ON i.recipe_id = r.id"
                  + " WHERE i.rating >= 4 GROUP BY r.year"),
          SqlCase.of(
              "fused: COUNT(DISTINCT) over a join (a GROUP BY below the count)",
              "SELECT d.grp, COUNT(DISTINCT f.n) AS names FROM fact f JOIN dim d ON f.k = d.id"
                  + " GROUP BY d.grp"),
          SqlCase.of(
              "fused: Parquet grouped by a probe column",
              "SELECT i.rating, COUNT(*) AS n, SUM(r.minutes) AS m, MAX(r.calories) AS c"
                  + " FROM RAW_recipes_clean r JOIN RAW_interactions_clean i ON r.id = i.recipe_id"
                  + " GROUP BY i.rating"));

  /** Window functions. */
  static final List<SqlCase> WINDOWS =
      List.of(
          SqlCase.ordered(
              "row number and running sum",
              "SELECT id, score, ROW_NUMBER() OVER (ORDER BY id) AS rn,"
                  + " SUM(score) OVER (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running"
                  + " FROM nulls ORDER BY id"),
          SqlCase.of(
              "rank per partition",
              "SELECT recipe_id, user_id, rating, date,"
                  + " RANK() OVER (PARTITION BY recipe_id ORDER BY rating DESC) AS rk"
                  + " FROM RAW_interactions_clean"),
          SqlCase.ordered(
              "lag and lead",
              "SELECT id, score, LAG(score) OVER (ORDER BY id) AS prev, LEAD(score) OVER (ORDER BY id) AS nxt"
                  + " FROM nulls ORDER BY id"),
          SqlCase.of(
              "count over partition",
              "SELECT DISTINCT recipe_id, COUNT(*) OVER (PARTITION BY recipe_id) AS n FROM RAW_interactions_clean"),
          SqlCase.of(
              "avg over everything",
              "SELECT calorie_level, AVG(calorie_level) OVER () AS avg_level FROM PP_recipes"),
          SqlCase.of(
              "qualify",
              "SELECT id, label FROM nulls QUALIFY ROW_NUMBER() OVER (PARTITION BY label ORDER BY id) = 1"));

  /** NULL handling and empty tables. */
  static final List<SqlCase> NULLS =
      List.of(
          SqlCase.of(
              "aggregates skip nulls",
              "SELECT COUNT(*) AS n, COUNT(score) AS c, SUM(score) AS s, AVG(score) AS a,"
                  + " MIN(label) AS lo, MAX(label) AS hi FROM nulls"),
          SqlCase.of("null group", "SELECT label, COUNT(*) AS n FROM nulls GROUP BY label"),
          SqlCase.ordered("is null", "SELECT id FROM nulls WHERE score IS NULL ORDER BY id"),
          SqlCase.ordered(
              "coalesce nullif case",
              "SELECT id, COALESCE(score, -1) AS s, NULLIF(score, 5) AS n,"
                  + " CASE WHEN score IS NULL THEN 'none' WHEN score > 4 THEN 'high' ELSE 'low' END AS c"
                  + " FROM nulls ORDER BY id"),
          SqlCase.ordered(
              "nulls sort last ascending", "SELECT id, score FROM nulls ORDER BY score, id"),
          SqlCase.ordered(
              "nulls sort last descending", "SELECT id, score FROM nulls ORDER BY score DESC, id"),
          SqlCase.ordered(
              "nulls first explicit", "SELECT id, score FROM nulls ORDER BY score NULLS FIRST, id"),
          SqlCase.of(
              "empty table count", "SELECT COUNT(*) AS n, MAX(rating) AS m FROM empty_reviews"),
          SqlCase.of(
              "empty table group",
              "SELECT rating, COUNT(*) AS n FROM empty_reviews GROUP BY rating"),
          SqlCase.of(
              "filter matching nothing",
              "SELECT COUNT(*) AS n, AVG(rating) AS a FROM RAW_interactions_clean WHERE rating > 99"));

  /** Keywords as column names, dates, strings and casts. */
  static final List<SqlCase> SURFACE =
      List.of(
          SqlCase.ordered(
                  "keyword names unquoted",
                  "SELECT date, year, month, value, user, time FROM keywords ORDER BY id")
              .duck(
                  "SELECT \"date\", \"year\", \"month\", \"value\", \"user\", \"time\" FROM keywords ORDER BY id"),
          SqlCase.ordered(
                  "keyword names with string date",
                  "SELECT year, SUM(value) AS total FROM keywords WHERE date >= '2018-01-01'"
                      + " GROUP BY year ORDER BY year")
              .duck(
                  "SELECT \"year\", SUM(\"value\") AS total FROM keywords WHERE \"date\" >= '2018-01-01'"
                      + " GROUP BY \"year\" ORDER BY \"year\""),
          SqlCase.ordered(
                  "qualified keyword names",
                  "SELECT k.month, k.user FROM keywords k"
                      + " WHERE k.date BETWEEN DATE '2018-01-01' AND DATE '2018-12-31' ORDER BY k.month")
              .duck(
                  "SELECT k.\"month\", k.\"user\" FROM keywords k"
                      + " WHERE k.\"date\" BETWEEN DATE '2018-01-01' AND DATE '2018-12-31' ORDER BY k.\"month\""),
          SqlCase.ordered(
                  "date keyword in casts",
                  "SELECT CAST(date AS VARCHAR) AS d, date::varchar AS e, year(date) AS year FROM keywords ORDER BY id")
              .duck(
                  "SELECT CAST(\"date\" AS VARCHAR) AS d, \"date\"::varchar AS e, year(\"date\") AS \"year\""
                      + " FROM keywords ORDER BY id"),
          SqlCase.ordered(
              "date_trunc month",
              "SELECT date_trunc('month', date) AS m, COUNT(*) AS n FROM RAW_interactions GROUP BY 1 ORDER BY 1"),
          SqlCase.ordered(
              "extract",
              "SELECT EXTRACT(YEAR FROM date) AS y, EXTRACT(MONTH FROM date) AS m, COUNT(*) AS n"
                  + " FROM RAW_interactions_clean GROUP BY 1, 2 ORDER BY 1, 2"),
          SqlCase.ordered(
              "month function",
              "SELECT month(date) AS m, COUNT(*) AS n FROM RAW_interactions GROUP BY 1 ORDER BY 1"),
          SqlCase.ordered(
              "date_part",
              "SELECT date_part('year', submitted) AS y, COUNT(*) AS n FROM RAW_recipes_clean GROUP BY 1 ORDER BY 1"),
          SqlCase.of(
              "integer division with //",
              "SELECT k, x, k // 2 AS a, -k // 3 AS b, x // 4 AS c, v // 2 AS e, k // 2 * 3 AS f, 2 * k // 3 AS g,"
                  + " k / 2 // 1 AS h, (k + 7) // (k + 1) AS i, 7 // 2, 7.5 // 2 AS j, k // 2.0 AS l, '//' AS s FROM fact"),
          SqlCase.ordered(
              "// in filters and order, across lines",
              "SELECT k, x FROM fact WHERE x // 2 > 1 -- a comment // with slashes\n  AND k // 1 >= 1 /* and // here */"
                  + " ORDER BY x //\n 3, k, x"),
          SqlCase.of(
              "power and bit operators as DuckDB reads them",
              "SELECT k, k ^ 2 AS a, 2 ** 3 AS b, (k + 1) ^ 2 AS c, -k ^ 2 AS d, 2 ^ 3 ^ 2 AS e, k & 3 AS f,"
                  + " (4 + k) & 3 AS g, x ^ 0.5 AS h, k ^ 2 + 1 AS i, 2 * (k ^ 2) AS j, k & 6 * 2 AS l,"
                  + " k * 2 & 7 AS m, v ** 2 AS n, k ^ -1 AS o, n || k AS p, k * 2 || n AS q, n || (k + 1) || 'x' AS r"
                  + " FROM fact"),
          SqlCase.of(
              "remainders of doubles are C's fmod",
              "SELECT v, x, 1e-20 % 1 AS a, -5.5e0 % 2 AS b, v % 2 AS c, x % 2.5e0 AS d, mod(v, 0.5e0) AS e,"
                  + " CAST('NaN' AS DOUBLE) % 1 AS f, CAST('Infinity' AS DOUBLE) % 2 AS g, 5.5e0 % CAST('Infinity' AS DOUBLE) AS h,"
                  + " v % 0 AS i, x / 2 % 1 AS j, k % 3 AS l FROM fact"),
          SqlCase.of(
              "powers where C's pow and Java's differ",
              "SELECT v, 1e0 ^ CAST('NaN' AS DOUBLE) AS a, power(-1e0, CAST('Infinity' AS DOUBLE)) AS b,"
                  + " (-1e0) ** CAST('-Infinity' AS DOUBLE) AS c, power(v, CAST('NaN' AS DOUBLE)) AS d, power(1, v) AS e,"
                  + " CAST('NaN' AS DOUBLE) ^ 0 AS f, power(-8e0, 1e0 / 3) AS g FROM fact"),
          SqlCase.of(
              "date parts by DuckDB's names for them",
              "SELECT d, date_part('years', d) AS y, date_part('mon', d) AS m, date_part('weekday', d) AS w,"
                  + " date_part('isoyear', d) AS iy, date_part('yearweek', d) AS yw, EXTRACT(YEARWEEK FROM d) AS yw2,"
                  + " date_part('dayofyear', d) AS doy, date_part('quarters', d) AS q, date_part('weekofyear', d) AS wk,"
                  + " EXTRACT(ISOYEAR FROM d) AS iy2, date_part('decades', d) AS dc, date_part('isodow', d) AS iw,"
                  + " date_part('hrs', CAST(d AS TIMESTAMP)) AS h, date_part('us', TIMESTAMP '2000-01-01 10:11:12.345') AS us"
                  + " FROM fact"),
          SqlCase.of(
              "date part functions DuckDB has",
              "SELECT d, day(d) AS a, weekday(d) AS b, weekofyear(d) AS c, isodow(d) AS e, isoyear(d) AS f,"
                  + " yearweek(d) AS g, decade(d) AS h, century(d) AS i, millennium(d) AS j, dayofmonth(d) AS k,"
                  + " quarter(d) AS l, week(d) AS m, dayofyear(d) AS n, dayofweek(d) AS o,"
                  + " millisecond(TIMESTAMP '2000-01-01 10:11:12.345') AS p, microsecond(TIMESTAMP '2000-01-01 10:11:12.345') AS q,"
                  + " hour(CAST(d AS TIMESTAMP)) AS r, minute(TIMESTAMP '2000-01-01 10:11:12') AS t,"
                  + " second(TIMESTAMP '2000-01-01 10:11:12') AS u FROM fact"),
          SqlCase.of(
              "epoch as a double with its fraction",
              "SELECT d, EXTRACT(EPOCH FROM d) AS a, date_part('epoch', CAST(d AS TIMESTAMP)) AS b, epoch(d) AS c,"
                  + " EXTRACT(EPOCH FROM TIMESTAMP '1969-12-31 23:59:59.789') AS e, epoch(TIME '10:00:00.5') AS t,"
                  + " EXTRACT(EPOCH FROM INTERVAL '1' DAY) AS i, epoch(INTERVAL '13' MONTH) AS im,"
                  + " date_part('epoch', INTERVAL '-1' YEAR) AS iy, SUM(EXTRACT(EPOCH FROM d)) OVER () AS s FROM fact"),
          SqlCase.of(
              "string literals compare with dates",
              "SELECT COUNT(*) AS n FROM RAW_interactions WHERE date >= '2010-01-01' AND date < '2012-01-01'"),
          SqlCase.of(
              "between string dates on Parquet",
              "SELECT COUNT(*) AS n FROM RAW_interactions_clean WHERE date BETWEEN '2005-01-01' AND '2006-12-31'"),
          SqlCase.of(
              "ilike", "SELECT COUNT(*) AS n FROM RAW_recipes WHERE name ILIKE '%CASSEROLE%'"),
          SqlCase.of(
              "like and not ilike",
              "SELECT COUNT(*) AS n FROM RAW_recipes WHERE name LIKE '%soup%' OR name NOT ILIKE 'B%'"),
          SqlCase.ordered(
              "string functions",
              "SELECT lower(name) AS l, upper(name) AS u, length(name) AS n, substr(name, 1, 5) AS s,"
                  + " name || '!' AS e FROM RAW_recipes ORDER BY id LIMIT 5"),
          SqlCase.ordered(
              "split_part",
              "SELECT split_part(name, ' ', 1) AS first_word, COUNT(*) AS n FROM RAW_recipes"
                  + " GROUP BY 1 ORDER BY n DESC, first_word LIMIT 5"),
          SqlCase.of(
              ":: casts",
              "SELECT SUM(rating::double / 2) AS half, COUNT(DISTINCT CAST(rating AS VARCHAR)) AS texts,"
                  + " MAX(recipe_id::varchar) AS biggest_text FROM RAW_interactions_clean"),
          SqlCase.of(
              ":: casts of literals",
              "SELECT '2018-01-01'::date AS d, 42::varchar AS s, '3.5'::double AS x"),
          SqlCase.of("avg of cast", "SELECT AVG(minutes::double) AS a FROM RAW_recipes"));

  /** Every differential query. */
  static List<SqlCase> all() {
    return java.util.stream.Stream.of(
            ISSUE,
            AGGREGATES,
            JOINS,
            FUSED_JOINS,
            ScanAggregateQueries.all(),
            WINDOWS,
            NULLS,
            SURFACE,
            FunctionQueries.FUNCTIONS,
            SetOperationQueries.ALL,
            NestedQueries.ALL,
            ListQueries.ALL,
            ConditionQueries.ALL,
            FileTableQueries.ALL,
            ByAllQueries.ALL,
            PlannerShapeQueries.ALL,
            DialectQueries.ALL,
            InternalErrorQueries.ALL,
            PivotQueries.ALL,
            LambdaQueries.ALL,
            DateArithmeticQueries.ALL,
            DuckSurfaceQueries.ALL)
        .flatMap(List::stream)
        .toList();
  }
}
