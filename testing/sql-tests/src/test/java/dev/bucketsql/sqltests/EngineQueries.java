package dev.bucketsql.sqltests;

import java.util.List;

/**
 * Queries whose plans run on the execution engine ({@code Engine*} nodes in EXPLAIN): every join
 * kind with NULL and duplicate keys, aggregates over empty input and NULL groups, sorts with NULLs,
 * top-N, filters and integer arithmetic under them (a scan with a filter alone stays Calcite's);
 * decimal arithmetic and casts, integer and double division and remainder, CASE, COALESCE and LIKE,
 * an operand a row does not evaluate, AVG and integer SUM, window functions. {@link
 * EngineDifferentialTest} checks that each plan has an engine node and that the answers are
 * DuckDB's, with the engine on and off.
 */
final class EngineQueries {
  private EngineQueries() {}

  static final List<SqlCase> ALL =
      List.of(
          SqlCase.of(
              "engine: GROUP BY Parquet strings (dictionary numbers) with several double sums",
              "SELECT description, COUNT(*) AS c, SUM(calories) AS cal, SUM(total_fat * (1 - sugar))"
                  + " AS f, SUM(total_fat * (1 - sugar) * (1 + protein)) AS g, AVG(sodium) AS a,"
                  + " AVG(calories) AS ac FROM RAW_recipes_clean WHERE submitted <= DATE '2015-01-01'"
                  + " GROUP BY description"),
          SqlCase.of(
              "engine: GROUP BY two Parquet strings, NULLs among them",
              "SELECT name, description, COUNT(*) AS c, SUM(calories) AS s, SUM(protein) AS p"
                  + " FROM RAW_recipes_clean WHERE minutes > 5 GROUP BY name, description"),
          SqlCase.of(
              "engine: GROUP BY a Parquet string and a number",
              "SELECT review, rating, COUNT(*) AS c, SUM(user_id) AS u FROM RAW_interactions_clean"
                  + " WHERE rating >= 0 GROUP BY review, rating"),
          SqlCase.of(
              "engine: GROUP BY a BIGINT in runs of equal keys",
              "SELECT recipe_id, COUNT(*) AS c, SUM(rating) AS s, MAX(user_id) AS u"
                  + " FROM RAW_interactions_clean WHERE user_id > 0 GROUP BY recipe_id"),
          SqlCase.of(
              "engine: inner join rows, NULL and duplicate keys",
              "SELECT f.k, f.n, f.x, d.grp, d.born FROM fact f JOIN dim d ON f.k = d.id"),
          SqlCase.of(
              "engine: left join",
              "SELECT f.k, f.n, d.grp, d.w FROM fact f LEFT JOIN dim d ON f.k = d.id"),
          SqlCase.of(
              "engine: right join",
              "SELECT f.k, f.n, d.id, d.grp FROM fact f RIGHT JOIN dim d ON f.k = d.id"),
          SqlCase.of(
              "engine: full join",
              "SELECT f.k, f.n, d.id, d.grp FROM fact f FULL JOIN dim d ON f.k = d.id"),
          SqlCase.of(
              "engine: join on two keys",
              "SELECT f.k, f.n, d.grp FROM fact f JOIN dim d ON f.k = d.id AND f.n = d.grp"),
          SqlCase.of(
              "engine: join of a filtered side, the smaller built",
              "SELECT a.k, a.x, b.x AS bx FROM fact a JOIN fact b ON a.k = b.k WHERE b.x > 5"),
          SqlCase.of(
              "engine: anti join, NULL keys kept",
              "SELECT f.k, f.n FROM fact f WHERE NOT EXISTS (SELECT 1 FROM dim d WHERE d.id = f.k)"),
          SqlCase.of(
              "engine: semi join",
              "SELECT f.k, f.n FROM fact f WHERE EXISTS (SELECT 1 FROM dim d WHERE d.id = f.k AND d.w > 15)"),
          SqlCase.of(
              "engine: aggregates over no row",
              "SELECT COUNT(*) AS n, COUNT(v) AS nv, MIN(d) AS lo, MAX(n) AS hi, SUM(v) AS s FROM fact WHERE k > 100"),
          SqlCase.of(
              "engine: grouped over no row",
              "SELECT n, COUNT(*) AS c FROM fact WHERE k > 100 GROUP BY n"),
          SqlCase.of(
              "engine: NULL is a group of its own",
              "SELECT k, COUNT(*) AS c, COUNT(x) AS cx, MIN(x) AS lo, MAX(d) AS hi, SUM(v) AS s"
                  + " FROM fact WHERE x > 0 OR x IS NULL OR k = 1 GROUP BY k"),
          SqlCase.of(
              "engine: COUNT DISTINCT over a left join",
              "SELECT d.grp, COUNT(DISTINCT f.n) AS names, MAX(f.d) AS last FROM dim d LEFT JOIN fact f"
                  + " ON d.id = f.k GROUP BY d.grp"),
          SqlCase.ordered(
              "engine: sort with NULLs first, then last",
              "SELECT k, x, n FROM fact ORDER BY k DESC NULLS FIRST, x NULLS LAST"),
          SqlCase.ordered(
              "engine: top-N over a join",
              "SELECT f.x, d.grp FROM fact f JOIN dim d ON f.k = d.id ORDER BY f.x DESC NULLS LAST, d.grp LIMIT 3"),
          SqlCase.ordered(
              "engine: offset and fetch",
              "SELECT x FROM fact WHERE x IS NOT NULL ORDER BY x LIMIT 4 OFFSET 2"),
          SqlCase.ordered(
              "engine: sort by text out of ASCII, a supplementary character, NULLs last, DESC",
              "SELECT word, id FROM texts ORDER BY word DESC NULLS LAST, id"),
          SqlCase.ordered(
              "engine: sort by text sharing a long prefix, NULLs first",
              "SELECT 'https://example.com/products/' || n || '/' || CAST(x AS VARCHAR) AS url, k"
                  + " FROM fact ORDER BY url NULLS FIRST, k"),
          SqlCase.ordered(
              "engine: sort by decimals of both signs, NULLs first, then DESC",
              "SELECT id, CAST(b AS DECIMAL(4,1)) AS db, CAST(a AS DECIMAL(12,2)) AS da FROM moments"
                  + " ORDER BY db NULLS FIRST, da DESC, id"),
          SqlCase.ordered(
              "engine: sort by text, then an integer DESC, then a decimal",
              "SELECT n, k, CAST(v AS DECIMAL(10,2)) AS dv FROM fact"
                  + " ORDER BY n NULLS FIRST, k DESC NULLS LAST, dv, x"),
          SqlCase.ordered(
              "engine: top-N by text and a decimal",
              "SELECT name, CAST(a AS DECIMAL(12,2)) AS da, id FROM moments"
                  + " ORDER BY name DESC NULLS FIRST, da LIMIT 4"),
          SqlCase.ordered(
              "engine: arithmetic and comparisons in a projection",
              "SELECT k, x + 1 AS a, x - k AS b, x * 2 AS c, k = 1 AS one, n < 'c' AS early FROM fact"
                  + " WHERE k < 4 ORDER BY x NULLS FIRST"),
          SqlCase.of(
              "engine: decimal arithmetic with an integer operand, casts to DECIMAL",
              "SELECT k, CAST(v AS DECIMAL(10,2)) * 3 - CAST(k AS DECIMAL(12,3)) AS d,"
                  + " CAST(v AS DECIMAL(10,2)) + 0.125 AS e, 1 - CAST(v AS DECIMAL(10,2)) * CAST(0.05 AS DECIMAL(3,2)) AS f,"
                  + " CAST(CAST(v AS DECIMAL(10,2)) AS DECIMAL(9,1)) AS g FROM fact ORDER BY k, d"),
          SqlCase.of(
              "engine: integer division and remainder, double division and remainder",
              "SELECT k, x // k AS q, x % k AS r, x / k AS f, v / k AS g, v % 2 AS h, k * 1.5 AS i FROM fact"
                  + " WHERE k <> 0 ORDER BY k, x"),
          SqlCase.of(
              "engine: a zero divisor in a CASE branch or an AND operand not evaluated",
              "SELECT k, x, CASE WHEN k - 1 = 0 THEN -1 ELSE x // (k - 1) END AS q,"
                  + " CASE WHEN k = 1 THEN NULL WHEN x % (k - 1) = 0 THEN 'even' ELSE 'odd' END AS r FROM fact"
                  + " WHERE x > 0 ORDER BY k, x"),
          SqlCase.of(
              "engine: COALESCE, simple CASE, LIKE and NOT LIKE",
              "SELECT k, COALESCE(n, 'none') AS n2, CASE k WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'other' END AS w,"
                  + " n LIKE 'a%' AS a, n NOT LIKE '_' AS b, COALESCE(v, CAST(k AS DOUBLE), 0.5) AS c FROM fact"
                  + " ORDER BY k, n2"),
          // Calcite's code for a join's condition could not read back an EXTRACT's unit inside
          // a CASE or COALESCE (NullPointerException: timeUnitRange) with the engine off
          SqlCase.of(
              "engine: EXTRACTs of one part inside and outside a COALESCE in a join's condition",
              "SELECT COUNT(*) AS c FROM fact f JOIN stamps s ON TRUE"
                  + " WHERE COALESCE(date_part('dow', s.ts), 1) > dayofweek(f.d)"
                  + " UNION ALL SELECT COUNT(*) FROM fact f JOIN stamps s ON f.k = s.id"
                  + " AND CASE WHEN f.k > 1 THEN EXTRACT(YEAR FROM f.d) ELSE EXTRACT(YEAR FROM s.ts) END"
                  + " > EXTRACT(YEAR FROM s.ts)"),
          SqlCase.of(
              "engine: LIKE patterns in a filter over a join",
              "SELECT f.k, f.n, d.grp FROM fact f JOIN dim d ON f.k = d.id"
                  + " WHERE (d.grp LIKE '%e%' OR d.grp LIKE 'g_ee_') AND d.grp NOT LIKE 'b%' AND f.n NOT LIKE '_'"),
          SqlCase.of(
              "engine: AVG of integers, doubles and decimals, SUM of integers as DECIMAL(38,0)",
              "SELECT n, AVG(x) AS ax, AVG(v) AS av, AVG(CAST(v AS DECIMAL(10,2))) AS ad, SUM(k) AS sk, SUM(x) AS sx,"
                  + " COUNT(*) AS c FROM fact GROUP BY n"),
          SqlCase.of(
              "engine: casts between numeric types and dates",
              "SELECT k, CAST(v AS INTEGER) AS vi, CAST(x AS DOUBLE) AS xd, CAST(k AS BIGINT) AS kb,"
                  + " CAST(CAST(v AS DECIMAL(10,2)) AS BIGINT) AS db, CAST(d AS TIMESTAMP) AS ts,"
                  + " TRY_CAST(x AS INTEGER) AS xi FROM fact ORDER BY k, vi"),
          SqlCase.of(
              "engine: conditional sums as TPC-H writes them",
              "SELECT d.grp, SUM(CASE WHEN f.n LIKE 'a%' THEN f.v * (1 - 0.5) ELSE 0 END) AS s,"
                  + " SUM(CASE WHEN f.x > 5 THEN 1 ELSE 0 END) AS big, SUM(f.v * (1 + f.k)) AS t"
                  + " FROM fact f JOIN dim d ON f.k = d.id GROUP BY d.grp"),
          SqlCase.of(
              "engine: aggregates with FILTER",
              "SELECT d.grp, COUNT(*) FILTER (WHERE f.x > 5) AS c, SUM(f.v) FILTER (WHERE f.k = 1) AS s,"
                  + " AVG(f.v) FILTER (WHERE f.n LIKE '%a%') AS a"
                  + " FROM fact f JOIN dim d ON f.k = d.id GROUP BY d.grp"),
          SqlCase.of(
              "engine: nested-loop join on a comparison, NULLs on both sides",
              "SELECT f.k, f.x, d.id, d.grp FROM fact f JOIN dim d ON f.k < d.id"),
          SqlCase.of(
              "engine: nested-loop left join, a filtered inner side",
              "SELECT f.k, f.n, d.id FROM fact f LEFT JOIN dim d ON f.k < d.id AND d.grp <> 'blue'"),
          SqlCase.of(
              "engine: nested-loop full and right joins",
              "SELECT f.k, d.id, d.grp FROM fact f FULL JOIN dim d ON f.k > d.id"
                  + " UNION ALL SELECT f.k, d.id, d.grp FROM fact f RIGHT JOIN dim d ON f.k >= d.id + 2"),
          SqlCase.of(
              "engine: cross join with a filter on one side",
              "SELECT f.k, f.n, d.grp FROM fact f CROSS JOIN dim d WHERE d.w > 15"),
          SqlCase.of(
              "engine: nested-loop join on arithmetic OR LIKE",
              "SELECT f.k, f.v, d.w FROM fact f JOIN dim d ON f.v * 4 > d.w OR d.grp LIKE 'g%'"),
          SqlCase.of(
              "engine: NOT IN over a list with a NULL is empty",
              "SELECT f.k, f.n FROM fact f WHERE f.k NOT IN (SELECT id FROM dim)"),
          SqlCase.of(
              "engine: NOT IN without NULLs in the list, NULL keys dropped",
              "SELECT f.k, f.n FROM fact f WHERE f.k NOT IN (SELECT id FROM dim WHERE id IS NOT NULL)"),
          SqlCase.of(
              "engine: NOT IN over a cross join",
              "SELECT f.k, d.grp FROM fact f, dim d WHERE f.k NOT IN (SELECT k FROM fact WHERE x > 5)"),
          SqlCase.of(
              "engine: IN as a value, three-valued",
              "SELECT f.k, f.k IN (SELECT id FROM dim) AS i, f.k NOT IN (SELECT id FROM dim WHERE id > 1) AS n"
                  + " FROM fact f"),
          SqlCase.of(
              "engine: correlated EXISTS, NOT EXISTS and a scalar subquery on comparisons",
              "SELECT f.k, f.n, EXISTS (SELECT 1 FROM dim d WHERE d.id > f.k) AS e,"
                  + " (SELECT MAX(w) FROM dim d WHERE d.id < f.k) AS m FROM fact f"
                  + " WHERE NOT EXISTS (SELECT 1 FROM dim d WHERE d.id = f.k + 4)"),
          SqlCase.of(
              "engine: unary minus and ABS of integers, doubles and decimals",
              "SELECT k, -x AS nx, ABS(x) AS ax, -v AS nv, ABS(v) AS av, -CAST(v AS DECIMAL(10,2)) AS nd,"
                  + " ABS(CAST(v AS DECIMAL(10,2)) - 3) AS ad, -k AS nk, ABS(k - 5) AS ak FROM fact"
                  + " ORDER BY k, x"),
          SqlCase.of(
              "engine: EXTRACT of date parts, in a projection and a grouped aggregate over a join",
              "SELECT f.k, EXTRACT(YEAR FROM f.d) AS y, EXTRACT(QUARTER FROM f.d) AS q, EXTRACT(MONTH FROM f.d) AS m,"
                  + " EXTRACT(DAY FROM f.d) AS dd, EXTRACT(DOW FROM f.d) AS w, EXTRACT(DOY FROM d.born) AS dy,"
                  + " year(d.born) AS byear FROM fact f LEFT JOIN dim d ON f.k = d.id ORDER BY f.k, f.d"),
          SqlCase.of(
              "engine: grouped by the year of a date over a left join",
              "SELECT EXTRACT(YEAR FROM f.d) AS y, d.grp, COUNT(*) AS c, SUM(f.v) AS s FROM fact f"
                  + " LEFT JOIN dim d ON f.k = d.id GROUP BY EXTRACT(YEAR FROM f.d), d.grp"),
          SqlCase.of(
              "engine: DuckDB's string functions, negative starts and counts",
              "SELECT f.k, d.grp, substring(d.grp, 2, 2) AS s1, substr(d.grp, -2) AS s2, substring(d.grp, 0, 2) AS s3,"
                  + " substring(d.grp, 3, -2) AS s4, left(d.grp, -1) AS l, right(d.grp, 2) AS r, upper(d.grp) AS u,"
                  + " lower(f.n) AS lo, length(d.grp) AS n, substring(d.grp, f.k) AS s5 FROM fact f LEFT JOIN dim d"
                  + " ON f.k = d.id ORDER BY f.k, d.grp"),
          SqlCase.of(
              "engine: a substring in a filter and a group key over a join",
              "SELECT substring(d.grp, 1, 1) AS g, COUNT(*) AS c FROM fact f LEFT JOIN dim d ON f.k = d.id"
                  + " WHERE substring(d.grp, 1, 1) IN ('r', 'g') OR d.grp IS NULL GROUP BY substring(d.grp, 1, 1)"),
          SqlCase.of(
              "engine: IN and NOT IN value lists of integers, doubles, dates and strings over a join",
              "SELECT f.k, f.n, d.grp, f.k IN (1, 4, 9) AS ki, f.v NOT IN (2.5, -1.0, 0.25) AS vn,"
                  + " f.d IN (DATE '2018-01-05', DATE '2021-06-15') AS di, d.grp IN ('red', 'blue') AS gi,"
                  + " substring(f.n, 1, 1) NOT IN ('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j') AS ni"
                  + " FROM fact f LEFT JOIN dim d ON f.k = d.id"),
          SqlCase.of(
              "engine: a CTE grouped by a key, used by a join whose built keys filter it and again whole",
              "WITH a AS (SELECT k, SUM(x) AS s, COUNT(*) AS c FROM fact GROUP BY k)"
                  + " SELECT d.id, d.grp, a.s, (SELECT COUNT(*) FROM a) AS groups,"
                  + " (SELECT SUM(c) FROM a) AS total FROM dim d JOIN a ON d.id = a.k"),
          SqlCase.of(
              "engine: a CTE grouped by a key, filtered by one join's keys, whole in the other branch",
              "WITH a AS (SELECT k, SUM(x) AS s FROM fact GROUP BY k)"
                  + " SELECT a.k, a.s, 'joined' AS src FROM dim d JOIN a ON d.id = a.k"
                  + " UNION ALL SELECT a.k, a.s, 'all' FROM a"),
          SqlCase.of(
              "engine: IN and NOT IN value lists and column comparisons as filter conjuncts",
              "SELECT f.k, f.x, f.n, d.grp FROM fact f JOIN dim d ON f.k = d.id"
                  + " WHERE f.n IN ('a', 'b', 'e', 'f', 'zz') AND f.x NOT IN (7, 3000000001)"
                  + " AND f.v < d.w AND f.k IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)"));

