package dev.bucketsql.calcite.engine;

/**
 * DuckDB's string predicates and length that Calcite lacks: {@code contains(s, sub)}, {@code
 * prefix(s, p)}, {@code suffix(s, p)} and {@code ends_with(s, p)}, {@code len(s)}; and {@code
 * length}, {@code left} and {@code right} computed as DuckDB computes them, by code point and
 * with negative counts, in place of Calcite's ({@link StringCalls}). Called by generated code;
 * public for that reason only.
 */
public final class DuckDbStrings {
  private DuckDbStrings() {}

  /** {@code contains(s, sub)}: whether {@code sub} occurs in {@code s} (the empty string does). */
  public static Boolean contains(String s, String sub) {
    return s == null || sub == null ? null : s.contains(sub);
  }

  /** {@code prefix(s, p)}: whether {@code s} starts with {@code p}. */
  public static Boolean prefix(String s, String p) {
    return s == null || p == null ? null : s.startsWith(p);
  }

  /** {@code suffix(s, p)} and {@code ends_with(s, p)}: whether {@code s} ends with {@code p}. */
  public static Boolean suffix(String s, String p) {
    return s == null || p == null ? null : s.endsWith(p);
  }

  /**
   * {@code len(s)}: the number of characters, a BIGINT as in DuckDB. Counts code points, so a
   * character outside the Basic Multilingual Plane (an emoji) counts once, as DuckDB counts it.
   */
  public static Long len(String s) {
    return s == null ? null : (long) s.codePointCount(0, s.length());
  }

  /**
   * {@code length(s)}, {@code char_length(s)}: characters counted as DuckDB counts them, by code
   * point, where Java's {@code String.length()} (Calcite's) counts an emoji twice.
   */
  public static Integer length(String s) {
    return s == null ? null : s.codePointCount(0, s.length());
  }

  /**
   * {@code left(s, n)}: the first {@code n} characters; with a negative {@code n}, all but the
   * last {@code -n} (DuckDB's; Calcite gives an empty string). Characters are code points.
   */
  public static String left(String s, Long n) {
    if (s == null || n == null) {
      return null;
    }
    int count = s.codePointCount(0, s.length());
    long keep = n >= 0 ? Math.min(n, count) : Math.max(0, count + n);
    return s.substring(0, s.offsetByCodePoints(0, (int) keep));
  }

  /**
   * {@code right(s, n)}: the last {@code n} characters; with a negative {@code n}, all but the
   * first {@code -n} (DuckDB's; Calcite gives an empty string). Characters are code points.
   */
  public static String right(String s, Long n) {
    if (s == null || n == null) {
      return null;
    }
    int count = s.codePointCount(0, s.length());
    long keep = n >= 0 ? Math.min(n, count) : Math.max(0, count + n);
    return s.substring(s.offsetByCodePoints(0, (int) (count - keep)));
  }
}
