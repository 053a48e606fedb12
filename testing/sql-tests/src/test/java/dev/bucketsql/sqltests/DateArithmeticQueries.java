package dev.bucketsql.sqltests;

import java.util.List;

/**
 * DuckDB's date arithmetic ({@code date + n}, {@code date - n}, {@code date - date}, {@code
 * timestamp - timestamp}, {@code date_add}, {@code make_date}, {@code make_timestamp}) and small
 * string and bit functions ({@code min_by}, {@code max_by}, {@code ltrim}, {@code rtrim} and {@code
 * trim} of characters, {@code strlen}, {@code bit_length}, {@code xor}), over the sample data and
 * literals.
 */
final class DateArithmeticQueries {
  private DateArithmeticQueries() {}

  static final List<SqlCase> ALL =
      List.of(
          SqlCase.ordered(
              "dialect: date plus and minus days",
              "SELECT date, date + 7 AS a, 7 + date AS b, date - 30 AS c, date + CAST(-2 AS SMALLINT) AS e,"
                  + " typeof(date + 1) AS t FROM RAW_interactions_clean ORDER BY date, user_id LIMIT 40"),
          SqlCase.ordered(
              "dialect: date minus date per review",
              "SELECT i.date - r.submitted AS days, typeof(i.date - r.submitted) AS t,"
                  + " DATE '2020-03-01' - DATE '2020-01-01' AS leap, DATE '2019-01-01' - DATE '2020-01-01' AS back"
                  + " FROM RAW_interactions_clean i JOIN RAW_recipes_clean r ON i.recipe_id = r.id"
                  + " ORDER BY i.date, i.user_id, r.id LIMIT 40"),
          SqlCase.of(
              "dialect: date difference aggregated and filtered",
              "SELECT AVG(i.date - r.submitted) AS avg_days, MAX(i.date - r.submitted) AS max_days,"
                  + " COUNT(*) FILTER (WHERE i.date - 365 > r.submitted) AS late"
                  + " FROM RAW_interactions_clean i JOIN RAW_recipes_clean r ON i.recipe_id = r.id"),
          SqlCase.of(
              "dialect: date arithmetic with NULL",
              "SELECT CAST(NULL AS DATE) + 1 AS a, DATE '2020-01-01' - CAST(NULL AS DATE) AS b,"
                  + " CAST(NULL AS INTEGER) + DATE '2020-01-01' AS c"),
          SqlCase.of(
              "dialect: timestamp minus timestamp",
              "SELECT epoch(TIMESTAMP '2020-01-02 03:04:05.5' - TIMESTAMP '2020-01-01 00:00:00') AS a,"
                  + " EXTRACT(EPOCH FROM TIMESTAMP '2020-01-01 00:00:00' - TIMESTAMP '2021-03-01 01:00:00.25') AS b,"
                  + " TIMESTAMP '2000-01-01 00:00:00' + (TIMESTAMP '2020-01-02 03:04:05' - TIMESTAMP '2020-01-01 00:00:00')"
                  + " AS c, typeof(TIMESTAMP '2020-01-02 03:04:05' - TIMESTAMP '2020-01-01 00:00:00') AS t"),
          SqlCase.ordered(
              "dialect: timestamp differences of review dates",
              "SELECT epoch(CAST(i.date AS TIMESTAMP) - CAST(r.submitted AS TIMESTAMP)) AS s"
                  + " FROM RAW_interactions_clean i JOIN RAW_recipes_clean r ON i.recipe_id = r.id"
                  + " ORDER BY i.date, i.user_id, r.id LIMIT 20"),
          SqlCase.ordered(
              "dialect: date_add of an interval",
              "SELECT date_add(date, INTERVAL 1 MONTH) AS a, date_add(date, INTERVAL '3' DAY) AS b,"
                  + " date_add(TIMESTAMP '2020-01-31 10:00:00', INTERVAL 1 MONTH) AS c"
                  + " FROM RAW_interactions_clean ORDER BY date, user_id LIMIT 20"),
          SqlCase.of(
              "dialect: make_date and make_timestamp",
              "SELECT make_date(2020, 2, 29) AS a, make_date(1999, 12, 31) AS b, make_date(CAST(NULL AS INTEGER), 1, 1)"
                  + " AS c, make_timestamp(2020, 1, 2, 3, 4, 5.5) AS d, make_timestamp(1970, 1, 1, 0, 0, 0) AS e"),
          SqlCase.ordered(
              "dialect: make_date of parts",
              "SELECT make_date(EXTRACT(YEAR FROM date), EXTRACT(MONTH FROM date), 1) AS m, COUNT(*) AS n"
                  + " FROM RAW_interactions_clean GROUP BY 1 ORDER BY 1"),
          SqlCase.ordered(
              "dialect: min_by and max_by",
              "SELECT recipe_id, min_by(user_id, date) AS a, max_by(user_id, date) AS b, arg_min(rating, user_id) AS c,"
                  + " arg_max(rating, user_id) AS d FROM RAW_interactions_clean GROUP BY recipe_id"
                  // keys without ties: which row a tie picks is either engine's choice
                  + " HAVING COUNT(DISTINCT date) = COUNT(*) AND COUNT(DISTINCT user_id) = COUNT(*)"
                  + " ORDER BY recipe_id LIMIT 30"),
          SqlCase.of(
              "dialect: min_by and max_by with NULLs",
              "SELECT min_by(x, y) AS a, max_by(x, y) AS b, arg_min(y, x) AS c, max_by(x, CAST(NULL AS INTEGER)) AS d"
                  + " FROM (VALUES (1, CAST(NULL AS INTEGER)), (CAST(NULL AS INTEGER), 5), (3, 2), (4, 9)) t(x, y)"),
          SqlCase.ordered(
              "dialect: trim of characters",
              "SELECT id, ltrim(name, 'abc ') AS a, rtrim(name, 'sde ') AS b, trim(name, 'as') AS c,"
                  + " ltrim('xxaxx', 'x') AS d, rtrim('xxaxx', 'x') AS e, trim('xyaxy', 'xy') AS f"
                  + " FROM RAW_recipes_clean ORDER BY id LIMIT 20"),
          SqlCase.ordered(
              "dialect: strlen, bit_length and xor",
              "SELECT id, strlen(name) AS a, bit_length(name) AS b, strlen('h\u00e9llo') AS c, bit_length('\u00e9') AS d,"
                  + " xor(id, 5) AS e, xor(CAST(12 AS BIGINT), 10) AS f FROM RAW_recipes_clean ORDER BY id LIMIT 20"),
          SqlCase.ordered(
              "dialect: instr, gcd and lcm",
              "SELECT id, instr(name, 'a') AS a, instr('h\u00e9llo', 'l') AS b, instr('abc', '') AS c, instr('abc', 'z') AS d,"
                  + " gcd(id, 12) AS e, lcm(id, 6) AS f, gcd(-12, 18) AS g, gcd(0, 0) AS h, lcm(0, 5) AS i, lcm(-4, 6) AS j"
                  + " FROM RAW_recipes_clean ORDER BY id LIMIT 20"),
          SqlCase.ordered(
              "dialect: dayname, monthname and epoch_us",
              "SELECT date, dayname(date) AS a, monthname(date) AS b, epoch_us(date) AS c,"
                  + " dayname(TIMESTAMP '2020-02-10 10:00:00') AS d, monthname(TIMESTAMP '2020-12-10 10:00:00') AS e,"
                  + " epoch_us(TIMESTAMP '2020-01-01 00:00:01.5') AS f FROM RAW_interactions_clean ORDER BY date, user_id LIMIT 20"),
          SqlCase.of(
              "dialect: isnan, isinf and isfinite",
              "SELECT isnan(CAST('NaN' AS DOUBLE)) AS a, isinf(-CAST('inf' AS DOUBLE)) AS b, isfinite(CAST('nan' AS DOUBLE)) AS c,"
                  + " isnan(1.5) AS d, isinf(2) AS e, isfinite(CAST(1e300 AS DOUBLE) * 10) AS f, isnan(CAST(NULL AS DOUBLE)) AS g"));
}