  /**
   * Expressions whose whole projection or filter runs in the engine's Project or Filter (no
   * EnumerableCalc in the plan): EXTRACT from TIMESTAMPs and DATEs (weeks, ISO years, days of the
   * week, epochs), the remainder of decimals, ILIKE, casts to text (TIMESTAMPs too), casts of text
   * to numbers, booleans, dates and timestamps (TRY_CAST too), {@code ||} and {@code concat()}.
   */
  static final List<SqlCase> EXPRESSIONS =
      List.of(
          SqlCase.of(
              "engine expression: a subexpression several projections hold (q01's shape), once",
              "SELECT k, MIN(v * (1 - v / 8)) AS a, MAX(v * (1 - v / 8) * (1 + v)) AS b,"
                  + " MIN(v * (1 - v / 8) - v * (1 - v / 8)) AS c, MAX(v / 8) AS d, COUNT(*) AS n"
                  + " FROM fact GROUP BY k"),
          SqlCase.of(
              "engine expression: a decimal subexpression held twice, and one also under CASE",
              "SELECT id, MIN(CAST(a AS DECIMAL(10,2)) * (1 - CAST(b AS DECIMAL(6,1)))) AS p,"
                  + " MAX(CAST(a AS DECIMAL(10,2)) * (1 - CAST(b AS DECIMAL(6,1))) * 2) AS q,"
                  + " MIN(CAST(b AS DECIMAL(6,1)) * 3) AS r, MAX(CASE WHEN b > 0 THEN"
                  + " CAST(b AS DECIMAL(6,1)) * 3 ELSE 0 END) AS s FROM moments GROUP BY id"),
          SqlCase.of(
              "engine: STDDEV and VARIANCE, Calcite's reduction with its clamp and square root",
              "SELECT n, STDDEV_SAMP(v) AS sd, STDDEV_POP(x) AS sp, VAR_SAMP(k) AS vs,"
                  + " VAR_POP(v) AS vp, COUNT(*) AS c FROM fact GROUP BY n"),
          SqlCase.of(
              "engine: STDDEV over a join, grand total",
              "SELECT STDDEV_SAMP(f.v) AS sd, STDDEV_POP(d.w) AS sw FROM fact f JOIN dim d"
                  + " ON f.k = d.id"),
          SqlCase.of(
              "engine expression: arithmetic with a NULL operand is NULL, its other operand a cast"
                  + " that cannot hold the value not computed",
              "SELECT f.k, CAST(f.v / 0e0 AS DECIMAL(10,2)) + abs(CAST(NULL AS INTEGER)) AS a,"
                  + " CAST(CAST('Infinity' AS DOUBLE) AS DECIMAL(10,2)) - CAST(NULL AS INTEGER) AS b"
                  + " FROM fact AS f WHERE EXISTS (SELECT 1 FROM dim)"),
          SqlCase.of(
              "engine expression: EXTRACT from a TIMESTAMP, before 1970 too",
              "SELECT id, EXTRACT(YEAR FROM ts) AS y, EXTRACT(QUARTER FROM ts) AS q, EXTRACT(MONTH FROM ts) AS mo,"
                  + " EXTRACT(DAY FROM ts) AS dd, EXTRACT(HOUR FROM ts) AS h, EXTRACT(MINUTE FROM ts) AS mi,"
                  + " EXTRACT(SECOND FROM ts) AS s, EXTRACT(MILLISECOND FROM ts) AS ms,"
                  + " EXTRACT(MICROSECOND FROM ts) AS us, EXTRACT(DOY FROM ts) AS dy FROM moments ORDER BY id"),
          SqlCase.of(
              "engine expression: weeks, days of the week, ISO years, decades and epochs",
              "SELECT id, EXTRACT(WEEK FROM ts) AS w, EXTRACT(DOW FROM ts) AS dw, EXTRACT(ISODOW FROM ts) AS idw,"
                  + " EXTRACT(ISOYEAR FROM ts) AS iy, dayofweek(d) AS dw2, weekofyear(d) AS w2,"
                  + " EXTRACT(ISOYEAR FROM d) AS iy2, EXTRACT(DECADE FROM d) AS de, EXTRACT(CENTURY FROM ts) AS c,"
                  + " EXTRACT(MILLENNIUM FROM d) AS mil, epoch(ts) AS e, date_part('epoch', d) AS e2,"
                  + " year(ts) AS y, hour(ts) AS h FROM moments ORDER BY id"),
          SqlCase.of(
              "engine expression: EXTRACT in a filter and a group key",
              "SELECT EXTRACT(YEAR FROM ts) AS y, EXTRACT(DOW FROM d) AS dw, COUNT(*) AS c FROM moments"
                  + " WHERE EXTRACT(HOUR FROM ts) < 23 OR EXTRACT(MINUTE FROM ts) = 59"
                  + " GROUP BY EXTRACT(YEAR FROM ts), EXTRACT(DOW FROM d)"),
          SqlCase.of(
              "engine expression: the remainder of decimals, negative operands, an integer divisor",
              "SELECT id, CAST(a AS DECIMAL(10,2)) % CAST(b AS DECIMAL(6,1)) AS r, CAST(a AS DECIMAL(10,2)) % 3 AS r3,"
                  + " -CAST(a AS DECIMAL(10,2)) % CAST(0.25 AS DECIMAL(3,2)) AS r4, 7 % CAST(b AS DECIMAL(6,1)) AS r5"
                  + " FROM moments ORDER BY id"),
          SqlCase.of(
              "engine expression: ILIKE and NOT ILIKE, with an escape",
              "SELECT id, name ILIKE 'a%' AS a, name ILIKE '%AN_NA' AS b, name NOT ILIKE '%P%' AS c,"
                  + " name ILIKE '%CLAIR' AS d, name ILIKE 'A!_B%' ESCAPE '!' AS e FROM moments ORDER BY id"),
          SqlCase.of(
              "engine expression: ILIKE in a filter",
              "SELECT id, name FROM moments WHERE name ILIKE '%p%' OR name ILIKE 'b%' ORDER BY id"),
          // a + 0: DuckDB 2.0 answers CAST(col AS VARCHAR) of a CSV column with the file's own
          // text (7.50 for the DOUBLE 7.5), and this row of casts made it fail with an internal
          // error
          SqlCase.of(
              "engine expression: casts of integers, decimals, doubles, dates and booleans to text",
              "SELECT id, CAST(id - 4 AS VARCHAR) AS i, CAST(CAST(a AS DECIMAL(10,2)) AS VARCHAR) AS dc,"
                  + " CAST(a + 0 AS VARCHAR) AS db, CAST(a / 3 AS VARCHAR) AS dq, CAST(d AS VARCHAR) AS dt, CAST(id > 3 AS VARCHAR) AS bo,"
                  + " CAST(CAST(id AS SMALLINT) AS VARCHAR) AS s FROM moments ORDER BY id"),
          SqlCase.of(
              "engine expression: casts of text to integers, DOUBLE, DECIMAL and BOOLEAN, TRY_CAST",
              "SELECT id, CAST(num AS BIGINT) AS b, CAST(' ' || num || ' ' AS BIGINT) AS sp, CAST(dec AS DOUBLE) AS d,"
                  + " CAST(dec AS DECIMAL(10,2)) AS m, CAST(flag AS BOOLEAN) AS f, TRY_CAST(num AS INTEGER) AS i,"
                  + " TRY_CAST(num AS DOUBLE) AS nd, TRY_CAST(word AS DOUBLE) AS w, TRY_CAST(dec AS DECIMAL(5,2)) AS m5,"
                  + " TRY_CAST(word AS BOOLEAN) AS wb, TRY_CAST(num AS SMALLINT) AS s FROM texts WHERE id < 7 ORDER BY id"),
          SqlCase.of(
              "engine expression: casts of text to DATE and TIMESTAMP, leap days, before 1970, TRY_CAST",
              "SELECT id, CAST(day AS DATE) AS d, CAST(stamp AS TIMESTAMP) AS t, CAST(day AS TIMESTAMP) AS dt,"
                  + " TRY_CAST(word AS DATE) AS w, TRY_CAST(' ' || stamp AS TIMESTAMP) AS tt,"
                  + " TRY_CAST(num AS TIMESTAMP) AS nt FROM texts WHERE id < 7 ORDER BY id"),
          SqlCase.of(
              "engine expression: TRY_CAST of text that is no value, or none of the type",
              "SELECT id, TRY_CAST(num AS BIGINT) AS b, TRY_CAST(dec AS DECIMAL(10,2)) AS m, TRY_CAST(day AS DATE) AS d,"
                  + " TRY_CAST(stamp AS TIMESTAMP) AS t, TRY_CAST(flag AS BOOLEAN) AS f, TRY_CAST(dec AS DOUBLE) AS x"
                  + " FROM texts WHERE id >= 7 ORDER BY id"),
          SqlCase.of(
              "engine expression: TIMESTAMP text with milliseconds, || of text, numbers, dates, booleans",
              "SELECT id, CAST(ts AS VARCHAR) AS t, name || '!' AS a, 'n' || id || '/' || name AS b,"
                  + " d || ' ' || ts AS c, (a + 0) || '|' || (id > 3) AS e, COALESCE(name, '') || '' AS f,"
                  + " concat(name, '-', CAST(id AS VARCHAR)) AS g, concat(name, CAST(NULL AS VARCHAR)) AS h"
                  + " FROM moments ORDER BY id"),
          SqlCase.of(
              "engine expression: text of text in a filter, non-ASCII and empty strings",
              "SELECT id, word FROM texts WHERE CAST(CAST(id AS VARCHAR) || '5' AS INTEGER) > 30"
                  + " AND (TRY_CAST(day AS DATE) > DATE '1999-12-31' OR COALESCE(word, '') || '!' IN ('!', 'Zürich!'))"
                  + " ORDER BY id"),
          SqlCase.of(
              "engine expression: round of doubles and decimals, to negative digits too",
              "SELECT k, v, round(v, 1) AS a, round(v) AS b, round(CAST(v AS DECIMAL(12,3)), 2) AS c,"
                  + " round(CAST(v AS DECIMAL(12,3)), -1) AS e, round(CAST(v AS DECIMAL(12,3))) AS f,"
                  + " round(v * 1000, -2) AS g FROM fact WHERE v BETWEEN -1e6 AND 1e6 ORDER BY k"),
          SqlCase.of(
              "engine expression: date_diff and date_sub of dates and timestamps",
              "SELECT k, d, date_diff('day', d, DATE '2024-03-01') AS a, date_diff('month', DATE '2020-01-31', d) AS b,"
                  + " date_sub('month', d, DATE '2024-03-01') AS c,"
                  + " date_diff('hour', CAST(d AS TIMESTAMP), TIMESTAMP '2024-03-01 12:30:00') AS e,"
                  + " date_sub('week', TIMESTAMP '2019-06-15 08:00:00', CAST(d AS TIMESTAMP)) AS f"
                  + " FROM fact ORDER BY k, d"),
          SqlCase.of(
              "engine expression: a cast of text as a group key",
              "SELECT CAST(substring(stamp, 1, 4) AS INTEGER) AS y, COUNT(*) AS c FROM texts WHERE id < 7"
                  + " GROUP BY CAST(substring(stamp, 1, 4) AS INTEGER)"));

