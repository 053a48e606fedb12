package dev.bucketsql.calcite.engine;

import dev.bucketsql.calcite.engine.KeywordNames.Kind;
import dev.bucketsql.calcite.engine.KeywordNames.Token;
import dev.bucketsql.format.SqlStateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * DuckDB's simple {@code PIVOT} and {@code UNPIVOT} statements, by a token pass before the parser.
 *
 * <p>{@code PIVOT src ON k [IN (v, ...)] [, k2 ...] [USING agg(x) [AS a], ...] [GROUP BY g, ...]}
 * becomes one aggregate over {@code src}: each value of {@code k} (each combination, for several
 * {@code ON} expressions) makes a column per {@code USING} aggregate, computed as {@code agg(x)
 * FILTER (WHERE CAST(k AS VARCHAR) = 'v')}. As in DuckDB the values are compared as text, NULL is
 * no value, the columns come in the text order of the values and are named after them ({@code a};
 * {@code a_total} for an aliased aggregate; {@code a_sum(x)} when there are several), the default
 * aggregate is {@code count(*)} and, without {@code GROUP BY}, the rows are grouped by every column
 * of {@code src} that neither {@code ON} nor {@code USING} names. The values are read first with a
 * query over {@code src}, unless listed with {@code IN}.
 *
 * <p>{@code UNPIVOT src ON c1, c2 [INTO NAME n VALUE v]} is Calcite's own {@code UNPIVOT (v FOR n
 * IN (c1, c2))} over {@code src}, with DuckDB's default names {@code name} and {@code value}.
 */
final class DuckPivot {
  /**
   * The most columns one PIVOT makes. Each is an aggregate of its own in the generated code; far
   * beyond this, planning and code generation take longer than any query.
   */
  static final int MAX_COLUMNS = 1000;

  /** Where a USING item's FILTER clause goes, in its text. */
  private static final String FILTER = "\u0001";

  /** DuckDB's aggregates beyond those {@link ByAll} knows. */
  private static final Set<String> MORE_AGGREGATES =
      Set.of("FIRST", "LAST", "MIN_BY", "MAX_BY", "ARBITRARY");

  /** Words that end a PIVOT or UNPIVOT clause at its own depth. */
  private static final Set<String> ENDS =
      Set.of(
          "ORDER",
          "LIMIT",
          "OFFSET",
          "FETCH",
          "UNION",
          "EXCEPT",
          "INTERSECT",
          "MINUS",
          "QUALIFY",
          "HAVING");

  private DuckPivot() {}

  /**
   * {@code sql} with each DuckDB PIVOT or UNPIVOT statement written as a query, or null when it has
   * none.
   *
   * @param rowTypeOf prepares a query and returns its row type
   * @param valuesOf runs a query of one column and returns its values as text
   */
  static @Nullable String instead(
      String sql,
      Function<String, RelDataType> rowTypeOf,
      Function<String, List<String>> valuesOf) {
    List<Token> tokens = KeywordNames.tokenize(sql);
    int at = next(tokens);
    if (at < 0) {
      return null;
    }
    int[] depth = KeywordNames.depths(tokens);
    int d = depth[at];
    int end = at + 1;
    while (end < tokens.size()
        && depth[end] >= d
        && !(depth[end] == d
            && (tokens.get(end).text().equals(";")
                || tokens.get(end).kind() == Kind.WORD
                    && ENDS.contains(tokens.get(end).upper())))) {
      end++;
    }
    Clause clause = new Clause(sql, tokens, depth, at, end);
    String query =
        tokens.get(at).upper().equals("PIVOT")
            ? pivot(clause, rowTypeOf, valuesOf)
            : unpivot(clause);
    String rewritten =
        sql.substring(0, tokens.get(at).start()) + query + sql.substring(tokens.get(end - 1).end());
    String more = instead(rewritten, rowTypeOf, valuesOf);
    return more == null ? rewritten : more;
  }

