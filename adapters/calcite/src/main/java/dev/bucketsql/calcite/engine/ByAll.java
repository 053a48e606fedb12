package dev.bucketsql.calcite.engine;

import dev.bucketsql.calcite.engine.KeywordNames.Kind;
import dev.bucketsql.calcite.engine.KeywordNames.Rewritten;
import dev.bucketsql.calcite.engine.KeywordNames.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * DuckDB's {@code GROUP BY ALL} (every select item without an aggregate) and {@code ORDER BY ALL
 * [ASC|DESC] [NULLS FIRST|LAST]} (every select item, left to right). Calcite's parser reads {@code
 * ALL} there as a set quantifier, so a token pass first puts a marker name in its place; before
 * validation the marker becomes the select items' ordinals ({@code GROUP BY 1, 3}), which the
 * lenient conformance takes.
 */
final class ByAll {
  /** The name that stands for ALL between the passes. */
  static final String MARKER = "$duckdb_all";

  private static final Set<String> FOLLOWERS =
      Set.of(
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
          "ASC",
          "DESC",
          "NULLS");

  /**
   * Aggregates by name: the parser leaves function calls unresolved until validation, so their
   * operators do not say yet whether they aggregate.
   */
  static final Set<String> AGGREGATES =
      Set.of(
          "COUNT",
          "SUM",
          "SUM0",
          "$SUM0",
          "AVG",
          "MIN",
          "MAX",
          "STDDEV_SAMP",
          "STDDEV_POP",
          "VAR_SAMP",
          "VAR_POP",
          "COLLECT",
          "FUSION",
          "INTERSECTION",
          "SINGLE_VALUE",
          "BIT_AND",
          "BIT_OR",
          "BIT_XOR",
          "REGR_COUNT",
          "REGR_SXX",
          "REGR_SYY",
          "COVAR_POP",
          "COVAR_SAMP",
          "GROUPING",
          "MODE",
          "MEDIAN",
          "QUANTILE",
          "QUANTILE_CONT",
          "QUANTILE_DISC",
          "STRING_AGG",
          "ARRAY_AGG",
          "LISTAGG",
          "BOOL_AND",
          "BOOL_OR",
          "EVERY",
          "ANY_VALUE",
          "ARG_MIN",
          "ARG_MAX",
          "COUNT_IF",
          "LIST",
          "STDDEV",
          "VARIANCE",
          "APPROX_COUNT_DISTINCT",
          "PERCENTILE_CONT",
          "PERCENTILE_DISC");

  private ByAll() {}

