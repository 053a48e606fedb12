package dev.bucketsql.calcite.engine;

import dev.bucketsql.calcite.engine.KeywordNames.Kind;
import dev.bucketsql.calcite.engine.KeywordNames.Rewritten;
import dev.bucketsql.calcite.engine.KeywordNames.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * DuckDB's list aggregates, with or without {@code ORDER BY} inside: {@code list(x ORDER BY y)},
 * {@code array_agg(x ORDER BY y)}, {@code first(x ORDER BY y)} and {@code last(x ORDER BY y)}.
 * Calcite's parser takes an {@code ORDER BY} only inside {@code array_agg}, {@code string_agg}
 * and their kin, and its {@code array_agg} skips NULL values, which DuckDB keeps. So a token pass
 * before the parser collects one-element lists, which are never NULL: {@code list(x ORDER BY y)}
 * becomes {@code "$list_values"(array_agg(ARRAY[x] ORDER BY y))} (their values, NULL for no row), {@code first(x ORDER BY y)} {@code
 * array_agg(ARRAY[x] ORDER BY y)[1][1]} and {@code last} the same with {@code [-1][1]}; without an
 * order, {@code first} and {@code last} are an arbitrary value of the group, as in DuckDB. Calls
 * with {@code DISTINCT}, several arguments or a null treatment are left as typed. After parsing,
 * each aggregate {@code ORDER BY} item without {@code NULLS FIRST/LAST} gets {@code NULLS LAST},
 * DuckDB's default in either direction (Calcite put NULL keys first when descending).
 */
final class AggregateOrders {
  /** Words before a {@code FIRST} or {@code LAST} that is not a call ({@code NULLS LAST}). */
  private static final Set<String> NOT_A_CALL = Set.of("NULLS", "FETCH", "ROW", "ROWS");

  /** The function that unwraps the one-element lists of {@code list(x)} ({@link ListFoldFunctions#values}). */
  static final String VALUES = "$list_values";

  /** The aggregates rewritten. */
  private static final Set<String> CALLS = Set.of("LIST", "ARRAY_AGG", "FIRST", "LAST");

  private AggregateOrders() {}

