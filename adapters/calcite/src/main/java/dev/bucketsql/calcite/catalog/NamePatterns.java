package dev.bucketsql.calcite.catalog;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * JDBC metadata patterns ({@code getTables(null, "a%", "t\\_1", ...)}): {@code %} matches any
 * characters, {@code _} exactly one, and {@code \} makes the next character literal. Calcite's own
 * matcher treats {@code _} as a literal, so the catalog matches its names itself.
 */
public final class NamePatterns {
  private NamePatterns() {}

  /** A predicate matching the names {@code pattern} selects; null or {@code %} selects all. */
  public static Predicate<String> matcher(String pattern) {
    if (pattern == null || pattern.equals("%")) {
      return name -> true;
    }
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        re.append(".*");
      } else if (c == '_') {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    Pattern compiled = Pattern.compile(re.toString(), Pattern.DOTALL);
    return name -> compiled.matcher(name).matches();
  }
}