  /** A query and the engine node its plan must name. */
  record OnNode(SqlCase query, String node) {
    @Override
    public String toString() {
      return query.name();
    }
  }

  /**
   * Set operations on the engine: UNION, INTERSECT and EXCEPT with and without ALL, of two and
   * three inputs, with NULLs (equal to each other here) and duplicates, over dates and decimals,
   * NaN and -0.0 passing through a UNION ALL (the sign survives: {@code 1e0 / -0.0} is -Infinity),
   * nested under ORDER BY and LIMIT, joins and aggregates.
   */
  static final List<OnNode> SET_OPERATIONS =
      List.of(
          new OnNode(
              SqlCase.of(
                  "engine set: UNION of two columns, NULLs and duplicates",
                  "SELECT k, n FROM fact UNION SELECT id, grp FROM dim"),
              "EngineUnion(all=[false])"),
          new OnNode(
              SqlCase.of(
                  "engine set: UNION of three inputs",
                  "SELECT k FROM fact UNION SELECT id FROM dim UNION SELECT id FROM nulls"),
              "EngineUnion(all=[false])"),
          new OnNode(
              SqlCase.of(
                  "engine set: UNION ALL of two scans under an aggregate",
                  "SELECT k, COUNT(*) AS c, COUNT(n) AS cn FROM (SELECT k, n FROM fact"
                      + " UNION ALL SELECT id, grp FROM dim) t GROUP BY k"),
              "EngineUnion(all=[true])"),
          new OnNode(
              SqlCase.of(
                  "engine set: EXCEPT, a NULL removed by a NULL",
                  "SELECT k FROM fact EXCEPT SELECT id FROM dim"),
              "EngineExcept(all=[false])"),
          new OnNode(
              SqlCase.of(
                  "engine set: EXCEPT ALL of three inputs, two columns",
                  "SELECT k, n FROM fact EXCEPT ALL SELECT k, n FROM fact WHERE x > 5"
                      + " EXCEPT ALL SELECT id, grp FROM dim"),
              "EngineExcept(all=[true])"),
          new OnNode(
              SqlCase.of(
                  "engine set: EXCEPT of dates and decimals with NULLs",
                  "SELECT d, CAST(v AS DECIMAL(10,2)) AS m FROM fact"
                      + " EXCEPT SELECT d, CAST(v AS DECIMAL(10,2)) FROM fact WHERE k = 1"),
              "EngineExcept(all=[false])"),
          new OnNode(
              SqlCase.of(
                  "engine set: INTERSECT ALL, duplicates kept by the lesser count",
                  "SELECT k FROM fact INTERSECT ALL SELECT id FROM dim"),
              "EngineIntersect(all=[true])"),
          new OnNode(
              SqlCase.of(
                  "engine set: INTERSECT ALL of three inputs, two columns",
                  "SELECT k, n FROM fact INTERSECT ALL SELECT k, n FROM fact WHERE x > 1"
                      + " INTERSECT ALL SELECT k, n FROM fact WHERE k IS NULL OR k < 4"),
              "EngineIntersect(all=[true])"),
          new OnNode(
              SqlCase.ordered(
                  "engine set: nested set operations under ORDER BY and LIMIT",
                  "SELECT k FROM (SELECT k FROM fact EXCEPT SELECT id FROM dim WHERE grp = 'red') a"
                      + " UNION ALL SELECT id FROM (SELECT id FROM nulls INTERSECT ALL SELECT k FROM fact) b"
                      + " ORDER BY 1 NULLS FIRST LIMIT 5"),
              "EngineExcept(all=[false])"),
          new OnNode(
              SqlCase.of(
                  "engine set: aggregates over EXCEPT ALL and over a UNION ALL holding an EXCEPT",
                  "SELECT COUNT(*) AS c, SUM(k) AS s, MAX(n) AS m FROM (SELECT k, n FROM fact"
                      + " EXCEPT ALL SELECT id, grp FROM dim) t UNION ALL SELECT COUNT(*), SUM(k), MAX(n)"
                      + " FROM (SELECT k, n FROM fact UNION ALL (SELECT id, grp FROM dim"
                      + " EXCEPT SELECT k, n FROM fact)) u"),
              "EngineExcept(all=[true])"),
          new OnNode(
              SqlCase.of(
                  "engine set: NaN and -0.0 through a UNION ALL under a join",
                  "SELECT t.k, t.v, 1e0 / t.v AS inv, u.label FROM (SELECT k, v FROM fact"
                      + " UNION ALL SELECT id, w * -0e0 FROM dim UNION ALL SELECT id, CAST('nan' AS DOUBLE)"
                      + " FROM nulls) t JOIN nulls u ON t.k = u.id"),
              "EngineUnion(all=[true])"),
          new OnNode(
              SqlCase.of(
                  "engine set: INTERSECT ALL of doubles, -0.0 meeting 0.0, NaN and NULLs",
                  "SELECT v * 0e0 AS z FROM fact INTERSECT ALL (SELECT w * -0e0 FROM dim"
                      + " UNION ALL SELECT CAST('nan' AS DOUBLE) FROM nulls)"),
              "EngineIntersect(all=[true])"),
          new OnNode(
              SqlCase.of(
                  "engine set: EXCEPT ALL of doubles and reals, -0.0 removing 0.0",
                  "SELECT k, v * 0e0 AS z, CAST(CASE WHEN k % 2 = 0 THEN '-0.0' ELSE '0' END AS REAL) AS r"
                      + " FROM fact EXCEPT ALL SELECT id, w * -0e0,"
                      + " CAST(CASE WHEN id % 2 = 0 THEN '0' ELSE '-0.0' END AS REAL) FROM dim"),
              "EngineExcept(all=[true])"));

