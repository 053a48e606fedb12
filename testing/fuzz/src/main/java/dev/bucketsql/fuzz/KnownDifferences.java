package dev.bucketsql.fuzz;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The differences from DuckDB the fuzzer expects, each narrowed by a predicate over the finding,
 * with its reason; the same list is in docs/sql.md ("Differences from DuckDB found by the fuzzer").
 * An open bug is a wrong or missing BucketSQL behaviour to fix, listed so the fixed-seed run passes
 * meanwhile: remove it with the fix (the fixed-seed run then proves it). A finding whose column
 * types differ is known when every differing pair is explained by one entry's {@link
 * Known#typePair}.
 */
final class KnownDifferences {
  /**
   * One known difference.
   *
   * @param id a short name, shown in the summary
   * @param openBug whether it is a BucketSQL bug to fix (else an accepted difference)
   * @param reason why it differs
   * @param matches whether a whole finding is this difference
   * @param typePair whether a differing pair of column classes ({@code BucketSQL vs DuckDB}) in a
   *     finding is this difference
   */
  record Known(
      String id, boolean openBug, String reason, Predicate<Finding> matches, PairTest typePair) {}

  /** Whether a differing pair of column classes in a finding is explained. */
  interface PairTest {
    boolean test(String pair, Finding finding);
  }

  private static final PairTest NO_PAIR = (pair, f) -> false;

  private static final Pattern TABLE = Pattern.compile("(?:FROM|JOIN) \"(\\w+)\" AS (\\w+)");

  private static final Predicate<Finding> NO_FINDING = f -> false;

  /** A BETWEEN whose literal bounds are reversed ({@code x BETWEEN 0.0 AND -0.5}). */
  private static final Pattern BETWEEN_LITERALS =
      Pattern.compile(
          "BETWEEN (-?\\d+(?:\\.\\d+)?(?:e-?\\d+)?) AND (-?\\d+(?:\\.\\d+)?(?:e-?\\d+)?)(?![\\d.e])");

  /** COUNT of a column plus or minus a number: {@code COUNT((t1."date" - -2147483648))}. */
  private static final Pattern COUNT_OF_DATE_ARITHMETIC =
      Pattern.compile("\\bCOUNT\\(\\(?t\\d+\\.\"\\w+\" [-+] -?\\d+\\)?\\)");

  /** A SUM or AVG of the edge tables' column b as doubles: {@code AVG(CAST(t2."b" AS DOUBLE))}. */
  private static final Pattern SUM_OF_EDGE_B =
      Pattern.compile("\\b(SUM|AVG)\\(CAST\\((t\\d+)\\.\"b\" AS DOUBLE\\)\\)");

  /** An aggregate of the whole input compared with a NULL literal: {@code COUNT(*) > NULL}. */
  private static final Pattern AGGREGATE_COMPARED_WITH_NULL =
      Pattern.compile(
          "^SELECT \\((COUNT|SUM|MIN|MAX|AVG)\\([^()]*\\) (=|<>|<|>|<=|>=) CAST\\(NULL AS \\w+\\)\\)"
              + " AS c0 FROM ");

  /** DuckDB's error for an integer cast to a narrower type that cannot hold it. */
  private static final Pattern CAST_OUT_OF_RANGE =
      Pattern.compile(
          "Type \\w+ with value -?\\d+ can't be cast because the value is out of range");

  /** A BETWEEN whose bounds are DATE or TIMESTAMP literals. */
  private static final Pattern BETWEEN_TIME_LITERALS =
      Pattern.compile("BETWEEN (DATE|TIMESTAMP) '([^']*)' AND (DATE|TIMESTAMP) '([^']*)'");

  /** Aggregates that add doubles. */
  private static final Pattern AGGREGATE_OF_SUMS =
      Pattern.compile("\\b(SUM|AVG|STDDEV\\w*|VAR\\w*)\\(");

  /** Two different non-finite doubles, BucketSQL's then DuckDB's. */
  private static final Pattern NON_FINITE_PAIR =
      Pattern.compile(": (-?Infinity|NaN) \\(Double\\) vs (-?Infinity|NaN) \\(Double\\)");

  /** The two rows of a VALUES difference, BucketSQL's then DuckDB's. */
  private static final Pattern DIFFERING_ROWS =
      Pattern.compile("\\(rows \\[(.*)\\] vs \\[(.*)\\]\\)$");

  /** A non-finite double as a row prints it. */
  private static final Pattern NON_FINITE = Pattern.compile("(?<![\\w.])(-?Infinity|NaN)\\b");

  /** A GROUP BY list of columns and the HAVING after it (to the end or a closing clause). */
  private static final Pattern GROUP_BY_HAVING =
      Pattern.compile(
          "GROUP BY ((?:[ts]\\d+\\.\"\\w+\"(?:, )?)+) HAVING (.*?)(?= ORDER BY | UNION | EXCEPT |"
              + " INTERSECT | LIMIT |\\)$|$)");

  /** MIN or MAX of a column. */
  private static final Pattern EXTREME_OF_A_COLUMN =
      Pattern.compile("\\b(?:MIN|MAX)\\(([ts]\\d+\\.\"\\w+\")\\)");

  /** An ORDER BY with a LIMIT, at the end of the query. */
  private static final Pattern TOP_N = Pattern.compile(" ORDER BY [^()]* LIMIT \\d+$");

  /** The query's own LIMIT, last in its text, with no OFFSET. */
  private static final Pattern FINAL_LIMIT = Pattern.compile(" LIMIT (\\d+)$");

  /** A clause that can keep no row: a filter, a join, a HAVING. */
  private static final Pattern FILTERED = Pattern.compile(" (WHERE|JOIN|HAVING) ");

  /** BucketSQL's error for a string literal that is no value of its cast's type. */
  private static final Pattern LITERAL_CAST_ERROR =
      Pattern.compile("\\[22(?:P02|007)\\] invalid \\w+ '([^']*)': could not convert");

  /**
   * date_trunc to an hour or finer of a DATE column of the fuzz tables (edge.dt, the interactions'
   * date, RAW_recipes.submitted), compared or filtered on.
   */
  private static final Pattern DATE_TRUNC_OF_DATE =
      Pattern.compile(
          "date_trunc\\('(hour|minute|second|millisecond|microsecond)', [tsd]\\d+\\.\"(dt|date|submitted)\"\\)"
              + " (BETWEEN|[<>=]|IS DISTINCT|IS NOT DISTINCT|IN )"
              + "|(BETWEEN|[<>=]|DISTINCT FROM) date_trunc\\('(hour|minute|second|millisecond|microsecond)',"
              + " [tsd]\\d+\\.\"(dt|date|submitted)\"\\)"
              // or of a scalar subquery of a date: date_trunc('hour', (SELECT MAX(DATE
              // '1970-01-01') ...)) =
              + "|date_trunc\\('(hour|minute|second|millisecond|microsecond)', \\(SELECT [A-Z]+\\((DATE '[^']*'"
              + "|[ts]\\d+\\.\"(dt|date|submitted)\")\\)[^()]*\\)\\) (BETWEEN|[<>=]|IS DISTINCT|IS NOT DISTINCT|IN )"
              // or the same subquery on the right of the comparison: <> date_trunc('hour', (SELECT
              // MAX(s3."dt") ...))
              + "|(BETWEEN|[<>=]|DISTINCT FROM) date_trunc\\('(hour|minute|second|millisecond|microsecond)',"
              + " \\(SELECT [A-Z]+\\((DATE '[^']*'|[ts]\\d+\\.\"(dt|date|submitted)\")\\)[^()]*\\)\\)"
              // or a branch of a CASE compared: CASE ... THEN date_trunc('hour', t1."dt") ELSE ...
              // END =
              + "|(THEN|ELSE) date_trunc\\('(hour|minute|second|millisecond|microsecond)',"
              + " [ts]\\d+\\.\"(dt|date|submitted)\"\\).* END (BETWEEN|[<>=]|IS DISTINCT|IS NOT DISTINCT|IN )"
              // or of a CASE with a branch of such a column, compared: date_trunc('hour', CASE
              // WHEN TRUE THEN t3."dt" ELSE ... END)
              + "|(BETWEEN|[<>=]|DISTINCT FROM) date_trunc\\('(hour|minute|second|millisecond|microsecond)',"
              + " CASE WHEN .*?(THEN|ELSE) [ts]\\d+\\.\"(dt|date|submitted)\""
              + "|date_trunc\\('(hour|minute|second|millisecond|microsecond)', CASE WHEN .*?(THEN|ELSE)"
              + " [ts]\\d+\\.\"(dt|date|submitted)\".*? END\\) (BETWEEN|[<>=]|IS DISTINCT|IS NOT DISTINCT|IN )");