  private static String pivot(
      Clause c, Function<String, RelDataType> rowTypeOf, Function<String, List<String>> valuesOf) {
    int on = c.word("ON");
    int using = c.word("USING");
    int group = c.word("GROUP");
    if (on < 0 && using < 0) {
      throw new SqlStateException(
          "42601",
          "PIVOT needs ON and the column whose values become columns, e.g. PIVOT t ON k USING sum(x) GROUP BY g");
    }
    String source = c.text(c.at + 1, firstOf(on, using, group, c.end));
    List<String> aggregates = new ArrayList<>();
    List<String> aliases = new ArrayList<>();
    List<String> names = new ArrayList<>();
    if (using >= 0) {
      for (int[] item : c.items(using + 1, firstOf(group, c.end))) {
        addAggregate(c, item, aggregates, aliases, names);
      }
    } else {
      aggregates.add("count(*)" + FILTER);
      aliases.add(null);
      names.add("count_star()");
    }
    // each ON expression with its values (as text) and their column names
    List<String> expressions = new ArrayList<>();
    List<List<String>> values = new ArrayList<>();
    long columns = aggregates.size();
    if (on >= 0) {
      for (int[] item : c.items(on + 1, firstOf(using, group, c.end))) {
        int in = c.wordIn("IN", item[0], item[1]);
        String expression = c.text(item[0], in < 0 ? item[1] : in);
        expressions.add(expression);
        List<String> texts =
            in < 0
                ? valuesOf.apply(
                    "SELECT DISTINCT CAST("
                        + expression
                        + " AS VARCHAR) FROM "
                        + source
                        + " WHERE "
                        + expression
                        + " IS NOT NULL ORDER BY 1")
                : listed(c, in, item[1]);
        values.add(texts);
        columns *= Math.max(texts.size(), 1);
        if (columns > MAX_COLUMNS) {
          throw new SqlStateException(
              "54011",
              "PIVOT on "
                  + expression
                  + " would make more than "
                  + MAX_COLUMNS
                  + " columns ("
                  + texts.size()
                  + " values); list the values you need with ON "
                  + expression
                  + " IN ('a', 'b'), or filter the rows first");
        }
      }
    }
    List<String> groups = new ArrayList<>();
    if (group >= 0) {
      for (int[] item : c.items(group + 2, c.end)) {
        groups.add(c.text(item[0], item[1]));
      }
    } else {
      groups.addAll(
          otherColumns(c, rowTypeOf.apply("SELECT * FROM " + source), firstOf(on, using), c.end));
    }
    StringBuilder select = new StringBuilder("SELECT ");
    select.append(String.join(", ", groups));
    List<String> cells = new ArrayList<>();
    for (List<String> combination : combinations(values)) {
      StringBuilder condition = new StringBuilder();
      for (int k = 0; k < combination.size(); k++) {
        condition
            .append(k == 0 ? "" : " AND ")
            .append("CAST(")
            .append(expressions.get(k))
            .append(" AS VARCHAR) = ")
            .append(literal(combination.get(k)));
      }
      String prefix = String.join("_", combination);
      for (int a = 0; a < aggregates.size(); a++) {
        String name =
            combination.isEmpty()
                ? aliases.get(a)
                : aliases.get(a) != null
                    ? prefix + "_" + aliases.get(a)
                    : aggregates.size() == 1 ? prefix : prefix + "_" + names.get(a);
        cells.add(
            aggregates
                    .get(a)
                    .replace(
                        FILTER, combination.isEmpty() ? "" : " FILTER (WHERE " + condition + ")")
                + (name == null ? "" : " AS " + quoted(name)));
      }
    }
    if (groups.isEmpty() && cells.isEmpty()) {
      throw new SqlStateException(
          "22023",
          "PIVOT has no column to return: ON found no value that is not NULL and there is no GROUP BY;"
              + " list the values with ON k IN ('a', 'b')");
    }
    // no value found: only the groups, as DuckDB answers
    select
        .append(groups.isEmpty() || cells.isEmpty() ? "" : ", ")
        .append(String.join(", ", cells))
        .append(" FROM ")
        .append(source);
    if (!groups.isEmpty()) {
      select.append(" GROUP BY ").append(String.join(", ", groups));
    }
    return select.toString();
  }