  /**
   * Plans with no enumerable operator left: constant rows (VALUES, the row a scalar subquery or an
   * unpivot joins), the {@code LITERAL_AGG(true)} Calcite's {@code IN} joins back, DOUBLE keys and
   * conditions read through {@code SIGNLESS_ZERO}.
   */
  static final List<SqlCase> WHOLE =
      List.of(
          SqlCase.of(
              "engine whole: median, quantiles and percentiles over a join, grouped",
              "SELECT d.grp, median(f.v) AS m, quantile_cont(f.x, 0.25) AS q, quantile_disc(f.n, 0.5)"
                  + " AS qd, percentile_cont(0.9) WITHIN GROUP (ORDER BY f.d DESC) AS p,"
                  + " percentile_disc(0.3) WITHIN GROUP (ORDER BY f.v) AS pd, COUNT(*) AS c"
                  + " FROM fact f JOIN dim d ON f.k = d.id GROUP BY d.grp"),
          SqlCase.of(
              "engine whole: quantiles of dates, negative fractions, FILTER",
              "SELECT k, median(v) FILTER (WHERE x > 0) AS f, quantile_disc(v, -0.3) AS neg,"
                  + " quantile_cont(d, 0.5) AS qd, quantile_disc(x, 1) AS top FROM fact GROUP BY k"),
          SqlCase.of(
              "engine whole: quantiles of decimals, timestamps and dates",
              "SELECT id % 2 AS odd, median(a) AS ma, quantile_cont(a, 0.3) AS qa,"
                  + " quantile_disc(a, 0.7) AS da, percentile_disc(0.25) WITHIN GROUP (ORDER BY ts)"
                  + " AS pt, median(d) AS md, quantile_disc(name, 0.5) AS dn FROM moments"
                  + " GROUP BY id % 2"),
          SqlCase.of(
              "engine whole: median of a DISTINCT column beside other calls",
              "SELECT d.grp, median(DISTINCT f.k) AS mk, median(f.x) AS mx FROM fact f JOIN dim d"
                  + " ON f.k = d.id GROUP BY d.grp"),
          SqlCase.of(
              "engine whole: any_value of an integer, grouped over a join",
              "SELECT f.n, any_value(f.k) AS k, COUNT(*) AS c FROM fact f JOIN dim d ON f.k = d.id"
                  + " WHERE f.n IS NOT NULL GROUP BY f.n"),
          SqlCase.of(
              "engine whole: ROLLUP over NULL keys with GROUPING",
              "SELECT label, score, COUNT(*) AS c, SUM(id) AS s, GROUPING(label, score) AS g"
                  + " FROM nulls GROUP BY ROLLUP(label, score)"),
          SqlCase.of(
              "engine whole: CUBE with COUNT(DISTINCT) beside SUM",
              "SELECT k, n, COUNT(DISTINCT x) AS dx, SUM(v) AS sv FROM fact GROUP BY CUBE(k, n)"),
          SqlCase.of(
              "engine whole: MIN and MAX of BOOLEAN, grouped, over groups of NULLs only",
              "SELECT label, MIN(score > 3) AS lo, MAX(score > 3) AS hi, MAX(score IS NULL) AS n,"
                  + " MIN(DISTINCT id > 2) AS d FROM nulls GROUP BY label"),
          SqlCase.of(
              "engine whole: arg_min and arg_max by a date, an integer and a decimal, grouped",
              "SELECT n, arg_min(v, d) AS a, arg_max(k, x) AS b, arg_max(n, d) AS c,"
                  + " arg_min(k, CAST(v AS DECIMAL(5, 2))) AS e FROM fact GROUP BY n"),
          SqlCase.of(
              "engine whole: min_by and max_by over every row, and filtered",
              "SELECT min_by(n, x) AS a, max_by(d, CAST(v AS DECIMAL(5, 2))) AS b,"
                  + " arg_max(k, d) FILTER (WHERE x < 5) AS c FROM fact"),
          SqlCase.of(
              "engine whole: COUNT(DISTINCT) beside COUNT(*) and MIN",
              "SELECT COUNT(DISTINCT label) AS dl, COUNT(*) AS c, MIN(score) AS lo FROM nulls"),
          SqlCase.of(
              "engine whole: a join with VALUES holding a NULL key",
              "SELECT f.k, f.n, v.c FROM fact f JOIN (VALUES (1, 'a'), (2, 'b'), (NULL, 'c'), (2, 'd'))"
                  + " v(i, c) ON f.k = v.i"),
          SqlCase.of(
              "engine whole: an unpivot of two integer columns",
              "SELECT * FROM nulls UNPIVOT (v FOR n IN (id, score))"),
          SqlCase.of(
              "engine whole: IN a subquery with NULLs as a value and in a filter",
              "SELECT k, n, k IN (SELECT id FROM dim) AS i FROM fact"
                  + " WHERE CASE WHEN 'zzz' IN (SELECT grp FROM dim) THEN TRUE ELSE x > 2 END"),
          SqlCase.of(
              "engine whole: a join of a DOUBLE and a BIGINT key",
              "SELECT f.k, f.v, d.id FROM fact f JOIN dim d ON f.v = d.id"),
          SqlCase.of(
              "engine whole: correlated EXISTS with OR over a DOUBLE comparison",
              "SELECT d.id, d.grp FROM dim d WHERE EXISTS (SELECT 1 FROM fact g WHERE g.k = d.id OR g.v > 7)"),
          SqlCase.of(
              "engine whole: COUNT over a subquery the optimizer proved empty",
              "SELECT (SELECT COUNT(*) FROM dim WHERE FALSE) AS c, k FROM fact"));