  /** A query whose plan decides which rows an expression is evaluated on. */
  private static final Pattern JOINS_OR_SUBQUERIES =
      Pattern.compile(" JOIN | EXISTS \\(|\\(SELECT | IN \\(SELECT | INTERSECT | EXCEPT ");

  /** AVG or SUM of a constant cast to DOUBLE. */
  /**
   * COALESCE of a column and a constant, compared with an expression of the same column: NULL where
   * the column is NULL, which is where the constant is taken.
   */
  private static final Pattern COALESCE_COMPARED_WITH_ITS_COLUMN =
      Pattern.compile("COALESCE\\((t\\d+\\.\"\\w+\"), -?\\d+\\)\\)* (=|<>|<=|>=|<|>) [^=<>]*?\\1");

  /**
   * The same the other way round, a column compared with an expression of COALESCE of that column
   * and a constant ({@code t1."id" <> (- COALESCE(t1."id", -2147483648))}): NULL where the column
   * is NULL, which is where the constant is taken.
   */
  private static final Pattern COLUMN_COMPARED_WITH_ITS_COALESCE =
      Pattern.compile("(t\\d+\\.\"\\w+\") (=|<>|<=|>=|<|>) [^=<>]*?COALESCE\\(\\1, -?\\d+\\)");

  /**
   * An expression compared with COALESCE of itself and another value: NULL where the expression is
   * NULL, else a comparison of the expression with itself.
   */
  private static final Pattern COMPARED_WITH_ITS_OWN_COALESCE =
      Pattern.compile(
          "(\\(- t\\d+\\.\"\\w+\"\\)|t\\d+\\.\"\\w+\") (=|<>|<=|>=|<|>) COALESCE\\(\\1, "
              + "|COALESCE\\((\\(- t\\d+\\.\"\\w+\"\\)|t\\d+\\.\"\\w+\"), .*\\) (=|<>|<=|>=|<|>)"
              + " \\3\\)");

  /** DuckDB's overflow of two operands it names, {@code (-2147483648 + -1)}. */
  private static final Pattern NAMED_OVERFLOW =
      Pattern.compile(
          "Overflow in (?:addition|subtraction|multiplication) of \\w+ \\((-?\\d+) [-+*] (-?\\d+)\\)");

  /** A constant, a column, then another operator: {@code (c + t1."x") + }. */
  private static final Pattern CONSTANT_BESIDE_A_COLUMN =
      Pattern.compile("\\((-?\\d+) [-+*] t\\d+\\.\"\\w+\"\\) [-+*] ");

  /** DuckDB's division by zero in an expression of literals alone, which it folds first. */
  private static final Pattern CONSTANT_DIVISION_BY_ZERO =
      Pattern.compile("Division by zero in expression (\\([-0-9 %/*+().]+\\))\\.");

  /**
   * The text of an operation that makes a NaN of numbers: a negated double column, a quotient, sum
   * or difference of columns, a column times an infinity or a power of columns (NaN where DuckDB
   * writes -nan: -NaN, 0/0, Infinity/Infinity, Infinity - Infinity, 0 * Infinity, (-1.25) ^
   * (-1.25); / of integers is a DOUBLE division).
   */
  private static final String NAN_TEXT_OPERAND =
      "CAST\\(\\(?(- [ts]\\d+\\.\"[bd]\"|[ts]\\d+\\.\"\\w+\" [-+/] [ts]\\d+\\.\"\\w+\""
          // a column divided by a zero constant: its zeros (and -0.0) make NaN
          + "|[ts]\\d+\\.\"\\w+\" / -?0e0"
          + "|[ts]\\d+\\.\"\\w+\" \\* CAST\\('-?Infinity' AS DOUBLE\\)"
          + "|[ts]\\d+\\.\"\\w+\" \\^ [ts]\\d+\\.\"\\w+\")\\)? AS VARCHAR\\)";

  private static final Pattern NAN_TEXT = Pattern.compile(NAN_TEXT_OPERAND);

  private static final Pattern NAN_TEXT_COMPARED = compared(NAN_TEXT_OPERAND);

  /** A HAVING comparing a SUM or COUNT as at most a negative constant. */
  private static final Pattern HAVING_BELOW_A_NEGATIVE_BOUND =
      Pattern.compile("HAVING \\(\\(*(SUM|COUNT)\\(.*\\) <=? -\\d+\\)");

  private static final Pattern AGGREGATE_OF_A_CONSTANT_DOUBLE =
      Pattern.compile("(AVG|SUM)\\(CAST\\(-?[0-9.e]+ AS DOUBLE\\)\\)");

  /** DuckDB's errors for a value of a row: a conversion, a zero divisor, an overflow. */
  private static final Pattern DUCKDB_ROW_ERROR =
      Pattern.compile(
          "Conversion Error: |Division by zero in expression|Out of Range Error: Overflow"
              + "|Invalid Input Error: Type \\w+ with value -?\\d+ can't be cast");

  /**
   * BucketSQL's errors for a value of a column (not of a literal, which are checked when prepared).
   */
  private static final Pattern BUCKETSQL_ROW_ERROR =
      Pattern.compile(
          // the value may hold quotes of its own: "grandmother's recipe"
          "\\[22P02\\] invalid number '.*': the text is not a number; the column holds"
              + "|\\[22012\\] division by zero"
              + "|\\[22003\\] Cannot cast DOUBLE -?(Infinity|NaN|[0-9.E]+) to (INTEGER|BIGINT|SMALLINT|TINYINT)");

  /** A negated column compared with something. */
  /** NaN compared with a negated expression: {@code CAST('NaN' AS DOUBLE) <= (- CASE ... END)}. */
  private static final Pattern NAN_COMPARED_WITH_A_NEGATION =
      Pattern.compile("CAST\\('NaN' AS DOUBLE\\) (<=|>=|<|>|=|<>) \\(- ");

  private static final Pattern NEGATED_COLUMN_COMPARED =
      Pattern.compile(
          "\\(- [ts]\\d+\\.\"\\w+\"\\) (BETWEEN|<=|>=|<|>|=|<>|IN) "
              + "|(<=|>=|<|>|=|<>) \\(- [ts]\\d+\\.\"\\w+\"\\)");

  /** A remainder by -1. */
  private static final Pattern MODULO_MINUS_ONE = Pattern.compile("% \\(?-1\\b");

  /** The year of make_date's 22008 error: {@code make_date: -1-6-8 is no date}. */
  private static final Pattern MAKE_DATE_YEAR =
      Pattern.compile("\\[22008\\] make_date: (-?[0-9]+)-[0-9]+-[0-9]+ is no date");

  /**
   * {@code COALESCE(e, ...) IS [NOT] DISTINCT FROM e}, {@code e} an expression in parentheses or a
   * column: only whether e is NULL matters.
   */
  private static final Pattern COALESCE_DISTINCT_FROM_ITS_FIRST =
      Pattern.compile(
          "COALESCE\\((\\(.+?\\)|t\\d+\\.\"\\w+\"), .+\\) IS (NOT )?DISTINCT FROM \\1\\)");

  /** {@code COALESCE(c, c)} of one column, which is that column. */
  private static final Pattern COALESCE_OF_ONE_COLUMN_TWICE =
      Pattern.compile("COALESCE\\((t\\d+\\.\"\\w+\"), \\1\\)");

  /** A CASE whose first branch always holds, over a column: that column. */
  private static final Pattern CASE_WHEN_TRUE_OF_A_COLUMN =
      Pattern.compile("CASE WHEN TRUE THEN (t\\d+\\.\"\\w+\") ELSE [^ ()]+ END");

  /** NOT IN a list of values that holds a NULL. */
  private static final Pattern NOT_IN_A_LIST_WITH_NULL =
      Pattern.compile(" NOT IN \\((?:[^()]*, )?(CAST\\(NULL AS \\w+\\)|NULL)[,)]");

  /** A comparison of one expression with itself. */
  private static final Pattern SELF_COMPARISON =
      Pattern.compile("\\((.+) (=|<>|<|>|<=|>=) (\\1|\\(\\1\\))\\)");

  /** A cast distinct (or not) from its own operand. */
  private static final Pattern CAST_DISTINCT_FROM_ITS_OPERAND =
      Pattern.compile("\\(CAST\\((.+) AS \\w+\\) IS (NOT )?DISTINCT FROM \\1\\)");