  /** The statement with {@code GROUP BY ALL} and {@code ORDER BY ALL} marked. */
  static Rewritten mark(String sql) {
    List<Token> tokens = KeywordNames.tokenize(sql);
    StringBuilder out = new StringBuilder(sql.length() + 16);
    List<int[]> changes = new ArrayList<>();
    int copied = 0;
    for (int i = 2; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind() != Kind.WORD
          || !t.upper().equals("ALL")
          || !tokens.get(i - 1).upper().equals("BY")
          || !(tokens.get(i - 2).upper().equals("GROUP")
              || tokens.get(i - 2).upper().equals("ORDER"))) {
        continue;
      }
      Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
      boolean ends =
          next == null
              || next.text().equals(")")
              || next.text().equals(";")
              || (next.kind() == Kind.WORD && FOLLOWERS.contains(next.upper()));
      if (!ends) {
        continue; // GROUP BY ALL a, b: the standard's quantifier, left to the parser
      }
      String marker = "\"" + MARKER + "\"";
      out.append(sql, copied, t.start()).append(marker);
      copied = t.start() + t.text().length();
      changes.add(new int[] {t.line(), t.column(), marker.length() - t.text().length()});
    }
    out.append(sql, copied, sql.length());
    return new Rewritten(out.toString(), changes);
  }

  /** Replaces the markers in {@code node}, in place, and returns it. */
  static SqlNode expand(SqlNode node) {
    visit(node);
    return node;
  }

  private static void visit(SqlNode node) {
    if (node instanceof SqlOrderBy orderBy && orderBy.query instanceof SqlSelect select) {
      expandOrder(orderBy.orderList, select.getSelectList());
    }
    if (node instanceof SqlSelect select) {
      SqlNodeList group = select.getGroup();
      if (group != null && group.size() == 1 && isMarker(group.get(0))) {
        select.setGroupBy(groupItems(select.getSelectList(), group.get(0).getParserPosition()));
      }
      if (select.getOrderList() != null) {
        expandOrder(select.getOrderList(), select.getSelectList());
      }
    }
    if (node instanceof SqlNodeList list) {
      list.forEach(ByAll::visit);
    } else if (node instanceof SqlCall call) {
      for (SqlNode operand : call.getOperandList()) {
        if (operand != null) {
          visit(operand);
        }
      }
    }
  }

  private static SqlNodeList groupItems(SqlNodeList selectList, SqlParserPos pos) {
    List<SqlNode> ordinals = new ArrayList<>();
    for (int i = 0; i < selectList.size(); i++) {
      SqlNode item = selectList.get(i);
      if (isStar(item)) {
        throw error(item, "GROUP BY ALL cannot group by *; name the columns in the select list");
      }
      if (!hasAggregate(item)) {
        ordinals.add(SqlLiteral.createExactNumeric(String.valueOf(i + 1), pos));
      }
    }
    return ordinals.isEmpty() ? null : new SqlNodeList(ordinals, pos);
  }

  private static void expandOrder(SqlNodeList order, SqlNodeList selectList) {
    if (order.size() != 1) {
      return;
    }
    // ALL, possibly under DESC and NULLS FIRST/LAST
    List<SqlCall> wrappers = new ArrayList<>();
    SqlNode inner = order.get(0);
    while (inner instanceof SqlCall c
        && (c.getKind() == SqlKind.DESCENDING
            || c.getKind() == SqlKind.NULLS_FIRST
            || c.getKind() == SqlKind.NULLS_LAST)) {
      wrappers.add(c);
      inner = c.operand(0);
    }
    if (!isMarker(inner)) {
      return;
    }
    List<SqlNode> items = new ArrayList<>();
    for (int i = 0; i < selectList.size(); i++) {
      if (isStar(selectList.get(i))) {
        throw error(
            selectList.get(i),
            "ORDER BY ALL cannot order by *; name the columns in the select list");
      }
      SqlNode item =
          SqlLiteral.createExactNumeric(String.valueOf(i + 1), inner.getParserPosition());
      for (int w = wrappers.size() - 1; w >= 0; w--) {
        SqlCall wrapper = wrappers.get(w);
        item = new SqlBasicCall(wrapper.getOperator(), List.of(item), wrapper.getParserPosition());
      }
      items.add(item);
    }
    order.clear();
    order.addAll(items);
  }

  private static boolean isMarker(SqlNode node) {
    return node instanceof SqlIdentifier id && id.isSimple() && id.getSimple().equals(MARKER);
  }

  private static boolean isStar(SqlNode node) {
    return node instanceof SqlIdentifier id && id.isStar();
  }

  /** Whether {@code node} holds an aggregate call outside a window ({@code OVER}). */
  static boolean hasAggregate(SqlNode node) {
    if (!(node instanceof SqlCall call)) {
      return false;
    }
    if (call.getKind() == SqlKind.OVER) {
      return true; // a window function cannot be a group key either
    }
    if (call.getOperator().isAggregator()
        || AGGREGATES.contains(call.getOperator().getName().toUpperCase(Locale.ROOT))
        || call.getKind() == SqlKind.FILTER
        || call.getKind() == SqlKind.WITHIN_GROUP) {
      return true;
    }
    for (SqlNode operand : call.getOperandList()) {
      if (operand != null && !(operand instanceof SqlSelect) && hasAggregate(operand)) {
        return true;
      }
    }
    return false;
  }

  private static RuntimeException error(SqlNode node, String message) {
    return QuantileArguments.error(node, message);
  }
}
