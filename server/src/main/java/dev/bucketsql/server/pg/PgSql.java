package dev.bucketsql.server.pg;

import java.util.ArrayList;
import java.util.List;

/**
 * Lexical work on SQL text that the engine must not see as such: splitting a simple Query message
 * into statements, and turning PostgreSQL's {@code $1} parameters into JDBC's {@code ?}. Quotes,
 * quoted identifiers, dollar quotes and comments are skipped.
 */
final class PgSql {
  private PgSql() {}

  /**
   * A statement with {@code $n} replaced by {@code ?}.
   *
   * @param sql the text for the engine
   * @param parameters for each {@code ?} in order, which {@code $n} it was (1-based)
   */
  record Rewritten(String sql, int[] parameters) {
    /** How many parameters the client must bind: the largest {@code $n}. */
    int count() {
      int max = 0;
      for (int p : parameters) {
        max = Math.max(max, p);
      }
      return max;
    }
  }

  /** Splits on semicolons outside quotes and comments; blank statements are dropped. */
  static List<String> split(String sql) {
    List<String> statements = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == ';') {
        add(statements, sql.substring(start, i));
        start = ++i;
      } else {
        i = skip(sql, i);
      }
    }
    add(statements, sql.substring(start));
    return statements;
  }

  private static void add(List<String> statements, String statement) {
    if (!statement.isBlank() && !stripComments(statement).isBlank()) {
      statements.add(statement.strip());
    }
  }

  /** Replaces {@code $n} outside quotes and comments with {@code ?}. */
  static Rewritten rewriteParameters(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    List<Integer> parameters = new ArrayList<>();
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '$'
          && i + 1 < sql.length()
          && Character.isDigit(sql.charAt(i + 1))
          && (i == 0
              || !Character.isLetterOrDigit(sql.charAt(i - 1)) && sql.charAt(i - 1) != '_')) {
        int end = i + 1;
        while (end < sql.length() && Character.isDigit(sql.charAt(end))) {
          end++;
        }
        parameters.add(Integer.parseInt(sql.substring(i + 1, end)));
        out.append('?');
        i = end;
        continue;
      }
      int next = skip(sql, i);
      out.append(sql, i, next);
      i = next;
    }
    return new Rewritten(out.toString(), parameters.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The text without comments, for recognizing commands. */
  static String stripComments(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    int i = 0;
    while (i < sql.length()) {
      int next = skip(sql, i);
      boolean comment = sql.startsWith("--", i) || sql.startsWith("/*", i);
      out.append(comment ? " " : sql.substring(i, next));
      i = next;
    }
    return out.toString().strip();
  }

  /** The index after the token starting at {@code i}: a quoted string, a comment, or one char. */
  static int skip(String sql, int i) {
    char c = sql.charAt(i);
    if (c == '\'' || c == '"') {
      int j = i + 1;
      while (j < sql.length()) {
        if (sql.charAt(j) == c) {
          if (j + 1 < sql.length() && sql.charAt(j + 1) == c) {
            j += 2;
            continue;
          }
          return j + 1;
        }
        j++;
      }
      return sql.length();
    }
    if (sql.startsWith("--", i)) {
      int end = sql.indexOf('\n', i);
      return end < 0 ? sql.length() : end + 1;
    }
    if (sql.startsWith("/*", i)) {
      int end = sql.indexOf("*/", i + 2);
      return end < 0 ? sql.length() : end + 2;
    }
    if (c == '$') {
      int tagEnd = sql.indexOf('$', i + 1);
      if (tagEnd > i && sql.substring(i + 1, tagEnd).matches("[A-Za-z_]*")) {
        String tag = sql.substring(i, tagEnd + 1);
        int close = sql.indexOf(tag, tagEnd + 1);
        return close < 0 ? sql.length() : close + tag.length();
      }
    }
    return i + 1;
  }
}