  /**
   * Hash joins whose condition has a remainder besides its equalities, run by the engine's hash
   * join with a residual condition: each join type, residuals that are NULL for NULL columns, TPC-H
   * q21's EXISTS and NOT EXISTS comparing another column, an aggregate over such a join.
   */
  static final List<SqlCase> RESIDUAL_JOINS =
      List.of(
          SqlCase.of(
              "engine residual: inner join, x > w NULL for NULL columns",
              "SELECT f.k, f.n, f.x, d.grp, d.w FROM fact f JOIN dim d ON f.k = d.id AND f.x > d.w"),
          SqlCase.of(
              "engine residual: left join on a string comparison",
              "SELECT f.k, f.n, d.grp FROM fact f LEFT JOIN dim d ON f.k = d.id AND f.n < d.grp"),
          SqlCase.of(
              "engine residual: right join on a date comparison",
              "SELECT f.k, f.d, d.id, d.born FROM fact f RIGHT JOIN dim d"
                  + " ON f.k = d.id AND f.d < d.born"),
          SqlCase.of(
              "engine residual: full join on a double comparison",
              "SELECT f.k, f.v, d.id, d.w FROM fact f FULL JOIN dim d ON f.k = d.id AND f.v * 10 < d.w"),
          SqlCase.of(
              "engine residual: EXISTS comparing another column (a semi-join)",
              "SELECT f.k, f.n FROM fact f"
                  + " WHERE EXISTS (SELECT 1 FROM dim d WHERE d.id = f.k AND d.grp <> f.n)"),
          SqlCase.of(
              "engine residual: NOT EXISTS comparing another column (an anti-join)",
              "SELECT f.k, f.v FROM fact f"
                  + " WHERE NOT EXISTS (SELECT 1 FROM dim d WHERE d.id = f.k AND d.w > f.v)"),
          SqlCase.of(
              "engine residual: an aggregate over a join with an OR remainder",
              "SELECT d.grp, COUNT(*) AS c, SUM(f.x) AS s FROM fact f JOIN dim d"
                  + " ON f.k = d.id AND (f.v > 2 OR d.w > 15) GROUP BY d.grp"),
          SqlCase.of(
              "engine residual: TPC-H q21's EXISTS and NOT EXISTS",
              "SELECT f.n, COUNT(*) AS c FROM fact f"
                  + " WHERE EXISTS (SELECT * FROM fact g WHERE g.k = f.k AND g.n <> f.n)"
                  + " AND NOT EXISTS (SELECT * FROM fact h WHERE h.k = f.k AND h.n <> f.n"
                  + " AND h.x > f.x) GROUP BY f.n"));

