package dev.bucketsql.fuzz;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The differences from DuckDB the fuzzer expects, each narrowed by a predicate over the finding,
 * with its reason; the same list is in docs/sql.md ("Differences from DuckDB found by the
 * fuzzer"). An open bug is a wrong or missing BucketSQL behaviour to fix, listed so the
 * fixed-seed run passes meanwhile: remove it with the fix (the fixed-seed run then proves it).
 * A finding whose column types differ is known when every differing pair is explained by one
 * entry's {@link Known#typePair}.
 */
final class KnownDifferences {
  /**
   * One known difference.
   *
   * @param id a short name, shown in the summary
   * @param openBug whether it is a BucketSQL bug to fix (else an accepted difference)
   * @param reason why it differs
   * @param matches whether a whole finding is this difference
   * @param typePair whether a differing pair of column classes ({@code BucketSQL vs DuckDB}) in
   *     a finding is this difference
   */
  record Known(String id, boolean openBug, String reason, Predicate<Finding> matches, PairTest typePair) {}

  /** Whether a differing pair of column classes in a finding is explained. */
  interface PairTest {
    boolean test(String pair, Finding finding);
  }

  private static final PairTest NO_PAIR = (pair, f) -> false;

  private static final Pattern TABLE = Pattern.compile("(?:FROM|JOIN) \"(\\w+)\" AS (\\w+)");

  private static final Pattern SET_OPERATION = Pattern.compile(" (UNION|EXCEPT|INTERSECT) ");


  /** A value off by 2^31 or 2^32 (wrapped at 32 bits): 2147483648, 4294967296, 4.294967296E9. */
  private static final Pattern WRAPPED = Pattern.compile("214748364[6-9]|4294967(29[0-9]|30[0-9])|4\\.2949672");
  private static final Predicate<Finding> NO_FINDING = f -> false;

  static final List<Known> ALL =
      List.of(
          new Known("csv-nan-column-is-VARCHAR", true,
              "a CSV column holding NaN or Infinity among numbers is VARCHAR in BucketSQL, DOUBLE in DuckDB"
                  + " (edge.d, jr.b); numbers then compare, sort and convert as strings",
              f -> readsNanCsvColumn(f) && !f.has(Difference.Kind.ERROR_DUCKDB_ONLY)
                  && f.all(d -> d.kind() != Difference.Kind.TYPES),
              (pair, f) -> pair.endsWith(" vs DOUBLE") && readsNanCsvColumn(f)),
          new Known("nan-infinity-through-decimal", true,
              "a DOUBLE NaN or Infinity where Calcite goes through BigDecimal (ORDER BY or a window ORDER BY"
                  + " of a DOUBLE, round, IN lists): BucketSQL fails ('Infinite or NaN', 'Character N is neither"
                  + " a decimal digit', sometimes as a NumberFormatException past JDBC), DuckDB answers",
              f -> bucketSqlError(f, "Infinite or NaN", "is neither a decimal digit", "For input string: \"NaN\"",
                  "For input string: \"Infinity\"", "For input string: \"-Infinity\""),
              NO_PAIR),
          new Known("round-keeps-decimal-scale", true,
              "round(DECIMAL(p,s), n) keeps scale s in BucketSQL; DuckDB's result has scale n",
              NO_FINDING,
              (pair, f) -> pair.matches("DECIMAL\\(s=\\d+\\) vs DECIMAL\\(s=\\d+\\)") && sql(f).contains("round(")),
          new Known("extract-of-null-literal", false,
              "EXTRACT from a NULL literal: DuckDB types it DOUBLE, BucketSQL BIGINT as for any date",
              NO_FINDING,
              (pair, f) -> pair.equals("BIGINT vs DOUBLE") && Pattern.compile("EXTRACT\\(\\w+ FROM [^)]*CAST\\(NULL").matcher(sql(f)).find()),
          new Known("ln-of-non-positive-throws", true,
              "ln of 0 or a negative number: BucketSQL throws an IllegalArgumentException past JDBC (no"
                  + " SQLException); DuckDB gives -Infinity or NULL",
              f -> bucketSqlError(f, "Cannot take logarithm"),
              NO_PAIR),
          new Known("upper-expands-ligatures", true,
              "upper() of 'ﬀ' (U+FB00) is 'FF' in BucketSQL (Java's full case mapping), 'ﬀ' in DuckDB",
              f -> sql(f).contains("upper(") && f.all(d -> d.kind() == Difference.Kind.VALUES
                  && d.detail().contains("FF") && d.detail().contains("\uFB00")),
              NO_PAIR),
          new Known("window-over-always-null-column", true,
              "a window aggregate of a column the optimizer finds always NULL (the NULL side of an outer join"
                  + " whose condition never holds): Calcite cannot implement the window ('Unable to implement')",
              f -> bucketSqlError(f, "Unable to implement") && sql(f).contains(" OVER (") && sql(f).contains(" JOIN "),
              NO_PAIR),
          new Known("planner-rule-failure", true,
              "some scalar subqueries (compared with each other or with a constant cast, or in the select list"
                  + " over a RIGHT JOIN) break Calcite's rules ('Type mismatch', 'RexInputRef index ... out of range',"
                  + " 'PruneJoinSingleValueRule')",
              f -> bucketSqlError(f, "PruneJoinSingleValue", "Type mismatch:", "RexInputRef index"),
              NO_PAIR),
          new Known("invalid-string-cast-not-an-error", true,
              "CAST of a string that is not a number to DOUBLE ('zero'): DuckDB fails, BucketSQL answers",
              f -> duckDbError(f, "Could not convert string"),
              NO_PAIR),
          new Known("strftime-pads-no-year", true,
              "strftime(d, '%Y') of a year before 1000: BucketSQL writes 1-01-01, DuckDB 0001-01-01",
              f -> sql(f).contains("strftime(") && f.all(d -> d.kind() == Difference.Kind.VALUES
                  && d.key().startsWith("values (String vs String")),
              NO_PAIR),
          new Known("length-is-INTEGER", true,
              "length() is INTEGER in BucketSQL, BIGINT in DuckDB; arithmetic with it then wraps at 32 bits",
              f -> sql(f).contains("length(") && f.all(d -> d.kind() == Difference.Kind.VALUES
                  && d.typePairs().contains("INTEGER vs BIGINT") && WRAPPED.matcher(d.detail()).find()),
              (pair, f) -> pair.equals("INTEGER vs BIGINT") && sql(f).contains("length(")),
          new Known("error-or-nothing-to-evaluate", false,
              "an expression that fails (an out-of-range CAST) where the other engine returns no row: whether"
                  + " it is evaluated at all depends on the plan (constant folding, join order), in any engine",
              f -> f.all(d -> d.kind() == Difference.Kind.ERROR_BUCKETSQL_ONLY
                      && (d.detail().contains("out of range") || d.detail().contains("cannot be represented as a DECIMAL")
                          || d.detail().contains("invalid number")))
                  && f.duck().rows() != null && f.duck().rows().isEmpty()
                  || f.all(d -> d.kind() == Difference.Kind.ERROR_DUCKDB_ONLY)
                  && f.outcomes().values().stream().allMatch(o -> o.rows() != null && o.rows().isEmpty())
                  || duckDbError(f, "Overflow") && sql(f).contains("(SELECT "),
              NO_PAIR),
          new Known("nan-compares-as-ieee", true,
              "NaN in comparisons: DuckDB orders NaN above every number and equal to itself (1 BETWEEN 1 AND"
                  + " NaN holds), BucketSQL compares as Java's doubles (every comparison with NaN false)",
              f -> readsColumn(f, Map.of("edge_p", "d", "jr_p", "b"))
                  && f.all(d -> d.kind() == Difference.Kind.VALUES && pairsExplained(d, f)),
              NO_PAIR),
          new Known("decimal-to-varchar-drops-leading-zero", true,
              "CAST of a DECIMAL below 1 to VARCHAR: BucketSQL writes .50 and -.50, DuckDB 0.50 and -0.50",
              f -> sql(f).contains("AS VARCHAR)") && f.all(d -> d.kind() == Difference.Kind.VALUES
                  && Pattern.compile("(^|[ \\[(,])-?\\.[0-9]").matcher(d.detail()).find()),
              NO_PAIR),
          new Known("min-max-of-nan", true,
              "MIN or MAX over NaN: BucketSQL answers 1.7976931348623157E308 (its starting value: every comparison"
                  + " with NaN is false), DuckDB NaN",
              f -> (sql(f).contains("MIN(") || sql(f).contains("MAX(")) && f.all(d -> d.kind() == Difference.Kind.VALUES
                  && d.detail().contains("vs NaN (Double)")),
              NO_PAIR),
          new Known("double-to-varchar-format", true,
              "CAST of a DOUBLE to VARCHAR: BucketSQL writes Java's 1.0E10, DuckDB 10000000000.0",
              f -> sql(f).contains("AS VARCHAR)") && f.all(d -> d.kind() == Difference.Kind.VALUES
                  && Pattern.compile("[0-9]E-?[0-9]").matcher(d.detail()).find()),
              NO_PAIR),
          new Known("negative-zero-is-its-own-group", true,
              "-0.0 and 0.0 are one value in DuckDB's GROUP BY, PARTITION BY, DISTINCT and joins; BucketSQL keeps"
                  + " them apart (Java's Double.equals)",
              f -> readsColumn(f, Map.of("edge_p", "d", "jr_p", "b"))
                  && f.all(d -> d.kind() == Difference.Kind.VALUES && pairsExplained(d, f))
                  && Pattern.compile("GROUP BY|PARTITION BY|DISTINCT|INTERSECT|EXCEPT|UNION |JOIN").matcher(sql(f)).find(),
              NO_PAIR),
          new Known("substr-negative-start", true,
              "substr(s, start, n) with start 0 or negative: DuckDB counts a negative start from the end"
                  + " (substr('a', -1, 1) is 'a'), BucketSQL from before the first character ('')",
              f -> Pattern.compile("substr\\([^;]*, (-[0-9]+|0), ").matcher(sql(f)).find()
                  && f.all(d -> d.kind() == Difference.Kind.VALUES),
              NO_PAIR),
          new Known("modulo-takes-the-divisor-type", true,
              "x % y is typed as y in BucketSQL (BIGINT % INTEGER is INTEGER), as the wider of both in DuckDB",
              NO_FINDING,
              (pair, f) -> pair.equals("INTEGER vs BIGINT") && sql(f).contains(" % ")),
          new Known("negative-zero-literal-is-zero", true,
              "the literal -0e0 is 0.0 in BucketSQL (its sign is lost while folding), -0.0 in DuckDB: Infinity /"
                  + " -0e0 is Infinity, DuckDB -Infinity",
              f -> sql(f).contains("-0e0") && f.all(d -> d.kind() == Difference.Kind.VALUES
                  && d.detail().contains("Infinity")),
              NO_PAIR),
          new Known("duckdb-group-by-negative-ordinal", false,
              "GROUP BY (- 2): DuckDB takes the negated constant for an ordinal and fails; BucketSQL groups by it",
              f -> duckDbError(f, "GROUP BY term out of range"),
              NO_PAIR),
          new Known("min-max-timestamp-drops-millis", true,
              "MIN or MAX of a Parquet TIMESTAMP column answered from the footer loses the milliseconds"
                  + " (1900-01-01T00:00 for 1900-01-01 00:00:00.001)",
              f -> (sql(f).contains("MIN(") || sql(f).contains("MAX(")) && f.all(d -> d.kind() == Difference.Kind.VALUES
                  && Pattern.compile("T[0-9:]+ \\(String\\) vs [0-9-]+T[0-9:]+\\.[0-9]+ \\(String\\)").matcher(d.detail()).find()),
              NO_PAIR),
          new Known("round-of-decimal-overflows", true,
              "round(DECIMAL(p,s), n) whose rounding adds a digit (round(9999999.99, 1)): BucketSQL keeps the"
                  + " type DECIMAL(p,s), where the value no longer fits (22003); DuckDB answers",
              f -> bucketSqlError(f, "cannot be represented as a DECIMAL") && sql(f).contains("round("),
              NO_PAIR),
          new Known("double-modulo-by-zero-is-nan", true,
              "x % 0 of a DOUBLE: DuckDB fails (Division by zero), BucketSQL gives NaN as Java does",
              f -> duckDbError(f, "Division by zero") && sql(f).contains(" % "),
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
  static boolean readsNanCsvColumn(Finding f) {
    return readsColumn(f, Map.of("edge", "d", "jr", "b"));
  }

  /** Whether the query reads one of {@code columns} (table to column). */
  static boolean readsColumn(Finding f, Map<String, String> columns) {
    String sql = sql(f);
    return tables(sql).entrySet().stream()
        .anyMatch(e -> columns.containsKey(e.getValue()) && sql.contains(e.getKey() + ".\"" + columns.get(e.getValue()) + "\""));
  }

  private static boolean duckDbError(Finding f, String text) {
    return f.all(d -> d.kind() == Difference.Kind.ERROR_DUCKDB_ONLY && d.detail().contains(text));
  }

  private static boolean bucketSqlError(Finding f, String... texts) {
    return f.all(d -> d.kind() == Difference.Kind.ERROR_BUCKETSQL_ONLY && List.of(texts).stream().anyMatch(d.detail()::contains));
  }
}
