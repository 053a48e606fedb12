package dev.bucketsql.calcite.engine;

import dev.bucketsql.calcite.engine.KeywordNames.Kind;
import dev.bucketsql.calcite.engine.KeywordNames.Rewritten;
import dev.bucketsql.calcite.engine.KeywordNames.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * DuckDB's slices {@code l[a:b]}, {@code l[:b]}, {@code l[a:]} of a list or a string, as calls of
 * {@code list_slice(l, a, b)} ({@link ListSliceFunction}), by a token pass after {@link
 * ListSyntax}: a subscript whose brackets hold a {@code :} at their own level. A missing start is
 * 1, a missing end -1 (the last element, as DuckDB reads it).
 */
final class ListSlices {
  /** Words before a parenthesis that are no function name. */
  private static final java.util.Set<String> KEYWORDS =
      java.util.Set.of(
          "SELECT",
          "WHERE",
          "AND",
          "OR",
          "NOT",
          "THEN",
          "ELSE",
          "WHEN",
          "CASE",
          "ON",
          "HAVING",
          "BY",
          "IN",
          "IS",
          "DISTINCT",
          "ALL",
          "VALUES",
          "LIKE",
          "AS",
          "RETURN",
          "SET",
          "BETWEEN",
          "FROM",
          "JOIN",
          "EXISTS");

  private ListSlices() {}

  /** The statement with each slice written as a call. */
  static Rewritten rewrite(String sql) {
    List<Token> tokens = KeywordNames.tokenize(sql);
    List<int[]> edits = new ArrayList<>(); // offset, length replaced, then the text in texts
    List<String> texts = new ArrayList<>();
    for (int i = 1; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind() != Kind.SYMBOL || !t.text().equals("[") || !subscript(tokens.get(i - 1))) {
        continue;
      }
      int close = matching(tokens, i, "[", "]");
      int colon = -1;
      int depth = 0;
      for (int k = i + 1; k < close; k++) {
        String s = tokens.get(k).text();
        depth += s.equals("(") || s.equals("[") ? 1 : s.equals(")") || s.equals("]") ? -1 : 0;
        if (depth == 0 && tokens.get(k).kind() == Kind.SYMBOL && s.equals(":")) {
          colon = k;
          break;
        }
      }
      if (close < 0 || colon < 0) {
        continue;
      }
      int start = primaryStart(tokens, i - 1);
      if (start < 0) {
        continue;
      }
      add(edits, texts, tokens.get(start).start(), 0, "list_slice(");
      add(edits, texts, t.start(), 1, colon == i + 1 ? ", 1" : ", ");
      add(edits, texts, tokens.get(colon).start(), 1, colon + 1 == close ? ", -1" : ", ");
      add(edits, texts, tokens.get(close).start(), 1, ")");
    }
    if (edits.isEmpty()) {
      return new Rewritten(sql, List.of());
    }
    List<Integer> order = new ArrayList<>();
    for (int e = 0; e < edits.size(); e++) {
      order.add(e);
    }
    order.sort((a, b) -> Integer.compare(edits.get(a)[0], edits.get(b)[0]));
    StringBuilder out = new StringBuilder(sql.length() + 32);
    List<int[]> changes = new ArrayList<>();
    int copied = 0;
    for (int e : order) {
      int[] edit = edits.get(e);
      out.append(sql, copied, edit[0]).append(texts.get(e));
      copied = edit[0] + edit[1];
      int line = 1;
      int lineStart = 0;
      for (int k = 0; k < edit[0]; k++) {
        if (sql.charAt(k) == '\n') {
          line++;
          lineStart = k + 1;
        }
      }
      changes.add(new int[] {line, edit[0] - lineStart + 1, texts.get(e).length() - edit[1]});
    }
    out.append(sql, copied, sql.length());
    return new Rewritten(out.toString(), changes);
  }

  private static void add(
      List<int[]> edits, List<String> texts, int offset, int length, String text) {
    edits.add(new int[] {offset, length});
    texts.add(text);
  }

  /**
   * Whether a {@code [} after {@code previous} is a subscript (ListSyntax made literals ARRAY[).
   */
  private static boolean subscript(Token previous) {
    return switch (previous.kind()) {
      case WORD -> !previous.upper().equals("ARRAY");
      case STRING, QUOTED -> true;
      case SYMBOL -> previous.text().equals(")") || previous.text().equals("]");
    };
  }

  /** The first token of the value that ends at {@code last}, or -1. */
  private static int primaryStart(List<Token> tokens, int last) {
    int k = last;
    while (k >= 0) {
      Token t = tokens.get(k);
      int start;
      if (t.text().equals("]") && t.kind() == Kind.SYMBOL) {
        start = matchingBack(tokens, k, "[", "]");
      } else if (t.text().equals(")") && t.kind() == Kind.SYMBOL) {
        start = matchingBack(tokens, k, "(", ")");
      } else if (t.kind() == Kind.WORD || t.kind() == Kind.QUOTED || t.kind() == Kind.STRING) {
        start = k;
      } else {
        return -1;
      }
      if (start < 0) {
        return -1;
      }
      // a call's name, ARRAY before a literal, a subscript's value, or a qualified name's parts
      Token before = start > 0 ? tokens.get(start - 1) : null;
      boolean bracketOrParen = start != k;
      if (before != null
          && bracketOrParen
          && ((before.kind() == Kind.WORD && !KEYWORDS.contains(before.upper()))
              || before.kind() == Kind.QUOTED
              || before.text().equals("]")
              || before.text().equals(")"))) {
        k = start - 1;
        continue;
      }
      if (before != null && before.text().equals(".") && start >= 2) {
        k = start - 2;
        continue;
      }
      return start;
    }
    return -1;
  }

  private static int matching(List<Token> tokens, int open, String o, String c) {
    int depth = 0;
    for (int k = open; k < tokens.size(); k++) {
      String s = tokens.get(k).text();
      if (tokens.get(k).kind() != Kind.SYMBOL) {
        continue;
      }
      if (s.equals(o)) {
        depth++;
      } else if (s.equals(c) && --depth == 0) {
        return k;
      }
    }
    return -1;
  }

  private static int matchingBack(List<Token> tokens, int close, String o, String c) {
    int depth = 0;
    for (int k = close; k >= 0; k--) {
      String s = tokens.get(k).text();
      if (tokens.get(k).kind() != Kind.SYMBOL) {
        continue;
      }
      if (s.equals(c)) {
        depth++;
      } else if (s.equals(o) && --depth == 0) {
        return k;
      }
    }
    return -1;
  }
}
