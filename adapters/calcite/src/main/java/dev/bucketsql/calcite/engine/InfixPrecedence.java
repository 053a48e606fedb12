package dev.bucketsql.calcite.engine;

import dev.bucketsql.calcite.engine.KeywordNames.Kind;
import dev.bucketsql.calcite.engine.KeywordNames.Token;
import dev.bucketsql.format.SqlStateException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * DuckDB's operators that Calcite's parser reads with another meaning or another precedence, which
 * would change an answer silently.
 *
 * <ul>
 *   <li>{@code ^} and {@code **} are DuckDB's power (a DOUBLE); Calcite reads {@code ^} as a
 *       bitwise XOR ({@code 2 ^ 3} was 1, not 8) and {@code **} not at all. {@code **} is written
 *       {@code ^ } before parsing (the text keeps its length) and every XOR operator becomes {@code
 *       POWER} after it ({@link #rewrite}).
 *   <li>DuckDB's power binds tighter than {@code *} and {@code +}; Calcite's {@code ^} looser
 *       ({@code 2 * 3 ^ 2} is 18 in DuckDB, {@code (2 * 3) ^ 2} in Calcite). DuckDB's {@code &},
 *       {@code <<}, {@code >>} and {@code ||} bind looser than {@code +}; Calcite's {@code &} and
 *       {@code ||} tighter ({@code 4 + 6 & 3} is 2 in DuckDB, 6 in Calcite; {@code '1' || 9 + 1} is
 *       {@code '110'} in DuckDB, 20 in Calcite). Where such an operator meets, in the same
 *       expression without parentheses between them, another operator that the two parsers group
 *       with it differently, the statement is refused (42601) with the fix, to put the operation in
 *       parentheses ({@link #readsOtherwise}). Alone, or where both group alike ({@code x ^ 2 + 1},
 *       {@code a & b * c}), it runs.
 * </ul>
 */
final class InfixPrecedence {
  private static final String SYNTAX_ERROR = "42601";

  /** Operators whose precedence differs between DuckDB and Calcite. */
  private static final Set<String> SENSITIVE = Set.of("^", "&", "<<", ">>", "||");

  /** Binary arithmetic and bit operators. */
  private static final Set<String> ARITHMETIC =
      Set.of("+", "-", "*", "/", "%", "^", "&", "|", "<<", ">>", "||", "//");

  /** Words that end an operand: the expression's level stops there. */
  private static final Set<String> STOP_WORDS =
      Set.of(
          "AND",
          "OR",
          "NOT",
          "WHEN",
          "THEN",
          "ELSE",
          "END",
          "CASE",
          "SELECT",
          "WHERE",
          "FROM",
          "AS",
          "ON",
          "BY",
          "HAVING",
          "LIMIT",
          "OFFSET",
          "BETWEEN",
          "IN",
          "IS",
          "LIKE",
          "ILIKE",
          "SIMILAR",
          "DISTINCT",
          "ALL",
          "ANY",
          "SOME",
          "EXISTS",
          "QUALIFY",
          "USING",
          "JOIN",
          "UNION",
          "EXCEPT",
          "INTERSECT",
          "ORDER",
          "GROUP",
          "WINDOW",
          "OVER",
          "PARTITION",
          "ROWS",
          "RANGE",
          "FILTER",
          "WITHIN",
          "ESCAPE",
          "ASC",
          "DESC",
          "NULLS",
          "VALUES",
          "SET",
          "RETURNING",
          "GLOB",
          "COLLATE");

  /** The second character of a two-character operator or comparison: no operator of its own. */
  private static final String SECOND_HALF = "";

  private InfixPrecedence() {}

  /**
   * The statement's text with {@code **} as {@code ^ }, after checking that no power or bit
   * operator meets an operator that the two parsers group with it differently.
   *
   * @param rewritten the statement as the parser gets it, and how to find columns as typed
   * @throws SqlStateException 42601 naming the operator and the fix, where the readings differ
   */
  static String check(KeywordNames.Rewritten rewritten) {
    String sql = rewritten.sql();
    if (sql.indexOf('^') < 0
        && sql.indexOf('&') < 0
        && !sql.contains("**")
        && !sql.contains("<<")
        && !sql.contains(">>")
        && !sql.contains("||")) {
      return sql;
    }
    List<Token> tokens = KeywordNames.tokenize(sql);
    StringBuilder out = new StringBuilder(sql);
    String[] ops = new String[tokens.size()];
    for (int i = 0; i < tokens.size(); i++) {
      ops[i] = operator(tokens, i);
      if ("**".equals(ops[i])) {
        out.setCharAt(tokens.get(i).start(), '^');
        out.setCharAt(tokens.get(i).start() + 1, ' ');
        ops[i] = "^";
      }
    }
    for (int i = 0; i < tokens.size(); i++) {
      if (ops[i] != null && SENSITIVE.contains(ops[i])) {
        String other = otherOperator(tokens, ops, i);
        if (other != null) {
          Token t = tokens.get(i);
          throw new SqlStateException(
              SYNTAX_ERROR,
              String.format(
                  Locale.ROOT,
                  "%s (at line %d, column %d) meets %s without parentheses: %s; put the %s in parentheses, as in"
                      + " %s",
                  sql.startsWith("**", t.start()) ? "**" : ops[i],
                  t.line(),
                  rewritten.originalColumn(t.line(), t.column()),
                  other,
                  ops[i].equals("^")
                      ? "DuckDB's power binds tighter than * and +, and BucketSQL's parser would not"
                      : "DuckDB's "
                          + ops[i]
                          + " binds looser than + and -, and BucketSQL's parser would not",
                  ops[i].equals("^") ? "power" : "operation",
                  example(ops[i])));
        }
      }
    }
    return out.toString();
  }

  private static String example(String op) {
    return switch (op) {
      case "^" -> "2 * (3 ^ 2)";
      case "||" -> "'a' || (1 + 2)";
      default -> "(4 + 6) " + op + " 3";
    };
  }

  /**
   * The binary operator that starts at token {@code i} ({@code "**"}, {@code "<<"}, {@code "//"}
   * from two adjacent symbols; the second of those is no operator), or null.
   */
  private static @Nullable String operator(List<Token> tokens, int i) {
    Token t = tokens.get(i);
    if (t.kind() != Kind.SYMBOL) {
      return null;
    }
    Token previous = i > 0 ? tokens.get(i - 1) : null;
    Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
    if (previous != null
        && adjacent(previous, t)
        && pairs(previous.text(), t.text())
        && (i < 2
            || !adjacent(tokens.get(i - 2), previous)
            || !pairs(tokens.get(i - 2).text(), previous.text()))) {
      return SECOND_HALF;
    }
    if (next != null && adjacent(t, next) && pairs(t.text(), next.text())) {
      String pair = t.text() + next.text();
      return ARITHMETIC.contains(pair) || pair.equals("**") ? pair : null;
    }
    String text = t.text();
    if ((text.equals("-") || text.equals("+"))
        && (!endsOperand(previous) || exponentSign(tokens, i))) {
      return null; // a sign
    }
    return ARITHMETIC.contains(text) ? text : null;
  }

  /** Whether the sign at {@code i} is a number's exponent's, as in {@code 2.5e-3}. */
  private static boolean exponentSign(List<Token> tokens, int i) {
    if (i < 2) {
      return false;
    }
    Token e = tokens.get(i - 1);
    Token digit = tokens.get(i - 2);
    return e.kind() == Kind.WORD
        && e.text().equalsIgnoreCase("e")
        && adjacent(e, tokens.get(i))
        && adjacent(digit, e)
        && digit.text().length() == 1
        && Character.isDigit(digit.text().charAt(0));
  }

  private static boolean pairs(String first, String second) {
    String pair = first + second;
    return pair.equals("**")
        || pair.equals("<<")
        || pair.equals(">>")
        || pair.equals("||")
        || pair.equals("//")
        || pair.equals("<=")
        || pair.equals(">=")
        || pair.equals("<>")
        || pair.equals("!=")
        || pair.equals("==");
  }

  private static boolean adjacent(Token a, Token b) {
    return b.start() == a.start() + a.text().length();
  }

  /** Whether {@code t} can end an operand, so that a following + or - is binary. */
  private static boolean endsOperand(@Nullable Token t) {
    if (t == null) {
      return false;
    }
    return switch (t.kind()) {
      case STRING, QUOTED -> true;
      case WORD -> !STOP_WORDS.contains(t.upper()) || t.upper().equals("END");
      case SYMBOL ->
          t.text().equals(")") || t.text().equals("]") || Character.isDigit(t.text().charAt(0));
    };
  }

  /**
   * Another arithmetic operator in the same expression level as the operator at {@code at}: the
   * tokens on both sides up to a parenthesis that encloses it, a comma, a comparison or a clause
   * word. Null if there is none.
   */
  private static @Nullable String otherOperator(List<Token> tokens, String[] ops, int at) {
    String mine = ops[at];
    for (int step : new int[] {-1, 1}) {
      int depth = 0;
      for (int i = at + step; i >= 0 && i < tokens.size(); i += step) {
        Token t = tokens.get(i);
        String text = t.text();
        boolean opens = text.equals("(") || text.equals("[");
        if (t.kind() == Kind.SYMBOL && (opens || text.equals(")") || text.equals("]"))) {
          if (opens == step > 0) {
            depth++; // into a group nested in the operator's level
          } else if (depth == 0) {
            break; // out of the group that holds the operator
          } else {
            depth--;
          }
          continue;
        }
        if (depth > 0) {
          continue;
        }
        if (ends(t, ops[i])) {
          break;
        }
        if (ops[i] != null && !ops[i].isEmpty() && readsOtherwise(mine, ops[i], step < 0)) {
          return ops[i];
        }
      }
    }
    return null;
  }

  /**
   * Whether Calcite's parser groups {@code mine} and {@code other}, met on the left ({@code left})
   * or on the right of it, otherwise than DuckDB. Calcite: {@code * / % // ||} 60, {@code &} 50,
   * {@code + - ^} 40, all grouping left; DuckDB: {@code ^} above {@code * / % //} above {@code + -}
   * above {@code & | << >> ||}.
   */
  private static boolean readsOtherwise(String mine, String other, boolean left) {
    if (mine.equals(other)) {
      return false; // both group a chain of one operator from the left
    }
    boolean multiplicative =
        other.equals("*") || other.equals("/") || other.equals("%") || other.equals("//");
    if (mine.equals("^")) {
      // a + b ^ c is (a + b) ^ c in Calcite; a ^ b + c is (a ^ b) + c in both
      return left || !(other.equals("+") || other.equals("-"));
    }
    if (mine.equals("||")) {
      // a * b || c is (a * b) || c in both; a || b * c is (a || b) * c in Calcite
      return !(left && multiplicative);
    }
    // & << >>: tighter than + - in Calcite, looser in DuckDB; * / % // are tighter in both
    return !multiplicative;
  }

  /** Whether {@code t} ends an expression level: a comma, a comparison, a clause word. */
  private static boolean ends(Token t, @Nullable String op) {
    if (t.kind() == Kind.WORD) {
      return STOP_WORDS.contains(t.upper());
    }
    if (t.kind() != Kind.SYMBOL || op != null) {
      return false;
    }
    return switch (t.text()) {
      case ",", ";", "=", "<", ">", "!" -> true;
      default -> false;
    };
  }

  /** Makes each XOR operator of {@code node} a power, in place; returns {@code node}. */
  static SqlNode rewrite(SqlNode node) {
    return InPlaceCalls.replace(node, call -> isXor(call) ? power(call) : null);
  }

  private static boolean isXor(SqlCall call) {
    return call.getOperator() == SqlStdOperatorTable.BITXOR_OPERATOR;
  }

  private static SqlCall power(SqlCall xor) {
    return SqlStdOperatorTable.POWER.createCall(xor.getParserPosition(), xor.getOperandList());
  }
}
