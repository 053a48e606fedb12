package dev.bucketsql.calcite.engine;

import dev.bucketsql.calcite.engine.KeywordNames.Kind;
import dev.bucketsql.calcite.engine.KeywordNames.Rewritten;
import dev.bucketsql.calcite.engine.KeywordNames.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minus before a floating-point zero literal ({@code -0e0}, {@code -0.0E5}) kept as a negation,
 * by a token pass before the parser: Calcite's parser folds a minus into the numeric literal after
 * it, and a literal's value is a {@code BigDecimal}, which has no negative zero, so {@code -0e0}
 * became 0.0 where DuckDB has -0.0 ({@code 1 / -0e0} is -inf there). The literal becomes {@code
 * CAST(0e0 AS DOUBLE)}, which the parser leaves under the minus; the value is computed as a double.
 * An exact literal ({@code -0.0}, a DECIMAL) has no negative zero in DuckDB either and stays as it
 * is.
 */
final class NegativeZeroLiterals {
  /** An approximate numeric literal: digits, an optional fraction, and an exponent. */
  private static final Pattern APPROXIMATE =
      Pattern.compile("(?:\\d+(?:\\.\\d*)?|\\.\\d+)[eE][+-]?\\d+");

  private NegativeZeroLiterals() {}

  /** The statement with each {@code -0e0} spelled as a negation of a cast. */
  static Rewritten rewrite(String sql) {
    if (sql.indexOf('-') < 0) {
      return new Rewritten(sql, List.of());
    }
    List<Token> tokens = KeywordNames.tokenize(sql);
    StringBuilder out = new StringBuilder(sql.length() + 16);
    List<int[]> changes = new ArrayList<>();
    int copied = 0;
    for (int i = 0; i + 1 < tokens.size(); i++) {
      Token minus = tokens.get(i);
      if (minus.kind() != Kind.SYMBOL || !minus.text().equals("-")) {
        continue;
      }
      Token first = tokens.get(i + 1);
      Matcher m = APPROXIMATE.matcher(sql).region(first.start(), sql.length());
      if (!m.lookingAt() || followedByName(sql, m.end()) || Double.parseDouble(m.group()) != 0) {
        continue;
      }
      String replacement = "CAST(" + m.group() + " AS DOUBLE)";
      out.append(sql, copied, first.start()).append(replacement);
      copied = m.end();
      changes.add(
          new int[] {first.line(), first.column(), replacement.length() - m.group().length()});
    }
    if (changes.isEmpty()) {
      return new Rewritten(sql, List.of());
    }
    out.append(sql, copied, sql.length());
    return new Rewritten(out.toString(), changes);
  }

  private static boolean followedByName(String sql, int end) {
    return end < sql.length()
        && (Character.isLetterOrDigit(sql.charAt(end))
            || sql.charAt(end) == '_'
            || sql.charAt(end) == '.');
  }
}
