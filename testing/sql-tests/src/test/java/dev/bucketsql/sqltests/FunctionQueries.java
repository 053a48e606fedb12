package dev.bucketsql.sqltests;

import java.util.List;

/**
 * DuckDB functions BucketSQL adds to Calcite's (strftime, date_diff, median, quantile_cont,
 * quantile_disc, PERCENTILE_CONT and PERCENTILE_DISC ... WITHIN GROUP, TRY_CAST, ifnull, the string
 * and regular expression functions, epoch, strptime, count_star, now) and those of Calcite's
 * libraries DuckDB users type, its division, and its casts of strings with a fraction to integers.
 */
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
          // fact.v: ten values and a NULL; by k: groups of three, two, one, a NULL only, a NULL key
          SqlCase.of(
              "percentile_cont and percentile_disc",
              "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v) AS pc,"
                  + " percentile_disc(0.5) WITHIN GROUP (ORDER BY v) AS pd,"
                  + " percentile_cont(0.25) WITHIN GROUP (ORDER BY v DESC) AS pcd,"
                  + " percentile_disc(0.25) WITHIN GROUP (ORDER BY v DESC NULLS FIRST) AS pdd,"
                  + " percentile_cont(0) WITHIN GROUP (ORDER BY v DESC) AS top,"
                  + " percentile_disc(1) WITHIN GROUP (ORDER BY v ASC) AS hi,"
                  + " percentile_disc(0.33) WITHIN GROUP (ORDER BY x) AS px FROM fact"),
          SqlCase.of(
              "percentiles by group",
              "SELECT k, percentile_cont(0.5) WITHIN GROUP (ORDER BY v) AS pc,"
                  + " percentile_disc(0.5) WITHIN GROUP (ORDER BY v) AS pd,"
                  + " percentile_cont(0.25) WITHIN GROUP (ORDER BY v DESC) AS pcd,"
                  + " percentile_disc(0.25) WITHIN GROUP (ORDER BY x DESC) AS pxd,"
                  + " percentile_disc(0.5) WITHIN GROUP (ORDER BY n) AS pn, COUNT(v) AS nv FROM fact GROUP BY k"),
          SqlCase.of(
              "quantile_disc and negative fractions",
              "SELECT k, quantile_disc(v, 0.5) AS a, quantile_disc(v, 0.3) AS b, quantile_disc(v, -0.3) AS c,"
                  + " quantile(x, 0.9) AS e, quantile_disc(n, 0.5) AS f, quantile_disc(d, 0.5) AS g,"
                  + " quantile_cont(v, -0.25) AS h, median(n) AS i FROM fact GROUP BY k"),
          SqlCase.of(
              "quantiles of dates, timestamps and decimals",
              "SELECT k, median(d) AS md, quantile_cont(d, 0.25) AS qd, percentile_cont(0.9) WITHIN GROUP"
                  + " (ORDER BY d) AS pd, median(CAST(d AS TIMESTAMP)) AS mt, median(CAST(v AS DECIMAL(10,2)))"
                  + " AS mv, quantile_cont(CAST(v AS DECIMAL(10,2)), 0.3) AS qv, percentile_disc(0.5) WITHIN"
                  + " GROUP (ORDER BY CAST(v AS DECIMAL(10,2))) AS pv, median(CAST(v AS REAL)) AS mr,"
                  + " median(x) AS mx FROM fact GROUP BY k"),
          SqlCase.of(
              "percentiles with nulls only and of nothing",
              "SELECT label, percentile_cont(0.5) WITHIN GROUP (ORDER BY score) AS p,"
                  + " percentile_disc(0.5) WITHIN GROUP (ORDER BY score DESC) AS d, COUNT(*) AS n"
                  + " FROM nulls GROUP BY label"),
          SqlCase.of(
              "percentiles of an empty input",
              "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY score) AS p, median(score) AS m,"
                  + " percentile_disc(0.5) WITHIN GROUP (ORDER BY label) AS l FROM nulls WHERE id > 100"),
          SqlCase.of(
              "percentiles of empty groups",
              "SELECT label, percentile_disc(0.5) WITHIN GROUP (ORDER BY score) AS p FROM nulls"
                  + " WHERE id > 100 GROUP BY label"),
          SqlCase.of(
              "percentiles in HAVING and ORDER BY",
              "SELECT rating, percentile_disc(0.9) WITHIN GROUP (ORDER BY user_id) AS p"
                  + " FROM RAW_interactions_clean GROUP BY rating"
                  + " HAVING percentile_cont(0.5) WITHIN GROUP (ORDER BY user_id) > 0"
                  + " ORDER BY percentile_disc(0.1) WITHIN GROUP (ORDER BY user_id DESC)"),
          SqlCase.of(
              "percentiles over a join",
              "SELECT r.year, percentile_cont(0.5) WITHIN GROUP (ORDER BY i.rating) AS m,"
                  + " percentile_disc(0.9) WITHIN GROUP (ORDER BY r.minutes DESC) AS p, COUNT(*) AS n"
                  + " FROM RAW_interactions_clean i JOIN RAW_recipes_clean r ON i.recipe_id = r.id"
                  + " GROUP BY r.year"),
          SqlCase.of(
              "percentiles with FILTER and DISTINCT",
              "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v) FILTER (WHERE k > 1) AS f,"
                  + " median(v) FILTER (WHERE k = 1) AS g, median(DISTINCT k) AS h,"
                  + " quantile_disc(DISTINCT k, 0.5) AS i FROM fact"),
          SqlCase.of(
              "median of a date column",
              "SELECT median(date) AS m, quantile_disc(rating, 0.9) AS q FROM RAW_interactions_clean"),
          SqlCase.of(
              "median over a window",
              "SELECT k, v, median(v) OVER (PARTITION BY k) AS m, quantile_disc(n, 0.5) OVER (PARTITION BY k)"
                  + " AS q FROM fact"),
          SqlCase.of(
              "running median over an ordered window",
              "SELECT k, d, v, median(v) OVER (PARTITION BY k ORDER BY d) AS m, quantile_disc(x, 0.5)"
                  + " OVER (PARTITION BY k ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS q"
                  + " FROM fact"),
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
          SqlCase.of(
              "string to integer casts round",
              "SELECT CAST('1.5' AS INTEGER) AS a, CAST('2.5' AS INTEGER) AS b, CAST('-1.5' AS INTEGER) AS c,"
                  + " CAST(' 1.5 ' AS INTEGER) AS d, CAST('1e2' AS INTEGER) AS e, CAST('1.4' AS BIGINT) AS f,"
                  + " CAST('00012.50' AS SMALLINT) AS g, '-2.5'::TINYINT AS h, TRY_CAST('1.5' AS INTEGER) AS i,"
                  + " TRY_CAST('x.5' AS INTEGER) AS j, TRY_CAST('2147483647.5' AS INTEGER) AS k,"
                  + " TRY_CAST('1e400' AS BIGINT) AS l, CAST('12' AS INTEGER) AS m"),
          SqlCase.ordered(
              "string column to integer casts round",
              "SELECT id, CAST(v AS INTEGER) AS c, TRY_CAST(v AS BIGINT) AS t, TRY_CAST(label AS INTEGER) AS l"
                  + " FROM (SELECT id, label, CAST(score AS VARCHAR) || '.5' AS v FROM nulls) s ORDER BY id"),
          SqlCase.ordered(
              "timestamp and truncated date to text, NULL included",
              "SELECT id, CAST(CASE WHEN score > 3 THEN TIMESTAMP '2018-01-01 10:00:00.5' END AS VARCHAR) AS t,"
                  + " CAST(date_trunc('day', CASE WHEN label = 'a' THEN DATE '2018-01-05' END) AS VARCHAR) AS d"
                  + " FROM nulls ORDER BY id"),
          SqlCase.ordered(
              "string compared with an integer rounds",
              "SELECT id FROM nulls WHERE id = '1.5' ORDER BY id"),
          SqlCase.ordered(
              "try_cast of a column",
              "SELECT id, TRY_CAST(lower(label) AS INTEGER) AS l FROM nulls ORDER BY id"),
          SqlCase.ordered(
              "ifnull",
              "SELECT id, ifnull(score, -1) AS s, ifnull(label, 'none') AS l FROM nulls ORDER BY id"),
          SqlCase.ordered("nvl", "SELECT id, nvl(label, 'none') AS l FROM nulls ORDER BY id")
              .duck("SELECT id, coalesce(label, 'none') AS l FROM nulls ORDER BY id"),
          SqlCase.of(
              "integer division by zero and NULL",
              "SELECT 1 / NULL::INTEGER AS a, score / 2 AS b FROM nulls ORDER BY id LIMIT 3"),
          SqlCase.ordered(
              "string predicates and len",
              "SELECT id, contains(name, 'chicken') AS c, prefix(name, 'a') AS p, suffix(name, 's') AS s,"
                  + " ends_with(name, 'e') AS e, starts_with(name, 'b') AS b, len(name) AS l,"
                  + " length(description) AS d FROM RAW_recipes ORDER BY id LIMIT 200"),
          SqlCase.of(
              "string functions of literals and NULL",
              "SELECT contains('hello', '') AS a, contains('hello', 'x') AS b, prefix(NULL, 'a') AS c,"
                  + " suffix('hello', NULL) AS d, ends_with('', '') AS e, len('') AS f, len('héllo') AS g,"
                  + " left('hello', 2) AS h, right('hello', 2) AS i, left('hi', 5) AS j,"
                  + " concat_ws(',', 'a', NULL, 'b') AS k, concat_ws(NULL, 'a') AS l, md5('abc') AS m,"
                  + " md5('') AS n"),
          SqlCase.of(
              "regexp_matches and regexp_extract of a column",
              "SELECT regexp_matches(review, '[0-9]+') AS d, regexp_matches(review, '^great', 'i') AS g,"
                  + " regexp_extract(review, '([a-z]+) ([a-z]+)', 2) AS w, regexp_extract(review, '\"[^\"]*\"') AS q,"
                  + " regexp_matches(review, 'a.b') AS nl, regexp_matches(review, 'e.*\\n.*e', 's') AS s"
                  + " FROM RAW_interactions"),
          SqlCase.of(
              "regexp functions in a filter",
              "SELECT COUNT(*) AS n FROM RAW_interactions_clean WHERE regexp_matches(review, 'good|great')"
                  + " AND contains(review, 'e') AND NOT prefix(review, 'x')"),
          SqlCase.of(
              "regexp options, groups and newlines",
              "SELECT regexp_matches('Hello', 'h', 'i') AS a, regexp_matches('Hello', 'h', 'ic') AS b,"
                  + " regexp_matches('a' || chr(10) || 'b', 'a.b') AS c, regexp_matches('a' || chr(10) || 'b', 'a.b', 's') AS d,"
                  + " regexp_matches('a' || chr(10) || 'b', '^b$') AS e, regexp_matches('a.b', '.', 'l') AS f,"
                  + " regexp_matches('ab', '.', 'l') AS g, regexp_extract('abc123def', '([a-z]+)([0-9]+)', 2) AS h,"
                  + " regexp_extract('abc', 'x') AS i, regexp_extract('a', '(b)?a', 1) AS j,"
                  + " regexp_extract(NULL, 'x') AS k, regexp_matches('abc', NULL) AS l"),
          SqlCase.of(
              "regexp_replace replaces the first match unless 'g'",
              "SELECT regexp_replace(review, '[aeiou]', '_') AS first, regexp_replace(review, '[aeiou]', '_', 'g')"
                  + " AS every, regexp_replace(review, '(e)(r)', '\\2\\1') AS swapped FROM RAW_interactions"),
          SqlCase.of(
              "epoch and epoch_ms",
              "SELECT epoch(date) AS s, epoch_ms(date) AS ms, epoch_ms(epoch_ms(date)) AS back"
                  + " FROM RAW_interactions_clean"),
          SqlCase.of(
              "epoch of timestamps",
              "SELECT epoch(TIMESTAMP '2020-01-01 00:00:01.5') AS a, epoch_ms(TIMESTAMP '2020-01-01 00:00:01.5') AS b,"
                  + " epoch(TIMESTAMP '1960-01-01 00:00:00.5') AS c, epoch_ms(-1) AS d, epoch_ms(0) AS e,"
                  + " epoch(NULL::TIMESTAMP) AS f"),
          SqlCase.of(
              "strptime of a column",
              "SELECT strptime(strftime(date, '%d/%m/%Y'), '%d/%m/%Y') AS a,"
                  + " strptime(CAST(date AS VARCHAR) || ' 13:45', '%Y-%m-%d %H:%M') AS b,"
                  + " strptime(strftime(date, '%b %-d, %Y'), '%b %d, %Y') AS c FROM RAW_interactions"),
          SqlCase.of(
              "strptime specifiers",
              "SELECT strptime('2020-01-02 03:04:05', '%Y-%m-%d %H:%M:%S') AS a, strptime('2/1/20', '%-d/%-m/%y') AS b,"
                  + " strptime('Jan 5 2021 03:04:05 PM', '%b %d %Y %I:%M:%S %p') AS c,"
                  + " strptime('Tuesday, 5 January 2021', '%A, %d %B %Y') AS d, strptime('2021-032', '%Y-%j') AS e,"
                  + " strptime('2020-01-02 03:04:05.123', '%Y-%m-%d %H:%M:%S.%g') AS f,"
                  + " strptime('2020-01-02 03:04:05.12', '%Y-%m-%d %H:%M:%S.%f') AS g,"
                  + " strptime('2020-01-02  03:04', '%Y-%m-%d %H:%M') AS h, strptime('12:30 AM 2020-01-01', '%I:%M %p %Y-%m-%d') AS i,"
                  + " strptime('69-01-01', '%y-%m-%d') AS j, strptime('68-01-01 100%', '%y-%m-%d 100%%') AS k,"
                  + " strptime(NULL, '%Y') AS l"),
          SqlCase.ordered(
              "count_star",
              "SELECT rating, count_star() AS n FROM RAW_interactions GROUP BY rating ORDER BY rating"),
          SqlCase.of(
              "now is current_timestamp",
              "SELECT now() = current_timestamp AS a, count_star() AS n FROM RAW_interactions_clean"),
          SqlCase.of(
              "left and right with negative counts, length by character",
              "SELECT left(name, -3) AS a, right(name, -3) AS b, left(name, 4) AS c, right(name, 100) AS d,"
                  + " length(name) AS e, char_length(review) AS f, left(review, n_steps - 8) AS g"
                  + " FROM RAW_recipes r JOIN RAW_interactions i ON i.recipe_id = r.id"),
          SqlCase.of(
              "substr with a start of 0 or below, and lengths off either end",
              "SELECT substr(name, 0, 2) AS a, substr(name, -2, 1) AS b, substr(name, -2) AS c, substr(name, 0) AS d,"
                  + " substr(name, -100, 102) AS e, substr(name, 3, -2) AS f, substring(name, -3, 100) AS g,"
                  + " substr(name, 1000) AS h, substr(name, -1, -1000) AS i, substring(name FROM -4 FOR 2) AS j,"
                  + " substr(name, n_steps - 10, n_steps - 12) AS k, substr('a😀bc', -3, 2) AS l FROM RAW_recipes"),
          SqlCase.of(
              "upper and lower one code point at a time",
              "SELECT upper('ﬀ straße') AS a, lower('ǅ İ Σ') AS b, upper(name) AS c, lower(name) AS d FROM RAW_recipes"),
          SqlCase.of(
              "numbers cast to text",
              "SELECT CAST(x AS VARCHAR) AS d, CAST(CAST(x AS REAL) AS VARCHAR) AS r FROM (VALUES (1e10), (1e20), (0.1e0),"
                  + " (1.5e-7), (1e15), (1e16), (1e-4), (1e-5), (0e0), (1e0), (100e0), (-2.5e0), (1234567890123456.7e0),"
                  + " (9999999999999998e0), (12345678.9e0), (1e-45)) v(x)"),
          SqlCase.of(
              "doubles beyond REAL cast to text",
              "SELECT CAST(1.7976931348623157e308 AS VARCHAR) AS a, CAST(5e-324 AS VARCHAR) AS b, CAST(-1.5e300 AS VARCHAR) AS c"),
          SqlCase.of(
              "numeric columns cast to text",
              "SELECT CAST(rating / 7 AS VARCHAR) AS a, CAST(minutes * 1e12 AS VARCHAR) AS b, 'x' || (rating / 1e6) AS c"
                  + " FROM RAW_interactions i JOIN RAW_recipes r ON i.recipe_id = r.id"),
          SqlCase.of(
              "decimals cast to text",
              "SELECT CAST(0.50 AS VARCHAR) AS a, CAST(-0.50 AS VARCHAR) AS b, CAST(5.0 AS VARCHAR) AS c,"
                  + " CAST(CAST(rating AS DECIMAL(5,2)) / 10 AS VARCHAR) AS d, CAST(CAST(-0.05 AS DECIMAL(4,3)) AS VARCHAR) AS e"
                  + " FROM RAW_interactions"),
          SqlCase.of(
              "strftime pads a year before 1000",
              "SELECT strftime(DATE '0001-01-01', '%Y-%m-%d') AS a, strftime(TIMESTAMP '0012-03-04 05:06:07', '%Y %G %c %x') AS b,"
                  + " strftime(DATE '0999-12-31', '%Y') AS c, strftime(DATE '2018-01-05', '%Y') AS d"),
          SqlCase.of(
              "round of a decimal",
              "SELECT round(100.00, 1) AS a, round(9999999.99, 1) AS b, round(9999999.99, -2) AS c, round(9999999.99) AS d,"
                  + " round(1.5, 3) AS e, round(-12.345, 2) AS f, round(CAST(rating AS DECIMAL(3,1)) / 3, 1) AS g,"
                  + " round(CAST(minutes AS DECIMAL(9,2)) + 0.55, 1) AS h FROM RAW_interactions i JOIN RAW_recipes r"
                  + " ON i.recipe_id = r.id"),
          SqlCase.of(
              "modulo of integers of two widths, and length in BIGINT arithmetic",
              "SELECT CAST(id AS BIGINT) * 1000000000 % NULLIF(minutes, 0) AS a, minutes % CAST(7 AS SMALLINT) AS b,"
                  + " 9223372036854775807 % 1 AS c, 9223372036854775807 - length(name) AS d FROM RAW_recipes"),
          SqlCase.of(
              "literals beyond Latin-1",
              "SELECT 'bœuf' AS a, '寿司 😀' AS b, length('a😀b') AS c, COUNT(*) AS n FROM RAW_recipes"
                  + " WHERE name <> 'bœuf 😀'"));
}