  /** The statement with DuckDB's {@code list}, {@code array_agg}, {@code first} and {@code last} rewritten. */
  static Rewritten rewrite(String sql) {
    String lower = sql.toLowerCase(java.util.Locale.ROOT);
    if (!lower.contains("list") && !lower.contains("array_agg") && !lower.contains("first") && !lower.contains("last")) {
      return new Rewritten(sql, List.of());
    }
    List<Token> tokens = KeywordNames.tokenize(sql);
    List<Edit> edits = new ArrayList<>();
    for (int i = 0; i + 1 < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind() != Kind.WORD || !tokens.get(i + 1).text().equals("(") || !CALLS.contains(t.upper())) {
        continue;
      }
      Token previous = i > 0 ? tokens.get(i - 1) : null;
      if (previous != null && (previous.text().equals(".") || NOT_A_CALL.contains(previous.upper()))) {
        continue;
      }
      int close = closing(tokens, i + 1);
      if (close < 0) {
        continue;
      }
      Token after = close + 1 < tokens.size() ? tokens.get(close + 1) : null;
      if (after != null && after.kind() == Kind.WORD && after.upper().equals("OVER")) {
        continue; // a window call: left to the validator, which names it
      }
      int valueEnd = valueEnd(tokens, i + 1, close);
      if (valueEnd < 0) {
        continue; // DISTINCT, several arguments, IGNORE NULLS: left as typed
      }
      boolean list = t.upper().equals("LIST") || t.upper().equals("ARRAY_AGG");
      // a list of one-element lists keeps NULL values, which Calcite's array_agg skips
      edits.add(new Edit(t, t.text().length(), list ? "\"" + VALUES + "\"(array_agg" : "array_agg"));
      Token open = tokens.get(i + 1);
      edits.add(new Edit(open.end(), open.line(), open.column() + 1, 0, "ARRAY["));
      Token value = tokens.get(valueEnd);
      edits.add(new Edit(value.end(), value.line(), value.column() + value.text().length(), 0, "]"));
      // what closes the call goes after a FILTER (WHERE ...) clause, which belongs to the aggregate
      int end = close;
      if (after != null && after.kind() == Kind.WORD && after.upper().equals("FILTER")
          && close + 2 < tokens.size() && tokens.get(close + 2).text().equals("(")) {
        int filterClose = closing(tokens, close + 2);
        end = filterClose < 0 ? close : filterClose;
      }
      Token last = tokens.get(end);
      String suffix = list ? ")" : t.upper().equals("FIRST") ? "[1][1]" : "[-1][1]";
      edits.add(new Edit(last.end(), last.line(), last.column() + 1, 0, suffix));
    }
    if (edits.isEmpty()) {
      return new Rewritten(sql, List.of());
    }
    edits.sort(Comparator.comparingInt(Edit::offset));
    StringBuilder out = new StringBuilder(sql.length() + 16 * edits.size());
    List<int[]> changes = new ArrayList<>();
    int copied = 0;
    for (Edit e : edits) {
      out.append(sql, copied, e.offset()).append(e.text());
      copied = e.offset() + e.removed();
      changes.add(new int[] {e.line(), e.column(), e.text().length() - e.removed()});
    }
    out.append(sql, copied, sql.length());
    return new Rewritten(out.toString(), changes);
  }

  /**
   * The index of the last token of the call's one value (before its {@code ORDER BY} or closing
   * parenthesis), or -1 when the call has a quantifier, several arguments or a null treatment.
   */
  private static int valueEnd(List<Token> tokens, int open, int close) {
    if (open + 1 >= close) {
      return -1;
    }
    String first = tokens.get(open + 1).upper();
    if (first.equals("DISTINCT") || first.equals("ALL")) {
      return -1;
    }
    int depth = 0;
    for (int k = open + 1; k < close; k++) {
      Token t = tokens.get(k);
      String text = t.text();
      if (t.kind() == Kind.SYMBOL && (text.equals("(") || text.equals("["))) {
        depth++;
      } else if (t.kind() == Kind.SYMBOL && (text.equals(")") || text.equals("]"))) {
        depth--;
      } else if (depth == 0 && t.kind() == Kind.SYMBOL && text.equals(",")) {
        return -1;
      } else if (depth == 0 && t.kind() == Kind.WORD && (t.upper().equals("RESPECT") || t.upper().equals("IGNORE"))) {
        return -1;
      } else if (depth == 0 && t.kind() == Kind.WORD && t.upper().equals("ORDER")
          && k + 1 < close && tokens.get(k + 1).upper().equals("BY")) {
        return k - 1 > open ? k - 1 : -1;
      }
    }
    return close - 1;
  }

  /** Gives each aggregate {@code ORDER BY} item DuckDB's {@code NULLS LAST}, in place. */
  static SqlNode nullsLast(SqlNode node) {
    if (node instanceof SqlNodeList list) {
      list.forEach(AggregateOrders::nullsLast);
    } else if (node instanceof SqlCall call) {
      if (call.getKind() == SqlKind.WITHIN_GROUP) {
        order(call.operand(1));
      } else if (call.getOperator().isAggregator()) {
        for (SqlNode operand : call.getOperandList()) {
          if (operand instanceof SqlNodeList items) {
            order(items);
          }
        }
      }
      for (SqlNode operand : call.getOperandList()) {
        if (operand != null) {
          nullsLast(operand);
        }
      }
    }
    return node;
  }

  private static void order(SqlNodeList items) {
    for (int i = 0; i < items.size(); i++) {
      SqlNode item = items.get(i);
      if (item instanceof SqlCall c && (c.getKind() == SqlKind.NULLS_FIRST || c.getKind() == SqlKind.NULLS_LAST)) {
        continue;
      }
      items.set(i, SqlStdOperatorTable.NULLS_LAST.createCall(item.getParserPosition(), item));
    }
  }

  /** The index of the parenthesis closing the one at {@code open}, or -1. */
  static int closing(List<Token> tokens, int open) {
    int depth = 0;
    for (int k = open; k < tokens.size(); k++) {
      Token t = tokens.get(k);
      if (t.kind() != Kind.SYMBOL) {
        continue;
      }
      if (t.text().equals("(")) {
        depth++;
      } else if (t.text().equals(")") && --depth == 0) {
        return k;
      }
    }
    return -1;
  }

  /** One change of the text: {@code removed} characters at {@code offset} become {@code text}. */
  private record Edit(int offset, int line, int column, int removed, String text) {
    Edit(Token replaced, int removed, String text) {
      this(replaced.start(), replaced.line(), replaced.column(), removed, text);
    }
  }
}