  /** A subquery whose WHERE reads a column of the outer query's tables. */
  private static final Pattern CORRELATED_SUBQUERY =
      Pattern.compile("\\(SELECT [^;]*? FROM \"\\w+\" AS s\\d+ WHERE [^;]*?\\bt\\d+\\.\"");

  /** A cast of a bare column. */
  private static final Pattern CAST_OF_A_COLUMN =
      Pattern.compile("CAST\\(t\\d+\\.\"\\w+\" AS [A-Z]+(\\(\\d+(, ?\\d+)?\\))?\\)");

  /**
   * Arithmetic of two columns or literals, {@code (1 // t1."rating")}: over NOT NULL columns it is
   * never NULL, so its COUNT is the rows' count, taken without computing it.
   */
  private static final Pattern ARITHMETIC_OF_A_COLUMN =
      Pattern.compile(
          "\\(?(t\\d+\\.\"\\w+\"|-?[\\d.e]+) (\\+|-|\\*|//|/|%) (t\\d+\\.\"\\w+\"|-?[\\d.e]+)\\)?");

  /** An expression distinct (or not) from itself. */
  private static final Pattern DISTINCT_FROM_ITSELF =
      Pattern.compile("\\((.+) IS (NOT )?DISTINCT FROM \\1\\)");

  /** A division by a MIN or MAX, of a subquery or not. */
  private static final Pattern DIVIDED_BY_AN_EXTREME =
      Pattern.compile("/ \\((SELECT )?(MIN|MAX)\\(");

  /** DuckDB's overflow of an integer type's minimum divided by -1. */
  private static final Pattern MINIMUM_BY_MINUS_ONE =
      Pattern.compile(
          "Overflow in division of -(128|32768|2147483648|9223372036854775808) / -1\\b");

  /** A constant date moved by more days than separate the years 1 and 9999. */
  private static final Pattern CONSTANT_DATE_OUT_OF_RANGE =
      Pattern.compile("\\(DATE '[^']*' [-+] -?[0-9]{8,}\\)");

  /** An outer join in the query's text. */
  private static final Pattern SEMI_JOIN = Pattern.compile(" EXISTS \\(| IN \\(SELECT ");

  private static final Pattern OUTER_JOIN = Pattern.compile(" (LEFT|RIGHT|FULL)( OUTER)? JOIN ");

  /**
   * The operands of DuckDB's overflow message when both are literals: {@code (9223372036854775807 +
   * 1)}.
   */
  private static final Pattern OVERFLOW_OPERANDS =
      Pattern.compile("Overflow in \\w+ of \\w+ \\((-?[0-9.]+ [-+*] -?[0-9.]+)\\)");

  /** A cast of a cast of a literal: a constant, computed once or not at all. */
  private static final Pattern CONSTANT_CAST =
      Pattern.compile("CAST\\(CAST\\('[^']*' AS \\w+\\) AS \\w+\\)");

  /** SUM of an integer literal of ten digits or more. */
  private static final Pattern SUM_OF_A_LARGE_CONSTANT =
      Pattern.compile("\\bSUM\\((abs)?\\(?-?[0-9]{10,}\\)?\\)");

  /** EXTRACT, date_part or a one-part date function of a NULL literal. */
  private static final Pattern EXTRACT_OF_NULL =
      Pattern.compile("(EXTRACT\\(\\w+ FROM |date_part\\('\\w+', |\\b[a-z]+\\()[^)]*CAST\\(NULL");

