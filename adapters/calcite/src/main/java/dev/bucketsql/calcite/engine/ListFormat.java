package dev.bucketsql.calcite.engine;

import java.util.List;

/**
 * A list as DuckDB writes it as text: {@code [a, b]}, {@code [1.5, NULL]}; a string element that
 * would not read back as itself (a comma, a bracket, a quote, a backslash, outer spaces, empty, or
 * the word NULL) in single quotes with {@code '} and {@code \} escaped by a backslash.
 */
public final class ListFormat {
  private ListFormat() {}

  /** The text of {@code list}, or null for a NULL list. */
  public static String text(List<?> list) {
    if (list == null) {
      return null;
    }
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      append(out, list.get(i));
    }
    return out.append(']').toString();
  }

  private static void append(StringBuilder out, Object e) {
    if (e == null) {
      out.append("NULL");
    } else if (e instanceof List<?> l) {
      out.append(text(l));
    } else if (e instanceof String s) {
      if (!needsQuotes(s)) {
        out.append(s);
        return;
      }
      out.append('\'');
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '\'' || c == '\\') {
          out.append('\\');
        }
        out.append(c);
      }
      out.append('\'');
    } else if ((e instanceof Double || e instanceof Float)
        && !Double.isFinite(((Number) e).doubleValue())) {
      double d = ((Number) e).doubleValue();
      out.append(Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf"); // DuckDB's spelling
    } else {
      out.append(e);
    }
  }

  private static boolean needsQuotes(String s) {
    if (s.isEmpty()
        || s.equalsIgnoreCase("NULL")
        || Character.isWhitespace(s.charAt(0))
        || Character.isWhitespace(s.charAt(s.length() - 1))) {
      return true;
    }
    for (int i = 0; i < s.length(); i++) {
      if (",[]{}'\"\\:".indexOf(s.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }
}
