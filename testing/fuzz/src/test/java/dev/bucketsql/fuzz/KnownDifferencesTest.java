package dev.bucketsql.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The known differences: the same list in docs/sql.md, and predicates that stay narrow. */
class KnownDifferencesTest {
  /** An error DuckDB alone gave: the category the fuzzer files it under, and the message. */
  private static Difference duckDbOnly(String category, String detail) {
    return new Difference(Difference.Kind.ERROR_DUCKDB_ONLY, category, detail, java.util.List.of());
  }

  /** Values that differ: the category the fuzzer files them under, and the first difference. */
  private static Difference values(String category, String detail) {
    return new Difference(Difference.Kind.VALUES, category, detail, java.util.List.of());
  }

  /** An error BucketSQL alone gave: the category the fuzzer files it under, and the message. */
  private static Difference bucketSqlOnly(String category, String detail) {
    return new Difference(
        Difference.Kind.ERROR_BUCKETSQL_ONLY, category, detail, java.util.List.of());
  }

  @Test
  void docsListEveryKnownDifferenceAndNoOther() throws IOException {
    String docs = Files.readString(Path.of("..", "..", "docs", "sql.md"), StandardCharsets.UTF_8);
    int start = docs.indexOf("### Differences from DuckDB found by the fuzzer");
    int end = docs.indexOf("\n## ", start);
    String section = docs.substring(start, end < 0 ? docs.length() : end);
    Set<String> documented = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^\\| `([a-zA-Z0-9-]+)`").matcher(section);
    while (m.find()) {
      documented.add(m.group(1));
    }
    Set<String> coded = new TreeSet<>();
    KnownDifferences.ALL.forEach(k -> coded.add(k.id()));
    assertThat(documented).isEqualTo(coded);
  }

  @Test
  void aTypePairIsKnownOnlyWhereItsCauseIsInTheQuery() {
    Difference bigintVsDouble =
        new Difference(Difference.Kind.TYPES, "types", "", java.util.List.of("BIGINT vs DOUBLE"));
    assertThat(
            KnownDifferences.match(
                    finding("SELECT EXTRACT(DAY FROM CAST(NULL AS DATE)) AS c0", bigintVsDouble))
                .id())
        .isEqualTo("extract-of-null-literal");
    // the same pair without EXTRACT of a NULL has no known cause
    assertThat(
            KnownDifferences.match(
                finding("SELECT t1.\"k\" AS c0 FROM \"jl\" AS t1", bigintVsDouble)))
        .isNull();
  }