  /** One USING item: an aggregate call, with its alias if it has one. */
  private static void addAggregate(
      Clause c, int[] item, List<String> aggregates, List<String> aliases, List<String> names) {
    int end = item[1];
    String alias = null;
    if (end - item[0] >= 3 && c.tokens.get(end - 2).upper().equals("AS")) {
      Token a = c.tokens.get(end - 1);
      alias =
          a.kind() == Kind.QUOTED
              ? a.text().substring(1, a.text().length() - 1).replace("\"\"", "\"")
              : a.text();
      end -= 2;
    }
    Token first = c.tokens.get(item[0]);
    // the one aggregate call of the item (DuckDB takes an expression of exactly one), where
    // its FILTER goes
    List<Integer> calls = new ArrayList<>();
    for (int k = item[0]; k + 1 < end; k++) {
      Token t = c.tokens.get(k);
      if (t.kind() == Kind.WORD
          && c.tokens.get(k + 1).text().equals("(")
          && (ByAll.AGGREGATES.contains(t.upper()) || MORE_AGGREGATES.contains(t.upper()))) {
        calls.add(k);
        int close = c.close(k + 1);
        if (close < 0) {
          break;
        }
        k = close;
      }
    }
    if (calls.size() != 1) {
      throw new SqlStateException(
          "0A000",
          "PIVOT ... USING takes expressions of exactly one aggregate call, such as sum(x * 2) or count(*) + 1,"
              + " not '"
              + c.text(item[0], end)
              + "' ("
              + calls.size()
              + " calls); compute the rest over the pivoted"
              + " columns in an outer query");
    }
    int callEnd = c.close(calls.get(0) + 1) + 1;
    String text = c.text(item[0], end);
    aggregates.add(
        c.text(item[0], callEnd) + FILTER + (callEnd < end ? " " + c.text(callEnd, end) : ""));
    aliases.add(alias);
    String arguments = c.text(item[0] + 2, end - 1).trim();
    // named as DuckDB names an unaliased aggregate: sum((x * 2)), count(DISTINCT x), count_star()
    String spelled = spelled(text);
    names.add(
        spelled != null
            ? spelled
            : first.upper().equals("COUNT") && arguments.equals("*")
                ? "count_star()"
                : first.text().toLowerCase(Locale.ROOT) + "(" + arguments + ")");
  }

  /** DuckDB's name of the aggregate call {@code text}, or null when it cannot be spelled. */
  private static @Nullable String spelled(String text) {
    try {
      SqlParser parser =
          SqlParser.create(
              text,
              SqlParser.config()
                  .withParserFactory(SqlBabelParserImpl.FACTORY)
                  .withUnquotedCasing(Casing.UNCHANGED)
                  .withQuotedCasing(Casing.UNCHANGED));
      return DuckColumnNames.spell(parser.parseExpression());
    } catch (SqlParseException | RuntimeException e) {
      return null; // a keyword name or a construct the parser takes only after the statement passes
    }
  }

  /** The values of {@code ON k IN (v, ...)}, as text: a string literal by its content. */
  private static List<String> listed(Clause c, int in, int end) {
    if (in + 1 >= end || !c.tokens.get(in + 1).text().equals("(") || c.close(in + 1) != end - 1) {
      throw new SqlStateException(
          "42601",
          "PIVOT ... ON k IN takes a list of values in parentheses, e.g. ON k IN ('a', 'b')");
    }
    List<String> texts = new ArrayList<>();
    for (int[] v : c.items(in + 2, end - 1)) {
      Token t = c.tokens.get(v[0]);
      texts.add(
          v[1] - v[0] == 1 && t.kind() == Kind.STRING
              ? t.text().substring(1, t.text().length() - 1).replace("''", "'")
              : c.text(v[0], v[1]));
    }
    return texts;
  }

  /** The columns of the source that neither ON nor USING name, quoted, in their order. */
  private static List<String> otherColumns(Clause c, RelDataType rowType, int from, int end) {
    List<String> named = new ArrayList<>();
    for (int k = from; k < end; k++) {
      Token t = c.tokens.get(k);
      if (t.kind() == Kind.WORD) {
        named.add(t.upper());
      } else if (t.kind() == Kind.QUOTED) {
        named.add(
            t.text()
                .substring(1, t.text().length() - 1)
                .replace("\"\"", "\"")
                .toUpperCase(Locale.ROOT));
      }
    }
    List<String> columns = new ArrayList<>();
    for (RelDataTypeField f : rowType.getFieldList()) {
      if (!named.contains(f.getName().toUpperCase(Locale.ROOT))) {
        columns.add(quoted(f.getName()));
      }
    }
    return columns;
  }

