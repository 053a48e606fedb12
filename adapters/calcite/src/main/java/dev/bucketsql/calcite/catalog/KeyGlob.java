package dev.bucketsql.calcite.catalog;

import java.util.regex.Pattern;

/**
 * A glob over object keys: {@code *} matches within one folder level, {@code **} across
 * levels, {@code ?} one character, {@code [abc]} one of a set, {@code {a,b}} either
 * alternative. Everything else matches itself.
 */
final class KeyGlob {
  private KeyGlob() {}

  /** The regular expression matching the same keys as {@code glob}. */
  static Pattern compile(String glob) {
    StringBuilder re = new StringBuilder();
    int braces = 0;
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> {
          if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
            re.append(".*");
            i++;
          } else {
            re.append("[^/]*");
          }
        }
        case '?' -> re.append("[^/]");
        case '[' -> {
          int end = glob.indexOf(']', i + 1);
          if (end < 0) {
            re.append("\\[");
          } else {
            String set = glob.substring(i + 1, end).replace("\\", "\\\\");
            re.append('[').append(set.startsWith("!") ? "^" + set.substring(1) : set).append(']');
            i = end;
          }
        }
        case '{' -> {
          braces++;
          re.append("(?:");
        }
        case '}' -> {
          if (braces > 0) {
            braces--;
            re.append(')');
          } else {
            re.append("\\}");
          }
        }
        case ',' -> re.append(braces > 0 ? "|" : ",");
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (braces > 0) {
      throw new IllegalArgumentException("unclosed '{' in glob '" + glob + "'");
    }
    return Pattern.compile(re.toString());
  }

  /** Whether {@code s} holds glob syntax. */
  static boolean isGlob(String s) {
    return s.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
  }
}