  @Test
  void aConstantCastIsKnownUncomputedBesideOrTrue() {
    Difference conversion =
        duckDbOnly(
            "DuckDB error: conversion",
            "Conversion Error: Could not cast value 10000000000.000000 to DECIMAL(10,2)");
    assertThat(
            KnownDifferences.match(
                    findingWithARow(
                        "SELECT 1 AS c1 FROM \"jl_p\" AS t1 WHERE ((CAST(1e10 AS DECIMAL(10,2)) <> 1.5) OR TRUE)",
                        conversion))
                .id())
        .isEqualTo("strict-expression-never-computed");
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    "SELECT 1 AS c1 FROM \"jl_p\" AS t1 WHERE ((CAST(1e10 AS DECIMAL(10,2)) <> 1.5) OR t1.\"a\" > 0)",
                    conversion)))
        .isNull();
  }

  @Test
  void aDateBeyondTheYearsIsKnownUncomputedUnderIsNotNull() {
    Difference date =
        duckDbOnly(
            "DuckDB error: Out of Range Error: Date out of range",
            "Out of Range Error: Date out of range");
    String sql =
        "SELECT COUNT(*) AS c1 FROM \"jl_p\" AS t1 WHERE (((DATE '2018-01-05' + t1.\"k\") IS NOT NULL)"
            + " AND ((t1.\"k\" - t1.\"k\") >= 1)) GROUP BY t1.\"a\"";
    assertThat(KnownDifferences.match(findingWithARow(sql, date)).id())
        .isEqualTo("strict-expression-never-computed");
    // the same sum computed for every row, a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    "SELECT (DATE '2018-01-05' + t1.\"k\") AS c1 FROM \"jl_p\" AS t1", date)))
        .isNull();
  }

  @Test
  void anAbsDistinctFromItsOwnCastIsKnownUncomputed() {
    Difference overflow =
        duckDbOnly(
            "DuckDB error: Out of Range Error: Overflow on abs(?)",
            "Out of Range Error: Overflow on abs(-2147483648)");
    String sql =
        "SELECT MAX(CAST(t1.\"k\" AS INTEGER)) AS c0 FROM \"jr_p\" AS t1"
            + " WHERE (CAST(abs(t1.\"k\") AS INTEGER) IS DISTINCT FROM abs(t1.\"k\"))";
    assertThat(KnownDifferences.match(findingWithARow(sql, overflow)).id())
        .isEqualTo("strict-expression-never-computed");
    // a cast of another expression: abs computed, a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    sql.replace("IS DISTINCT FROM abs(", "IS DISTINCT FROM ("), overflow)))
        .isNull();
  }

  @Test
  void aCastDistinctFromTheSameCastOverAWideningIsKnownUncomputed() {
    Difference conversion =
        duckDbOnly(
            "DuckDB error: Conversion Error: Could not cast value -N to DECIMAL(?)",
            "Conversion Error: Could not cast value -2147483648 to DECIMAL(10,2)");
    String sql =
        "SELECT DATE '2018-01-05' AS c2 FROM \"jr_p\" AS t1 WHERE (CAST(t1.\"k\" AS DECIMAL(10,2))"
            + " IS NOT DISTINCT FROM CAST(CAST(t1.\"k\" AS BIGINT) AS DECIMAL(10,2))) GROUP BY 1";
    assertThat(KnownDifferences.match(findingWithARow(sql, conversion)).id())
        .isEqualTo("strict-expression-never-computed");
    // the inner cast to another type: two expressions, a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(sql.replace("AS BIGINT", "AS DOUBLE"), conversion)))
        .isNull();
    assertThat(KnownDifferences.withoutBigintCasts("f(CAST((a + CAST(b AS BIGINT)) AS BIGINT), c)"))
        .isEqualTo("f((a + b), c)");
  }

  @Test
  void aDateOutOfRangeUnderLikeAnythingIsKnownUncomputed() {
    Difference date =
        duckDbOnly(
            "DuckDB error: Out of Range Error: Date out of range",
            "Out of Range Error: Date out of range");
    String sql =
        "SELECT 1 AS c1 FROM \"jl\" AS t1 WHERE (CAST(DATE '2000-02-29' - -2147483648 AS VARCHAR)"
            + " LIKE '%')";
    assertThat(KnownDifferences.match(findingWithARow(sql, date)).id())
        .isEqualTo("strict-expression-never-computed");
    // a pattern that reads the text: the date is computed, a finding
    assertThat(KnownDifferences.match(findingWithARow(sql.replace("'%'", "'2%'"), date))).isNull();
  }

  @Test
  void constantsDuckDbFoldsAcrossAColumnAreKnownOnlyWhenBothAreInTheQuery() {
    Difference overflow =
        duckDbOnly(
            "DuckDB error: Out of Range Error: Overflow in addition of INTN",
            "Out of Range Error: Overflow in addition of INT32 (-2147483648 + -1)!");
    String sql =
        "SELECT ((-2147483648 + t1.\"id\") + CAST(-1 AS INTEGER)) AS c0 FROM \"edge_p\" AS t1";
    assertThat(KnownDifferences.match(findingWithARow(sql, overflow)).id())
        .isEqualTo("duckdb-folds-constants-across-a-column");
    // -1 is no literal of the query: a row's value overflowed, a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(sql.replace("CAST(-1 AS INTEGER)", "t1.\"i\""), overflow)))
        .isNull();
  }

  @Test
  void aNegationComparedWithItsOwnCoalesceIsKnownUncomputed() {
    Difference negation =
        duckDbOnly(
            "DuckDB error: Out of Range Error: Overflow in negation of numeric",
            "Out of Range Error: Overflow in negation of numeric value!");
    String sql =
        "SELECT t1.\"dt\" AS c1 FROM \"edge_p\" AS t1 WHERE ((- t1.\"i\") >= COALESCE((- t1.\"i\"),"
            + " length('a')))";
    assertThat(KnownDifferences.match(findingWithARow(sql, negation)).id())
        .isEqualTo("strict-expression-never-computed");
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    sql.replace("COALESCE((- t1.\"i\")", "COALESCE((- t1.\"id\")"), negation)))
        .isNull();
  }

  @Test
  void aColumnComparedWithANegationOfItsCoalesceIsKnownUncomputed() {
    // seed 9351: with engine=false Calcite's code compares a NULL id without negating the constant
    Difference negation =
        duckDbOnly(
            "DuckDB error: Out of Range Error: Overflow in negation of numeric",
            "Out of Range Error: Overflow in negation of numeric value!");
    String sql =
        "SELECT count(*) FROM \"edge_p\" AS t1 WHERE (t1.\"id\" <> (- COALESCE(t1.\"id\","
            + " -2147483648)))";
    assertThat(KnownDifferences.match(findingWithARow(sql, negation)).id())
        .isEqualTo("strict-expression-never-computed");
    // COALESCE of another column: the constant is taken where that one is NULL, a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(sql.replace("COALESCE(t1.\"id\"", "COALESCE(t1.\"i\""), negation)))
        .isNull();
  }

  @Test
  void aProductComparedWithItselfInParenthesesIsKnownUncomputed() {
    // seed 9301: e >= (e) is whether e IS NOT NULL, the product never computed
    Difference overflow =
        duckDbOnly(
            "DuckDB error: Out of Range Error: Overflow in multiplication of INTN",
            "Out of Range Error: Overflow in multiplication of INT32 (-2147483648 * -2147483648)!");
    String sql = "SELECT (t1.\"k\" * t1.\"k\" >= (t1.\"k\" * t1.\"k\")) AS c2 FROM \"jr_p\" AS t1";
    assertThat(KnownDifferences.match(findingWithARow(sql, overflow)).id())
        .isEqualTo("strict-expression-never-computed");
    // two different products: both are computed, a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    sql.replace("(t1.\"k\" * t1.\"k\"))", "(t1.\"k\" * t1.\"a\"))"), overflow)))
        .isNull();
  }

  @Test
  void aCountOfAColumnsArithmeticIsKnownUncomputed() {
    // seed 9302: COUNT(1 // rating) of a NOT NULL column is the rows' count, never divided
    Difference division =
        duckDbOnly(
            "DuckDB error: Invalid Input Error: Division by zero in expression (?).",
            "Invalid Input Error: Division by zero in expression (1 // rating).");
    String sql =
        "SELECT 1e0 AS c3 FROM \"RAW_interactions_clean\" AS t1 GROUP BY TIMESTAMP '2018-01-05"
            + " 10:30:00' HAVING (COUNT((1 // t1.\"rating\")) > 100)";
    assertThat(KnownDifferences.match(findingWithARow(sql, division)).id())
        .isEqualTo("strict-expression-never-computed");
    assertThat(
            KnownDifferences.match(
                    findingWithARow(sql.replace("(1 //", "(t1.\"user_id\" //"), division))
                .id())
        .isEqualTo("strict-expression-never-computed");
    // a SUM of it divides every row, a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(sql.replace("COUNT((1 //", "SUM((1 //"), division)))
        .isNull();
    // a function of the quotient may be NULL where the columns are not: computed, a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    sql.replace("(1 // t1.\"rating\")", "NULLIF(1 // t1.\"rating\", 1)"),
                    division)))
        .isNull();
  }

  @Test
  void makeDateInTheCalendarsGapIsKnown() {
    // seed 9312: make_date(1582, 10, 9) was 1582-10-19; now 22008
    Difference gap =
        bucketSqlOnly(
            "BucketSQL error: [N] make_date: N-N-N is one of the ten days N-N-N to",
            "[22008] make_date: 1582-10-09 is one of the ten days 1582-10-05 to 1582-10-14 that"
                + " JDBC's calendar skips; give another date");
    String sql =
        "SELECT make_date((1 + t1.\"user_id\"), 10, 9) AS c2 FROM \"interactions_train\" AS t1";
    assertThat(KnownDifferences.match(findingWithARow(sql, gap)).id())
        .isEqualTo("make-date-in-the-calendar-gap");
    // a day that its month does not have is no date in either engine: a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    sql,
                    bucketSqlOnly(
                        "BucketSQL error: [N] make_date: N-N-N is no date; give a year",
                        "[22008] make_date: 1582-2-30 is no date; give a year 1-9999, a month"
                            + " 1-12 and a day of that month"))))
        .isNull();
  }

  @Test
  void duckDbPassingItsLimitIsKnown() {
    // seed 9312: DuckDB returned 2,000 rows for LIMIT 6
    Difference count = values("values (row count)", "row count 6 vs 2000");
    String sql =
        "SELECT 1.5 AS c0 FROM \"RAW_interactions_clean\" AS t1 LEFT OUTER JOIN \"jl_p\" AS t2 ON"
            + " (-1 = t2.\"k\") WHERE (t2.\"k\" IS DISTINCT FROM t1.\"recipe_id\") ORDER BY c0 NULLS"
            + " FIRST LIMIT 6";
    List<Object> six = java.util.Collections.nCopies(6, (Object) "1.5");
    List<Object> many = java.util.Collections.nCopies(2000, (Object) "1.5");
    assertThat(
            KnownDifferences.match(
                    finding(sql, count, column("DECIMAL", many), column("DECIMAL", six)))
                .id())
        .isEqualTo("duckdb-limit-returns-more-rows");
    // DuckDB within its limit and BucketSQL short of it: a finding
    assertThat(
            KnownDifferences.match(
                finding(
                    sql,
                    values("values (row count)", "row count 2 vs 6"),
                    column("DECIMAL", six),
                    column("DECIMAL", six.subList(0, 2)))))
        .isNull();
  }

  @Test
  void aCountOfACastColumnIsKnownUncomputed() {
    Difference conversion =
        duckDbOnly(
            "DuckDB error: Conversion Error: Could not cast value N to DECIMAL(?)",
            "Conversion Error: Could not cast value 2002369759 to DECIMAL(10,2)");
    String sql =
        "SELECT 1 AS c2 FROM \"RAW_interactions_clean\" AS t1 GROUP BY 1e0, 1"
            + " HAVING (COUNT(CAST(t1.\"user_id\" AS DECIMAL(10,2))) > 0)";
    assertThat(KnownDifferences.match(findingWithARow(sql, conversion)).id())
        .isEqualTo("strict-expression-never-computed");
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    sql.replace("COUNT(CAST(", "SUM(CAST(").replace("> 0)", "> 0.5)"), conversion)))
        .isNull();
  }

  @Test
  void aDateOutOfRangeBesideAScalarSubqueryIsKnownEvaluationOrder() {
    Difference date =
        duckDbOnly(
            "DuckDB error: Out of Range Error: Date out of range",
            "Out of Range Error: Date out of range");
    String sql =
        "SELECT TIMESTAMP '1999-12-31 23:59:59.999' AS c1 FROM \"jr_p\" AS t1 WHERE"
            + " (date_trunc('month', (DATE '9999-12-31' - t1.\"k\")) > (SELECT MAX(TIMESTAMP"
            + " '1999-12-31 23:59:59.999') FROM \"jl_p\" AS s2 WHERE s2.\"k\" = t1.\"k\"))";
    assertThat(KnownDifferences.match(findingWithARow(sql, date)).id())
        .isEqualTo("evaluation-order-of-a-failing-expression");
    // one table, no subquery: every row is computed, a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    "SELECT 1 AS c1 FROM \"jr_p\" AS t1 WHERE (date_trunc('month', (DATE"
                        + " '9999-12-31' - t1.\"k\")) > TIMESTAMP '1999-12-31 23:59:59.999')",
                    date)))
        .isNull();
  }

  @Test
  void aCoalesceOfAColumnTwiceDistinctFromTheColumnIsKnownUncomputed() {
    Difference conversion =
        duckDbOnly(
            "DuckDB error: Conversion Error: Type DOUBLE with value inf can't be",
            "Conversion Error: Type DOUBLE with value inf can't be cast because the value is out of"
                + " range for the destination type INT32");
    String sql =
        "SELECT DATE '2018-01-05' AS c0 FROM \"jl_p\" AS t1 WHERE (COALESCE(COALESCE(t1.\"k\","
            + " t1.\"k\"), CAST(CAST('Infinity' AS DOUBLE) AS INTEGER)) IS NOT DISTINCT FROM"
            + " t1.\"k\")";
    assertThat(KnownDifferences.match(findingWithARow(sql, conversion)).id())
        .isEqualTo("strict-expression-never-computed");
    // compared with another column: the constant is computed where k is NULL, a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    sql.replace("NOT DISTINCT FROM t1.\"k\"", "NOT DISTINCT FROM t1.\"a\""),
                    conversion)))
        .isNull();
  }

  @Test
  void anAverageOfAConstantDoubleIsKnownOnlyInASetOperation() {
    Difference rows = values("values (row count)", "row count 0 vs 1");
    String sql =
        "SELECT AVG(CAST(0.01 AS DOUBLE)) AS c0 FROM \"PP_recipes\" AS t1 INTERSECT ALL"
            + " SELECT CAST(0.01 AS DOUBLE) AS c0 FROM \"jr_p\" AS t3";
    assertThat(KnownDifferences.match(findingWithARow(sql, rows)).id())
        .isEqualTo("duckdb-average-of-a-constant-double");
    assertThat(
            KnownDifferences.match(
                findingWithARow(sql.replace("AVG(CAST(0.01 AS DOUBLE))", "AVG(t1.\"d\")"), rows)))
        .isNull();
  }

  @Test
  void aDateTruncOfADateInACaseBranchComparedIsKnown() {
    Difference values =
        values("values (String vs NULL)", "row 1 column 1: 2018-01-05 (String) vs NULL");
    String sql =
        "SELECT MIN(CAST(date_trunc('month', t1.\"dt\") AS DATE)) AS c0 FROM \"edge_p\" AS t1 WHERE (CASE WHEN"
            + " (DATE '1970-01-01' >= DATE '1970-01-01') THEN date_trunc('hour', t1.\"dt\") ELSE CAST(t1.\"dt\" AS"
            + " TIMESTAMP) END = CAST(CAST('2038-01-19' AS DATE) AS TIMESTAMP))";
    assertThat(KnownDifferences.match(findingWithARow(sql, values)).id())
        .isEqualTo("duckdb-date-trunc-of-date-compared");
    // truncated to the month, which DuckDB compares right: a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(sql.replace("date_trunc('hour'", "date_trunc('month'"), values)))
        .isNull();
  }

  @Test
  void aHavingOverAnOuterJoinMatchingNothingIsDuckDbsEmptyAnswer() {
    // seed 9292: DuckDB keeps no row where the SUM it shows without the HAVING is 201
    Difference rowCount = values("values (row count)", "row count 1 vs 0");
    String sql =
        "SELECT MAX(strftime(t1.\"date\", '%Y-%m-%d')) AS c3 FROM \"interactions_train\" AS t1"
            + " RIGHT JOIN \"PP_recipes\" AS t2 ON t1.\"recipe_id\" = t2.\"id\" AND (NOT (1e10 IS"
            + " DISTINCT FROM t1.\"rating\")) GROUP BY COALESCE(TRUE, FALSE) HAVING"
            + " (SUM(abs(t2.\"calorie_level\")) > 1)";
    assertThat(KnownDifferences.match(findingWithNoDuckDbRow(sql, rowCount)).id())
        .isEqualTo("duckdb-having-over-an-outer-join-matching-nothing");
    // the constant compared with the side kept whole: a finding
    assertThat(
            KnownDifferences.match(
                findingWithNoDuckDbRow(
                    sql.replace("FROM t1.\"rating\"", "FROM t2.\"calorie_level\""), rowCount)))
        .isNull();
    // no HAVING: a finding
    assertThat(
            KnownDifferences.match(
                findingWithNoDuckDbRow(sql.substring(0, sql.indexOf(" HAVING ")), rowCount)))
        .isNull();
  }

  @Test
  void aPowerOneUnitInTheLastPlaceApartIsDuckDbsRounding() {
    // seed 9291: 10.0 ^ 23.0, correctly rounded 1e+23 in BucketSQL, 1.0000000000000001e+23 in
    // DuckDB
    Difference values =
        values(
            "values (String vs String)",
            "row 2 column 1: 1e+23 (String) vs 1.0000000000000001e+23 (String)");
    String sql =
        "SELECT CAST((t1.\"sodium\" ^ t1.\"sugar\") AS VARCHAR) AS c0 FROM \"RAW_recipes_clean\" AS t1";
    assertThat(
            KnownDifferences.match(
                    twoTexts(
                        sql,
                        values,
                        List.of("0.0", "1e+23"),
                        List.of("0.0", "1.0000000000000001e+23")))
                .id())
        .isEqualTo("duckdb-power-last-bit");
    // two units apart: a finding
    assertThat(
            KnownDifferences.match(
                twoTexts(
                    sql,
                    values,
                    List.of("0.0", "1e+23"),
                    List.of("0.0", "1.0000000000000003e+23"))))
        .isNull();
    // no power in the query: a finding
    assertThat(
            KnownDifferences.match(
                twoTexts(
                    sql.replace(" ^ ", " * "),
                    values,
                    List.of("0.0", "1e+23"),
                    List.of("0.0", "1.0000000000000001e+23"))))
        .isNull();
  }

  @Test
  void aDateTruncOfADateInADerivedTableComparedIsKnown() {
    // seed 9292: the column read through a derived table's own alias, d1
    Difference values =
        values(
            "values (BigDecimal vs BigDecimal)",
            "row 1 column 1: 13 (BigDecimal) vs 14 (BigDecimal)");
    String sql =
        "SELECT COUNT(*) AS c0 FROM (SELECT d1.*, 1 AS \"dc\" FROM \"edge\" AS d1 WHERE"
            + " (date_trunc('hour', d1.\"dt\") IS DISTINCT FROM date_trunc('month', DATE"
            + " '0001-01-01'))) AS t3";
    assertThat(KnownDifferences.match(findingWithARow(sql, values)).id())
        .isEqualTo("duckdb-date-trunc-of-date-compared");
    // truncated to the month, which DuckDB compares right: a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(sql.replace("date_trunc('hour'", "date_trunc('month'"), values)))
        .isNull();
  }

  @Test
  void aDateTruncOfADateSubqueryOnTheRightIsKnown() {
    // seed 9401: the scalar subquery of a DATE truncated to the hour, right of the comparison
    Difference rowCount = values("values (row count)", "row count 9 vs 27");
    String sql =
        "SELECT 1.5 AS c1 FROM \"RAW_recipes\" AS t1 LEFT OUTER JOIN \"jr\" AS t2 ON TRUE WHERE"
            + " (CAST(DATE '2018-01-05' AS TIMESTAMP) <> date_trunc('hour', (SELECT MAX(s3.\"dt\")"
            + " FROM \"edge\" AS s3 WHERE s3.\"b\" = t1.\"minutes\")))";
    assertThat(KnownDifferences.match(findingWithARow(sql, rowCount)).id())
        .isEqualTo("duckdb-date-trunc-of-date-compared");
    // truncated to the day, which DuckDB compares right: a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(sql.replace("date_trunc('hour'", "date_trunc('day'"), rowCount)))
        .isNull();
  }

  @Test
  void anExpressionComparedWithItselfIsKnownUncomputed() {
    Difference conversion =
        duckDbOnly(
            "DuckDB error: Conversion Error: Type DOUBLE with value nan can't be",
            "Conversion Error: Type DOUBLE with value nan can't be cast because the value is out of range"
                + " for the destination type INT32 when casting from source column b");
    String sql =
        "SELECT MIN(abs(t1.\"k\")) AS c0 FROM \"jr_p\" AS t1"
            + " WHERE (FALSE OR (CAST(t1.\"b\" AS INTEGER) < CAST(t1.\"b\" AS INTEGER)))";
    assertThat(KnownDifferences.match(findingWithARow(sql, conversion)).id())
        .isEqualTo("strict-expression-never-computed");
    assertThat(
            KnownDifferences.match(
                findingWithARow(sql.replace("< CAST(t1.\"b\"", "< CAST(t1.\"k\""), conversion)))
        .isNull();
  }

  @Test
  void aDateOutOfRangeOnRowsAnOuterJoinExcludesIsKnown() {
    Difference date =
        duckDbOnly(
            "DuckDB error: Out of Range Error: Date out of range",
            "Out of Range Error: Date out of range");
    String sql =
        "SELECT COUNT(*) AS c1 FROM \"jr\" AS t1 LEFT JOIN \"edge_p\" AS t2 ON t1.\"k\" = t2.\"b\""
            + " WHERE (DATE '2018-01-05' <> (t2.\"dt\" + t2.\"i\"))";
    assertThat(KnownDifferences.match(findingWithARow(sql, date)).id())
        .isEqualTo("evaluation-order-of-a-failing-expression");
    // no join: every row is computed on both sides, a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    "SELECT COUNT(*) AS c1 FROM \"edge_p\" AS t2 WHERE (DATE '2018-01-05' <> (t2.\"dt\" + t2.\"i\"))",
                    date)))
        .isNull();
  }

  @Test
  void aCastOfInfinityInOnePlanAndADateBeyondTheYearsInAnotherIsEvaluationOrder() {
    String sql =
        "SELECT t2.\"s\" AS c1 FROM \"jr\" AS t1 LEFT JOIN \"edge_p\" AS t2 ON t1.\"k\" = t2.\"b\""
            + " WHERE (CAST(t2.\"d\" AS INTEGER) IN (SELECT s3.\"a\" FROM \"jl\" AS s3"
            + " WHERE (make_date(s3.\"a\", 6, 17) IS NOT DISTINCT FROM CAST('2038-01-19' AS DATE))))";
    Difference date =
        bucketSqlOnly(
            "BucketSQL error: [N] make_date: -N-N-N is no date; give a year",
            "[22008] make_date: -1-6-17 is no date; give a year 1-9999, a month 1-12 and a day of that"
                + " month");
    Difference cast =
        bucketSqlOnly(
            "BucketSQL error: [N] Cannot cast DOUBLE -Infinity to INTEGER: out of",
            "[22003] Cannot cast DOUBLE -Infinity to INTEGER: out of range (INTEGER holds -2147483648 to"
                + " 2147483647); cast to a wider type, or use TRY_CAST to get NULL");
    Outcome row =
        new Outcome(
            java.util.List.of("INTEGER"), java.util.List.of(java.util.List.of(1)), null, false);
    Finding both =
        new Finding(
            new FuzzQuery(Node.query(1, sql)),
            row,
            Map.of(Engines.Config.DEFAULT, row, Engines.Config.UNFUSED, row),
            Map.of(Engines.Config.DEFAULT, date, Engines.Config.UNFUSED, cast));
    assertThat(KnownDifferences.match(both).id())
        .isEqualTo("evaluation-order-of-a-failing-expression");
    // without a join or subquery every plan computes every row: not a matter of order
    Finding alone =
        new Finding(
            new FuzzQuery(
                Node.query(
                    1,
                    "SELECT CAST(t2.\"d\" AS INTEGER) AS c1, make_date(t2.\"i\", 6, 17) AS c2"
                        + " FROM \"edge_p\" AS t2")),
            row,
            Map.of(Engines.Config.DEFAULT, row, Engines.Config.UNFUSED, row),
            Map.of(Engines.Config.DEFAULT, date, Engines.Config.UNFUSED, cast));
    assertThat(KnownDifferences.match(alone)).isNull();
  }

  @Test
  void aDateTruncOfADateSubqueryIsKnown() {
    Difference values =
        values("values (BigDecimal vs NULL)", "row 1 column 1: 1.5 (BigDecimal) vs NULL");
    assertThat(
            KnownDifferences.match(
                    findingWithARow(
                        "SELECT MIN(1.5) AS c0 FROM \"jl\" AS t1 WHERE (date_trunc('hour', (SELECT MAX(DATE '1970-01-01') FROM \"jl\""
                            + " AS s2)) = TIMESTAMP '1970-01-01 00:00:00')",
                        values))
                .id())
        .isEqualTo("duckdb-date-trunc-of-date-compared");
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    "SELECT MIN(1.5) AS c0 FROM \"jl\" AS t1 WHERE (date_trunc('day', (SELECT MAX(DATE '1970-01-01') FROM \"jl\""
                        + " AS s2)) = TIMESTAMP '1970-01-01 00:00:00')",
                    values)))
        .isNull();
  }

  @Test
  void aNegationOfAnyExpressionComparedWithNanIsKnown() {
    Difference rows = values("values (row count)", "row count 1 vs 8");
    assertThat(
            KnownDifferences.match(
                    findingWithARow(
                        "SELECT DATE '2038-01-19' AS c3 FROM \"jr\" AS t1 WHERE (CAST('NaN' AS DOUBLE) <= (- CASE WHEN FALSE"
                            + " THEN t1.\"b\" ELSE t1.\"b\" END))",
                        rows))
                .id())
        .isEqualTo("duckdb-negation-moved-across-a-nan-comparison");
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    "SELECT DATE '2038-01-19' AS c3 FROM \"jr\" AS t1 WHERE (CAST('NaN' AS DOUBLE) <= t1.\"b\")",
                    rows)))
        .isNull();
  }

  @Test
  void aWrappedSumIsKnownOnlyForALargeConstant() {
    Difference sum =
        values(
            "values (BigDecimal vs BigDecimal)",
            "row 1 column 1: 405828369621610135508 (BigDecimal) vs -44 (BigDecimal)");
    assertThat(
            KnownDifferences.match(
                    findingWithARow(
                        "SELECT SUM(9223372036854775807) AS c2 FROM \"PP_users\" AS t1 GROUP BY t1.\"rating\"",
                        sum))
                .id())
        .isEqualTo("duckdb-sum-of-a-constant-wraps");
    // seed 9301: DuckDB folds abs() of the constant first
    assertThat(
            KnownDifferences.match(
                    findingWithARow(
                        "SELECT SUM(abs(9223372036854775807)) AS c1 FROM \"jr_p\" AS t1", sum))
                .id())
        .isEqualTo("duckdb-sum-of-a-constant-wraps");
    // a sum of a column differing is no such case
    assertThat(
            KnownDifferences.match(
                findingWithARow("SELECT SUM(t1.\"k\") AS c2 FROM \"jl\" AS t1", sum)))
        .isNull();
    assertThat(
            KnownDifferences.match(
                findingWithARow("SELECT SUM(abs(t1.\"k\")) AS c2 FROM \"jl\" AS t1", sum)))
        .isNull();
  }

  @Test
  void aFunctionDuckDbCannotBindIsKnownOnlyOverAnExtractOfNull() {
    Difference binder =
        duckDbOnly(
            "DuckDB error: Binder Error",
            "Binder Error: No function matches the given name and argument types 'make_date(DOUBLE, INTEGER_LITERAL,"
                + " INTEGER_LITERAL)'. You might need to add explicit type casts.");
    assertThat(
            KnownDifferences.match(
                    findingWithARow(
                        "SELECT make_date(EXTRACT(SECOND FROM CAST(NULL AS TIMESTAMP)), 7, 18) AS c0 FROM \"jr\" AS t1",
                        binder))
                .id())
        .isEqualTo("extract-of-null-literal");
    // a DOUBLE column where an integer is expected is no such case
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    "SELECT make_date(t1.\"d\", 7, 18) AS c0 FROM \"jr\" AS t1", binder)))
        .isNull();
  }

  @Test
  void aConversionSkippedByAnEmptyRangeIsKnownOnlyForAReversedRange() {
    Difference conversion =
        duckDbOnly(
            "DuckDB error: conversion",
            "Conversion Error: Could not cast value inf to DECIMAL(10,2)");
    String reversed =
        "SELECT COUNT(*) AS c0 FROM \"PP_recipes\" AS t1 WHERE (NOT (CAST(CAST('Infinity' AS DOUBLE)"
            + " AS DECIMAL(10,2)) BETWEEN 0.0 AND -0.5))";
    assertThat(KnownDifferences.match(findingWithARow(reversed, conversion)).id())
        .isEqualTo("strict-expression-never-computed");
    // a range that holds values: the cast had to be computed, a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(reversed.replace("AND -0.5", "AND 0.5"), conversion)))
        .isNull();
    assertThat(KnownDifferences.emptyRange("x BETWEEN 1e2 AND 5 OR y BETWEEN -1 AND -1.5"))
        .isTrue();
    assertThat(KnownDifferences.emptyRange("x BETWEEN 1 AND 15")).isFalse();
    Difference negation =
        duckDbOnly(
            "DuckDB error: overflow", "Out of Range Error: Overflow in negation of numeric value!");
    assertThat(
            KnownDifferences.match(
                    findingWithARow("SELECT (- (- t1.\"k\")) AS c2 FROM \"jr_p\" AS t1", negation))
                .id())
        .isEqualTo("strict-expression-never-computed");
    assertThat(
            KnownDifferences.match(
                findingWithARow("SELECT (- t1.\"k\") AS c2 FROM \"jr_p\" AS t1", negation)))
        .isNull();
  }

  @Test
  void aNanWrittenWithoutItsSignIsKnownOnlyForNan() {
    Difference nan =
        values(
            "values (String vs String)",
            "row 1 column 1: nan (String) vs -nan (String) (rows [nan] vs [-nan])");
    assertThat(
            KnownDifferences.match(finding("SELECT CAST(sqrt(-1e0) AS VARCHAR) AS c0", nan)).id())
        .isEqualTo("duckdb-nan-sign-in-text");
    Difference inf =
        values(
            "values (String vs String)",
            "row 1 column 1: inf (String) vs -inf (String) (rows [inf] vs [-inf])");
    assertThat(KnownDifferences.match(finding("SELECT CAST(x AS VARCHAR) AS c0", inf))).isNull();
  }

  @Test
  void aDoubleSumIsKnownOrderDependentOnlyWhereThePlansDisagree() {
    String sql = "SELECT SUM(CAST(t2.\"b\" AS DOUBLE)) AS c0 FROM \"edge_p\" AS t2";
    Outcome duck =
        new Outcome(
            java.util.List.of("DOUBLE"),
            java.util.List.of(java.util.List.of(1.27751756306E11)),
            null,
            false);
    Outcome a =
        new Outcome(
            java.util.List.of("DOUBLE"),
            java.util.List.of(java.util.List.of(1.27751756799E11)),
            null,
            false);
    Outcome b =
        new Outcome(
            java.util.List.of("DOUBLE"),
            java.util.List.of(java.util.List.of(1.27751755775E11)),
            null,
            false);
    Difference da = Difference.of(a, duck, false);
    Difference db = Difference.of(b, duck, false);
    Finding disagreeing =
        new Finding(
            new FuzzQuery(Node.query(1, sql)),
            duck,
            Map.of(Engines.Config.DEFAULT, a, Engines.Config.NO_PUSHDOWN, b),
            Map.of(Engines.Config.DEFAULT, da, Engines.Config.NO_PUSHDOWN, db));
    assertThat(KnownDifferences.match(disagreeing).id())
        .isEqualTo("double-sum-order-with-cancellation");
    // every plan gives the same sum, unlike DuckDB's, over a column without the edge table's
    // extremes: no sign of order, a finding
    Finding agreeing =
        new Finding(
            new FuzzQuery(
                Node.query(1, "SELECT SUM(CAST(t2.\"k\" AS DOUBLE)) AS c0 FROM \"jl\" AS t2")),
            duck,
            Map.of(Engines.Config.DEFAULT, a, Engines.Config.NO_PUSHDOWN, a),
            Map.of(Engines.Config.DEFAULT, da, Engines.Config.NO_PUSHDOWN, da));
    assertThat(KnownDifferences.match(agreeing)).isNull();
  }

  @Test
  void aNegationAcrossNanIsKnownInASubqueryToo() {
    Difference values =
        values("values (BigDecimal vs NULL)", "row 1 column 1: 1.5 (BigDecimal) vs NULL");
    String sql =
        "SELECT (SELECT MAX(1.5) FROM \"jr\" AS s3 WHERE ((- s3.\"b\") BETWEEN 1e0 AND CAST('NaN' AS DOUBLE))) AS c1";
    assertThat(KnownDifferences.match(findingWithARow(sql, values)).id())
        .isEqualTo("duckdb-negation-moved-across-a-nan-comparison");
    assertThat(KnownDifferences.match(findingWithARow(sql.replace("(- s3.", "(s3."), values)))
        .isNull();
  }

  @Test
  void anAverageIsKnownToBeItsKeyOnlyWhenItsArgumentIsAGroupKey() {
    Difference doubles =
        values(
            "values (Double vs Double)", "row 6 column 1: 1.0E308 (Double) vs Infinity (Double)");
    assertThat(
            KnownDifferences.match(
                    finding(
                        "SELECT AVG(t1.\"d\") AS c3 FROM \"edge_p\" AS t1 RIGHT JOIN \"jl\" AS t2 ON TRUE GROUP BY t1.\"d\"",
                        doubles))
                .id())
        .isEqualTo("avg-of-the-group-key-is-the-key");
    assertThat(
            KnownDifferences.averagesAGroupKey(
                "SELECT AVG((t1.\"d\" * 2)) AS c0 FROM \"edge\" AS t1 GROUP BY (t1.\"d\" * 2)"))
        .isTrue();
    // an average of another column than the key is computed from its rows
    assertThat(
            KnownDifferences.match(
                finding(
                    "SELECT AVG(t1.\"d\") AS c3 FROM \"edge_p\" AS t1 GROUP BY t1.\"m\"", doubles)))
        .isNull();
    assertThat(KnownDifferences.averagesAGroupKey("SELECT AVG(t1.\"d\") AS c0 FROM \"edge\" AS t1"))
        .isFalse();
  }

  @Test
  void aConstantIsKnownUncomputedOnlyBesideANullOrUnderCount() {
    Difference conversion =
        duckDbOnly(
            "DuckDB error: conversion",
            "Conversion Error: Type DOUBLE with value inf can't be cast");
    String compared =
        "SELECT (CAST(CAST('Infinity' AS DOUBLE) AS INTEGER) = t1.\"k\") AS c0 FROM \"jr\" AS t1";
    Outcome nullRow =
        new Outcome(
            java.util.List.of("BOOLEAN"),
            java.util.List.of(java.util.Arrays.asList((Object) null)),
            null,
            false);
    Finding nullAnswer =
        new Finding(
            new FuzzQuery(Node.query(1, compared)),
            nullRow,
            Map.of(Engines.Config.DEFAULT, nullRow),
            Map.of(Engines.Config.DEFAULT, conversion));
    assertThat(KnownDifferences.match(nullAnswer).id())
        .isEqualTo("strict-expression-never-computed");
    assertThat(
            KnownDifferences.countsAConstant(
                "SELECT COUNT(DISTINCT (DATE '0001-01-01' - 2147483647)) AS c1 FROM \"interactions_test\" AS t1"))
        .isTrue();
    assertThat(
            KnownDifferences.countsAConstant(
                "SELECT COUNT(DISTINCT (t1.\"dt\" - 2147483647)) AS c1 FROM \"t\" AS t1"))
        .isFalse();
    assertThat(KnownDifferences.countsAConstant("SELECT COUNT(*) AS c1 FROM \"t\" AS t1"))
        .isFalse();
    // a value computed from the constant would be a wrong answer, not one left uncomputed
    assertThat(KnownDifferences.match(findingWithARow(compared, conversion))).isNull();
    assertThat(
            KnownDifferences.match(
                    findingWithARow(
                        "SELECT COUNT(DISTINCT CAST(CAST('NaN' AS DOUBLE) AS DECIMAL(10,2))) AS c2 FROM \"edge_p\" AS t1",
                        conversion))
                .id())
        .isEqualTo("strict-expression-never-computed");
    Difference overflow =
        duckDbOnly(
            "DuckDB error: overflow",
            "Out of Range Error: Overflow in addition of INT64 (9223372036854775807 + 1)!");
    String coalesced =
        "SELECT COUNT(*) AS c0 FROM \"jl_p\" AS t1 WHERE (t1.\"a\" <> COALESCE((t1.\"a\" % t1.\"a\"),"
            + " (9223372036854775807 + 1)))";
    assertThat(KnownDifferences.match(findingWithARow(coalesced, overflow)).id())
        .isEqualTo("strict-expression-never-computed");
    Difference negation =
        duckDbOnly(
            "DuckDB error: overflow", "Out of Range Error: Overflow in negation of numeric value!");
    assertThat(
            KnownDifferences.match(
                    findingWithARow(
                        "SELECT t1.\"k\" AS c2 FROM \"jr_p\" AS t1 WHERE"
                            + " (COALESCE((- t1.\"k\"), 5) IS DISTINCT FROM (- t1.\"k\"))",
                        negation))
                .id())
        .isEqualTo("strict-expression-never-computed");
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    "SELECT t1.\"k\" AS c2 FROM \"jr_p\" AS t1 WHERE"
                        + " (COALESCE((- t1.\"k\"), 5) IS DISTINCT FROM (- t1.\"a\"))",
                    negation)))
        .isNull();
    // an overflow of a row's values is computed wherever the row is
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    coalesced.replace("(9223372036854775807 + 1)", "(t1.\"a\" + 1)"), overflow)))
        .isNull();
  }

  @Test
  void aDateIsKnownOutOfRangeOnlyOutsideTheYears1To9999() {
    assertThat(
            KnownDifferences.outsideTheYears(
                "[22008] make_date: -1-6-8 is no date; give a year 1-9999"))
        .isTrue();
    assertThat(
            KnownDifferences.outsideTheYears(
                "[22008] make_date: 10000-6-8 is no date; give a year 1-9999"))
        .isTrue();
    // a day that its month does not have is no date in either engine
    assertThat(
            KnownDifferences.outsideTheYears(
                "[22008] make_date: 2001-2-29 is no date; give a year 1-9999"))
        .isFalse();
    assertThat(
            KnownDifferences.outsideTheYears(
                "[22008] date out of range: DATE '9999-12-31' + 1 days is outside the years 1 to 9999; add fewer days"))
        .isTrue();
  }

  @Test
  void aRemainderOfTheMinimumByMinusOneIsKnownBesideADivision() {
    Difference overflow =
        duckDbOnly(
            "DuckDB error: overflow",
            "Out of Range Error: Overflow in division of -2147483648 / -1");
    String both =
        "SELECT MIN((9223372036854775807 / t1.\"a\")) AS c0, MIN((-2147483648 % t1.\"a\")) AS c2 FROM \"jl_p\" AS t1";
    assertThat(KnownDifferences.match(findingWithARow(both, overflow)).id())
        .isEqualTo("duckdb-modulo-of-minimum-by-minus-one");
    // no remainder: the overflow is not the remainder's
    assertThat(KnownDifferences.match(findingWithARow(both.replace(" % ", " // "), overflow)))
        .isNull();
  }

  @Test
  void aFailedIntegerCastOfARowInAJoinIsKnownAsEvaluationOrder() {
    Difference cast =
        duckDbOnly(
            "DuckDB error: invalid input",
            "Invalid Input Error: Type INT64 with value 9223372036854775807 can't be cast because the value is out of range"
                + " for the destination type INT32");
    String joined =
        "SELECT 1 AS c1 FROM \"PP_recipes\" AS t1 INNER JOIN \"edge_p\" AS t2 ON (1 NOT IN (1, 0, t1.\"k\"))"
            + " WHERE (make_date(t2.\"b\", 10, 24) BETWEEN DATE '1969-12-31' AND t2.\"dt\")";
    assertThat(KnownDifferences.match(findingWithARow(joined, cast)).id())
        .isEqualTo("evaluation-order-of-a-failing-expression");
    // one table: every row is evaluated by both engines
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    "SELECT make_date(t2.\"b\", 10, 24) AS c0 FROM \"edge_p\" AS t2", cast)))
        .isNull();
  }

  @Test
  void aDateOutOfRangeOnRowsACorrelatedExistsExcludesIsKnown() {
    Difference date =
        duckDbOnly(
            "DuckDB error: Out of Range Error: Date out of range",
            "Out of Range Error: Date out of range");
    // seed 9131: the k of 2147483647 matches no a, so no pair evaluates the date; DuckDB's join
    // evaluates it on that row
    String sql =
        "SELECT MIN(1e10) AS c0 FROM \"jl_p\" AS t1 WHERE (NOT FALSE OR EXISTS (SELECT 1 FROM \"jl_p\""
            + " AS s2 WHERE s2.\"k\" = t1.\"a\" AND ((DATE '1970-01-01' - s2.\"k\") BETWEEN"
            + " DATE '0001-01-01' AND DATE '0001-01-01')))";
    assertThat(KnownDifferences.match(findingWithARow(sql, date)).id())
        .isEqualTo("evaluation-order-of-a-failing-expression");
    // a scalar subquery is no join: a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    "SELECT (SELECT MIN(DATE '1970-01-01' - s2.\"k\") FROM \"jl_p\" AS s2) AS c0"
                        + " FROM \"jl_p\" AS t1",
                    date)))
        .isNull();
  }

  @Test
  void aHavingDuckDbProvesFalseIsKnownOnlyBesideARowError() {
    Difference text =
        bucketSqlOnly(
            "BucketSQL error: [NPN] invalid number '?': the text is not a",
            "[22P02] invalid number 'x': the text is not a number; the column holds text that is not a"
                + " number: filter those rows out before the CAST");
    // seed 9141
    String sql =
        "SELECT 1e0 AS c1 FROM \"jl\" AS t1 WHERE (CAST(t1.\"s\" AS DOUBLE) = 0e0) GROUP BY 1e0"
            + " HAVING (SUM((t1.\"a\" + t1.\"k\")) <= -2147483648)";
    assertThat(KnownDifferences.match(findingWithARow(sql, text)).id())
        .isEqualTo("duckdb-statistics-prove-having-false");
    // a bound the sum can reach: DuckDB reads the rows too, a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(sql.replace("<= -2147483648", "<= 2147483647"), text)))
        .isNull();
    // an error that is no value of a row: a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    sql, bucketSqlOnly("BucketSQL error: [XX000]", "[XX000] internal error"))))
        .isNull();
  }

  @Test
  void aCastOutOfRangeBesideADateBeyondTheYearsIsKnownInAJoin() {
    // seed 9142: one plan fails on the cast, another on make_date's year 0 first
    Finding mixed =
        new Finding(
            new FuzzQuery(
                Node.query(
                    1,
                    "SELECT t1.\"d\" AS c0, MIN(make_date(t1.\"b\", 7, 26)) AS c2 FROM \"edge\" AS t1"
                        + " JOIN \"jr\" AS t2 ON t1.\"id\" = t2.\"k\" AND (t1.\"i\" >="
                        + " CAST(t1.\"b\" AS INTEGER)) GROUP BY t1.\"d\"")),
            new Outcome(
                java.util.List.of("INTEGER"), java.util.List.of(java.util.List.of(1)), null, false),
            Map.of(),
            Map.of(
                Engines.Config.DEFAULT,
                bucketSqlOnly(
                    "BucketSQL error: [N] Cannot cast N to INTEGER: out of range",
                    "[22003] Cannot cast 9223372036854775807 to INTEGER: out of range (INTEGER holds"
                        + " -2147483648 to 2147483647); cast to a wider type, or use TRY_CAST to get NULL"),
                Engines.Config.UNFUSED,
                bucketSqlOnly(
                    "BucketSQL error: [N] make_date: N-N-N is no date; give a year",
                    "[22008] make_date: 0-7-26 is no date; give a year 1-9999, a month 1-12 and a day of"
                        + " that month")));
    assertThat(KnownDifferences.match(mixed).id())
        .isEqualTo("evaluation-order-of-a-failing-expression");
    // a cast of a value the type holds is no row error: a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    "SELECT 1 AS c0 FROM \"edge\" AS t1 JOIN \"jr\" AS t2 ON TRUE",
                    bucketSqlOnly(
                        "BucketSQL error: [N] Cannot cast N to INTEGER: out of range",
                        "[22003] Cannot cast 7 to INTEGER: out of range"))))
        .isNull();
  }

  @Test
  void aConstantDivisionByZeroBesideADecidingOperandIsKnown() {
    Difference zero =
        duckDbOnly(
            "DuckDB error: Invalid Input Error: Division by zero in expression (?).",
            "Invalid Input Error: Division by zero in expression (0 % 0). Use TRY(...) to return NULL"
                + " for this expression, or SET error_on_division_by_zero=false to return NULL for all"
                + " divisions by zero.");
    // seed 9142
    String sql =
        "SELECT COUNT(*) AS c0 FROM \"RAW_interactions\" AS t1 WHERE (replace(t1.\"review\", 'a',"
            + " 'xy') IS DISTINCT FROM strftime(t1.\"date\", '%Y-%m-%d')) OR ((0 % 0) >"
            + " 9223372036854775807)";
    assertThat(KnownDifferences.match(findingWithARow(sql, zero)).id())
        .isEqualTo("strict-expression-never-computed");
    // no other operand to decide the rows: a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    "SELECT COUNT(*) AS c0 FROM \"RAW_interactions\" AS t1 WHERE ((0 % 0) > 1)",
                    zero)))
        .isNull();
  }

  @Test
  void aRowErrorInGroupsAHavingOnAGroupKeyDropsIsKnown() {
    Difference zero =
        duckDbOnly(
            "DuckDB error: Invalid Input Error: Division by zero in expression (?).",
            "Invalid Input Error: Division by zero in expression (i // i). Use TRY(...) to return NULL"
                + " for this expression, or SET error_on_division_by_zero=false to return NULL for all"
                + " divisions by zero.");
    // seed 9211
    String sql =
        "SELECT t1.\"i\" AS c0, COUNT(DISTINCT make_date(t1.\"id\", 6, 24)) AS c1, (COUNT(*) > 2)"
            + " AS c2, SUM((t1.\"i\" // t1.\"i\")) AS c3 FROM \"edge\" AS t1 GROUP BY t1.\"i\" HAVING"
            + " (MAX(t1.\"i\") > 2)";
    assertThat(KnownDifferences.match(findingWithARow(sql, zero)).id())
        .isEqualTo("having-on-a-group-key-filters-first");
    // MAX of a column that is no group key: the HAVING cannot move below the aggregate
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    sql.replace("HAVING (MAX(t1.\"i\")", "HAVING (MAX(t1.\"id\")"), zero)))
        .isNull();
  }

  @Test
  void aConstantDivisionByZeroIsKnownFoldedOnlyWhereAFilterCanKeepNoRow() {
    Difference zero =
        duckDbOnly(
            "DuckDB error: Invalid Input Error: Division by zero in expression (?).",
            "Invalid Input Error: Division by zero in expression (0 // 0). Use TRY(...) to return NULL"
                + " for this expression, or SET error_on_division_by_zero=false to return NULL for all"
                + " divisions by zero.");
    // seed 9211: the first branch keeps no row, the second branch's rows are the answer
    String sql =
        "SELECT (- (0 // 0)) AS c0, length(substr(t1.\"techniques\", 4, 4)) AS c2 FROM \"PP_recipes\""
            + " AS t1 WHERE (CASE WHEN (t1.\"i\" = t1.\"id\") THEN 0.01 ELSE abs(-0.5) END <= (1.25 *"
            + " 0.01)) UNION SELECT t2.\"k\" AS c0, COUNT(DISTINCT trim(t2.\"s\")) AS c2 FROM \"jl\" AS t2"
            + " GROUP BY t2.\"k\"";
    assertThat(KnownDifferences.match(findingWithARow(sql, zero)).id())
        .isEqualTo("duckdb-folds-a-failing-constant");
    // every row reaches the constant: BucketSQL must fail too, so an answer is a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow("SELECT (- (0 // 0)) AS c0 FROM \"PP_recipes\" AS t1", zero)))
        .isNull();
  }

  @Test
  void aDoubleSumThatMovesItsRowIsKnownOnlyWhereBothRowsHoldANonFiniteValue() {
    // seed 9212: a window's sum over a partition, -Infinity here and NaN in DuckDB
    String sql =
        "SELECT CAST(CAST(date_trunc('month', DATE '2000-02-29') AS DATE) AS TIMESTAMP) AS c0,"
            + " SUM(t2.\"d\") OVER (PARTITION BY t1.\"user_id\" ORDER BY 7) AS c1, t2.\"d\" AS c2 FROM"
            + " \"interactions_train\" AS t1 INNER JOIN \"edge_p\" AS t2 ON t1.\"i\" = t2.\"b\"";
    Difference moved =
        values(
            "values (Double vs Double)",
            "row 8 column 3: -Infinity (Double) vs 0.0 (Double) (rows [2000-02-01T00:00, -Infinity,"
                + " -Infinity] vs [2000-02-01T00:00, -Infinity, 0.0])");
    assertThat(KnownDifferences.match(finding(sql, moved)).id())
        .isEqualTo("double-sum-order-at-overflow");
    // DuckDB's row holds no non-finite value: no sign of a sum's order, a finding
    Difference finite =
        values(
            "values (Double vs Double)",
            "row 8 column 3: -Infinity (Double) vs 0.0 (Double) (rows [2000-02-01T00:00, -Infinity,"
                + " -Infinity] vs [2000-02-01T00:00, 1.5, 0.0])");
    assertThat(KnownDifferences.match(finding(sql, finite))).isNull();
  }

  @Test
  void aDateOutOfRangeInAReversedTimestampRangeIsKnownUncomputed() {
    Difference date =
        duckDbOnly(
            "DuckDB error: Conversion Error: Date out of range: -N-N-N",
            "Conversion Error: Date out of range: -2147483648-10-4");
    // seed 9221
    String sql =
        "SELECT 1 AS c0 FROM \"jl_p\" AS t1 WHERE (date_trunc('year', make_date(-2147483648, 10, 4))"
            + " BETWEEN TIMESTAMP '2000-02-29 12:34:56.789' AND TIMESTAMP '1999-12-31 23:59:59.999')";
    assertThat(KnownDifferences.match(findingWithARow(sql, date)).id())
        .isEqualTo("strict-expression-never-computed");
    // the range in order: rows are in it, the date is computed, a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    sql.replace("'2000-02-29 12:34:56.789'", "'1999-02-28 12:34:56.7'"), date)))
        .isNull();
    // seed 9231: DuckDB's integer cast inside the argument, never computed either
    Difference narrowed =
        duckDbOnly(
            "DuckDB error: Invalid Input Error: Type INTN with value N can't",
            "Invalid Input Error: Type INT64 with value 9223372036854775807 can't be cast because"
                + " the value is out of range for the destination type INT32");
    String cast =
        "SELECT 1e0 AS c2 FROM \"jr\" AS t1 WHERE (CAST(make_date(9223372036854775807, 11, 22) AS"
            + " TIMESTAMP) BETWEEN TIMESTAMP '2018-01-05 10:30:00' AND TIMESTAMP '1970-01-01"
            + " 00:00:00')";
    assertThat(KnownDifferences.match(findingWithARow(cast, narrowed)).id())
        .isEqualTo("strict-expression-never-computed");
    assertThat(
            KnownDifferences.match(
                findingWithARow(cast.replace("'2018-01-05 10:30:00'", "'1918-01-05'"), narrowed)))
        .isNull();
    // within one second, the fraction decides: .7 is .700, beyond .0999
    assertThat(
            KnownDifferences.emptyRange(
                "BETWEEN TIMESTAMP '2000-01-01 00:00:00.7' AND"
                    + " TIMESTAMP '2000-01-01 00:00:00.0999'"))
        .isTrue();
    assertThat(
            KnownDifferences.emptyRange(
                "BETWEEN TIMESTAMP '2000-01-01 00:00:00.0999' AND"
                    + " TIMESTAMP '2000-01-01 00:00:00.7'"))
        .isFalse();
  }

  @Test
  void aDateOutOfRangeBesideAComparisonWithNullIsKnownUncomputed() {
    Difference date =
        duckDbOnly(
            "DuckDB error: Out of Range Error: Date out of range",
            "Out of Range Error: Date out of range");
    // seed 9222: COUNT(*) > NULL is NULL whatever the rows, which are not read
    String sql =
        "SELECT (COUNT(*) > CAST(NULL AS INTEGER)) AS c0 FROM \"jr_p\" AS t1 WHERE ((DATE"
            + " '1970-01-01' - t1.\"k\") < DATE '2018-01-05')";
    assertThat(KnownDifferences.match(findingWithARow(sql, date)).id())
        .isEqualTo("strict-expression-never-computed");
    assertThat(
            KnownDifferences.match(
                findingWithARow(sql.replace("CAST(NULL AS INTEGER)", "1"), date)))
        .isNull();
  }

  @Test
  void aRowErrorIsKnownSkippedByDuckDbsTopNOnlyUnderOrderByAndLimit() {
    Difference text =
        bucketSqlOnly(
            "BucketSQL error: [NPN] invalid number '?': the text is not a",
            "[22P02] invalid number 'x': the text is not a number; the column holds text that is not"
                + " a number: filter those rows out before the CAST");
    // seed 9221
    String sql =
        "SELECT t1.\"s\" AS c0 FROM \"jl\" AS t1 WHERE (CAST(t1.\"s\" AS DOUBLE) IS NOT DISTINCT FROM"
            + " 1e0) GROUP BY t1.\"s\" UNION ALL SELECT 'a' AS c0 FROM \"PP_recipes\" AS t2 ORDER BY c0"
            + " LIMIT 3";
    assertThat(KnownDifferences.match(findingWithARow(sql, text)).id())
        .isEqualTo("duckdb-top-n-filters-rows-first");
    // no LIMIT: DuckDB must read every row too, so its answer is a finding
    assertThat(KnownDifferences.match(findingWithARow(sql.replace(" LIMIT 3", ""), text))).isNull();
  }

  @Test
  void aNanTextComparedIsKnownInAnAggregateAndForAQuotientOfIntegers() {
    Difference sum =
        values(
            "values (BigDecimal vs BigDecimal)",
            "row 1 column 1: 27.0 (BigDecimal) vs 13.5 (BigDecimal) (rows [27.0] vs [13.5])");
    // seed 9222: the text of -NaN compared, then summed over the rows kept
    String sql =
        "SELECT SUM(1.5) AS c0 FROM \"edge\" AS t1 RIGHT JOIN \"jl_p\" AS t2 ON TRUE WHERE"
            + " (CAST((- t1.\"d\") AS VARCHAR) > 'a')";
    assertThat(KnownDifferences.match(finding(sql, sum)).id()).isEqualTo("duckdb-nan-sign-in-text");
    // no NaN's text compared: a finding
    assertThat(
            KnownDifferences.match(
                finding(sql.replace("CAST((- t1.\"d\") AS VARCHAR)", "t2.\"s\""), sum)))
        .isNull();
    Difference count = values("values (row count)", "row count 1 vs 0");
    // seed 9222: 0 / 0 of two integer columns is a DOUBLE NaN
    assertThat(
            KnownDifferences.match(
                    finding(
                        "SELECT 1 AS c0 FROM \"edge\" AS t1 WHERE ('a' < CAST((t1.\"b\" /"
                            + " t1.\"i\") AS VARCHAR))",
                        count))
                .id())
        .isEqualTo("duckdb-nan-sign-in-text");
  }

  @Test
  void aNanTextOfAProductWithInfinityIsKnown() {
    // seed 9232: the text of 0 times Infinity, a NaN, compared
    Difference count = values("values (row count)", "row count 3 vs 5");
    assertThat(
            KnownDifferences.match(
                    finding(
                        "SELECT 1 AS c1 FROM \"edge_p\" AS t1 WHERE ('Zebra' > CAST((t1.\"d\" *"
                            + " CAST('Infinity' AS DOUBLE)) AS VARCHAR))",
                        count))
                .id())
        .isEqualTo("duckdb-nan-sign-in-text");
    // seed 9232: a negative number to a fractional power is NaN
    assertThat(
            KnownDifferences.match(
                    finding(
                        "SELECT 1e0 AS c0 FROM \"edge\" AS t1 WHERE (CAST((t1.\"m\" ^ t1.\"m\") AS"
                            + " VARCHAR) > 'a')",
                        values("values (row count)", "row count 4 vs 1")))
                .id())
        .isEqualTo("duckdb-nan-sign-in-text");
    // a product with a finite number makes no NaN of a number: a finding
    assertThat(
            KnownDifferences.match(
                finding(
                    "SELECT 1 AS c1 FROM \"edge_p\" AS t1 WHERE ('Zebra' > CAST((t1.\"d\" * 2e0) AS"
                        + " VARCHAR))",
                    count)))
        .isNull();
  }

  @Test
  void seedsOf9241And9242AreKnownWhereTheirCauseIsInTheQuery() {
    // a COALESCE compared with its own first column, the COALESCE written first
    Difference nan =
        duckDbOnly(
            "DuckDB error: Conversion Error: Type DOUBLE with value nan can't be",
            "Conversion Error: Type DOUBLE with value nan can't be cast because the value is out of"
                + " range for the destination type INT32");
    String coalesce =
        "SELECT 1 AS c2 FROM \"jl_p\" AS t1 WHERE (COALESCE(t1.\"k\", CAST(CAST('NaN' AS DOUBLE) AS"
            + " INTEGER)) <= t1.\"k\")";
    assertThat(KnownDifferences.match(findingWithARow(coalesce, nan)).id())
        .isEqualTo("strict-expression-never-computed");
    assertThat(
            KnownDifferences.match(
                findingWithARow(coalesce.replace("<= t1.\"k\")", "<= t1.\"a\")"), nan)))
        .isNull();
    // COUNT(d - n) counts d, the difference never computed
    Difference date =
        duckDbOnly(
            "DuckDB error: Out of Range Error: Date out of range",
            "Out of Range Error: Date out of range");
    String count =
        "SELECT 1 AS c2 FROM \"RAW_interactions_clean\" AS t1 GROUP BY t1.\"date\", t1.\"date\""
            + " HAVING (COUNT((t1.\"date\" - -2147483648)) > 2)";
    assertThat(KnownDifferences.match(findingWithARow(count, date)).id())
        .isEqualTo("strict-expression-never-computed");
    assertThat(KnownDifferences.match(findingWithARow(count.replace("COUNT((", "MAX(("), date)))
        .isNull();
    // AVG of the edge table's b as doubles: its extremes cancel
    Difference avg =
        values(
            "values (Double vs Double)",
            "row 1 column 1: 1.0645979692333334E10 (Double) vs 1.0645979733416666E10 (Double) (rows"
                + " [1.0645979692333334E10] vs [1.0645979733416666E10])");
    String edge =
        "SELECT AVG(CAST(t2.\"b\" AS DOUBLE)) AS c1 FROM \"RAW_recipes_clean\" AS t1 FULL JOIN"
            + " \"edge_p\" AS t2 ON t1.\"id\" = t2.\"id\"";
    assertThat(KnownDifferences.match(finding(edge, avg)).id())
        .isEqualTo("double-sum-order-with-cancellation");
    // the same over a table without the extremes: a finding
    assertThat(
            KnownDifferences.match(finding(edge.replace("\"edge_p\" AS t2", "\"jl\" AS t2"), avg)))
        .isNull();
  }

  @Test
  void rowErrorsOfTwoBranchesOfAnIntersectAreKnownEvaluationOrder() {
    // seed 9242: one plan fails on a date beyond the years in the first branch, another on a
    // text that is no number in the second; DuckDB's first branch is empty, so it reads no second
    String sql =
        "SELECT CAST(t1.\"contributor_id\" AS BIGINT) AS c0 FROM \"RAW_recipes_clean\" AS t1 WHERE"
            + " (CAST(make_date(t1.\"contributor_id\", 6, 13) AS TIMESTAMP) BETWEEN TIMESTAMP"
            + " '2000-02-29 12:34:56.789' AND TIMESTAMP '2000-02-29 12:34:56.789') INTERSECT SELECT"
            + " length('x') AS c0 FROM \"edge_p\" AS t2 WHERE (CAST(t2.\"i\" AS DOUBLE) <="
            + " CAST(lower(t2.\"s\") AS DOUBLE))";
    Difference date =
        bucketSqlOnly(
            "BucketSQL error: [N] make_date: N-N-N is no date; give a year",
            "[22008] make_date: 2000000561-6-13 is no date; give a year 1-9999, a month 1-12 and a"
                + " day of that month");
    Difference text =
        bucketSqlOnly(
            "BucketSQL error: [NPN] invalid number '?': the text is not a",
            "[22P02] invalid number 'zero': the text is not a number; the column holds text that is"
                + " not a number: filter those rows out before the CAST");
    Outcome none = new Outcome(java.util.List.of("BIGINT"), java.util.List.of(), null, false);
    Finding both =
        new Finding(
            new FuzzQuery(Node.query(1, sql)),
            none,
            Map.of(Engines.Config.DEFAULT, none, Engines.Config.NO_PUSHDOWN, none),
            Map.of(Engines.Config.DEFAULT, date, Engines.Config.NO_PUSHDOWN, text));
    assertThat(KnownDifferences.match(both).id())
        .isEqualTo("evaluation-order-of-a-failing-expression");
    // one SELECT, no branch DuckDB skips: a finding
    String single = sql.substring(0, sql.indexOf(" INTERSECT "));
    Finding alone =
        new Finding(
            new FuzzQuery(Node.query(1, single)),
            none,
            Map.of(Engines.Config.DEFAULT, none, Engines.Config.NO_PUSHDOWN, none),
            Map.of(Engines.Config.DEFAULT, date, Engines.Config.NO_PUSHDOWN, text));
    assertThat(KnownDifferences.match(alone)).isNull();
  }

  @Test
  void anOverflowOfACoalesceComparedWithItsColumnIsKnown() {
    Difference overflow =
        duckDbOnly(
            "DuckDB error: Out of Range Error: Overflow in multiplication of INTN",
            "Out of Range Error: Overflow in multiplication of INT32 (2147483647 * 2)!");
    // seed 9142: the constant is taken where a is NULL, where the comparison is NULL
    String sql =
        "SELECT t1.\"a\" AS c1 FROM \"jl_p\" AS t1 WHERE ((CAST(2 AS INTEGER) * COALESCE(t1.\"a\","
            + " 2147483647)) = CAST((t1.\"a\" * t1.\"k\") AS INTEGER))";
    assertThat(KnownDifferences.match(findingWithARow(sql, overflow)).id())
        .isEqualTo("strict-expression-never-computed");
    // compared with another column: the product is needed where a is NULL, a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(sql.replace("CAST((t1.\"a\" *", "CAST((t1.\"b\" *"), overflow)))
        .isNull();
  }

  @Test
  void duckDbsDateTruncOfADateBranchOfACaseIsKnownCompared() {
    Difference count = values("values (row count)", "row count 12 vs 14");
    // seed 9162: DuckDB finds date_trunc('hour', DATE '1969-12-31') distinct from itself
    String sql =
        "SELECT -0.5 AS c2 FROM \"edge\" AS t3 WHERE (date_trunc('hour', CAST('1969-12-31' AS DATE)) IS"
            + " DISTINCT FROM date_trunc('hour', CASE WHEN TRUE THEN t3.\"dt\" ELSE DATE '0001-01-01'"
            + " END))";
    assertThat(KnownDifferences.match(findingWithARow(sql, count)).id())
        .isEqualTo("duckdb-date-trunc-of-date-compared");
    // not compared: a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    "SELECT date_trunc('hour', CASE WHEN TRUE THEN t3.\"dt\" ELSE DATE '0001-01-01' END)"
                        + " AS c2 FROM \"edge\" AS t3",
                    count)))
        .isNull();
  }

  @Test
  void aTextValueWithAQuoteIsARowErrorInAJoin() {
    // seed 9162: one plan filters the rows away before the cast, another casts first
    Difference text =
        bucketSqlOnly(
            "BucketSQL error: [NPN] invalid number '?'s recipe box, and it uses",
            "[22P02] invalid number 'From my grandmother's recipe box, and it uses oregano. Serves 6.':"
                + " the text is not a number; the column holds text that is not a number: filter those"
                + " rows out before the CAST");
    String sql =
        "SELECT DATE '2018-01-05' AS c2 FROM \"RAW_recipes_clean\" AS t3 INNER JOIN \"jl\" AS t4 ON"
            + " (1e0 = CAST(t3.\"description\" AS DOUBLE)) WHERE (t3.\"submitted\" = DATE"
            + " '0001-01-01')";
    assertThat(KnownDifferences.match(findingWithARow(sql, text)).id())
        .isEqualTo("evaluation-order-of-a-failing-expression");
    // seed 9161: the same text beside an outer join's condition
    assertThat(
            KnownDifferences.match(
                    findingWithARow(
                        "SELECT 1 AS c1 FROM \"RAW_recipes\" AS t1 RIGHT JOIN \"jl_p\" AS t2 ON"
                            + " t1.\"n_steps\" = t2.\"a\" AND (CAST(t1.\"description\" AS DOUBLE) > 1e0)",
                        text))
                .id())
        .isEqualTo("evaluation-order-of-a-failing-expression");
    // one table, no join: a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    "SELECT 1 AS c2 FROM \"RAW_recipes_clean\" AS t3 WHERE (1e0 ="
                        + " CAST(t3.\"description\" AS DOUBLE))",
                    text)))
        .isNull();
  }

  @Test
  void duckDbsMinusNanComparedAsTextIsKnown() {
    Difference count = values("values (row count)", "row count 7 vs 11");
    // seed 9161: DuckDB's d / d of 0 is '-nan', before 'a'; BucketSQL's 'nan' after it
    String quotient =
        "SELECT TRUE AS c1 FROM \"edge_p\" AS t1 WHERE ('a' >= CAST(t1.\"d\" / t1.\"d\" AS VARCHAR))";
    assertThat(KnownDifferences.match(findingWithARow(quotient, count)).id())
        .isEqualTo("duckdb-nan-sign-in-text");
    String negated =
        "SELECT 1e0 AS c1 FROM \"edge\" AS t1 WHERE (CAST((- t1.\"d\") AS VARCHAR) < lower(t1.\"s\"))";
    assertThat(KnownDifferences.match(findingWithARow(negated, count)).id())
        .isEqualTo("duckdb-nan-sign-in-text");
    // seed 9302: Infinity - Infinity is DuckDB's '-nan'
    String difference =
        "SELECT COUNT(DISTINCT t1.\"dt\") AS c1 FROM \"edge_p\" AS t1 WHERE (CAST(t1.\"d\" -"
            + " t1.\"d\" AS VARCHAR) < 'a')";
    assertThat(KnownDifferences.match(findingWithARow(difference, count)).id())
        .isEqualTo("duckdb-nan-sign-in-text");
    // seed 9342: -0.0 / 0e0 is DuckDB's '-nan', before 'a'
    String byZero =
        "SELECT 1e0 AS c0 FROM \"jr_p\" AS t1 WHERE ('a' <= CAST((t1.\"b\" / 0e0) AS VARCHAR))";
    assertThat(KnownDifferences.match(findingWithARow(byZero, count)).id())
        .isEqualTo("duckdb-nan-sign-in-text");
    // the column's own text, no NaN made: a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(quotient.replace("t1.\"d\" / t1.\"d\"", "t1.\"d\""), count)))
        .isNull();
    assertThat(KnownDifferences.match(findingWithARow(byZero.replace(" / 0e0", " / 2e0"), count)))
        .isNull();
  }

  @Test
  void aConstantDateBeyondTheYearsIsKnownUncomputedOnlyAsAConstant() {
    Difference range =
        duckDbOnly("DuckDB error: date out of range", "Out of Range Error: Date out of range");
    String constant =
        "SELECT 1 AS c0 FROM \"jl_p\" AS t2 WHERE (CAST((SELECT MAX(CAST(NULL AS DATE)) FROM \"jr_p\" AS s3)"
            + " AS TIMESTAMP) <= CAST((DATE '2000-02-29' - -2147483648) AS TIMESTAMP))";
    assertThat(KnownDifferences.match(findingWithARow(constant, range)).id())
        .isEqualTo("strict-expression-never-computed");
    assertThat(
            KnownDifferences.match(
                findingWithARow(constant.replace("- -2147483648", "- t2.\"k\""), range)))
        .isNull();
  }

  @Test
  void anUnknownErrorIsNotKnown() {
    Difference error = bucketSqlOnly("BucketSQL error: boom", "boom");
    assertThat(KnownDifferences.match(finding("SELECT 1 AS c0 FROM \"edge_p\" AS t1", error)))
        .isNull();
  }

  @Test
  void anOverflowIsKnownOnlyWhenItsOperandsProveIt() {
    Difference truth =
        bucketSqlOnly(
            "BucketSQL error: overflow",
            "[22003] Overflow in subtraction of INTEGER (-2147483648 - 1): the result is out of INTEGER's range");
    assertThat(
            KnownDifferences.match(
                    finding("SELECT 1 AS c0 FROM \"jr_p\" AS t1 WHERE t1.\"k\" - 1 = 1", truth))
                .id())
        .isEqualTo("true-overflow-duckdb-never-computes");
    Difference negation =
        bucketSqlOnly(
            "BucketSQL error: overflow",
            "[22003] Overflow in negation of BIGINT (-(-9223372036854775808)): the result");
    assertThat(KnownDifferences.match(finding("SELECT 1 AS c0 FROM \"jr_p\" AS t1", negation)))
        .isNotNull();
    // DuckDB's integer division: the minimum by -1, and a zero divisor of integers or doubles
    for (String message :
        new String[] {
          "[22003] Overflow in division of BIGINT (-9223372036854775808 // -1): the result is out of BIGINT's range",
          "[22012] division by zero in 1 // 0; write NULLIF(divisor, 0) to get NULL instead",
          "[22012] division by zero in -1.5 // 0.0; write NULLIF(divisor, 0) to get NULL instead"
        }) {
      Difference d = bucketSqlOnly("BucketSQL error: division", message);
      assertThat(KnownDifferences.match(finding("SELECT 1 AS c0 FROM \"jr_p\" AS t1", d)))
          .as(message)
          .isNotNull();
    }
    Difference quotientFits =
        bucketSqlOnly(
            "BucketSQL error: overflow",
            "[22003] Overflow in division of BIGINT (-9223372036854775808 // 2): the result is out of BIGINT's range");
    assertThat(KnownDifferences.match(finding("SELECT 1 AS c0 FROM \"jr_p\" AS t1", quotientFits)))
        .isNull();
    // operands whose result fits: a wrong overflow error, a finding
    Difference wrong =
        bucketSqlOnly(
            "BucketSQL error: overflow",
            "[22003] Overflow in multiplication of BIGINT (3 * 5): the result is out of BIGINT's range");
    assertThat(KnownDifferences.match(finding("SELECT 1 AS c0 FROM \"jr_p\" AS t1", wrong)))
        .isNull();
    Difference cast =
        bucketSqlOnly(
            "BucketSQL error: out of range",
            "[22003] Cannot cast 9223372036854775807 to INTEGER: out of range (INTEGER holds");
    assertThat(KnownDifferences.match(finding("SELECT 1 AS c0 FROM \"jr_p\" AS t1", cast)))
        .isNotNull();
    Difference decimalCast =
        bucketSqlOnly(
            "BucketSQL error: out of range",
            "[22003] Cannot cast DECIMAL 2147483648.5 to INTEGER: out of range (INTEGER holds");
    assertThat(KnownDifferences.match(finding("SELECT 1 AS c0 FROM \"jr_p\" AS t1", decimalCast)))
        .isNotNull();
    Difference fitting =
        bucketSqlOnly(
            "BucketSQL error: out of range",
            "[22003] Cannot cast DECIMAL 2147.5 to INTEGER: out of range (INTEGER holds");
    assertThat(
            KnownDifferences.match(findingWithARow("SELECT 1 AS c0 FROM \"jr_p\" AS t1", fitting)))
        .isNull();
    Difference decimal =
        bucketSqlOnly(
            "BucketSQL error: out of range",
            "[22003] numeric value out of range: Value 2147483647 cannot be represented as a DECIMAL(10, 2); CAST");
    assertThat(KnownDifferences.match(finding("SELECT 1 AS c0 FROM \"jr_p\" AS t1", decimal)))
        .isNotNull();
    for (String message :
        new String[] {
          "[22003] Cannot cast DOUBLE NaN to BIGINT: out of range (BIGINT holds",
          "[22003] Cannot cast DOUBLE Infinity to DECIMAL(10,2): out of range (DECIMAL(10,2) holds 8 digits",
          "[22003] Cannot cast DOUBLE -1.0E10 to DECIMAL(10,2): out of range (DECIMAL(10,2) holds 8 digits"
        }) {
      Difference d = bucketSqlOnly("BucketSQL error: out of range", message);
      assertThat(KnownDifferences.match(findingWithARow("SELECT 1 AS c0 FROM \"jr_p\" AS t1", d)))
          .as(message)
          .isNotNull();
    }
    Difference smallDouble =
        bucketSqlOnly(
            "BucketSQL error: out of range",
            "[22003] Cannot cast DOUBLE 1.5 to DECIMAL(10,2): out of range");
    assertThat(
            KnownDifferences.match(
                findingWithARow("SELECT 1 AS c0 FROM \"jr_p\" AS t1", smallDouble)))
        .isNull();
    // values the types hold: a wrong error, a finding
    Difference fits =
        bucketSqlOnly(
            "BucketSQL error: out of range",
            "[22003] numeric value out of range: Value 99999999.994 cannot be represented as a DECIMAL(10, 2); CAST");
    assertThat(KnownDifferences.match(findingWithARow("SELECT 1 AS c0 FROM \"jr_p\" AS t1", fits)))
        .isNull();
    Difference fitsInt =
        bucketSqlOnly(
            "BucketSQL error: out of range",
            "[22003] Cannot cast 2147483647 to INTEGER: out of range");
    assertThat(
            KnownDifferences.match(findingWithARow("SELECT 1 AS c0 FROM \"jr_p\" AS t1", fitsInt)))
        .isNull();
  }

  @Test
  void aLiteralCastErrorIsKnownOnlyForThatLiteral() {
    Difference zebra =
        bucketSqlOnly(
            "BucketSQL error: invalid number",
            "[22P02] invalid number 'Zebra': could not convert the string to DOUBLE; use TRY_CAST");
    assertThat(
            KnownDifferences.match(
                    findingWithARow(
                        "SELECT 1 AS c0 FROM \"jr\" AS t1 WHERE CASE WHEN FALSE THEN CAST('Zebra' AS DOUBLE) ELSE 1e0 END = 1e0",
                        zebra))
                .id())
        .isEqualTo("literal-cast-checked-when-prepared");
    // the failing text is not the literal of the query: a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    "SELECT 1 AS c0 FROM \"jr\" AS t1 WHERE CASE WHEN FALSE THEN CAST('x' AS DOUBLE) ELSE 1e0 END = 1e0",
                    zebra)))
        .isNull();
  }

  @Test
  void anErrorOnRowsIsKnownOnlyWhereThePlanDecidesWhichRowsAreEvaluated() {
    Difference duck =
        duckDbOnly(
            "DuckDB error: Conversion Error",
            "Conversion Error: Could not cast value nan to DECIMAL(10,2) when casting from source column b");
    assertThat(
            KnownDifferences.match(
                    findingWithARow(
                        "SELECT 1 AS c0 FROM \"jr\" AS t2 FULL JOIN \"edge\" AS t3 ON t2.\"k\" = t3.\"b\" AND CAST(t2.\"b\" AS DECIMAL(10,2)) > 1",
                        duck))
                .id())
        .isEqualTo("evaluation-order-of-a-failing-expression");
    // one table, no subquery: every engine evaluates the cast on every row, a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    "SELECT CAST(t2.\"b\" AS DECIMAL(10,2)) AS c0 FROM \"jr\" AS t2", duck)))
        .isNull();
    // BucketSQL's overflow errors are not explained by the order: they must be proven
    Difference overflow =
        bucketSqlOnly(
            "BucketSQL error: overflow",
            "[22003] Overflow in multiplication of BIGINT (3 * 5): the result");
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    "SELECT 1 AS c0 FROM \"jr\" AS t1 JOIN \"jl\" AS t2 ON TRUE", overflow)))
        .isNull();
  }

  @Test
  void aNanTextSortedAndCutIsKnownOnlyWhereBucketSqlWritesANan() {
    // seed 9251: Infinity / Infinity is DuckDB's -nan, after every other text in a descending
    // order, so the LIMIT keeps a 1.0 there and BucketSQL's second nan here
    String sql =
        "SELECT CAST((t1.\"b\" / t1.\"b\") AS VARCHAR) AS c0 FROM \"jr\" AS t1 ORDER BY c0 DESC"
            + " NULLS FIRST LIMIT 5";
    Difference values =
        values(
            "values (String vs String)",
            "row 4 column 1: nan (String) vs 1.0 (String) (rows [nan] vs [1.0])");
    assertThat(KnownDifferences.match(withBucketSqlRows(sql, values, "nan")).id())
        .isEqualTo("duckdb-nan-sign-in-text");
    // no NaN among BucketSQL's rows: the rows kept differ for another cause, a finding
    assertThat(KnownDifferences.match(withBucketSqlRows(sql, values, "2.0"))).isNull();
    // no LIMIT: every row is shown, and the pair would name the -nan
    assertThat(
            KnownDifferences.match(withBucketSqlRows(sql.replace(" LIMIT 5", ""), values, "nan")))
        .isNull();
  }

  @Test
  void aDateOutOfRangeInAComparisonWithNullIsNeverComputed() {
    // seed 9252: x NOT IN (NULL, a, b) is never true; DuckDB computes x and fails
    Difference date =
        duckDbOnly(
            "DuckDB error: Out of Range Error: Date out of range",
            "Out of Range Error: Date out of range");
    String sql =
        "SELECT COUNT(*) AS c0 FROM \"jr_p\" AS t1 WHERE (CAST(DATE '0001-01-01' + t1.\"k\" AS"
            + " TIMESTAMP) NOT IN (CAST(NULL AS TIMESTAMP), TIMESTAMP '1999-12-31 23:59:59.999'))";
    assertThat(KnownDifferences.match(findingWithARow(sql, date)).id())
        .isEqualTo("strict-expression-never-computed");
    // no NULL beside the date: it is computed, and DuckDB's error is a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    sql.replace("CAST(NULL AS TIMESTAMP), ", "TIMESTAMP '2000-01-01 00:00:00', "),
                    date)))
        .isNull();
  }

  @Test
  void aDateOutOfRangeInADerivedColumnNothingReadsIsNeverComputed() {
    // seed 9282: the derived table's column is dropped by the optimizer; DuckDB computes it
    Difference date =
        duckDbOnly(
            "DuckDB error: Out of Range Error: Date out of range",
            "Out of Range Error: Date out of range");
    String derived =
        "(SELECT d2.*, (SELECT COUNT(s3.\"a\") FROM \"jl_p\" AS s3 WHERE s3.\"k\" = d2.\"k\" AND"
            + " ((DATE '2018-01-05' + s3.\"k\") > make_date(s3.\"a\", 4, 6))) AS \"dc\" FROM"
            + " \"jr_p\" AS d2) AS t4";
    String sql =
        "SELECT date_trunc('day', DATE '1970-01-01') AS c0 FROM \"jr_p\" AS t1 UNION SELECT"
            + " TIMESTAMP '1999-12-31 23:59:59.999' AS c0 FROM "
            + derived
            + " WHERE ((CAST(DATE '0001-01-01' AS TIMESTAMP) = date_trunc('hour', TIMESTAMP"
            + " '1970-01-01 00:00:00')) OR TRUE)";
    assertThat(KnownDifferences.match(findingWithARow(sql, date)).id())
        .isEqualTo("strict-expression-never-computed");
    // the column is read: it is computed, and DuckDB's error is a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    sql.replace("TIMESTAMP '1999-12-31 23:59:59.999' AS c0", "t4.\"dc\""), date)))
        .isNull();
    // date arithmetic outside the derived table too: it may be what DuckDB failed on
    assertThat(
            KnownDifferences.match(
                findingWithARow(
                    sql.replace("DATE '1970-01-01')", "DATE '1970-01-01' + t1.\"k\")"), date)))
        .isNull();
  }

  @Test
  void aComparisonOfOneValueWithItselfIsKnownThroughItsOtherForms() {
    // seed 9251: CASE WHEN TRUE THEN k ... and COALESCE(k, k) are both k, so the comparison is
    // k > k, FALSE unless k is NULL, and neither cast is computed
    Difference cast =
        duckDbOnly(
            "DuckDB error: Conversion Error: Could not cast value N to DECIMAL(?)",
            "Conversion Error: Could not cast value 2147483647 to DECIMAL(10,2) when casting from"
                + " source column k");
    String sql =
        "SELECT COUNT(*) AS c1 FROM \"jl_p\" AS t1 WHERE (CAST(CASE WHEN TRUE THEN t1.\"k\" ELSE"
            + " 2147483647 END AS DECIMAL(10,2)) > CAST(COALESCE(t1.\"k\", t1.\"k\") AS"
            + " DECIMAL(10,2)))";
    assertThat(KnownDifferences.match(findingWithARow(sql, cast)).id())
        .isEqualTo("strict-expression-never-computed");
    // the CASE of another column: two values compared, computed, a finding
    assertThat(
            KnownDifferences.match(
                findingWithARow(sql.replace("THEN t1.\"k\"", "THEN t1.\"a\""), cast)))
        .isNull();
  }

  /** A finding of {@code sql}: DuckDB's outcome and BucketSQL's, which differ by {@code d}. */
  private static Finding finding(String sql, Difference d, Outcome duck, Outcome bucket) {
    return new Finding(
        new FuzzQuery(Node.query(1, sql)),
        duck,
        Map.of(Engines.Config.DEFAULT, bucket),
        Map.of(Engines.Config.DEFAULT, d));
  }

  /** An outcome of one column of {@code type} holding {@code values}, a row each. */
  private static Outcome column(String type, List<?> values) {
    return new Outcome(
        List.of(type),
        values.stream().map(v -> java.util.Collections.singletonList(v)).toList(),
        null,
        false);
  }

  /** A finding where both answered no row. */
  private static Finding finding(String sql, Difference d) {
    Outcome none = column("INTEGER", List.of());
    return finding(sql, d, none, none);
  }

  /** A finding where both answered one row (so that it is no "nothing to evaluate"). */
  private static Finding findingWithARow(String sql, Difference d) {
    Outcome row = column("INTEGER", List.of(1));
    return finding(sql, d, row, row);
  }

  /** A finding where both answered one row holding the text {@code value}. */
  private static Finding withBucketSqlRows(String sql, Difference d, String value) {
    Outcome row = column("VARCHAR", List.of(value));
    return finding(sql, d, row, row);
  }

  /** A finding where BucketSQL answered a row and DuckDB none. */
  private static Finding findingWithNoDuckDbRow(String sql, Difference d) {
    return finding(sql, d, column("VARCHAR", List.of()), column("VARCHAR", List.of("a")));
  }

  /** A finding where BucketSQL and DuckDB answered one text column each. */
  private static Finding twoTexts(
      String sql, Difference d, List<String> ours, List<String> theirs) {
    return finding(sql, d, column("VARCHAR", theirs), column("VARCHAR", ours));
  }
}
