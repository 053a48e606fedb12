package dev.bucketsql.calcite.engine;

/**
 * DuckDB's string predicates and length that Calcite lacks: {@code contains(s, sub)}, {@code
 * prefix(s, p)}, {@code suffix(s, p)} and {@code ends_with(s, p)}, {@code len(s)}. Called by
 * generated code; public for that reason only.
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
}