  private static String unpivot(Clause c) {
    int start = c.at + 1;
    String nulls = "";
    if (start + 1 < c.end
        && c.tokens.get(start + 1).upper().equals("NULLS")
        && (c.tokens.get(start).upper().equals("INCLUDE")
            || c.tokens.get(start).upper().equals("EXCLUDE"))) {
      nulls = " " + c.text(start, start + 2);
      start += 2;
    }
    int on = c.word("ON");
    if (on < 0) {
      throw new SqlStateException(
          "42601",
          "UNPIVOT needs ON and the columns to unpivot, e.g. UNPIVOT t ON c1, c2 INTO NAME n VALUE v");
    }
    int into = c.word("INTO");
    List<String> columns = new ArrayList<>();
    for (int[] item : c.items(on + 1, into < 0 ? c.end : into)) {
      Token t = c.tokens.get(item[0]);
      if (item[1] - item[0] != 1 || t.kind() != Kind.WORD && t.kind() != Kind.QUOTED) {
        throw new SqlStateException(
            "0A000",
            "UNPIVOT ... ON takes column names, not '"
                + c.text(item[0], item[1])
                + "'; compute other values in a subquery first");
      }
      columns.add(t.text());
    }
    String name = "\"name\"";
    String value = "\"value\"";
    if (into >= 0) {
      boolean spelled =
          into + 5 == c.end
              && c.tokens.get(into + 1).upper().equals("NAME")
              && c.tokens.get(into + 3).upper().equals("VALUE");
      if (!spelled) {
        throw new SqlStateException(
            "0A000",
            "UNPIVOT ... INTO takes NAME n VALUE v (one value column), e.g. UNPIVOT t ON c1, c2 INTO NAME n VALUE v");
      }
      name = c.tokens.get(into + 2).text();
      value = c.tokens.get(into + 4).text();
    }
    return "SELECT * FROM "
        + c.text(start, on)
        + " UNPIVOT"
        + nulls
        + " ("
        + value
        + " FOR "
        + name
        + " IN ("
        + String.join(", ", columns)
        + "))";
  }

  /** Every combination of one value of each list, the first list varying slowest. */
  private static List<List<String>> combinations(List<List<String>> values) {
    List<List<String>> out = new ArrayList<>();
    out.add(List.of());
    for (List<String> v : values) {
      List<List<String>> next = new ArrayList<>();
      for (List<String> prefix : out) {
        for (String s : v) {
          List<String> longer = new ArrayList<>(prefix);
          longer.add(s);
          next.add(longer);
        }
      }
      out = next;
    }
    return out;
  }

  private static int firstOf(int... indexes) {
    for (int i : indexes) {
      if (i >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  private static String quoted(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** The first PIVOT or UNPIVOT that starts a statement or a parenthesis, or -1. */
  private static int next(List<Token> tokens) {
    for (int i = 0; i + 1 < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind() == Kind.WORD
          && (t.upper().equals("PIVOT") || t.upper().equals("UNPIVOT"))
          && (i == 0
              || tokens.get(i - 1).text().equals("(")
              || tokens.get(i - 1).text().equals(";"))) {
        return i;
      }
    }
    return -1;
  }

  /** The tokens of one PIVOT or UNPIVOT, from its keyword {@code at} to {@code end} (exclusive). */
  private record Clause(String sql, List<Token> tokens, int[] depth, int at, int end) {
    /** The first {@code word} at the clause's own depth, or -1. */
    int word(String word) {
      return wordIn(word, at + 1, end);
    }

    int wordIn(String word, int from, int to) {
      for (int k = from; k < to; k++) {
        if (depth[k] == depth[at]
            && tokens.get(k).kind() == Kind.WORD
            && tokens.get(k).upper().equals(word)) {
          return k;
        }
      }
      return -1;
    }

    /** The index of the parenthesis closing the one at {@code open}. */
    int close(int open) {
      for (int k = open + 1; k < tokens.size(); k++) {
        if (depth[k] == depth[open] && tokens.get(k).text().equals(")")) {
          return k;
        }
      }
      return -1;
    }

    /** The text from token {@code from} to token {@code to} (exclusive), as typed. */
    String text(int from, int to) {
      if (to <= from) {
        throw new SqlStateException(
            "42601",
            "PIVOT or UNPIVOT is missing a part near '"
                + sql.substring(tokens.get(Math.min(from, tokens.size() - 1)).start())
                + "'");
      }
      return sql.substring(tokens.get(from).start(), tokens.get(to - 1).end());
    }

    /** The items of a comma-separated list from {@code from} to {@code to}, as token ranges. */
    List<int[]> items(int from, int to) {
      List<int[]> items = new ArrayList<>();
      int d = from < to ? depth[from] : 0;
      int start = from;
      for (int k = from; k <= to; k++) {
        if (k == to || depth[k] == d && tokens.get(k).text().equals(",")) {
          if (k == start) {
            throw new SqlStateException(
                "42601",
                "PIVOT or UNPIVOT has an empty item in a list near '"
                    + sql.substring(tokens.get(Math.min(k, tokens.size() - 1)).start())
                    + "'");
          }
          items.add(new int[] {start, k});
          start = k + 1;
        }
      }
      return items;
    }
  }
}
