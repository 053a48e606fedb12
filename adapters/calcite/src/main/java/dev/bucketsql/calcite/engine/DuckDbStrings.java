package dev.bucketsql.calcite.engine;

import dev.bucketsql.format.SqlStateException;

/**
 * DuckDB's string predicates and length that Calcite lacks: {@code contains(s, sub)}, {@code
 * prefix(s, p)}, {@code suffix(s, p)} and {@code ends_with(s, p)}, {@code len(s)}; and {@code
 * length}, {@code left} and {@code right} computed as DuckDB computes them, by code point and with
 * negative counts, in place of Calcite's ({@link StringCalls}). Called by generated code; public
 * for that reason only.
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
   * point, where Java's {@code String.length()} (Calcite's) counts an emoji twice; a BIGINT as in
   * DuckDB.
   */
  public static Long length(String s) {
    return len(s);
  }

  /**
   * {@code upper(s)}: each code point mapped alone, as DuckDB maps it; Java's {@code
   * String.toUpperCase} (Calcite's) expands some into several ({@code 'ﬀ'} to {@code 'FF'}, {@code
   * 'ß'} to {@code 'SS'}). DuckDB writes {@code 'ß'} as the capital sharp s {@code 'ẞ'}, which has
   * no simple mapping in Java's tables.
   */
  public static String upper(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(c -> out.appendCodePoint(c == 'ß' ? 'ẞ' : Character.toUpperCase(c)));
    return out.toString();
  }

  /** {@code lower(s)}: each code point mapped alone, as DuckDB maps it (see {@link #upper}). */
  public static String lower(String s) {
    if (s == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(c -> out.appendCodePoint(Character.toLowerCase(c)));
    return out.toString();
  }

  /**
   * {@code substr(s, start)} and {@code substring(s, start)}: see {@link #substring(String, Long,
   * Long)}.
   */
  public static String substringFrom(String s, Long start) {
    if (s == null || start == null) {
      return null;
    }
    check(start, "offset");
    int count = s.codePointCount(0, s.length());
    return codePoints(s, position(start, count), count + 1L);
  }

  /**
   * {@code substr(s, start, n)} and {@code substring(s, start, n)} as DuckDB computes them, by code
   * point: a positive start counts from 1, a negative one from the end ({@code -1} is the last
   * character), 0 is the place before the first; a negative {@code n} takes the {@code -n}
   * characters before the start. What runs off either end is dropped. Calcite counts a start of 0
   * or below from before the first character ({@code substr('a', -1, 1)} gives {@code ''}, DuckDB
   * {@code 'a'}).
   */
  public static String substring(String s, Long start, Long n) {
    if (s == null || start == null || n == null) {
      return null;
    }
    check(start, "offset");
    check(n, "length");
    int count = s.codePointCount(0, s.length());
    long from = position(start, count);
    return n >= 0 ? codePoints(s, from, from + n) : codePoints(s, from + n, from);
  }

  /** The 1-based place of {@code start} in a string of {@code count} code points. */
  private static long position(long start, int count) {
    return start >= 0 ? start : count + start + 1;
  }

  /** Code points at 1-based places {@code from} (inclusive) to {@code to} (exclusive), clipped. */
  private static String codePoints(String s, long from, long to) {
    int count = s.codePointCount(0, s.length());
    long first = Math.max(from, 1);
    long end = Math.min(to, count + 1L);
    if (first >= end) {
      return "";
    }
    int begin = s.offsetByCodePoints(0, (int) first - 1);
    return s.substring(begin, s.offsetByCodePoints(begin, (int) (end - first)));
  }

  /** DuckDB's range for a substring's offset and length: 32 bits, either sign. */
  private static void check(long value, String what) {
    if (value > 4294967295L || value < -4294967296L) {
      throw new SqlStateException(
          SqlStateException.NUMERIC_OUT_OF_RANGE,
          "Substring "
              + what
              + " "
              + value
              + " outside of supported range (-4294967296 to 4294967295)");
    }
  }

  /**
   * {@code left(s, n)}: the first {@code n} characters; with a negative {@code n}, all but the last
   * {@code -n} (DuckDB's; Calcite gives an empty string). Characters are code points.
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
