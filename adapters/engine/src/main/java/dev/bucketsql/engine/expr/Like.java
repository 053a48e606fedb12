package dev.bucketsql.engine.expr;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code s LIKE 'pattern'} with a constant pattern, as the SQL layer matches it: {@code %} is any
 * sequence of characters, line breaks included; {@code _} is one character (a code point, so one
 * supplementary character too) that is not a line terminator ({@code \n}, {@code \r}, U+0085,
 * U+2028, U+2029), since the SQL layer's regular expression makes it a {@code .}; the escape
 * character makes the next {@code %}, {@code _} or escape character literal. Case matters, or for
 * ILIKE matters only outside ASCII: {@code A-Z} match {@code a-z} (both are folded to lower case
 * first) and nothing else folds, as in a Java regular expression that is CASE_INSENSITIVE without
 * UNICODE_CASE. NULL for a NULL string. Patterns that are a prefix, a suffix or a contained text
 * (one {@code %} at either end or both, no {@code _}), or literal runs between more {@code %}s,
 * match without the general matcher.
 */
final class Like implements Expr {
  private enum Shape {
    EQUALS,
    PREFIX,
    SUFFIX,
    CONTAINS,
    SEGMENTS,
    GENERAL
  }

  private final Expr operand;
  private final Shape shape;

  /** For {@link Shape#SEGMENTS}: the literal runs between the {@code %}s, and the ends fixed. */
  private final String[] segments;

  private final boolean anchoredStart;
  private final boolean anchoredEnd;

  /** Whether ASCII letters match either case (ILIKE). */
  private final boolean asciiCase;

  /** The literal text for the fast shapes. */
  private final String text;

  /** The pattern as code points, {@link #ANY} for {@code %}, {@link #ONE} for {@code _}. */
  private final int[] pattern;

  private final Result result = new Result(ColumnType.BOOLEAN);

  private static final int ANY = -1;
  private static final int ONE = -2;