  /**
   * Correlated aggregates joined back to their outer rows by the correlated key, shaped like TPC-H
   * q02 (the minimum over a join, compared with the outer row's value), q17 (a fraction of the
   * average) and q20 (a sum over two keys, the outer rows restricted by IN): the outer rows' keys
   * filter the rows the aggregate groups ({@code filters=[...]}) where the plan builds them. NULL
   * keys on both sides, keys without a match, an outer side that is empty.
   */
  static final List<SqlCase> KEYED_SUBQUERIES =
      List.of(
          SqlCase.of(
              "engine keyed subquery: q02's minimum over a join",
              "SELECT f.k, f.n, f.v, d.grp FROM fact f, dim d WHERE f.k = d.id AND d.grp = 'red'"
                  + " AND f.v = (SELECT MIN(g.v) FROM fact g, dim e, dim r"
                  + " WHERE g.k = f.k AND e.id = g.k AND r.grp = e.grp AND r.w > 5)"),
          SqlCase.of(
              "engine keyed subquery: q02's shape with an empty outer side",
              "SELECT f.k, f.n, f.v FROM fact f, dim d WHERE f.k = d.id AND d.grp = 'violet'"
                  + " AND f.v = (SELECT MIN(g.v) FROM fact g, dim e, dim r"
                  + " WHERE g.k = f.k AND e.id = g.k AND r.grp = e.grp AND r.w > 5)"),
          SqlCase.of(
              "engine keyed subquery: q02's shape, every outer key NULL or unmatched",
              "SELECT f.k, f.n, f.v FROM fact f WHERE (f.k IS NULL OR f.k = 9)"
                  + " AND f.v = (SELECT MIN(g.v) FROM fact g WHERE g.k = f.k)"),
          SqlCase.of(
              "engine keyed subquery: q17's fraction of the average",
              "SELECT SUM(f.x) AS s, COUNT(*) AS c FROM fact f, dim d WHERE d.id = f.k"
                  + " AND d.grp = 'red' AND f.v < (SELECT 1.5 * AVG(g.v) FROM fact g WHERE g.k = d.id)"),
          SqlCase.of(
              "engine keyed subquery: q17's shape with an empty outer side",
              "SELECT SUM(f.x) AS s FROM fact f, dim d WHERE d.id = f.k AND d.w > 1000"
                  + " AND f.v < (SELECT 1.5 * AVG(g.v) FROM fact g WHERE g.k = d.id)"),
          SqlCase.of(
              "engine keyed subquery: q20's sum over two keys, the outer rows restricted by IN",
              "SELECT d.id, d.grp, d.w FROM dim d WHERE d.id IN (SELECT k FROM fact WHERE n <> 'b')"
                  + " AND d.w > (SELECT 2 * SUM(g.v) FROM fact g"
                  + " WHERE g.k = d.id AND g.d >= DATE '2018-01-01')"),
          SqlCase.of(
              "engine keyed subquery: a scalar subquery in the select list, NULL for no row",
              "SELECT d.id, d.grp, (SELECT MAX(g.x) FROM fact g WHERE g.k = d.id) AS m FROM dim d"));

