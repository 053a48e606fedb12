package dev.bucketsql.sqltests;

import java.util.List;

/** DuckDB functions BucketSQL adds to Calcite's (strftime, date_diff, median, quantile_cont, TRY_CAST, ifnull) and its division. */
final class FunctionQueries {
  private FunctionQueries() {}

  static final List<SqlCase> FUNCTIONS =
      List.of(
          SqlCase.ordered(
              "strftime of dates",
              "SELECT strftime(date, '%Y-%m') AS ym, COUNT(*) AS n FROM RAW_interactions GROUP BY 1 ORDER BY 1"),
          SqlCase.ordered(
              "strftime specifiers",
              "SELECT strftime(date, '%a %A %b %B %d %-d %j %-j %m %-m %y %Y %U %W %V %G %u %w %x %%') AS s"
                  + " FROM RAW_interactions_clean ORDER BY date, user_id LIMIT 20"),
          SqlCase.ordered(
              "strftime of a timestamp",
              "SELECT strftime(TIMESTAMP '2018-03-05 14:07:09.123', '%H %-H %I %-I %M %S %p %f %g %c %X') AS s"),
          SqlCase.ordered(
              "strftime with the format first",
              "SELECT strftime('%Y', submitted) AS y, COUNT(*) AS n FROM RAW_recipes GROUP BY 1 ORDER BY 1"),
          SqlCase.of(
              "date_diff of dates",
              "SELECT date_diff('day', DATE '2008-01-01', date) AS days, date_diff('month', DATE '2008-01-31', date)"
                  + " AS months, date_diff('week', DATE '2008-01-06', date) AS weeks, datediff('year', date,"
                  + " DATE '2018-12-31') AS years, date_diff('quarter', DATE '2008-03-31', date) AS quarters"
                  + " FROM RAW_interactions_clean ORDER BY date, user_id LIMIT 50"),
          SqlCase.of(
              "date_diff across each part",
              "SELECT date_diff('days', DATE '2020-01-01', DATE '2020-03-01') AS a,"
                  + " date_diff('week', DATE '2017-12-18', DATE '2017-12-10') AS b,"
                  + " date_diff('hour', TIMESTAMP '2020-01-01 10:59:00', TIMESTAMP '2020-01-01 11:00:00') AS c,"
                  + " date_diff('minute', TIMESTAMP '2020-01-01 10:59:59', TIMESTAMP '2020-01-01 11:00:00') AS d,"
                  + " date_diff('second', TIMESTAMP '2020-01-01 10:59:59.9', TIMESTAMP '2020-01-01 11:00:00.1') AS e,"
                  + " date_diff('millisecond', TIMESTAMP '2020-01-01 00:00:00', TIMESTAMP '2020-01-01 00:00:01') AS f,"
                  + " date_diff('decade', DATE '2019-01-01', DATE '2020-01-03') AS g,"
                  + " date_diff('century', DATE '2000-12-31', DATE '2001-01-01') AS h,"
                  + " date_diff('century', DATE '1999-12-31', DATE '2000-01-01') AS h2,"
                  + " date_diff('millennium', DATE '1999-12-31', DATE '2000-01-01') AS h3,"
                  + " date_diff('day', DATE '2020-01-01', TIMESTAMP '2020-01-02 05:00:00') AS i,"
                  + " date_diff('year', NULL::DATE, DATE '2020-01-01') AS j"),
          SqlCase.of(
              "date_diff average per recipe age",
              "SELECT AVG(date_diff('day', r.submitted, i.date)) AS days FROM RAW_interactions i"
                  + " JOIN RAW_recipes r ON i.recipe_id = r.id"),
          SqlCase.of(
              "median and quantile_cont",
              "SELECT median(rating) AS m, quantile_cont(rating, 0.25) AS q1, quantile_cont(minutes, 0.9) AS q9,"
                  + " median(minutes::double) AS md FROM RAW_interactions i JOIN RAW_recipes r ON i.recipe_id = r.id"),
          SqlCase.of(
              "median by group",
              "SELECT calorie_level, median(calorie_level) AS m, COUNT(*) AS n FROM PP_recipes GROUP BY 1"),
          SqlCase.of(
              "median with nulls and of nothing",
              "SELECT median(score) AS m, quantile_cont(score, 0.5) AS q FROM nulls"),
          SqlCase.of("median of an empty table", "SELECT median(rating) AS m FROM empty_reviews"),
          SqlCase.of(
              "integer division is fractional",
              "SELECT 7 / 2 AS a, 6 / 3 AS b, CAST(7 AS BIGINT) / 2 AS c, -7 / 2 AS d, 7.0 / 2 AS e,"
                  + " 7 / 2.0 AS f"),
          SqlCase.ordered(
              "integer division of columns",
              "SELECT rating, SUM(rating) / COUNT(*) AS a, MAX(user_id) / rating AS b,"
                  + " COUNT(*) / 3 AS c FROM RAW_interactions_clean WHERE rating > 0 GROUP BY rating ORDER BY rating"),
          SqlCase.of(
              "try_cast",
              "SELECT TRY_CAST('x' AS INTEGER) AS a, TRY_CAST('12' AS INTEGER) AS b,"
                  + " TRY_CAST('2018-13-01' AS DATE) AS c, TRY_CAST('abc' AS DOUBLE) AS d,"
                  + " TRY_CAST(' 12 ' AS INTEGER) AS e, TRY_CAST('2018-06-14' AS DATE) AS f"),
          SqlCase.ordered(
              "try_cast of a column", "SELECT id, TRY_CAST(lower(label) AS INTEGER) AS l FROM nulls ORDER BY id"),
          SqlCase.ordered(
              "ifnull", "SELECT id, ifnull(score, -1) AS s, ifnull(label, 'none') AS l FROM nulls ORDER BY id"),
          SqlCase.ordered("nvl", "SELECT id, nvl(label, 'none') AS l FROM nulls ORDER BY id")
              .duck("SELECT id, coalesce(label, 'none') AS l FROM nulls ORDER BY id"),
          SqlCase.of(
              "integer division by zero and NULL",
              "SELECT 1 / NULL::INTEGER AS a, score / 2 AS b FROM nulls ORDER BY id LIMIT 3"));
}
