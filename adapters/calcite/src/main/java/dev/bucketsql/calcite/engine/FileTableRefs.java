package dev.bucketsql.calcite.engine;

import dev.bucketsql.calcite.catalog.FileReference;
import dev.bucketsql.calcite.engine.KeywordNames.Kind;
import dev.bucketsql.calcite.engine.KeywordNames.Rewritten;
import dev.bucketsql.calcite.engine.KeywordNames.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * DuckDB's files as tables, as a token pass before the parser: in table position (right after
 * {@code FROM}, {@code JOIN}, or a comma of a {@code FROM} list), a string literal ({@code FROM
 * 's3://bucket/key.csv'}) or a reader call ({@code read_csv(...)}, {@code read_csv_auto}, {@code
 * read_parquet}, {@code parquet_scan}) becomes one quoted name holding the text as typed, which the
 * bucket's schema resolves ({@link FileReference}). Without an alias, the table gets DuckDB's: the
 * file name without extension for a literal naming one file, the function's name for a call.
 *
 * <p>Why a pass and not a grammar: DuckDB's arguments ({@code header = true}, lists {@code [...]},
 * structs {@code {'id': 'INTEGER'}}) are not Calcite's syntax, and the name a file reference
 * becomes is an ordinary table to the planner, so pushdown, pruning and EXPLAIN are those of any
 * table. Only table positions change: the same literal in a {@code WHERE} is left alone.
 */
final class FileTableRefs {
  /** Words that open a query inside parentheses. */
  private static final java.util.Set<String> QUERY_STARTS =
      java.util.Set.of("SELECT", "WITH", "VALUES", "(");

  /** Words that end a FROM list at their paren level. */
  private static final Set<String> CLAUSES =
      Set.of(
          "WHERE",
          "GROUP",
          "HAVING",
          "ORDER",
          "LIMIT",
          "QUALIFY",
          "WINDOW",
          "UNION",
          "EXCEPT",
          "INTERSECT",
          "MINUS",
          "OFFSET",
          "FETCH",
          "SELECT",
          "VALUES");

  /** Words that may follow a table and are not its alias. */
  private static final Set<String> NOT_ALIAS =
      Set.of(
          "WHERE",
          "GROUP",
          "HAVING",
          "ORDER",
          "LIMIT",
          "QUALIFY",
          "WINDOW",
          "UNION",
          "EXCEPT",
          "INTERSECT",
          "MINUS",
          "OFFSET",
          "FETCH",
          "JOIN",
          "INNER",
          "LEFT",
          "RIGHT",
          "FULL",
          "CROSS",
          "NATURAL",
          "ON",
          "USING",
          "TABLESAMPLE",
          "FOR",
          "MATCH_RECOGNIZE",
          "PIVOT",
          "UNPIVOT",
          "ASOF",
          "POSITIONAL",
          "SEMI",
          "ANTI",
          "LATERAL");

  private FileTableRefs() {}