  static final List<Known> ALL =
      List.of(
          new Known(
              "extract-of-null-literal",
              false,
              "EXTRACT, date_part or a one-part function (year(), dayofweek(), ...) of a NULL literal: DuckDB types"
                  + " it DOUBLE, BucketSQL BIGINT as for any date (so arithmetic with it, and its SUM, take the other"
                  + " type too, and where it is the argument of a function of integers, make_date(EXTRACT(SECOND FROM"
                  + " CAST(NULL AS TIMESTAMP)), 7, 18), DuckDB finds no function and fails while BucketSQL answers NULL)",
              f ->
                  duckDbError(f, "No function matches the given name and argument types")
                      && f.all(d -> d.detail().contains("(DOUBLE"))
                      && EXTRACT_OF_NULL.matcher(sql(f)).find(),
              (pair, f) ->
                  pair.matches("(BIGINT|HUGEINT|DECIMAL\\(s=\\d+\\)) vs DOUBLE")
                      && EXTRACT_OF_NULL.matcher(sql(f)).find()),
          new Known(
              "duckdb-type-of-negated-minimum",
              false,
              "the negation of a constant expression that is its type's minimum (- COALESCE(-2147483648, -1)):"
                  + " DuckDB folds the constant and types the result one size wider where it would overflow;"
                  + " BucketSQL types an expression by its operands' types alone, and fails with 22003 if such a"
                  + " value is computed",
              NO_FINDING,
              (pair, f) ->
                  pair.matches("(INTEGER vs BIGINT|BIGINT vs HUGEINT)")
                      && Pattern.compile("\\(- .*-(2147483648|9223372036854775808)\\b")
                          .matcher(sql(f))
                          .find()),
          new Known(
              "error-or-nothing-to-evaluate",
              false,
              "an expression that fails (an out-of-range CAST) where the other engine returns no row: whether"
                  + " it is evaluated at all depends on the plan (constant folding, join order), in any engine",
              f ->
                  f.all(
                              d ->
                                  d.kind() == Difference.Kind.ERROR_BUCKETSQL_ONLY
                                      && (d.detail().contains("out of range")
                                          || d.detail()
                                              .contains("cannot be represented as a DECIMAL")
                                          || d.detail().contains("invalid number")))
                          && f.duck().rows() != null
                          && f.duck().rows().isEmpty()
                      || f.all(d -> d.kind() == Difference.Kind.ERROR_DUCKDB_ONLY)
                          && f.outcomes().values().stream()
                              .allMatch(o -> o.rows() != null && o.rows().isEmpty())
                      || duckDbError(f, "Overflow") && sql(f).contains("(SELECT "),
              NO_PAIR),
          new Known(
              "true-overflow-duckdb-never-computes",
              false,
              "BucketSQL fails with 22003 or 22012 on an operation whose exact result is out of its type's range"
                  + " (checked from the operands the message names) or whose divisor is 0, where DuckDB answers: its"
                  + " optimizer never computes it (it moves constants across a comparison, k - 1 = 1 becoming k = 2;"
                  + " types literal arithmetic wider; evaluates another conjunct first). The error is the true"
                  + " result of the expression as written",
              f ->
                  f.all(
                      d ->
                          d.kind() == Difference.Kind.ERROR_BUCKETSQL_ONLY
                              && TrueOverflow.proves(d.detail())),
              NO_PAIR),
          new Known(
              "strict-expression-never-computed",
              false,
              "DuckDB fails on an overflow, a conversion, a date out of range or a division by zero inside an expression"
                  + " BucketSQL's optimizer removes"
                  + " without computing it: f(x) IS [NOT] NULL of a strict f is x IS [NOT] NULL (so is NULL IS"
                  + " [NOT] DISTINCT FROM f(x)), a CASE whose branches are equal is that branch, and f(x) BETWEEN"
                  + " an empty range (0.0 AND -0.5) is false unless x is NULL, -(-x) is x, and a comparison or"
                  + " arithmetic with a NULL operand is NULL without its other operand, x LIKE '%' is x IS NOT NULL,"
                  + " and e IS [NOT] DISTINCT FROM e of one expression e is FALSE (TRUE), e < e FALSE unless e is NULL; a comparison with a row's"
                  + " NULL is NULL without computing a constant other operand, and COUNT([DISTINCT] c) of a constant c"
                  + " that is never NULL counts rows (or 1) without computing c; COALESCE(a, c) does not compute a"
                  + " constant c where a is not NULL (DuckDB folds c first); COALESCE(e, c) IS [NOT] DISTINCT FROM e"
                  + " is whether e IS NULL (c being no NULL), e not computed; a comparison with a NULL does not compute"
                  + " a constant date beyond the years (DATE '2000-02-29' - -2147483648), which DuckDB folds first; e OR TRUE is"
                  + " TRUE and e AND FALSE is FALSE without computing e; OR and AND read their operands left to"
                  + " right on each row, so a constant DuckDB folds first (0 % 0) is never computed where the"
                  + " other operand decides every row; f(COALESCE(x, c)) compared with a strict expression of x"
                  + " is NULL where x is NULL, f(c) not computed; a derived table's column that nothing reads is"
                  + " never computed",
              f ->
                  f.all(
                              d ->
                                  d.kind() == Difference.Kind.ERROR_DUCKDB_ONLY
                                      && (d.detail().contains("Overflow")
                                          || d.detail().contains("Conversion Error")
                                          || CAST_OUT_OF_RANGE.matcher(d.detail()).find()
                                          || d.detail().contains("Division by zero")))
                          && (sql(f).contains(" IS NULL")
                              || sql(f).contains(" IS NOT NULL")
                              || sql(f).contains(" DISTINCT FROM ") && sql(f).contains("(NULL")
                              || DISTINCT_FROM_ITSELF.matcher(sql(f)).find()
                              // a comparison of an expression with itself: x < x is FALSE
                              // where x is not NULL, x = x whether x IS NOT NULL
                              || Stream.of(sql(f), withOneValueForms(sql(f)))
                                  .anyMatch(q -> SELF_COMPARISON.matcher(q).find())
                              // a cast to the expression's own type, which the optimizer drops,
                              // also over a cast to BIGINT, which it merges into the cast above
                              || Stream.of(sql(f), withoutBigintCasts(sql(f)))
                                  .anyMatch(
                                      q ->
                                          DISTINCT_FROM_ITSELF.matcher(q).find()
                                              || CAST_DISTINCT_FROM_ITS_OPERAND.matcher(q).find())
                              || COMPARED_WITH_ITS_OWN_COALESCE.matcher(sql(f)).find()
                              || COALESCE_DISTINCT_FROM_ITS_FIRST
                                  .matcher(
                                      COALESCE_OF_ONE_COLUMN_TWICE.matcher(sql(f)).replaceAll("$1"))
                                  .find()
                              || Pattern.compile("THEN (.+) ELSE \\1 END").matcher(sql(f)).find()
                              || emptyRange(sql(f))
                              || sql(f).contains("(- (- ")
                              || sql(f).contains("CAST(NULL AS ")
                              || sql(f).contains(" LIKE '%')")
                              || sql(f).contains(" OR TRUE)")
                              || sql(f).contains(" AND FALSE)")
                              || countsAConstant(sql(f))
                              || CONSTANT_CAST.matcher(sql(f)).find() && aColumnAllNull(f))
                      || duckDbError(f, "Overflow")
                          && sql(f).contains("COALESCE(")
                          && constantOverflow(f)
                      || duckDbError(f, "Overflow")
                          && (COALESCE_COMPARED_WITH_ITS_COLUMN.matcher(sql(f)).find()
                              || COLUMN_COMPARED_WITH_ITS_COALESCE.matcher(sql(f)).find())
                      || constantFoldedBesideAnother(f)
                      || duckDbError(f, "Date out of range")
                          && CONSTANT_DATE_OUT_OF_RANGE.matcher(sql(f)).find()
                      // COUNT(d - n) is COUNT(d): the difference is never computed
                      || duckDbError(f, "Date out of range")
                          && COUNT_OF_DATE_ARITHMETIC.matcher(sql(f)).find()
                      // a global aggregate compared with NULL: one row of NULL, whatever the
                      // rows, which are then never read
                      || duckDbError(f, "Date out of range")
                          && AGGREGATE_COMPARED_WITH_NULL.matcher(sql(f)).find()
                          && !sql(f).contains(" GROUP BY ")
                      // x NOT IN (NULL, ...) is never true: a filter of it keeps no row, x
                      // never computed
                      || duckDbError(f, "Date out of range")
                          && NOT_IN_A_LIST_WITH_NULL.matcher(sql(f)).find()
                      // date arithmetic only in a derived table's column that nothing reads:
                      // the optimizer drops the column, never computed; DuckDB computes it
                      || duckDbError(f, "Date out of range")
                          && dateArithmeticOnlyInUnreadColumns(sql(f))
                      // date arithmetic of a column under IS [NOT] NULL or LIKE '%', never
                      // computed
                      || duckDbError(f, "Date out of range")
                          && (sql(f).contains(" IS NULL")
                              || sql(f).contains(" IS NOT NULL")
                              || sql(f).contains(" LIKE '%')")),
              NO_PAIR),
          new Known(
              "make-date-in-the-calendar-gap",
              false,
              "make_date or make_timestamp of a day from 1582-10-05 to 1582-10-14, the ten days the Julian"
                  + " calendar has and the Gregorian skips: BucketSQL fails with 22008, since the value passes"
                  + " through a java.sql.Date, which has no such day; DuckDB answers the day",
              f ->
                  f.all(
                      d ->
                          d.kind() == Difference.Kind.ERROR_BUCKETSQL_ONLY
                              && d.detail().contains("[22008] make_")
                              && d.detail()
                                  .contains(
                                      " is one of the ten days 1582-10-05 to 1582-10-14 that JDBC's"
                                          + " calendar skips")),
              NO_PAIR),
          new Known(
              "dates-outside-years-1-to-9999",
              false,
              "BucketSQL's dates are the years 1 to 9999 (SQL's range, and what JDBC clients print): date"
                  + " arithmetic or make_date beyond them fails with 22008, where DuckDB answers +10000-01-01 or the"
                  + " year 0",
              f ->
                  f.all(
                      d ->
                          d.kind() == Difference.Kind.ERROR_BUCKETSQL_ONLY
                              && outsideTheYears(d.detail())),
              NO_PAIR),
          new Known(
              "avg-of-the-group-key-is-the-key",
              false,
              "AVG(x) grouped by x is x itself in BucketSQL (Calcite's planner knows each group holds one value"
                  + " of x), the exact mean; DuckDB adds the group's values and divides, so ten rows of 0.1 average"
                  + " 0.09999999999999999 and two rows of 1e308 overflow to Infinity",
              f ->
                  f.all(
                          d ->
                              d.kind() == Difference.Kind.VALUES
                                  && d.detail().contains("(Double) vs"))
                      && averagesAGroupKey(sql(f)),
              NO_PAIR),
          new Known(
              "literal-cast-checked-when-prepared",
              false,
              "a CAST of a string literal that is no value of the type (CAST('Zebra' AS DOUBLE)) fails when"
                  + " BucketSQL prepares the statement, even where no row evaluates it (a CASE branch no row takes,"
                  + " a COALESCE after a non-NULL value, a filter that keeps no row); DuckDB fails only when it"
                  + " evaluates the cast",
              f ->
                  f.all(
                      d ->
                          d.kind() == Difference.Kind.ERROR_BUCKETSQL_ONLY
                              && LITERAL_CAST_ERROR.matcher(d.detail()).find()
                              && sql(f).contains("CAST('" + literalOf(d.detail()) + "' AS ")),
              NO_PAIR),
          new Known(
              "evaluation-order-of-a-failing-expression",
              false,
              "a conversion, division by zero, overflow or date out of range that fails on some rows of a join,"
                  + " subquery or INTERSECT/EXCEPT (DuckDB reads no right side for an empty left one): which"
                  + " rows an engine evaluates it on depends on its plan (DuckDB evaluates a join condition or"
                  + " filter on rows the other conjuncts or the outer join's NULL side exclude; BucketSQL evaluates a"
                  + " decorrelated subquery's filter on every row of its table). SQL leaves the order open; each"
                  + " engine's answer is the query's result under its order",
              f ->
                  JOINS_OR_SUBQUERIES.matcher(sql(f)).find()
                      && (f.all(
                              d ->
                                  d.kind() == Difference.Kind.ERROR_DUCKDB_ONLY
                                      && (DUCKDB_ROW_ERROR.matcher(d.detail()).find()
                                          // a date beyond the years on rows a join excludes,
                                          // also the join DuckDB makes of EXISTS and IN
                                          // (a correlated scalar subquery is one too)
                                          || d.detail().contains("Date out of range")
                                              && (sql(f).contains(" JOIN ")
                                                  || SEMI_JOIN.matcher(sql(f)).find()
                                                  || CORRELATED_SUBQUERY.matcher(sql(f)).find())))
                          || f.all(
                              d ->
                                  d.kind() == Difference.Kind.ERROR_BUCKETSQL_ONLY
                                      && (BUCKETSQL_ROW_ERROR.matcher(d.detail()).find()
                                          // one plan fails on a date beyond the years, another
                                          // on another row first
                                          || outsideTheYears(d.detail())
                                          // or on a value a cast cannot hold
                                          || TrueOverflow.proves(d.detail())))),
              NO_PAIR),
          new Known(
              "duckdb-folds-constants-across-a-column",
              false,
              "DuckDB reorders (c1 + x) + c2 into x + (c1 + c2) and folds the constants first, failing"
                  + " on their overflow ('Overflow in addition of INT32 (-2147483648 + -1)') where no row's"
                  + " value overflows; BucketSQL computes the expression as written, row by row, and fails"
                  + " only on a row whose value overflows",
              f ->
                  f.all(d -> d.kind() == Difference.Kind.ERROR_DUCKDB_ONLY && foldsConstants(f, d)),
              NO_PAIR),
          new Known(
              "duckdb-modulo-of-minimum-by-minus-one",
              false,
              "DuckDB fails on x % -1 where x is its type's minimum ('Overflow in division of -2147483648 / -1'),"
                  + " -1 written or computed; the remainder is 0, which BucketSQL answers",
              f ->
                  duckDbError(f, "Overflow in division of -")
                      && (MODULO_MINUS_ONE.matcher(sql(f)).find()
                          // a divisor computed to -1 (k % (k % 2147483647) for the minimum k): a
                          // remainder
                          // is the only division in the query, so the overflow is the remainder's
                          || sql(f).contains(" % ") && !sql(f).contains(" / ")
                          // a minimum over -1: only a remainder fails there in DuckDB alone (its /
                          // of
                          // integers is a DOUBLE division, and // fails in both engines)
                          || sql(f).contains(" % ")
                              && duckDbError(f, "Overflow in division of -")
                              && f.all(d -> MINIMUM_BY_MINUS_ONE.matcher(d.detail()).find())),
              NO_PAIR),
          new Known(
              "duckdb-negation-moved-across-a-nan-comparison",
              false,
              "DuckDB moves a negation across a comparison with NaN ((- d) <= NaN becomes d >= -NaN), which"
                  + " changes the answer in its own order of doubles, NaN above every number: (- d) <= NaN is"
                  + " false there for d = -1.25 while (0 - d) <= NaN is true; BucketSQL compares the negated value",
              f ->
                  (NEGATED_COLUMN_COMPARED.matcher(sql(f)).find()
                          || NAN_COMPARED_WITH_A_NEGATION.matcher(sql(f)).find())
                      && sql(f).contains("CAST('NaN' AS DOUBLE)")
                      && f.all(d -> d.kind() == Difference.Kind.VALUES),
              NO_PAIR),
          new Known(
              "duckdb-having-over-an-outer-join-matching-nothing",
              false,
              "DuckDB answers no row for a HAVING over the aggregates of an outer join whose condition compares"
                  + " a column of the side that may be NULL with a constant none of its values equals (RIGHT JOIN"
                  + " t2 ON 99 = t1.rating ... HAVING SUM(t2.calorie_level) > 1): every row of the other side is"
                  + " kept with NULLs, DuckDB's own SELECT of the same SUM shows 201 without the HAVING, and"
                  + " ON 5 = t1.rating or ON FALSE keep the row; BucketSQL answers the row",
              f ->
                  f.all(
                          d ->
                              d.kind() == Difference.Kind.VALUES
                                  && d.detail().startsWith("row count ")
                                  && d.detail().endsWith(" vs 0"))
                      && f.duck().rows() != null
                      && f.duck().rows().isEmpty()
                      && sql(f).contains(" HAVING ")
                      && outerJoinOnAConstantOfItsNullSide(sql(f)),
              NO_PAIR),
          new Known(
              "duckdb-date-trunc-of-date-compared",
              false,
              "DuckDB compares date_trunc of a DATE column to an hour or finer wrongly: date_trunc('hour', d) ="
                  + " TIMESTAMP '2000-02-29 00:00:00' is false for d = DATE '2000-02-29' (its value shows"
                  + " 2000-02-29 00:00:00); BucketSQL compares the value it shows",
              f ->
                  DATE_TRUNC_OF_DATE.matcher(sql(f)).find()
                      && f.all(d -> d.kind() == Difference.Kind.VALUES),
              NO_PAIR),
          new Known(
              "negative-zero-or-zero-written",
              false,
              "-0.0 and 0.0 are one value (in comparisons, MIN and MAX, groups); where both are in a set, which"
                  + " one MIN, MAX or a group shows is either engine's choice, and CAST to VARCHAR then writes"
                  + " 0.0 or -0.0, and a division by that MIN or MAX gives Infinity or -Infinity; INTERSECT ALL"
                  + " and EXCEPT ALL show a -0.0 they keep as 0.0",
              f ->
                  f.all(
                      d ->
                          d.kind() == Difference.Kind.VALUES
                              && (d.detail().contains(": 0.0 (String) vs -0.0 (String)")
                                  || d.detail().contains(": -0.0 (String) vs 0.0 (String)")
                                  || d.detail().contains("Infinity (Double)")
                                      && (DIVIDED_BY_AN_EXTREME.matcher(sql(f)).find()
                                          || sql(f).contains(" INTERSECT ALL ")
                                          || sql(f).contains(" EXCEPT ALL ")))),
              NO_PAIR),
          new Known(
              "duckdb-decimal-product-width",
              false,
              "DuckDB computes a DECIMAL product of small decimals in 18 digits and fails where it exceeds"
                  + " them ('Overflow in multiplication of DECIMAL(18)'); BucketSQL widens the product up to 38"
                  + " digits and answers",
              f -> duckDbError(f, "Overflow in multiplication of DECIMAL(18)"),
              NO_PAIR),
          new Known(
              "double-sum-order-at-overflow",
              false,
              "a SUM or AVG of doubles whose running sum overflows or meets infinities of both signs: the"
                  + " answer (Infinity, -Infinity or NaN) depends on the order the engine adds the rows in"
                  + " (1e308 + 1e308 + -Infinity is -Infinity one way, NaN the other), as a window's sum"
                  + " over a frame of peers too; the rows of an unordered answer then sort differently",
              f ->
                  (sql(f).contains("SUM(") || sql(f).contains("AVG("))
                      && f.all(
                          d ->
                              d.kind() == Difference.Kind.VALUES
                                  && (NON_FINITE_PAIR.matcher(d.detail()).find()
                                      // a sum that differs moves its row among the sorted
                                      // rows: the first difference is then another column of
                                      // two rows that both hold a non-finite sum
                                      || bothRowsNonFinite(d.detail()))),
              NO_PAIR),
          new Known(
              "duckdb-nan-sign-in-text",
              false,
              "DuckDB writes the NaN of an invalid operation as -nan (the sign bit of the x86 default NaN);"
                  + " BucketSQL writes every NaN as nan, since Java keeps no NaN's sign bit the same way in its"
                  + " interpreter and compiled code",
              // unordered rows are compared sorted, where nan and -nan sort apart: the first
              // differing pair may then be another value beside DuckDB's -nan; an ORDER BY of the
              // text sorts them apart too, so the rows a LIMIT keeps and their order differ
              f ->
                  f.all(
                          d ->
                              d.kind() == Difference.Kind.VALUES
                                  && (d.detail().contains(": nan (String) vs -nan (String)")
                                      || !f.query().ordered()
                                          && d.detail().contains(" (String) vs -nan (String)")
                                      || f.query().ordered()
                                          && d.detail().contains("(String) vs")
                                          && writesMinusNan(f.duck())))
                      // the text compared, not shown: '-nan' < 'a' <= 'nan', so the rows a
                      // filter keeps differ, and with them their count or an aggregate of them
                      || NAN_TEXT_COMPARED.matcher(sql(f)).find()
                          && f.all(d -> d.kind() == Difference.Kind.VALUES)
                      // the text sorted, then cut: an ORDER BY puts -nan and nan apart, so the
                      // rows a LIMIT keeps differ, whether DuckDB's -nan is among them or not
                      || NAN_TEXT.matcher(sql(f)).find()
                          && sql(f).contains(" ORDER BY ")
                          && sql(f).contains(" LIMIT ")
                          && writesNan(f)
                          && f.all(
                              d ->
                                  d.kind() == Difference.Kind.VALUES
                                      && d.detail().contains("(String) vs")),
              NO_PAIR),
          new Known(
              "double-sum-order-with-cancellation",
              false,
              "a SUM or AVG of doubles whose terms cancel (1e18 + x - 1e18): the rounding of each addition,"
                  + " far above the last bit of the result, depends on the order the rows are added in; BucketSQL's"
                  + " own plans (pushdown and fused operators on and off) disagree among themselves on it, which"
                  + " shows the answer is the order's, not a wrong value; or the doubles are the edge table's"
                  + " column b, whose BIGINT extremes (+-9223372036854775807) cancel beside small values",
              f ->
                  AGGREGATE_OF_SUMS.matcher(sql(f)).find()
                      && f.all(
                          d ->
                              d.kind() == Difference.Kind.VALUES
                                  && d.detail().contains("(Double) vs")
                                  && !NON_FINITE_PAIR.matcher(d.detail()).find())
                      && (plansDisagree(f) || sumsTheExtremesOfEdgeB(sql(f))),
              NO_PAIR),
          new Known(
              "duckdb-power-last-bit",
              false,
              "x ^ y of doubles: DuckDB's power is off by one unit in the last place for some operands where"
                  + " BucketSQL's (Java's Math.pow) is the correctly rounded value: 10.0 ^ 23.0 is"
                  + " 1.0000000000000001e+23 in DuckDB and 1e+23 (what the literal 1e23 is) in BucketSQL",
              f ->
                  sql(f).contains(" ^ ")
                      && f.all(d -> d.kind() == Difference.Kind.VALUES)
                      && f.outcomes().values().stream().allMatch(o -> withinOneUlp(o, f.duck())),
              NO_PAIR),
          new Known(
              "calcite-assertion-nullability-after-outer-join",
              true,
              "with Java assertions on (as the tests run), Calcite's simplifier fails (validateStrongPolicy, an"
                  + " assert without a message) on an expression over an outer join's nullable side once a filter"
                  + " makes the join inner: merging projections or pushing the filter into the join keeps the"
                  + " expression's nullable type (COALESCE of an EXTRACT, a scalar subquery's MAX beside the join)"
                  + " over the now NOT NULL column. Without assertions, as BucketSQL runs, the answer is DuckDB's",
              f ->
                  bucketSqlError(f, "AssertionError")
                      && !bucketSqlError(f, "AssertionError: not a literal")
                      && OUTER_JOIN.matcher(sql(f)).find(),
              NO_PAIR),
          new Known(
              "operator-grouping-refused",
              false,
              "^, &, <<, >> or || meets, without parentheses, an operator that DuckDB's parser and BucketSQL's"
                  + " (Calcite's) group with it differently: BucketSQL refuses the statement with 42601 and the"
                  + " fix (parentheses) rather than answer under another grouping",
              f -> bucketSqlError(f, "without parentheses"),
              NO_PAIR),
          new Known(
              "duckdb-group-by-negative-ordinal",
              false,
              "GROUP BY (- 2): DuckDB takes the negated constant for an ordinal and fails; BucketSQL groups by it",
              f -> duckDbError(f, "GROUP BY term out of range"),
              NO_PAIR),
          new Known(
              "duckdb-sum-of-a-constant-wraps",
              false,
              "SUM of an integer constant near the BIGINT limits (SUM(9223372036854775807) over 44 rows, also"
                  + " under abs()): DuckDB"
                  + " computes it as the constant times the row count in 64 bits and answers the wrapped product"
                  + " (-44); BucketSQL sums into DECIMAL(38, 0) and answers 405828369621610135508",
              f ->
                  SUM_OF_A_LARGE_CONSTANT.matcher(sql(f)).find()
                      && f.all(
                          d ->
                              d.kind() == Difference.Kind.VALUES
                                  && d.detail().contains("(BigDecimal)")),
              NO_PAIR),
          new Known(
              "duckdb-average-of-a-constant-double",
              false,
              "AVG or SUM of a constant DOUBLE (AVG(CAST(0.01 AS DOUBLE)) over 509 rows): DuckDB computes it"
                  + " from the constant and the row count (the average is the constant, 0.01); BucketSQL adds the"
                  + " rows, whose rounding shows in the last bits (0.009999999999999874). A value comparison"
                  + " allows that, but a set operation (INTERSECT, EXCEPT) matching the value against the"
                  + " constant then keeps other rows",
              f ->
                  AGGREGATE_OF_A_CONSTANT_DOUBLE.matcher(sql(f)).find()
                      && (sql(f).contains(" INTERSECT ") || sql(f).contains(" EXCEPT "))
                      && f.all(d -> d.kind() == Difference.Kind.VALUES),
              NO_PAIR),
          new Known(
              "duckdb-statistics-prove-having-false",
              false,
              "a HAVING that compares a SUM or COUNT with a negative bound it cannot reach (SUM(1) <="
                  + " -2147483648, SUM(a + k) where the columns' statistics keep a + k from being negative):"
                  + " DuckDB's statistics prove the group's filter false and never read its input; BucketSQL"
                  + " evaluates the WHERE clause on every row and fails on a value a column holds"
                  + " (CAST(s AS DOUBLE) of 'x'), which is the result of the query as written",
              f ->
                  HAVING_BELOW_A_NEGATIVE_BOUND.matcher(sql(f)).find()
                      && f.duck().rows() != null
                      && f.all(
                          d ->
                              d.kind() == Difference.Kind.ERROR_BUCKETSQL_ONLY
                                  && (BUCKETSQL_ROW_ERROR.matcher(d.detail()).find()
                                      || TrueOverflow.proves(d.detail()))),
              NO_PAIR),
          new Known(
              "duckdb-limit-returns-more-rows",
              false,
              "LIMIT n over an outer join whose ON compares a constant with the inner side's column and a"
                  + " WHERE reading both sides (LEFT JOIN t2 ON -1 = t2.k WHERE t2.k IS DISTINCT FROM"
                  + " t1.recipe_id LIMIT 6): DuckDB returns every row, more than n (2,000 for LIMIT 6, and"
                  + " COUNT(*) over the limited query counts 2,000); BucketSQL returns n",
              KnownDifferences::duckDbPassesItsLimit,
              NO_PAIR),
          new Known(
              "duckdb-top-n-filters-rows-first",
              false,
              "ORDER BY ... LIMIT n: once DuckDB's top-N holds n rows it filters the scan by the"
                  + " sort key, so rows that cannot enter the top n never reach the WHERE clause;"
                  + " BucketSQL evaluates the WHERE clause on every row and fails on a value a column"
                  + " holds (CAST(s AS DOUBLE) of 'x'), the result of the query as written",
              f ->
                  TOP_N.matcher(sql(f)).find()
                      && f.duck().rows() != null
                      && f.all(
                          d ->
                              d.kind() == Difference.Kind.ERROR_BUCKETSQL_ONLY
                                  && BUCKETSQL_ROW_ERROR.matcher(d.detail()).find()),
              NO_PAIR),
          new Known(
              "having-on-a-group-key-filters-first",
              false,
              "a HAVING condition on MIN or MAX of a group key (GROUP BY k HAVING MAX(k) > 2) is a"
                  + " condition on k, which BucketSQL's planner applies to the rows before"
                  + " aggregating: another aggregate's argument (1 // k) is never computed on the"
                  + " rows of groups the HAVING drops, where DuckDB aggregates every group first and"
                  + " fails on them",
              f ->
                  f.all(
                          d ->
                              d.kind() == Difference.Kind.ERROR_DUCKDB_ONLY
                                  && DUCKDB_ROW_ERROR.matcher(d.detail()).find())
                      && havingOnAGroupKey(sql(f)),
              NO_PAIR),
          new Known(
              "duckdb-folds-a-failing-constant",
              false,
              "a constant division by zero (0 // 0) in a query whose filter or join keeps no row"
                  + " that reaches it: DuckDB folds the constant while it plans the query and fails;"
                  + " BucketSQL computes it on each row that reaches it, and fails with 22012 if one"
                  + " does",
              f ->
                  f.all(
                      d -> {
                        Matcher m = CONSTANT_DIVISION_BY_ZERO.matcher(d.detail());
                        return d.kind() == Difference.Kind.ERROR_DUCKDB_ONLY
                            && m.find()
                            && selectedBeforeAFilter(sql(f), m.group(1));
                      }),
              NO_PAIR));