  /**
   * Window functions on the engine's window ({@code EngineWindow}): ranks with NULL partition keys
   * and ties, running aggregates over RANGE (peers share a value) and ROWS frames, aggregates over
   * whole partitions, several windows in one query, the first row of each partition (as a filter
   * and as QUALIFY), a window over a join.
   */
  static final List<SqlCase> WINDOWS =
      List.of(
          SqlCase.of(
              "engine window: MIN and MAX of BOOLEAN over a running frame",
              "SELECT id, MAX(score > 3) OVER (PARTITION BY label ORDER BY id) AS hi,"
                  + " MIN(score > 3) OVER (ORDER BY id) AS lo FROM nulls"),
          SqlCase.of(
              "engine window: ROW_NUMBER, RANK and DENSE_RANK with NULL keys and ties",
              "SELECT k, n, x, ROW_NUMBER() OVER (PARTITION BY k ORDER BY n NULLS FIRST, x) AS rn,"
                  + " RANK() OVER (PARTITION BY k ORDER BY n) AS rk,"
                  + " DENSE_RANK() OVER (PARTITION BY k ORDER BY n DESC) AS dr,"
                  + " RANK() OVER (ORDER BY k DESC NULLS FIRST) AS rall FROM fact"),
          SqlCase.of(
              "engine window: running aggregates where peers share the value",
              "SELECT k, n, x, COUNT(*) OVER (PARTITION BY k ORDER BY n) AS c, COUNT(1) OVER (ORDER BY n) AS c1,"
                  + " COUNT(x) OVER (PARTITION BY k ORDER BY n) AS cx,"
                  + " SUM(x) OVER (PARTITION BY k ORDER BY n) AS s,"
                  + " MIN(d) OVER (PARTITION BY k ORDER BY n) AS lo,"
                  + " MAX(n) OVER (PARTITION BY k ORDER BY n) AS hi FROM fact"),
          SqlCase.of(
              "engine window: running aggregates over ROWS",
              "SELECT k, d, v, SUM(v) OVER (PARTITION BY k ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING"
                  + " AND CURRENT ROW) AS s, COUNT(v) OVER (ORDER BY d, k ROWS UNBOUNDED PRECEDING) AS c,"
                  + " MAX(x) OVER (ORDER BY d DESC, k ROWS UNBOUNDED PRECEDING) AS hi FROM fact"),
          SqlCase.of(
              "engine window: aggregates over whole partitions",
              "SELECT k, x, COUNT(*) OVER (PARTITION BY k) AS c, SUM(v) OVER (PARTITION BY k) AS s,"
                  + " SUM(x) OVER (PARTITION BY n) AS sx, MAX(d) OVER (PARTITION BY k ORDER BY x ROWS"
                  + " BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS hi,"
                  + " MIN(n) OVER () AS lo, AVG(x) OVER (PARTITION BY k) AS ax,"
                  + " AVG(v) OVER (ORDER BY k) AS av FROM fact"),
          SqlCase.of(
              "engine window: the first row of each partition",
              "SELECT * FROM (SELECT k, n, d, x, ROW_NUMBER() OVER (PARTITION BY k ORDER BY d DESC) AS rn"
                  + " FROM fact) WHERE rn = 1"),
          SqlCase.of(
              "engine window: the first row of each partition of text and integer keys, ties and"
                  + " NULLs in the order",
              "SELECT * FROM (SELECT k, n, x, d, ROW_NUMBER() OVER (PARTITION BY n, k ORDER BY x"
                  + " NULLS FIRST, d DESC) AS rn FROM fact) WHERE 1 = rn"),
          SqlCase.of(
              "engine window: the latest interaction of each user",
              "SELECT user_id, recipe_id, \"date\", rating, rn FROM (SELECT user_id, recipe_id,"
                  + " \"date\", rating, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY \"date\""
                  + " DESC, recipe_id) AS rn FROM RAW_interactions) WHERE rn = 1"),
          SqlCase.of(
              "engine window: QUALIFY",
              "SELECT k, n, d FROM fact QUALIFY ROW_NUMBER() OVER (PARTITION BY k ORDER BY d DESC"
                  + " NULLS LAST) = 1"),
          SqlCase.of(
              "engine window: QUALIFY RANK within a limit, ties kept whole, DESC NULLS FIRST",
              "SELECT k, n, x, RANK() OVER (PARTITION BY k ORDER BY x DESC NULLS FIRST) AS rk FROM"
                  + " fact QUALIFY RANK() OVER (PARTITION BY k ORDER BY x DESC NULLS FIRST) <= 2"),
          SqlCase.of(
              "engine window: DENSE_RANK below a bound over two partition columns",
              "SELECT * FROM (SELECT k, n, d, x, DENSE_RANK() OVER (PARTITION BY n, k ORDER BY d"
                  + " NULLS FIRST) AS dr FROM fact) WHERE dr < 3"),
          SqlCase.of(
              "engine window: ROW_NUMBER bounds written both ways, with another condition",
              "SELECT * FROM (SELECT k, n, x, ROW_NUMBER() OVER (PARTITION BY k ORDER BY x DESC"
                  + " NULLS LAST, n) AS rn FROM fact) WHERE 3 >= rn AND x IS NOT NULL"),
          SqlCase.of(
              "engine window: the second row of each partition, and none",
              "SELECT * FROM (SELECT k, d, ROW_NUMBER() OVER (PARTITION BY k ORDER BY d) AS rn,"
                  + " RANK() OVER (PARTITION BY k ORDER BY d) AS rk FROM fact) WHERE rn = 2 OR rk = 0"),
          SqlCase.of(
              "engine window: the first rows without PARTITION BY, and a bound below 1",
              "SELECT * FROM (SELECT k, d, x, ROW_NUMBER() OVER (ORDER BY d DESC, k, x) AS rn FROM"
                  + " fact) WHERE rn <= 5 UNION ALL SELECT * FROM (SELECT k, d, x, RANK() OVER"
                  + " (PARTITION BY k ORDER BY d) AS rn FROM fact) WHERE rn <= 0"),
          SqlCase.of(
              "engine window: ROW_NUMBER bounded by IN",
              "SELECT * FROM (SELECT k, d, x, ROW_NUMBER() OVER (PARTITION BY k ORDER BY d DESC"
                  + " NULLS FIRST, x) AS rn FROM fact) WHERE rn IN (1, 3)"),
          SqlCase.of(
              "engine window: ROW_NUMBER bounded by BETWEEN",
              "SELECT * FROM (SELECT k, d, x, ROW_NUMBER() OVER (PARTITION BY k ORDER BY x, d) AS rn"
                  + " FROM fact) WHERE rn BETWEEN 2 AND 3"),
          SqlCase.of(
              "engine window: a RANK bound with a hole",
              "SELECT * FROM (SELECT user_id, recipe_id, rating, RANK() OVER (PARTITION BY recipe_id"
                  + " ORDER BY rating DESC) AS rk FROM RAW_interactions) WHERE rk <= 3 AND rk <> 2"),
          SqlCase.of(
              "engine window: a ROW_NUMBER bound in every disjunct",
              "SELECT * FROM (SELECT user_id, recipe_id, rating, ROW_NUMBER() OVER (PARTITION BY"
                  + " user_id ORDER BY \"date\", recipe_id) AS rn FROM RAW_interactions) WHERE rn = 1"
                  + " OR rn <= 4 AND rating < 3"),
          SqlCase.of(
              "engine window: a bound on one of several windows",
              "SELECT * FROM (SELECT k, d, x, v, ROW_NUMBER() OVER (PARTITION BY k ORDER BY d DESC"
                  + " NULLS LAST, x) AS rn, SUM(v) OVER (PARTITION BY k) AS sv, COUNT(*) OVER"
                  + " (ORDER BY x) AS c, DENSE_RANK() OVER (PARTITION BY k ORDER BY d DESC NULLS"
                  + " LAST, x) AS dr FROM fact) WHERE rn <= 2"),
          SqlCase.of(
              "engine window: ROW_NUMBER, RANK and DENSE_RANK of one order, the dense rank bounded",
              "SELECT user_id, recipe_id, rating, rk, dr FROM (SELECT user_id, recipe_id, rating,"
                  + " ROW_NUMBER() OVER (PARTITION BY recipe_id ORDER BY rating DESC) AS rn, RANK()"
                  + " OVER (PARTITION BY recipe_id ORDER BY rating DESC) AS rk, DENSE_RANK() OVER"
                  + " (PARTITION BY recipe_id ORDER BY rating DESC) AS dr FROM RAW_interactions)"
                  + " WHERE dr < 3 AND rn > 0"),
          SqlCase.of(
              "engine window: a bound in one disjunct only",
              "SELECT * FROM (SELECT k, d, x, ROW_NUMBER() OVER (PARTITION BY k ORDER BY d, x) AS"
                  + " rn FROM fact) WHERE rn = 1 OR x > 6"),
          SqlCase.of(
              "engine window: a bound on ROW_NUMBER beside a running sum sorting alike",
              "SELECT * FROM (SELECT k, d, x, ROW_NUMBER() OVER (PARTITION BY k ORDER BY d, x) AS"
                  + " rn, SUM(x) OVER (PARTITION BY k ORDER BY d, x) AS s FROM fact) WHERE rn = 1"),
          SqlCase.of(
              "engine window: over a join",
              "SELECT d.grp, f.x, RANK() OVER (PARTITION BY d.grp ORDER BY f.x DESC) AS rk,"
                  + " COUNT(*) OVER (PARTITION BY d.grp) AS c FROM fact f JOIN dim d ON f.k = d.id"),
          SqlCase.of(
              "engine window: LAG and LEAD, offsets beyond the partition, defaults, DESC orders",
              "SELECT k, n, x, d, v, LAG(x) OVER (PARTITION BY k ORDER BY d) AS l1,"
                  + " LAG(x, 2, -1) OVER (PARTITION BY k ORDER BY d NULLS FIRST) AS l2,"
                  + " LEAD(n, 1, 'zz') OVER (ORDER BY d DESC NULLS LAST, k) AS ld,"
                  + " LEAD(d, 3) OVER (PARTITION BY k ORDER BY x DESC NULLS FIRST) AS ld3,"
                  + " LAG(v, 20, 5e-1) OVER (ORDER BY k, d) AS far, LEAD(v, 0) OVER (ORDER BY x) AS same,"
                  + " LAG(n, 1, NULL) OVER (PARTITION BY n ORDER BY x DESC) AS ln FROM fact"),
          SqlCase.of(
              "engine window: FIRST_VALUE and LAST_VALUE; over the default frame the last peer's",
              "SELECT k, n, x, d, FIRST_VALUE(n) OVER (PARTITION BY k ORDER BY x) AS f,"
                  + " LAST_VALUE(x) OVER (PARTITION BY k ORDER BY x) AS l,"
                  + " LAST_VALUE(k) OVER (ORDER BY k NULLS FIRST) AS lk,"
                  + " FIRST_VALUE(d) OVER (ORDER BY k DESC ROWS BETWEEN UNBOUNDED PRECEDING AND"
                  + " UNBOUNDED FOLLOWING) AS fw,"
                  + " LAST_VALUE(v) OVER (PARTITION BY k ORDER BY d ROWS BETWEEN 1 PRECEDING AND 1"
                  + " FOLLOWING) AS lm,"
                  + " FIRST_VALUE(x) OVER (ORDER BY d, k ROWS BETWEEN 3 PRECEDING AND 2 PRECEDING) AS fe,"
                  + " LAST_VALUE(n) OVER (ORDER BY d DESC, k ROWS BETWEEN CURRENT ROW AND 4 FOLLOWING)"
                  + " AS la FROM fact"),
          SqlCase.of(
              "engine window: moving aggregates over ROWS frames with offsets",
              "SELECT k, d, x, v, SUM(x) OVER (ORDER BY d ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS s3,"
                  + " AVG(v) OVER (PARTITION BY k ORDER BY d ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING)"
                  + " AS a, COUNT(x) OVER (ORDER BY d DESC ROWS BETWEEN CURRENT ROW AND 3 FOLLOWING) AS c,"
                  + " MIN(n) OVER (ORDER BY d ROWS BETWEEN 2 FOLLOWING AND UNBOUNDED FOLLOWING) AS lo,"
                  + " MAX(x) OVER (ORDER BY d NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND 1"
                  + " PRECEDING) AS hi,"
                  + " SUM(v) OVER (PARTITION BY k ORDER BY x ROWS BETWEEN 5 PRECEDING AND 4 FOLLOWING)"
                  + " AS wide, COUNT(*) OVER (ORDER BY x DESC ROWS BETWEEN 1 FOLLOWING AND 2 FOLLOWING)"
                  + " AS ahead FROM fact"),
          SqlCase.of(
              "engine window: moving aggregates, LAG and LEAD over a larger table",
              "SELECT user_id, recipe_id, \"date\", rating,"
                  + " LAG(rating, 2) OVER (PARTITION BY user_id ORDER BY \"date\", recipe_id) AS prev,"
                  + " LEAD(recipe_id, 1, -1) OVER (ORDER BY \"date\" DESC, user_id, recipe_id) AS nxt,"
                  + " SUM(rating) OVER (PARTITION BY recipe_id ORDER BY \"date\", user_id ROWS BETWEEN"
                  + " 3 PRECEDING AND 1 FOLLOWING) AS s,"
                  + " MAX(rating) OVER (ORDER BY user_id, \"date\", recipe_id ROWS BETWEEN 10 PRECEDING"
                  + " AND 10 FOLLOWING) AS hi FROM RAW_interactions"),
          SqlCase.of(
              "engine window: moving COUNT, SUM and AVG of BIGINT and DECIMAL, several offsets",
              "SELECT user_id, recipe_id, \"date\", rating,"
                  + " SUM(rating) OVER (PARTITION BY user_id ORDER BY \"date\", recipe_id ROWS"
                  + " BETWEEN 3 PRECEDING AND CURRENT ROW) AS s3,"
                  + " SUM(CAST(rating AS BIGINT) * 3000000000) OVER (ORDER BY recipe_id, user_id,"
                  + " \"date\" ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING) AS big,"
                  + " SUM(CAST(rating AS DECIMAL(9, 2)) / 4) OVER (PARTITION BY recipe_id ORDER BY"
                  + " \"date\", user_id ROWS BETWEEN 1 PRECEDING AND 2 FOLLOWING) AS dec,"
                  + " AVG(CAST(rating AS DECIMAL(9, 1))) OVER (PARTITION BY user_id ORDER BY"
                  + " \"date\", recipe_id ROWS BETWEEN 5 PRECEDING AND 5 FOLLOWING) AS adec,"
                  + " COUNT(rating) OVER (ORDER BY \"date\" DESC, user_id, recipe_id ROWS BETWEEN"
                  + " 10 PRECEDING AND CURRENT ROW) AS c10 FROM RAW_interactions"),
          SqlCase.of(
              "engine window: partitions of 2,000 rows across the engine's 4,096-row batches",
              "SELECT i.user_id, i.recipe_id, i.\"date\", t.k, LAG(i.rating, 3, -1) OVER (PARTITION BY"
                  + " t.k ORDER BY i.\"date\" DESC, i.user_id, i.recipe_id) AS p,"
                  + " SUM(i.rating) OVER (PARTITION BY t.k ORDER BY i.user_id, i.\"date\", i.recipe_id"
                  + " ROWS BETWEEN 50 PRECEDING AND 50 FOLLOWING) AS s,"
                  + " MIN(i.rating) OVER (ORDER BY i.recipe_id, i.user_id, i.\"date\", t.k ROWS BETWEEN"
                  + " 100 PRECEDING AND 3 FOLLOWING) AS lo,"
                  + " MAX(i.\"date\") OVER (PARTITION BY t.k ORDER BY i.user_id) AS peers,"
                  + " LAST_VALUE(i.rating) OVER (PARTITION BY t.k ORDER BY i.user_id, i.\"date\","
                  + " i.recipe_id ROWS BETWEEN CURRENT ROW AND 7 FOLLOWING) AS lv,"
                  + " LEAD(i.user_id, 2500) OVER (ORDER BY t.k, i.user_id, i.\"date\", i.recipe_id) AS far"
                  + " FROM RAW_interactions i CROSS JOIN (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL"
                  + " SELECT 3) t"));