  static Rewritten rewrite(String sql) {
    List<Token> tokens = KeywordNames.tokenize(sql);
    StringBuilder out = new StringBuilder(sql.length() + 16);
    List<int[]> changes = new ArrayList<>();
    Deque<Boolean> inFrom = new ArrayDeque<>();
    inFrom.push(false);
    // whether each paren level holds a query, where FROM starts a table list: not a function's
    // arguments (TRIM('x' FROM s), SUBSTRING(s FROM 2), EXTRACT(YEAR FROM d))
    Deque<Boolean> query = new ArrayDeque<>();
    query.push(true);
    boolean tablePosition = false;
    int copied = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      boolean expectTable = tablePosition;
      tablePosition = false;
      String upper = t.kind() == Kind.WORD ? t.upper() : "";
      if (t.kind() == Kind.SYMBOL && t.text().equals("(")) {
        inFrom.push(false);
        query.push(
            expectTable
                || (i + 1 < tokens.size() && QUERY_STARTS.contains(tokens.get(i + 1).upper())));
        continue;
      }
      if (t.kind() == Kind.SYMBOL && t.text().equals(")")) {
        if (inFrom.size() > 1) {
          inFrom.pop();
          query.pop();
        }
        continue;
      }
      boolean isDistinctFrom =
          upper.equals("FROM") && i > 0 && tokens.get(i - 1).upper().equals("DISTINCT");
      if ((upper.equals("FROM") || upper.equals("JOIN")) && (!query.peek() || isDistinctFrom)) {
        continue; // a FROM inside a function's arguments, or IS [NOT] DISTINCT FROM
      }
      if (upper.equals("FROM") || upper.equals("JOIN")) {
        inFrom.pop();
        inFrom.push(true);
        tablePosition = true;
        continue;
      }
      if (CLAUSES.contains(upper)) {
        inFrom.pop();
        inFrom.push(false);
        continue;
      }
      if (t.kind() == Kind.SYMBOL && t.text().equals(",") && inFrom.peek()) {
        tablePosition = true;
        continue;
      }
      if (!expectTable) {
        continue;
      }
      int end; // index of the last token of the reference
      if (t.kind() == Kind.STRING) {
        end = i;
      } else if (t.kind() == Kind.WORD
          && FileReference.FUNCTIONS.contains(t.text().toLowerCase(Locale.ROOT))
          && i + 1 < tokens.size()
          && tokens.get(i + 1).text().equals("(")) {
        end = closingParen(tokens, i + 1);
        if (end < 0) {
          continue; // unbalanced: the parser reports it
        }
      } else {
        continue;
      }
      Token last = tokens.get(end);
      int stop = last.start() + last.text().length();
      String text = sql.substring(t.start(), stop);
      String name =
          text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace("\"", "\"\"");
      StringBuilder replacement = new StringBuilder("\"").append(name).append('"');
      Token next = end + 1 < tokens.size() ? tokens.get(end + 1) : null;
      String alias = hasAlias(next) ? null : alias(t, text);
      if (alias != null) {
        replacement.append(" AS \"").append(alias.replace("\"", "\"\"")).append('"');
      }
      int newlines = (int) text.chars().filter(c -> c == '\n').count();
      if (newlines > 0) {
        // keep what follows on its line and column: the name, then the line breaks, then padding
        replacement.append("\n".repeat(newlines)).append(" ".repeat(columnAfter(sql, stop) - 1));
        changes.add(new int[] {t.line(), t.column(), 0});
      } else {
        changes.add(new int[] {t.line(), t.column(), replacement.length() - text.length()});
      }
      out.append(sql, copied, t.start()).append(replacement);
      copied = stop;
      i = end;
    }
    out.append(sql, copied, sql.length());
    return new Rewritten(out.toString(), changes);
  }

  /** The index of the ")" that closes the "(" at {@code open}, or -1. */
  private static int closingParen(List<Token> tokens, int open) {
    int depth = 0;
    for (int k = open; k < tokens.size(); k++) {
      String s = tokens.get(k).kind() == Kind.SYMBOL ? tokens.get(k).text() : "";
      if (s.equals("(")) {
        depth++;
      } else if (s.equals(")") && --depth == 0) {
        return k;
      }
    }
    return -1;
  }

  private static boolean hasAlias(Token next) {
    if (next == null) {
      return false;
    }
    if (next.kind() == Kind.QUOTED) {
      return true;
    }
    return next.kind() == Kind.WORD
        && (next.upper().equals("AS") || !NOT_ALIAS.contains(next.upper()));
  }

  /**
   * DuckDB's alias: the file name without extensions for a literal naming one file, else the
   * function.
   */
  private static String alias(Token first, String text) {
    if (first.kind() == Kind.WORD) {
      return first.text().toLowerCase(Locale.ROOT);
    }
    String path = text.substring(1, text.length() - 1).replace("''", "'");
    if (path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{')) {
      return null;
    }
    String file = path.substring(path.lastIndexOf('/') + 1);
    int dot = file.indexOf('.');
    return dot > 0 ? file.substring(0, dot) : file.isEmpty() ? null : file;
  }

  private static int columnAfter(String sql, int offset) {
    int lineStart = sql.lastIndexOf('\n', offset - 1) + 1;
    return offset - lineStart + 1;
  }
}