  private KnownDifferences() {}

  /** The known difference {@code finding} is, or null. */
  static Known match(Finding finding) {
    for (Known k : ALL) {
      if (k.matches().test(finding)) {
        return k;
      }
    }
    if (!finding.all(d -> d.kind() == Difference.Kind.TYPES)) {
      return null;
    }
    Known first = null;
    for (Difference d : finding.differences().values()) {
      for (String pair : d.typePairs()) {
        Known k = explain(pair, finding);
        if (k == null) {
          return null;
        }
        first = first == null ? k : first;
      }
    }
    return first;
  }

  /** Whether every differing pair of column classes of {@code d} is a known type difference. */
  /**
   * Whether DuckDB's overflow in {@code d} names two literals of the query, one of them beside a
   * column under another operator: the constants DuckDB folded together.
   */
  private static boolean foldsConstants(Finding f, Difference d) {
    Matcher named = NAMED_OVERFLOW.matcher(d.detail());
    if (!named.find()) {
      return false;
    }
    Matcher beside = CONSTANT_BESIDE_A_COLUMN.matcher(sql(f));
    while (beside.find()) {
      String constant = beside.group(1);
      String other = constant.equals(named.group(1)) ? named.group(2) : named.group(1);
      if ((constant.equals(named.group(1)) || constant.equals(named.group(2)))
          && Pattern.compile("(?<![\\w.])" + Pattern.quote(other) + "(?![\\w.])")
              .matcher(sql(f).substring(beside.end()))
              .find()) {
        return true;
      }
    }
    return false;
  }

