package dev.bucketsql.calcite.engine;

import dev.bucketsql.calcite.engine.KeywordNames.Kind;
import dev.bucketsql.calcite.engine.KeywordNames.Rewritten;
import dev.bucketsql.calcite.engine.KeywordNames.Token;
import dev.bucketsql.format.SqlStateException;
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
 * Calcite's parser takes an {@code ORDER BY} only inside {@code array_agg}, {@code string_agg} and
 * their kin, and its {@code array_agg} skips NULL values, which DuckDB keeps. So a token pass
 * before the parser collects one-element lists, which are never NULL: {@code list(x ORDER BY y)}
 * becomes {@code "$list_values"(array_agg(ARRAY[x] ORDER BY y))} (their values, NULL for no row),
 * {@code first(x ORDER BY y)} {@code array_agg(ARRAY[x] ORDER BY y)[1][1]} and {@code last} the
 * same with {@code [-1][1]}; without an order, {@code first} and {@code last} are an arbitrary
 * value of the group, as in DuckDB. Calls with {@code DISTINCT}, several arguments or a null
 * treatment are left as typed. After parsing, each aggregate {@code ORDER BY} item without {@code
 * NULLS FIRST/LAST} gets {@code NULLS LAST}, DuckDB's default in either direction (Calcite put NULL
 * keys first when descending).
 */
final class AggregateOrders {
  /** Words before a {@code FIRST} or {@code LAST} that is not a call ({@code NULLS LAST}). */
  private static final Set<String> NOT_A_CALL = Set.of("NULLS", "FETCH", "ROW", "ROWS");

  /**
   * The function that unwraps the one-element lists of {@code list(x)} ({@link
   * ListFoldFunctions#values}).
   */
  static final String VALUES = "$list_values";

  /**
   * The function that unwraps the one-element lists of {@code list(DISTINCT x)}, each value once.
   */
  static final String DISTINCT_VALUES = "$list_distinct_values";

  /** The aggregates rewritten. */
  private static final Set<String> CALLS = Set.of("LIST", "ARRAY_AGG", "FIRST", "LAST");

  /**
   * Aggregates whose result does not depend on the order of their values (DuckDB's
   * NOT_ORDER_DEPENDENT ones), whose {@code ORDER BY} DuckDB drops.
   */
  private static final Set<String> ORDER_FREE =
      Set.of(
          "SUM",
          "COUNT",
          "MIN",
          "MAX",
          "AVG",
          "MEAN",
          "MEDIAN",
          "STDDEV",
          "STDDEV_SAMP",
          "STDDEV_POP",
          "VARIANCE",
          "VAR_SAMP",
          "VAR_POP",
          "BOOL_AND",
          "BOOL_OR",
          "EVERY",
          "BIT_AND",
          "BIT_OR",
          "BIT_XOR");

  /** Aggregates into a list or a string, which BucketSQL does not run over a window. */
  private static final Set<String> LIST_AGGREGATES =
      Set.of("LIST", "ARRAY_AGG", "STRING_AGG", "LISTAGG", "GROUP_CONCAT");

  /** Words that end an {@code ORDER BY} item. */
  private static final Set<String> DIRECTION_WORDS =
      Set.of("ASC", "DESC", "NULLS", "FIRST", "LAST");

  private AggregateOrders() {}