  /**
   * @param escape the escape character, or -1 for none
   * @throws IllegalArgumentException for an escape character not followed by {@code %}, {@code _}
   *     or itself
   */
  Like(Expr operand, String sqlPattern, int escape, boolean ignoreAsciiCase) {
    if (operand.type() != ColumnType.VARCHAR) {
      throw new IllegalArgumentException("LIKE matches a VARCHAR, not " + operand.type());
    }
    this.operand = operand;
    this.asciiCase = ignoreAsciiCase;
    int[] cps = sqlPattern.codePoints().toArray();
    int[] p = new int[cps.length];
    int len = 0;
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      if (c == escape) {
        if (i + 1 == cps.length
            || (cps[i + 1] != '%' && cps[i + 1] != '_' && cps[i + 1] != escape)) {
          throw new IllegalArgumentException(
              "invalid escape sequence in LIKE pattern '" + sqlPattern + "' at " + i);
        }
        p[len++] = fold(cps[++i]);
      } else {
        p[len++] = c == '%' ? ANY : c == '_' ? ONE : fold(c);
      }
    }
    this.pattern = java.util.Arrays.copyOf(p, len);
    int anys = 0;
    boolean ones = false;
    for (int c : pattern) {
      anys += c == ANY ? 1 : 0;
      ones |= c == ONE;
    }
    boolean first = len > 0 && pattern[0] == ANY;
    boolean last = len > 0 && pattern[len - 1] == ANY;
    Shape s = Shape.GENERAL;
    if (!ones) {
      if (anys == 0) {
        s = Shape.EQUALS;
      } else if (anys == 1 && last && len > 0) {
        s = Shape.PREFIX;
      } else if (anys == 1 && first) {
        s = Shape.SUFFIX;
      } else if (anys == 2 && first && last && len >= 2) {
        s = Shape.CONTAINS;
      } else if (anys >= 2) {
        s = Shape.SEGMENTS;
      }
    }
    this.shape = s;
    this.anchoredStart = !first;
    this.anchoredEnd = !last;
    this.segments = s == Shape.SEGMENTS ? segments(pattern) : null;
    StringBuilder t = new StringBuilder();
    for (int c : pattern) {
      if (c >= 0) {
        t.appendCodePoint(c);
      }
    }
    this.text = t.toString();
  }

  @Override
  public ColumnType type() {
    return ColumnType.BOOLEAN;
  }

  @Override
  public ColumnBatch evaluate(ColumnBatch input, boolean[] rows) {
    ColumnBatch x = operand.evaluate(input, rows);
    int n = input.size();
    ColumnBatch out = result.of(n);
    boolean[] nulls = out.nulls(0);
    long[] values = out.longs(0);
    boolean[] xn = x.nulls(0);
    Object[] xv = x.objects(0);
    Masks.nulls(nulls, xn, rows, n);
    for (int r = 0; r < n; r++) {
      if (!nulls[r]) {
        String v = (String) xv[r];
        values[r] = matches(asciiCase ? asciiLower(v) : v) ? 1 : 0;
      }
    }
    return out;
  }

  boolean matches(String s) {
    return switch (shape) {
      case EQUALS -> s.equals(text);
      case PREFIX -> s.startsWith(text);
      case SUFFIX -> s.endsWith(text);
      case CONTAINS -> s.contains(text);
      case SEGMENTS -> segmentsMatch(s);
      case GENERAL -> general(s);
    };
  }

  /**
   * The literal runs of a pattern without {@code _}, between its {@code %}s, empty ones left out.
   */
  private static String[] segments(int[] pattern) {
    List<String> runs = new ArrayList<>();
    StringBuilder run = new StringBuilder();
    for (int c : pattern) {
      if (c == ANY) {
        runs.add(run.toString());
        run.setLength(0);
      } else {
        run.appendCodePoint(c);
      }
    }
    runs.add(run.toString());
    return runs.toArray(new String[0]);
  }

  /**
   * A pattern of literal runs between {@code %}s and no {@code _} ({@code %special%requests%}):
   * each run found after the one before, leftmost first (taking the earliest place for a run only
   * leaves more room for the runs after it), the first run at the start and the last at the end
   * when the pattern does not begin or end with {@code %}. {@link String#indexOf} instead of the
   * general matcher's step per character and retry per {@code %}.
   */
  private boolean segmentsMatch(String s) {
    String[] runs = segments;
    int last = runs.length - 1;
    int from = 0;
    int end = s.length();
    if (anchoredStart) {
      if (!s.startsWith(runs[0])) {
        return false;
      }
      from = runs[0].length();
    }
    if (anchoredEnd) {
      if (!s.endsWith(runs[last]) || end - runs[last].length() < from) {
        return false;
      }
      end -= runs[last].length();
    }
    for (int i = anchoredStart ? 1 : 0; i <= (anchoredEnd ? last - 1 : last); i++) {
      String run = runs[i];
      if (run.isEmpty()) {
        continue;
      }
      int at = s.indexOf(run, from);
      if (at < 0 || at + run.length() > end) {
        return false;
      }
      from = at + run.length();
    }
    return true;
  }

  /** {@code c} as the matcher compares it: an ASCII capital as its small letter under ILIKE. */
  private int fold(int c) {
    return asciiCase && c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  }

  /** {@code s} with {@code A-Z} as {@code a-z}, nothing else changed; itself when it has none. */
  static String asciiLower(String s) {
    int i = 0;
    int n = s.length();
    while (i < n && (s.charAt(i) < 'A' || s.charAt(i) > 'Z')) {
      i++;
    }
    if (i == n) {
      return s;
    }
    char[] chars = s.toCharArray();
    for (; i < n; i++) {
      char c = chars[i];
      if (c >= 'A' && c <= 'Z') {
        chars[i] = (char) (c + ('a' - 'A'));
      }
    }
    return new String(chars);
  }

  private static boolean terminator(int c) {
    return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
  }

  /**
   * The classic wildcard match: walk both, and on a mismatch go back to the last {@code %} and let
   * it take one more character. Linear in the string for each {@code %} that has to retry.
   */
  private boolean general(String s) {
    int sn = s.length();
    int si = 0;
    int pi = 0;
    int starP = -1;
    int starS = -1;
    while (si < sn) {
      int c = s.codePointAt(si);
      int width = Character.charCount(c);
      if (pi < pattern.length
          && pattern[pi] != ANY
          && (pattern[pi] == c || (pattern[pi] == ONE && !terminator(c)))) {
        si += width;
        pi++;
      } else if (pi < pattern.length && pattern[pi] == ANY) {
        starP = pi++;
        starS = si;
      } else if (starP >= 0) {
        pi = starP + 1;
        starS += Character.charCount(s.codePointAt(starS));
        si = starS;
      } else {
        return false;
      }
    }
    while (pi < pattern.length && pattern[pi] == ANY) {
      pi++;
    }
    return pi == pattern.length;
  }
}
