package dev.bucketsql.calcite.engine;

import dev.bucketsql.calcite.engine.KeywordNames.Kind;
import dev.bucketsql.calcite.engine.KeywordNames.Rewritten;
import dev.bucketsql.calcite.engine.KeywordNames.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * DuckDB's list syntax in the spelling Calcite's parser reads, by a token pass before it: the type
 * suffix {@code DOUBLE[]} becomes {@code DOUBLE ARRAY}, a list literal {@code [1, 2]} becomes
 * {@code ARRAY[1, 2]}, {@code unnest(l)} outside FROM becomes a call the parser takes as a function
 * ({@link ListUnnest} makes rows of it), and {@code trim(s, chars)} becomes {@code btrim(s, chars)}
 * (the parser knows only {@code TRIM(BOTH c FROM s)}). A bracket after a name, a call or a literal
 * stays a subscript ({@code tags[1]}).
 */
final class ListSyntax {
  /** Words after which a {@code [} starts a list literal rather than a subscript. */
  private static final Set<String> BEFORE_VALUE =
      Set.of(
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
          "BETWEEN");

  /** Words that start a clause, to know whether an {@code unnest(} is in FROM. */
  private static final Set<String> CLAUSES =
      Set.of(
          "SELECT", "FROM", "JOIN", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "QUALIFY",
          "WINDOW", "ON", "USING");

  /** The name an {@code unnest(} of the select list gets, which the parser takes as a function. */
  static final String UNNEST = "\"unnest\"";

  private ListSyntax() {}

  /** The statement in Calcite's spelling of arrays. */
  static Rewritten rewrite(String sql) {
    List<Token> tokens = KeywordNames.tokenize(sql);
    StringBuilder out = new StringBuilder(sql.length() + 16);
    List<int[]> changes = new ArrayList<>();
    List<String> clause = new ArrayList<>();
    clause.add("");
    int copied = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      Token previous = i > 0 ? tokens.get(i - 1) : null;
      Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
      trackClause(t, clause);
      String replacement = null;
      int length = t.text().length();
      if (t.text().equals("[") && t.kind() == Kind.SYMBOL) {
        if (next != null
            && next.text().equals("]")
            && next.start() == t.start() + 1
            && typeSuffix(previous)) {
          replacement = " ARRAY";
          length = 2;
        } else if (startsValue(previous)) {
          replacement = "ARRAY[";
        }
      } else if (t.kind() == Kind.WORD && next != null && next.text().equals("(")) {
        if (t.upper().equals("UNNEST") && !inFrom(previous, clause)) {
          replacement = UNNEST;
        } else if (t.upper().equals("TRIM") && commaForm(tokens, i + 1)) {
          replacement = "btrim";
        }
      }
      if (replacement == null) {
        continue;
      }
      out.append(sql, copied, t.start()).append(replacement);
      copied = t.start() + length;
      changes.add(new int[] {t.line(), t.column(), replacement.length() - length});
    }
    out.append(sql, copied, sql.length());
    return new Rewritten(out.toString(), changes);
  }

  private static void trackClause(Token t, List<String> clause) {
    if (t.kind() == Kind.SYMBOL && t.text().equals("(")) {
      clause.add("");
    } else if (t.kind() == Kind.SYMBOL && t.text().equals(")") && clause.size() > 1) {
      clause.remove(clause.size() - 1);
    } else if (t.kind() == Kind.WORD && CLAUSES.contains(t.upper())) {
      clause.set(clause.size() - 1, t.upper());
    }
  }

  /** {@code []} after a type name, a type's arguments or another {@code []}. */
  private static boolean typeSuffix(Token previous) {
    if (previous == null) {
      return false;
    }
    return previous.kind() == Kind.WORD
        ? !BEFORE_VALUE.contains(previous.upper())
        : previous.text().equals("]") || previous.text().equals(")");
  }

  /** Whether a {@code [} after {@code previous} begins a value (a list literal). */
  private static boolean startsValue(Token previous) {
    if (previous == null) {
      return true;
    }
    return switch (previous.kind()) {
      case WORD -> BEFORE_VALUE.contains(previous.upper());
      case STRING, QUOTED -> false;
      case SYMBOL -> !previous.text().equals(")") && !previous.text().equals("]");
    };
  }

  private static boolean inFrom(Token previous, List<String> clause) {
    String current = clause.get(clause.size() - 1);
    return current.equals("FROM")
        || current.equals("JOIN")
        || (previous != null && previous.upper().equals("LATERAL"));
  }

  /** Whether the parenthesis at {@code open} holds two arguments split by a comma at its level. */
  private static boolean commaForm(List<Token> tokens, int open) {
    int depth = 0;
    for (int k = open; k < tokens.size(); k++) {
      Token t = tokens.get(k);
      if (t.kind() == Kind.WORD
          && depth == 1
          && Set.of("FROM", "BOTH", "LEADING", "TRAILING").contains(t.upper())) {
        return false;
      }
      if (t.kind() != Kind.SYMBOL) {
        continue;
      }
      switch (t.text()) {
        case "(", "[" -> depth++;
        case ")", "]" -> {
          if (--depth == 0) {
            return false;
          }
        }
        case "," -> {
          if (depth == 1) {
            return true;
          }
        }
        default -> {}
      }
    }
    return false;
  }
}