  /** {@code sql} with every {@code CAST(x AS BIGINT)} written as {@code x}. */
  /**
   * {@code sql} with {@code COALESCE(c, c)} and {@code CASE WHEN TRUE THEN c ELSE x END} written as
   * the column {@code c} they are, as the optimizer simplifies them.
   */
  static String withOneValueForms(String sql) {
    return CASE_WHEN_TRUE_OF_A_COLUMN
        .matcher(COALESCE_OF_ONE_COLUMN_TWICE.matcher(sql).replaceAll("$1"))
        .replaceAll("$1");
  }

  static String withoutBigintCasts(String sql) {
    String out = sql;
    for (int at = out.lastIndexOf("CAST("); at >= 0; at = out.lastIndexOf("CAST(", at - 1)) {
      String inner = argument(out, at + "CAST".length());
      if (inner != null && inner.endsWith(" AS BIGINT")) {
        out =
            out.substring(0, at)
                + inner.substring(0, inner.length() - " AS BIGINT".length())
                + out.substring(at + "CAST(".length() + inner.length() + 1);
      }
      if (at == 0) {
        break;
      }
    }
    return out;
  }

  private static boolean pairsExplained(Difference d, Finding finding) {
    return d.typePairs().stream().allMatch(pair -> explain(pair, finding) != null);
  }

