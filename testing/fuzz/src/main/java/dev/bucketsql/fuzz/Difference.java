package dev.bucketsql.fuzz;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * How BucketSQL's answer differs from DuckDB's, or null from {@link #of} when it does not.
 *
 * @param kind what differs
 * @param key the category key: kind plus what identifies the cause (type pairs, an error's
 *     normalized text), so findings of one cause fall in one category
 * @param detail what differs first, for the report
 * @param typePairs the differing column classes, {@code BucketSQL vs DuckDB}, sorted
 */
record Difference(Kind kind, String key, String detail, List<String> typePairs) {
  /** What differs. */
  enum Kind {
    /** BucketSQL failed, DuckDB answered. */
    ERROR_BUCKETSQL_ONLY,
    /** DuckDB failed, BucketSQL answered. */
    ERROR_DUCKDB_ONLY,
    /** Same values, different column type classes. */
    TYPES,
    /** Different rows or values. */
    VALUES
  }

  /** Relative tolerance for floating-point values. */
  static final double TOLERANCE = 1e-9;

  /** The difference between {@code bucket} and {@code duck}, or null when they agree. */
  static Difference of(Outcome bucket, Outcome duck, boolean ordered) {
    if (bucket.skipped() || duck.skipped() || bucket.failed() && duck.failed()) {
      return null;
    }
    if (bucket.failed()) {
      return new Difference(
          Kind.ERROR_BUCKETSQL_ONLY,
          "BucketSQL error: " + normalizeError(bucket.error()),
          bucket.error(),
          List.of());
    }
    if (duck.failed()) {
      return new Difference(
          Kind.ERROR_DUCKDB_ONLY,
          "DuckDB error: " + normalizeError(duck.error()),
          duck.error(),
          List.of());
    }
    TreeSet<String> pairs = new TreeSet<>();
    int columns = Math.min(bucket.types().size(), duck.types().size());
    for (int c = 0; c < columns; c++) {
      if (!bucket.types().get(c).equals(duck.types().get(c))) {
        pairs.add(bucket.types().get(c) + " vs " + duck.types().get(c));
      }
    }
    List<String> typePairs = List.copyOf(pairs);
    String[] values = valueDifference(bucket, duck, ordered);
    if (values != null) {
      return new Difference(
          Kind.VALUES,
          "values (" + values[0] + ")" + (typePairs.isEmpty() ? "" : " (types " + typePairs + ")"),
          values[1],
          typePairs);
    }
    if (!typePairs.isEmpty()) {
      return new Difference(
          Kind.TYPES,
          "types " + typePairs,
          "column types " + bucket.types() + " vs " + duck.types(),
          typePairs);
    }
    return null;
  }

  /** An error's text without numbers, quoted parts and positions: what identifies its cause. */
  static String normalizeError(String error) {
    for (String cause : new String[] {"while converting", "Unable to implement"}) {
      // Calcite names the whole expression or plan it failed on; the cause is the same
      if (error.startsWith(cause) || error.contains("] " + cause)) {
        return cause;
      }
    }
    String s =
        error
            .replaceAll("'[^']*'", "'?'")
            .replaceAll("\"[^\"]*\"", "\"?\"")
            .replaceAll("\\([^)]*\\)", "(?)")
            .replaceAll("[0-9]+", "N");
    String[] words = s.trim().split("\\s+");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(words.length, 9); i++) {
      out.append(i > 0 ? " " : "").append(words[i]);
    }
    return out.toString();
  }

  /** What differs first, as {category part, detail}, or null. */
  private static String[] valueDifference(Outcome bucket, Outcome duck, boolean ordered) {
    if (bucket.types().size() != duck.types().size()) {
      return new String[] {
        "column count", "columns " + bucket.types().size() + " vs " + duck.types().size()
      };
    }
    if (bucket.rows().size() != duck.rows().size()) {
      return new String[] {
        "row count", "row count " + bucket.rows().size() + " vs " + duck.rows().size()
      };
    }
    List<List<Object>> a = ordered ? bucket.rows() : sorted(bucket.rows());
    List<List<Object>> b = ordered ? duck.rows() : sorted(duck.rows());
    for (int r = 0; r < a.size(); r++) {
      for (int c = 0; c < a.get(r).size(); c++) {
        Object x = a.get(r).get(c);
        Object y = b.get(r).get(c);
        if (!same(x, y)) {
          return new String[] {
            (x == null ? "NULL" : x.getClass().getSimpleName())
                + " vs "
                + (y == null ? "NULL" : y.getClass().getSimpleName()),
            String.format(
                Locale.ROOT,
                "row %d column %d: %s vs %s (rows %s vs %s)",
                r + 1,
                c + 1,
                show(x),
                show(y),
                a.get(r),
                b.get(r))
          };
        }
      }
    }
    return null;
  }

  private static String show(Object v) {
    return v == null ? "NULL" : v + " (" + v.getClass().getSimpleName() + ")";
  }

  static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(Difference::sortKey));
    return copy;
  }

  private static String sortKey(List<Object> row) {
    StringBuilder s = new StringBuilder();
    for (Object v : row) {
      // numbers by their value to 13 digits, so that an exact and a floating answer pair up and
      // ids of 10 digits still sort apart; -0.0 as 0.0 (+ 0.0), so that it sorts where 0.0 does
      s.append(
              v instanceof Number n
                  ? String.format(Locale.ROOT, "%.12e", n.doubleValue() + 0.0)
                  : String.valueOf(v))
          .append('\u0001');
    }
    // rows equal to 13 digits (big integers that differ in their last digits) then by exact value,
    // so that both engines' rows line up however each engine ordered them
    s.append('\u0002');
    for (Object v : row) {
      if (v instanceof BigDecimal d) {
        s.append(d.stripTrailingZeros().toPlainString()).append('\u0001');
      }
    }
    return s.toString();
  }

  /**
   * Whether two normalized values agree: exact numbers exactly, floating point within tolerance.
   */
  static boolean same(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    if (a instanceof Number x && b instanceof Number y) {
      double dx = x.doubleValue();
      double dy = y.doubleValue();
      if (Double.isNaN(dx) || Double.isNaN(dy) || Double.isInfinite(dx) || Double.isInfinite(dy)) {
        return Double.compare(dx, dy) == 0;
      }
      return Math.abs(dx - dy) <= TOLERANCE * Math.max(1, Math.max(Math.abs(dx), Math.abs(dy)));
    }
    return Objects.equals(a, b);
  }
}
