package dev.bucketsql.calcite.engine;

import dev.bucketsql.calcite.engine.KeywordNames.Kind;
import dev.bucketsql.calcite.engine.KeywordNames.Token;
import dev.bucketsql.format.SqlStateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * DuckDB's {@code COLUMNS('regex')} and {@code COLUMNS(*)} in a select list: the select item
 * holding it is repeated for each column of the query's FROM clause whose name the regular
 * expression matches anywhere (case-sensitively, as DuckDB), or for every column, in the columns'
 * order. The item is named after its column unless it has an alias, as DuckDB names it: {@code
 * SELECT min(COLUMNS(*)) FROM t} gives the columns {@code id}, {@code score}, ...
 *
 * <p>The columns are those of {@code SELECT * FROM <the FROM clause>}, prepared first; the
 * statement is then rewritten with the names quoted and prepared again. Names that repeat in a
 * join's columns are ambiguous and fail as they would typed by hand.
 */
final class DuckColumns {
  private static final Set<String> ENDS_SELECT_LIST = Set.of("FROM");
  private static final Set<String> ENDS_FROM =
      Set.of(
          "WHERE",
          "GROUP",
          "HAVING",
          "QUALIFY",
          "WINDOW",
          "ORDER",
          "LIMIT",
          "OFFSET",
          "FETCH",
          "UNION",
          "EXCEPT",
          "INTERSECT",
          "MINUS",
          "USING");

  private DuckColumns() {}

  /**
   * {@code sql} with each select item holding {@code COLUMNS(...)} expanded, or null when it has
   * none.
   *
   * @param rowTypeOf prepares a query and returns its row type
   */
  static @Nullable String instead(String sql, Function<String, RelDataType> rowTypeOf) {
    List<Token> tokens = KeywordNames.tokenize(sql);
    int call = next(tokens, 0);
    if (call < 0) {
      return null;
    }
    int[] depth = KeywordNames.depths(tokens);
    int select = call;
    while (select >= 0
        && !(tokens.get(select).upper().equals("SELECT") && depth[select] <= depth[call])) {
      select--;
    }
    if (select < 0) {
      throw new SqlStateException("0A000", "COLUMNS(...) is supported only in a select list");
    }
    int d = depth[select];
    int from = select + 1;
    while (from < tokens.size()
        && !(depth[from] == d
            && tokens.get(from).kind() == Kind.WORD
            && ENDS_SELECT_LIST.contains(tokens.get(from).upper()))) {
      if (depth[from] < d) {
        break;
      }
      from++;
    }
    if (from >= tokens.size() || !tokens.get(from).upper().equals("FROM") || call > from) {
      throw new SqlStateException(
          "0A000",
          "COLUMNS(...) is supported only in the select list of a query with a FROM clause");
    }
    int fromEnd = from + 1;
    while (fromEnd < tokens.size()
        && depth[fromEnd] >= d
        && !(depth[fromEnd] == d
            && (tokens.get(fromEnd).text().equals(";")
                || tokens.get(fromEnd).kind() == Kind.WORD
                    && ENDS_FROM.contains(tokens.get(fromEnd).upper())))) {
      fromEnd++;
    }
    String fromText = sql.substring(tokens.get(from + 1).start(), tokens.get(fromEnd - 1).end());
    List<String> columns = new ArrayList<>();
    for (RelDataTypeField f : rowTypeOf.apply("SELECT * FROM " + fromText).getFieldList()) {
      columns.add(f.getName());
    }
    // the select list's items, split at commas of its level
    StringBuilder list = new StringBuilder();
    int itemStart = select + 1;
    if (tokens.get(itemStart).upper().equals("DISTINCT")
        || tokens.get(itemStart).upper().equals("ALL")) {
      itemStart++;
    }
    int firstItem = itemStart;
    for (int k = itemStart; k <= from; k++) {
      if (k == from || (depth[k] == d && tokens.get(k).text().equals(","))) {
        String item = sql.substring(tokens.get(itemStart).start(), tokens.get(k - 1).end());
        list.append(list.length() == 0 ? "" : ", ")
            .append(expand(item, tokens.subList(itemStart, k), columns, sql));
        itemStart = k + 1;
      }
    }
    String rewritten =
        sql.substring(0, tokens.get(firstItem).start())
            + list
            + " "
            + sql.substring(tokens.get(from).start());
    // more COLUMNS calls (in another query of the statement) are expanded in turn
    return next(KeywordNames.tokenize(rewritten), 0) < 0
        ? rewritten
        : instead(rewritten, rowTypeOf);
  }

  /** One select item, repeated for each matching column when it holds COLUMNS(...). */
  private static String expand(String item, List<Token> tokens, List<String> columns, String sql) {
    int call = next(tokens, 0);
    if (call < 0) {
      return item;
    }
    int close = call + 2;
    int depth = 1;
    while (close < tokens.size() && depth > 0) {
      String s = tokens.get(close).text();
      depth += s.equals("(") ? 1 : s.equals(")") ? -1 : 0;
      close++;
    }
    close--; // the closing parenthesis
    int base = tokens.get(0).start();
    List<Token> argument = tokens.subList(call + 2, close);
    List<String> matched = new ArrayList<>();
    if (argument.size() == 1 && argument.get(0).text().equals("*")) {
      matched.addAll(columns);
    } else if (argument.size() == 1 && argument.get(0).kind() == Kind.STRING) {
      String regex =
          argument
              .get(0)
              .text()
              .substring(1, argument.get(0).text().length() - 1)
              .replace("''", "'");
      Pattern pattern;
      try {
        pattern = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new SqlStateException(
            "2201B", "COLUMNS: invalid regular expression '" + regex + "': " + e.getDescription());
      }
      for (String c : columns) {
        if (pattern.matcher(c).find()) {
          matched.add(c);
        }
      }
      if (matched.isEmpty()) {
        throw new SqlStateException(
            "42703",
            "COLUMNS: no column matches the regular expression '"
                + regex
                + "'; the columns are "
                + columns);
      }
    } else {
      throw new SqlStateException(
          "0A000",
          "COLUMNS takes '*' or a regular expression in a string, e.g. COLUMNS('^n_') or COLUMNS(*)");
    }
    boolean aliased = tokens.size() >= 2 && tokens.get(tokens.size() - 2).upper().equals("AS");
    String before = item.substring(0, tokens.get(call).start() - base);
    String after = item.substring(tokens.get(close).end() - base);
    List<String> items = new ArrayList<>();
    for (String c : matched) {
      String quoted = "\"" + c.replace("\"", "\"\"") + "\"";
      String one = before + quoted + after;
      items.add(aliased || (before.isBlank() && after.isBlank()) ? one : one + " AS " + quoted);
    }
    return String.join(", ", items);
  }

  /** The index of the next {@code COLUMNS} followed by a parenthesis, from {@code from}, or -1. */
  private static int next(List<Token> tokens, int from) {
    for (int i = from; i + 1 < tokens.size(); i++) {
      if (tokens.get(i).kind() == Kind.WORD
          && tokens.get(i).upper().equals("COLUMNS")
          && tokens.get(i + 1).text().equals("(")) {
        return i;
      }
    }
    return -1;
  }
}
