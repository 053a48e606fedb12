package dev.bucketsql.calcite.engine;

import dev.bucketsql.calcite.engine.KeywordNames.Kind;
import dev.bucketsql.calcite.engine.KeywordNames.Token;
import java.util.List;
import java.util.Locale;

/**
 * DuckDB's lambda syntax {@code lambda x: x + 1} and {@code lambda acc, x: acc + x}, which DuckDB
 * now prefers to the arrow, written as the arrow form Calcite's parser reads: {@code ( x)-> x + 1}.
 * The text keeps its length (the word {@code lambda} gives room for the parenthesis and the arrow),
 * so error positions after it still point at the text as typed. A {@code lambda} not followed by
 * names and a colon is left alone (a column may be named {@code lambda}).
 */
final class LambdaSyntax {
  private LambdaSyntax() {}

  /** {@code sql} with each DuckDB lambda written with an arrow. */
  static String rewrite(String sql) {
    if (!sql.toLowerCase(Locale.ROOT).contains("lambda")) {
      return sql;
    }
    List<Token> tokens = KeywordNames.tokenize(sql);
    StringBuilder out = new StringBuilder(sql.length());
    int copied = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind() != Kind.WORD || !t.upper().equals("LAMBDA")) {
        continue;
      }
      int colon = parametersEnd(tokens, i + 1);
      if (colon < 0) {
        continue;
      }
      // "lambda" (6 characters) becomes "   (" and ":" becomes ")->": the same length in all
      Token c = tokens.get(colon);
      out.append(sql, copied, t.start())
          .append("   (")
          .append(sql, t.end(), c.start())
          .append(")->");
      copied = c.end();
      i = colon;
    }
    return out.append(sql, copied, sql.length()).toString();
  }

  /** The index of the colon after {@code name[, name ...]} from {@code from}, or -1. */
  private static int parametersEnd(List<Token> tokens, int from) {
    int k = from;
    while (k < tokens.size() && tokens.get(k).kind() == Kind.WORD) {
      if (k + 1 < tokens.size() && tokens.get(k + 1).text().equals(":")) {
        return k + 1;
      }
      if (k + 1 >= tokens.size() || !tokens.get(k + 1).text().equals(",")) {
        return -1;
      }
      k += 2;
    }
    return -1;
  }
}