  /**
   * Windows the engine answers as DuckDB does where Calcite's enumerable window does not, so they
   * are compared with DuckDB on the engine only: NTILE (Calcite computes {@code 1 + n * (row - 1) /
   * rows}, which cuts 10 rows in 4 tiles as 3, 2, 3, 2 where DuckDB's are 3, 3, 2, 2), frames that
   * are empty for some rows (Calcite's generated code fails with an index out of bounds) and a
   * DECIMAL default of LAG over a DOUBLE (Calcite's code does not compile).
   */
  static final List<SqlCase> WINDOWS_ENGINE_ONLY =
      List.of(
          SqlCase.of(
              "engine window: frames empty for some rows or all, a frame to the partition's end",
              "SELECT x, k, SUM(k) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS s,"
                  + " COUNT(k) OVER (ORDER BY x ROWS BETWEEN 2 FOLLOWING AND 1 FOLLOWING) AS none,"
                  + " MAX(d) OVER (PARTITION BY k ORDER BY x ROWS BETWEEN 4 FOLLOWING AND 9 FOLLOWING)"
                  + " AS past, FIRST_VALUE(n) OVER (PARTITION BY k ORDER BY x ROWS BETWEEN 1 FOLLOWING"
                  + " AND UNBOUNDED FOLLOWING) AS fn FROM fact"),
          SqlCase.of(
              "engine window: moving sums of BIGINT and DECIMAL over frames before or after the row",
              "SELECT user_id, recipe_id, \"date\", rating,"
                  + " SUM(CAST(rating AS BIGINT)) OVER (PARTITION BY user_id ORDER BY \"date\","
                  + " recipe_id ROWS BETWEEN 7 PRECEDING AND 2 PRECEDING) AS before,"
                  + " SUM(CAST(rating AS DECIMAL(9, 2)) - 2.5) OVER (PARTITION BY recipe_id ORDER BY"
                  + " \"date\", user_id ROWS BETWEEN 1 FOLLOWING AND 4 FOLLOWING) AS after,"
                  + " COUNT(*) OVER (PARTITION BY user_id ORDER BY recipe_id, \"date\" ROWS BETWEEN"
                  + " 2 FOLLOWING AND UNBOUNDED FOLLOWING) AS rest FROM RAW_interactions"),
          SqlCase.of(
              "engine window: NTILE with more, fewer and as many tiles as rows",
              "SELECT k, x, d, NTILE(3) OVER (ORDER BY x NULLS FIRST) AS t3,"
                  + " NTILE(4) OVER (ORDER BY d DESC NULLS LAST, k) AS t4,"
                  + " NTILE(2) OVER (PARTITION BY k ORDER BY d) AS t2,"
                  + " NTILE(20) OVER (ORDER BY d, k) AS t20 FROM fact"),
          SqlCase.of(
              "engine window: NTILE over a larger table",
              "SELECT user_id, recipe_id, \"date\", NTILE(7) OVER (ORDER BY \"date\", user_id,"
                  + " recipe_id) AS t7, NTILE(3) OVER (PARTITION BY rating ORDER BY user_id, \"date\","
                  + " recipe_id) AS t3 FROM RAW_interactions"));
}
