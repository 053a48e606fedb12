package dev.bucketsql.calcite.engine;

import dev.bucketsql.format.SqlStateException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * DuckDB's {@code regexp_matches(s, pattern[, options])} (whether the pattern occurs anywhere in
 * {@code s}) and {@code regexp_extract(s, pattern[, group])} (the first match or one of its groups,
 * the empty string when nothing matches). Called by generated code; public for that reason only.
 *
 * <p>Patterns are Java regular expressions, which accept everything DuckDB's RE2 syntax does that
 * these functions are used for (classes, quantifiers, groups, anchors). As in DuckDB, a dot does
 * not match a line break, and {@code ^} and {@code $} match only at the ends of the text. Options:
 * {@code c} (case sensitive, the default), {@code i} (case insensitive), {@code s} (a dot matches a
 * line break), {@code m}, {@code n} or {@code p} (it does not, the default), {@code l} (the pattern
 * is a literal string). A bad pattern fails with SQLSTATE 2201B, a bad option with 22023.
 */
public final class DuckDbRegex {
  /** SQLSTATE 2201B: an invalid regular expression. */
  static final String INVALID_REGULAR_EXPRESSION = "2201B";

  private static final int CACHE_LIMIT = 256;
  // Patterns are nearly always constants: compile each once, not once per row.
  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

  private DuckDbRegex() {}

  /** {@code regexp_matches(s, pattern)}. */
  public static Boolean matches(String s, String pattern) {
    return matchesWithOptions(s, pattern, "");
  }

  /** {@code regexp_matches(s, pattern, options)}. */
  public static Boolean matchesWithOptions(String s, String pattern, String options) {
    if (s == null || pattern == null || options == null) {
      return null;
    }
    return compile("regexp_matches", pattern, options).matcher(s).find();
  }

  /** {@code regexp_extract(s, pattern)}: the first match, or the empty string. */
  public static String extract(String s, String pattern) {
    return extractGroup(s, pattern, 0);
  }

  /** {@code regexp_extract(s, pattern, group)}: group {@code group} of the first match. */
  public static String extractGroup(String s, String pattern, Integer group) {
    if (s == null || pattern == null || group == null) {
      return null;
    }
    Pattern p = compile("regexp_extract", pattern, "");
    Matcher m = p.matcher(s);
    int groups = m.groupCount();
    if (group < 0 || group > groups) {
      throw new SqlStateException(
          SqlStateException.INVALID_PARAMETER_VALUE,
          "regexp_extract: group "
              + group
              + " does not exist in '"
              + pattern
              + "', which has "
              + groups
              + " group(s); use 0 (the whole match) to "
              + groups);
    }
    if (!m.find()) {
      return "";
    }
    String value = m.group(group);
    return value == null ? "" : value;
  }

  static Pattern compile(String function, String pattern, String options) {
    String key = options + '\u0000' + pattern;
    Pattern cached = CACHE.get(key);
    if (cached != null) {
      return cached;
    }
    int flags = 0;
    for (int i = 0; i < options.length(); i++) {
      char o = options.charAt(i);
      switch (o) {
        case 'c' -> flags &= ~(Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        case 'i' -> flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        case 's' -> flags |= Pattern.DOTALL;
        case 'm', 'n', 'p' -> flags &= ~Pattern.DOTALL;
        case 'l' -> flags |= Pattern.LITERAL;
        case 'g' ->
            throw new SqlStateException(
                SqlStateException.INVALID_PARAMETER_VALUE,
                function + ": option 'g' (replace every match) is only for regexp_replace");
        default ->
            throw new SqlStateException(
                SqlStateException.INVALID_PARAMETER_VALUE,
                function
                    + ": unknown option '"
                    + o
                    + "' in '"
                    + options
                    + "'; use c, i, s, m, n, p or l");
      }
    }
    Pattern compiled;
    try {
      compiled = Pattern.compile(pattern, flags);
    } catch (PatternSyntaxException e) {
      throw new SqlStateException(
          INVALID_REGULAR_EXPRESSION,
          function + ": invalid regular expression '" + pattern + "': " + e.getDescription(),
          e);
    }
    if (CACHE.size() >= CACHE_LIMIT) {
      CACHE.clear();
    }
    CACHE.put(key, compiled);
    return compiled;
  }
}