  /**
   * The statement with DuckDB's {@code list}, {@code array_agg}, {@code first} and {@code last}
   * rewritten.
   */
  static Rewritten rewrite(String sql) {
    String lower = sql.toLowerCase(java.util.Locale.ROOT);
    if (!lower.contains("list")
        && !lower.contains("array_agg")
        && !lower.contains("first")
        && !lower.contains("last")
        && !lower.contains("order")
        && !lower.contains("_agg")
        && !lower.contains("concat")) {
      return new Rewritten(sql, List.of());
    }
    List<Token> tokens = KeywordNames.tokenize(sql);
    List<Edit> edits = new ArrayList<>();
    for (int i = 0; i + 1 < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind() != Kind.WORD || !tokens.get(i + 1).text().equals("(")) {
        continue;
      }
      Token previous = i > 0 ? tokens.get(i - 1) : null;
      if (previous != null
          && (previous.text().equals(".") || NOT_A_CALL.contains(previous.upper()))) {
        continue;
      }
      int close = closing(tokens, i + 1);
      if (close < 0) {
        continue;
      }
      if (ORDER_FREE.contains(t.upper())) {
        if (t.upper().equals("COUNT")
            && tokens.get(i + 2).text().equals("*")
            && orderBy(tokens, i + 1, close) >= 0) {
          // DuckDB: "STAR expression is only allowed as the root element of an expression"
          throw new SqlStateException(
              "42601",
              sql.substring(t.start(), tokens.get(close).end())
                  + " (at line "
                  + t.line()
                  + ", column "
                  + t.column()
                  + "): ORDER BY is not allowed beside *, as in DuckDB; write "
                  + t.text()
                  + "(*): the order does not change a count");
        }
        orderFree(tokens, i + 1, close, edits);
        continue;
      }
      if (t.upper().equals("MODE") && orderBy(tokens, i + 1, close) >= 0) {
        throw new SqlStateException(
            "0A000",
            "not supported by BucketSQL: "
                + sql.substring(t.start(), tokens.get(close).end())
                + " (at line "
                + t.line()
                + ", column "
                + t.column()
                + "): DuckDB gives, among equally frequent values, the first in that order;"
                + " write mode(x) when ties do not matter, or count each value in a subquery"
                + " and take the most frequent with ORDER BY count DESC, min(y) LIMIT 1");
      }
      Token after = close + 1 < tokens.size() ? tokens.get(close + 1) : null;
      if (LIST_AGGREGATES.contains(t.upper())
          && after != null
          && after.kind() == Kind.WORD
          && after.upper().equals("OVER")) {
        // Calcite's window array_agg and string_agg ignore the frame and skip NULLs, or fail
        throw new SqlStateException(
            "0A000",
            "not supported by BucketSQL: "
                + t.text()
                + "(...) OVER (...) (at line "
                + t.line()
                + ", column "
                + t.column()
                + "); aggregate the list in a subquery grouped by the partition"
                + " and join it back, or use first_value, last_value or nth_value over the window");
      }
      if (!CALLS.contains(t.upper())) {
        continue;
      }
      boolean list = t.upper().equals("LIST") || t.upper().equals("ARRAY_AGG");
      if (after != null && after.kind() == Kind.WORD && after.upper().equals("OVER")) {
        // DuckDB's first(x) OVER (...) and last(x) OVER (...) are the standard window functions
        if (!list && valueEnd(tokens, i + 1, close) == close - 1) {
          edits.add(
              new Edit(
                  t, t.text().length(), t.upper().equals("FIRST") ? "first_value" : "last_value"));
        } else if (!list && orderBy(tokens, i + 1, close) >= 0) {
          String name = t.upper().equals("FIRST") ? "first_value" : "last_value";
          throw new SqlStateException(
              "0A000",
              "not supported by BucketSQL: "
                  + sql.substring(t.start(), tokens.get(close).end())
                  + " OVER (...) (at line "
                  + t.line()
                  + ", column "
                  + t.column()
                  + "), an ORDER BY inside a window call; over a whole partition write "
                  + name
                  + "(x) OVER (PARTITION BY ... ORDER BY y NULLS LAST ROWS BETWEEN UNBOUNDED"
                  + " PRECEDING AND UNBOUNDED FOLLOWING)");
        }
        continue; // other window calls: left to the validator, which names them
      }
      boolean distinct = list && tokens.get(i + 2).upper().equals("DISTINCT");
      int valueEnd = valueEnd(tokens, distinct ? i + 2 : i + 1, close);
      if (valueEnd < 0) {
        continue; // DISTINCT (but in list), several arguments, IGNORE NULLS: left as typed
      }
      Token open = tokens.get(i + 1);
      if (distinct) {
        requireOrderByValue(sql, tokens, i, valueEnd, close);
        // the values in order, each once: the DISTINCT is applied to the ordered values
        edits.add(new Edit(t, t.text().length(), "\"" + DISTINCT_VALUES + "\"(array_agg"));
        edits.add(blank(tokens.get(i + 2)));
        Token first = tokens.get(i + 3);
        edits.add(new Edit(first.start(), first.line(), first.column(), 0, "ARRAY["));
      } else {
        // a list of one-element lists keeps NULL values, which Calcite's array_agg skips
        edits.add(
            new Edit(t, t.text().length(), list ? "\"" + VALUES + "\"(array_agg" : "array_agg"));
        edits.add(new Edit(open.end(), open.line(), open.column() + 1, 0, "ARRAY["));
      }
      Token value = tokens.get(valueEnd);
      edits.add(
          new Edit(value.end(), value.line(), value.column() + value.text().length(), 0, "]"));
      // what closes the call goes after a FILTER (WHERE ...) clause, which belongs to the aggregate
      int end = close;
      if (after != null
          && after.kind() == Kind.WORD
          && after.upper().equals("FILTER")
          && close + 2 < tokens.size()
          && tokens.get(close + 2).text().equals("(")) {
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
      } else if (depth == 0
          && t.kind() == Kind.WORD
          && (t.upper().equals("RESPECT") || t.upper().equals("IGNORE"))) {
        return -1;
      } else if (depth == 0
          && t.kind() == Kind.WORD
          && t.upper().equals("ORDER")
          && k + 1 < close
          && tokens.get(k + 1).upper().equals("BY")) {
        return k - 1 > open ? k - 1 : -1;
      }
    }
    return close - 1;
  }

  /**
   * Drops the {@code ORDER BY} inside a call of an aggregate whose result does not depend on the
   * order of its values, as DuckDB does: {@code sum(x ORDER BY y)} is {@code sum(x)}. The clause is
   * blanked out, so positions after it stay where they were typed.
   */
  private static void orderFree(List<Token> tokens, int open, int close, List<Edit> edits) {
    int order = orderBy(tokens, open, close);
    if (order < 0) {
      return;
    }
    for (int k = order; k < close; k++) {
      edits.add(blank(tokens.get(k)));
    }
  }

  /** The index of the {@code ORDER} of a call's own {@code ORDER BY}, or -1. */
  private static int orderBy(List<Token> tokens, int open, int close) {
    int depth = 0;
    for (int k = open + 1; k < close; k++) {
      Token t = tokens.get(k);
      String text = t.text();
      if (t.kind() == Kind.SYMBOL && (text.equals("(") || text.equals("["))) {
        depth++;
      } else if (t.kind() == Kind.SYMBOL && (text.equals(")") || text.equals("]"))) {
        depth--;
      } else if (depth == 0
          && t.kind() == Kind.WORD
          && t.upper().equals("ORDER")
          && k + 1 < close
          && tokens.get(k + 1).upper().equals("BY")) {
        return k;
      }
    }
    return -1;
  }

  /**
   * {@code list(DISTINCT x ORDER BY k)} orders by its value only, as DuckDB and PostgreSQL require:
   * values equal in {@code x} but not in {@code k} would have no one place.
   */
  private static void requireOrderByValue(
      String sql, List<Token> tokens, int call, int valueEnd, int close) {
    int order = orderBy(tokens, call + 1, close);
    if (order < 0) {
      return;
    }
    List<String> value = texts(tokens, call + 3, valueEnd + 1);
    int start = order + 2;
    int depth = 0;
    for (int k = start; k <= close; k++) {
      Token t = tokens.get(k);
      if (t.kind() == Kind.SYMBOL && (t.text().equals("(") || t.text().equals("["))) {
        depth++;
      } else if (k < close
          && t.kind() == Kind.SYMBOL
          && (t.text().equals(")") || t.text().equals("]"))) {
        depth--;
      } else if (k == close || (depth == 0 && t.text().equals(","))) {
        int end = k;
        while (end > start && DIRECTION_WORDS.contains(tokens.get(end - 1).upper())) {
          end--;
        }
        if (end > start && !texts(tokens, start, end).equals(value)) {
          String typed = sql.substring(tokens.get(call + 3).start(), tokens.get(valueEnd).end());
          throw new SqlStateException(
              "42P10",
              "ORDER BY "
                  + sql.substring(tokens.get(start).start(), tokens.get(end - 1).end())
                  + " in "
                  + sql.substring(tokens.get(call).start(), tokens.get(close).end())
                  + " (at line "
                  + tokens.get(start).line()
                  + ", column "
                  + tokens.get(start).column()
                  + "): with DISTINCT, the ORDER BY may"
                  + " only name the aggregate's value, as in DuckDB; write "
                  + tokens.get(call).text()
                  + "(DISTINCT "
                  + typed
                  + " ORDER BY "
                  + typed
                  + "), or leave out the DISTINCT");
        }
        start = k + 1;
      }
    }
  }

  /** The texts of tokens {@code from} (inclusive) to {@code to}, words in upper case. */
  private static List<String> texts(List<Token> tokens, int from, int to) {
    List<String> out = new ArrayList<>();
    for (int k = from; k < to; k++) {
      Token t = tokens.get(k);
      out.add(t.kind() == Kind.WORD ? t.upper() : t.text());
    }
    return out;
  }

  /**
   * An edit that turns a token into spaces of its length (no line breaks: tokens hold none but
   * strings).
   */
  private static Edit blank(Token t) {
    return new Edit(
        t.start(), t.line(), t.column(), t.text().length(), " ".repeat(t.text().length()));
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
      if (item instanceof SqlCall c
          && (c.getKind() == SqlKind.NULLS_FIRST || c.getKind() == SqlKind.NULLS_LAST)) {
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