  private static Known explain(String pair, Finding finding) {
    for (Known k : ALL) {
      if (k.typePair().test(pair, finding)) {
        return k;
      }
    }
    return null;
  }

  private static String literalOf(String error) {
    Matcher m = LITERAL_CAST_ERROR.matcher(error);
    return m.find() ? m.group(1) : "";
  }

  /**
   * Whether {@code sql} has a BETWEEN of an empty range: false for every value that is not NULL, so
   * only whether its operand is NULL matters, which a strict operand's operands tell.
   */
  static boolean emptyRange(String sql) {
    Matcher m = BETWEEN_LITERALS.matcher(sql);
    while (m.find()) {
      if (new java.math.BigDecimal(m.group(1)).compareTo(new java.math.BigDecimal(m.group(2)))
          > 0) {
        return true;
      }
    }
    // timestamps and dates of one kind, whose literal text orders as their values do
    Matcher t = BETWEEN_TIME_LITERALS.matcher(sql);
    while (t.find()) {
      if (t.group(1).equals(t.group(3)) && padded(t.group(2)).compareTo(padded(t.group(4))) > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * A date or timestamp literal's text with a time and its fraction to three digits, so that texts
   * order as their values.
   */
  private static String padded(String text) {
    String literal = text.indexOf(' ') < 0 ? text + " 00:00:00" : text; // a date is its midnight
    int dot = literal.indexOf('.');
    String fraction = dot < 0 ? "" : literal.substring(dot + 1);
    return (dot < 0 ? literal : literal.substring(0, dot))
        + "."
        + (fraction + "000").substring(0, 3);
  }

  /** Whether two of BucketSQL's configurations answered {@code f} differently from each other. */
  private static boolean plansDisagree(Finding f) {
    List<Outcome> answers = List.copyOf(f.outcomes().values());
    for (int i = 1; i < answers.size(); i++) {
      if (answers.get(0).rows() != null
          && answers.get(i).rows() != null
          && Difference.of(answers.get(0), answers.get(i), f.query().ordered()) != null) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code error} is BucketSQL's refusal of a date outside the years 1 to 9999. */
  static boolean outsideTheYears(String error) {
    if (error.contains("[22008] date out of range: ")
        && error.contains(" is outside the years 1 to 9999")) {
      return true;
    }
    Matcher m = MAKE_DATE_YEAR.matcher(error);
    if (!m.find()) {
      return false;
    }
    long year = Long.parseLong(m.group(1));
    return year < 1 || year > 9999;
  }

  /** Whether DuckDB's answer holds the text -nan. */
  /** Whether one of BucketSQL's answers holds a NaN's text. */
  private static boolean writesNan(Finding f) {
    return f.outcomes().values().stream().anyMatch(o -> writes(o, "nan"));
  }

  private static boolean writesMinusNan(Outcome duck) {
    return writes(duck, "-nan");
  }

  /** Whether a row of {@code outcome} holds the value {@code text}. */
  private static boolean writes(Outcome outcome, String text) {
    return outcome.rows() != null && outcome.rows().stream().anyMatch(row -> row.contains(text));
  }

  /** Whether, in every configuration, one of BucketSQL's columns is NULL in every row. */
  private static boolean aColumnAllNull(Finding f) {
    return f.outcomes().values().stream()
        .allMatch(
            o -> {
              if (o.rows() == null || o.rows().isEmpty()) {
                return false;
              }
              for (int column = 0; column < o.rows().get(0).size(); column++) {
                int c = column;
                if (o.rows().stream().allMatch(row -> row.get(c) == null)) {
                  return true;
                }
              }
              return false;
            });
  }

  /** Whether DuckDB's overflow names an operation of literals that the query writes as such. */
  /**
   * Whether DuckDB alone failed on dividing by zero in an expression of literals that stands beside
   * another operand of OR or AND, which BucketSQL reads first on each row.
   */
  private static boolean constantFoldedBesideAnother(Finding f) {
    return (sql(f).contains(" OR ") || sql(f).contains(" AND "))
        && f.all(
            d -> {
              Matcher m = CONSTANT_DIVISION_BY_ZERO.matcher(d.detail());
              return d.kind() == Difference.Kind.ERROR_DUCKDB_ONLY
                  && m.find()
                  && sql(f).contains(m.group(1));
            });
  }

  /** {@code operand}, a regular expression, as either operand of a comparison. */
  private static Pattern compared(String operand) {
    String comparison = "(<=|>=|<|>|<>|=)";
    return Pattern.compile(comparison + " " + operand + "|" + operand + " " + comparison + " ");
  }

  private static boolean constantOverflow(Finding f) {
    return f.differences().values().stream()
        .allMatch(
            d -> {
              Matcher m = OVERFLOW_OPERANDS.matcher(d.detail());
              return m.find() && sql(f).contains("(" + m.group(1) + ")");
            });
  }

  /**
   * Whether two one-column outcomes hold the same doubles (or their text) but for values one unit
   * in the last place apart: the values of each, in order, pair up so.
   */
  static boolean withinOneUlp(Outcome ours, Outcome theirs) {
    if (ours.rows() == null
        || theirs.rows() == null
        || ours.types().size() != 1
        || theirs.types().size() != 1
        || ours.rows().size() != theirs.rows().size()) {
      return false;
    }
    double[] a = doubles(ours);
    double[] b = doubles(theirs);
    if (a == null || b == null || a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (Double.compare(a[i], b[i]) != 0
          && !(Double.isFinite(a[i]) && Math.abs(a[i] - b[i]) <= Math.ulp(a[i]))) {
        return false;
      }
    }
    return true;
  }

  /** The one column's values other than NULL as doubles, sorted, or null when one is no number. */
  private static double[] doubles(Outcome o) {
    double[] values = new double[o.rows().size()];
    int nulls = 0;
    for (int i = 0; i < values.length; i++) {
      Object v = o.rows().get(i).get(0);
      if (v == null) {
        // NULLs are left out: both sides must have as many (the same count of values)
        values[i] = Double.NaN;
        nulls++;
        continue;
      }
      try {
        values[i] =
            v instanceof Number n
                ? n.doubleValue()
                : switch (v.toString()) {
                  // DuckDB's text of the non-finite doubles, which BucketSQL writes too
                  case "inf" -> Double.POSITIVE_INFINITY;
                  case "-inf" -> Double.NEGATIVE_INFINITY;
                  case "nan", "-nan" -> Double.NaN;
                  default -> Double.parseDouble(v.toString());
                };
      } catch (NumberFormatException e) {
        return null;
      }
    }
    double[] numbers = new double[values.length - nulls];
    int n = 0;
    for (int i = 0; i < values.length; i++) {
      if (o.rows().get(i).get(0) != null) {
        numbers[n++] = values[i];
      }
    }
    java.util.Arrays.sort(numbers);
    return numbers;
  }

  /** An outer join and the alias of each side: {@code "T" AS t1 RIGHT JOIN "U" AS t2 ON }. */
  private static final Pattern OUTER_JOIN_SIDES =
      Pattern.compile(" AS (t\\d+) (LEFT|RIGHT)( OUTER)? JOIN \"[^\"]+\" AS (t\\d+) ON ");

  /**
   * Whether an outer join of {@code sql} has, among its condition's conjuncts, a comparison of a
   * numeric constant with a column of the side that may be NULL ({@code 99 = t1."rating"}, also
   * under {@code NOT (... IS DISTINCT FROM ...)}).
   */
  static boolean outerJoinOnAConstantOfItsNullSide(String sql) {
    Matcher m = OUTER_JOIN_SIDES.matcher(sql);
    while (m.find()) {
      String nullSide = m.group(2).equals("RIGHT") ? m.group(1) : m.group(4);
      String condition = sql.substring(m.end());
      Matcher end = Pattern.compile(" (WHERE|GROUP BY|HAVING|ORDER BY|LIMIT) ").matcher(condition);
      condition = end.find() ? condition.substring(0, end.start()) : condition;
      if (Pattern.compile(
              "\\((NOT \\()?-?[0-9.]+(e-?[0-9]+)? (=|IS NOT DISTINCT FROM|IS DISTINCT FROM) "
                  + nullSide
                  + "\\.\"\\w+\"\\)")
          .matcher(condition)
          .find()) {
        return true;
      }
    }
    return false;
  }

  /** Where the computed column of a generated derived table starts: {@code (SELECT dN.*, }. */
  private static final Pattern DERIVED_COLUMN = Pattern.compile("\\(SELECT (d\\d+)\\.\\*, ");

  /**
   * {@code sql} with the computed column {@code e} of each generated derived table {@code (SELECT
   * dN.*, e AS "dc" FROM "T" AS dN ...)} cut out, when no part of the query reads such a column;
   * null when one is read or there is none.
   */
  static String withoutUnreadDerivedColumns(String sql) {
    if (sql.contains(".\"dc\"")) {
      return null;
    }
    StringBuilder outside = new StringBuilder();
    int from = 0;
    Matcher m = DERIVED_COLUMN.matcher(sql);
    while (m.find(from)) {
      Matcher end =
          Pattern.compile(" AS \"dc\" FROM \"[^\"]+\" AS " + m.group(1) + "\\b").matcher(sql);
      if (!end.find(m.end())) {
        return null;
      }
      outside.append(sql, from, m.end()).append("...");
      from = end.start();
    }
    return from == 0 ? null : outside.append(sql.substring(from)).toString();
  }

  /**
   * Whether every date arithmetic of {@code sql} (a {@code +} or {@code -}, {@code make_date}) sits
   * in the computed column of a derived table that nothing reads.
   */
  static boolean dateArithmeticOnlyInUnreadColumns(String sql) {
    String outside = withoutUnreadDerivedColumns(sql);
    return outside != null
        && !outside.contains("make_date(")
        && !outside.contains(" + ")
        && !outside.contains(" - ");
  }

  /**
   * Whether {@code sql} counts a constant, COUNT([DISTINCT] c) with no column in c, which a planner
   * may count without computing.
   */
  static boolean countsAConstant(String sql) {
    for (int at = sql.indexOf("COUNT("); at >= 0; at = sql.indexOf("COUNT(", at + 1)) {
      String argument = argument(sql, at + "COUNT".length());
      if (argument != null
          && !argument.equals("*")
          && !argument.contains("\"")
          && !argument.contains("SELECT ")) {
        return true;
      }
      // a cast of a column, or arithmetic of columns and literals, NULL only where a column is:
      // the columns' values are counted
      if (argument != null
          && (CAST_OF_A_COLUMN.matcher(argument).matches()
              || ARITHMETIC_OF_A_COLUMN.matcher(argument).matches())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether DuckDB returned more rows than the query's final {@code LIMIT n}, which no engine may,
   * while BucketSQL's plans returned at most n.
   */
  static boolean duckDbPassesItsLimit(Finding f) {
    Matcher m = FINAL_LIMIT.matcher(sql(f));
    if (!m.find() || f.duck().rows() == null) {
      return false;
    }
    long n = Long.parseLong(m.group(1));
    return f.duck().rows().size() > n
        && f.outcomes().values().stream().allMatch(o -> o.rows() != null && o.rows().size() <= n)
        && f.all(d -> d.kind() == Difference.Kind.VALUES);
  }

  /** Whether {@code sql} averages an expression it also groups by. */
  static boolean averagesAGroupKey(String sql) {
    int groupBy = sql.indexOf(" GROUP BY ");
    if (groupBy < 0) {
      return false;
    }
    String keys = sql.substring(groupBy);
    for (int at = sql.indexOf("AVG("); at >= 0 && at < groupBy; at = sql.indexOf("AVG(", at + 1)) {
      String argument = argument(sql, at + "AVG".length());
      if (argument != null && keys.contains(argument)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The text inside the parentheses that open at {@code open} in {@code sql}, or null when they do
   * not close.
   */
  private static String argument(String sql, int open) {
    int depth = 0;
    for (int i = open; i < sql.length(); i++) {
      char c = sql.charAt(i);
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (depth == 0) {
        return sql.substring(open + 1, i);
      }
    }
    return null;
  }

  private static String sql(Finding f) {
    return f.query().sql();
  }

  /** Alias to table name, for every table the query reads. */
  static Map<String, String> tables(String sql) {
    Map<String, String> tables = new TreeMap<>();
    Matcher m = TABLE.matcher(sql);
    while (m.find()) {
      tables.put(m.group(2), m.group(1));
    }
    return tables;
  }

  /** Whether the query reads a CSV column holding NaN and infinities among numbers. */
  /**
   * Whether a VALUES difference's two rows ({@code (rows [..] vs [..])}) both hold a non-finite
   * double.
   */
  private static boolean bothRowsNonFinite(String detail) {
    Matcher m = DIFFERING_ROWS.matcher(detail);
    return m.find()
        && NON_FINITE.matcher(m.group(1)).find()
        && NON_FINITE.matcher(m.group(2)).find();
  }

  /**
   * Whether {@code expression} is in a SELECT list of {@code sql} whose FROM clause goes on to a
   * filter, a join or a HAVING: only the rows these keep reach it.
   */
  static boolean selectedBeforeAFilter(String sql, String expression) {
    for (int at = sql.indexOf("SELECT "); at >= 0; at = sql.indexOf("SELECT ", at + 1)) {
      int from = sql.indexOf(" FROM ", at);
      if (from < 0) {
        return false;
      }
      if (sql.substring(at, from).contains(expression)) {
        int next = sql.indexOf("SELECT ", from);
        String rest = sql.substring(from, next < 0 ? sql.length() : next);
        if (FILTERED.matcher(rest).find()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether {@code sql} sums (or averages) column b of the edge tables as doubles: its BIGINT
   * extremes cancel, so the order of the additions moves the answer far above the last bit.
   */
  static boolean sumsTheExtremesOfEdgeB(String sql) {
    Matcher m = SUM_OF_EDGE_B.matcher(sql);
    while (m.find()) {
      if (Pattern.compile("\"edge(_p)?\" AS " + m.group(2) + "\\b").matcher(sql).find()) {
        return true;
      }
    }
    return false;
  }

  /** Whether a HAVING of {@code sql} compares MIN or MAX of one of its GROUP BY columns. */
  static boolean havingOnAGroupKey(String sql) {
    Matcher clause = GROUP_BY_HAVING.matcher(sql);
    while (clause.find()) {
      List<String> keys = List.of(clause.group(1).split(", "));
      Matcher extreme = EXTREME_OF_A_COLUMN.matcher(clause.group(2));
      while (extreme.find()) {
        if (keys.contains(extreme.group(1))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean duckDbError(Finding f, String text) {
    return f.all(d -> d.kind() == Difference.Kind.ERROR_DUCKDB_ONLY && d.detail().contains(text));
  }

  private static boolean bucketSqlError(Finding f, String... texts) {
    return f.all(
        d ->
            d.kind() == Difference.Kind.ERROR_BUCKETSQL_ONLY
                && List.of(texts).stream().anyMatch(d.detail()::contains));
  }
}
