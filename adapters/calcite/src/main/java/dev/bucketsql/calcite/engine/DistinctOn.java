package dev.bucketsql.calcite.engine;

import dev.bucketsql.calcite.engine.KeywordNames.Kind;
import dev.bucketsql.calcite.engine.KeywordNames.Rewritten;
import dev.bucketsql.calcite.engine.KeywordNames.Token;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * DuckDB's (and PostgreSQL's) {@code SELECT DISTINCT ON (k, ...) ... ORDER BY ...}: the first row
 * of each distinct {@code k} in the {@code ORDER BY} order. The parser knows no {@code DISTINCT
 * ON}, so a token pass writes it as a marker call in front of the select list ({@code SELECT
 * "$distinct_on"(k), ...}), and before validation the marker becomes {@code QUALIFY ROW_NUMBER()
 * OVER (PARTITION BY k ORDER BY ...) = 1} with the query's own order (select aliases and ordinals
 * in it replaced by their expressions, NULLs last unless it says otherwise, as in DuckDB). Without
 * {@code ORDER BY} the row of each key is any one, as in DuckDB.
 */
final class DistinctOn {
  /** The marker call's name. */
  static final String MARKER = "$distinct_on";

  private DistinctOn() {}

  /** The statement with each {@code DISTINCT ON (...)} written as a marker call. */
  static Rewritten mark(String sql) {
    if (!sql.toLowerCase(Locale.ROOT).contains("distinct")) {
      return new Rewritten(sql, List.of());
    }
    List<Token> tokens = KeywordNames.tokenize(sql);
    StringBuilder out = new StringBuilder(sql.length() + 16);
    List<int[]> changes = new ArrayList<>();
    int copied = 0;
    for (int i = 0; i + 3 < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind() != Kind.WORD
          || !t.upper().equals("DISTINCT")
          || i == 0
          || !tokens.get(i - 1).upper().equals("SELECT")
          || !tokens.get(i + 1).upper().equals("ON")
          || !tokens.get(i + 2).text().equals("(")) {
        continue;
      }
      int close = AggregateOrders.closing(tokens, i + 2);
      if (close < 0) {
        continue;
      }
      Token on = tokens.get(i + 1);
      String marker = "\"" + MARKER + "\"";
      out.append(sql, copied, t.start()).append(marker);
      changes.add(new int[] {t.line(), t.column(), marker.length() - (on.end() - t.start())});
      Token closing = tokens.get(close);
      out.append(sql, on.end(), closing.end()).append(',');
      changes.add(new int[] {closing.line(), closing.column() + 1, 1});
      copied = closing.end();
      i = close;
    }
    out.append(sql, copied, sql.length());
    return new Rewritten(out.toString(), changes);
  }

  /** Replaces the markers in {@code node} by a QUALIFY clause, in place, and returns it. */
  static SqlNode rewrite(SqlNode node) {
    visit(node, null);
    return node;
  }

  private static void visit(SqlNode node, SqlNodeList outerOrder) {
    if (node instanceof SqlOrderBy orderBy) {
      visit(orderBy.query, orderBy.orderList);
      visit(orderBy.orderList, null);
      return;
    }
    if (node instanceof SqlSelect select) {
      SqlNodeList order = select.getOrderList() != null ? select.getOrderList() : outerOrder;
      qualify(select, order);
    }
    if (node instanceof SqlNodeList list) {
      list.forEach(child -> visit(child, null));
    } else if (node instanceof SqlCall call) {
      for (SqlNode operand : call.getOperandList()) {
        if (operand != null) {
          visit(operand, null);
        }
      }
    }
  }

  private static void qualify(SqlSelect select, SqlNodeList order) {
    SqlNodeList items = select.getSelectList();
    if (items == null || items.isEmpty() || !isMarker(items.get(0))) {
      return;
    }
    SqlCall marker = (SqlCall) items.get(0);
    SqlParserPos pos = marker.getParserPosition();
    SqlNodeList rest =
        new SqlNodeList(items.getList().subList(1, items.size()), items.getParserPosition());
    select.setSelectList(rest);
    List<SqlNode> keys = new ArrayList<>();
    for (SqlNode key : marker.getOperandList()) {
      keys.add(resolved(key, rest));
    }
    List<SqlNode> windowOrder = new ArrayList<>();
    if (order != null) {
      for (SqlNode item : order) {
        windowOrder.add(windowOrderItem(item, rest));
      }
    }
    SqlWindow window =
        SqlWindow.create(
            null,
            null,
            new SqlNodeList(keys, pos),
            new SqlNodeList(windowOrder, pos),
            SqlLiteral.createBoolean(false, pos),
            null,
            null,
            null,
            pos);
    SqlNode rowNumber =
        SqlStdOperatorTable.OVER.createCall(
            pos, SqlStdOperatorTable.ROW_NUMBER.createCall(pos), window);
    SqlNode first =
        SqlStdOperatorTable.EQUALS.createCall(
            pos, rowNumber, SqlLiteral.createExactNumeric("1", pos));
    SqlNode qualify = select.getQualify();
    select.setQualify(
        qualify == null ? first : SqlStdOperatorTable.AND.createCall(pos, qualify, first));
  }

  /** An item of the query's ORDER BY for the window: its expression, NULLs last by default. */
  private static SqlNode windowOrderItem(SqlNode item, SqlNodeList selectList) {
    boolean nulls = false;
    boolean descending = false;
    SqlNode inner = item;
    List<SqlCall> wrappers = new ArrayList<>();
    while (inner instanceof SqlCall c
        && (c.getKind() == SqlKind.DESCENDING
            || c.getKind() == SqlKind.NULLS_FIRST
            || c.getKind() == SqlKind.NULLS_LAST)) {
      nulls |= c.getKind() != SqlKind.DESCENDING;
      descending |= c.getKind() == SqlKind.DESCENDING;
      wrappers.add(c);
      inner = c.operand(0);
    }
    SqlNode expression = resolved(inner, selectList);
    SqlParserPos pos = item.getParserPosition();
    if (descending) {
      expression = SqlStdOperatorTable.DESC.createCall(pos, expression);
    }
    if (nulls) {
      SqlCall outer =
          wrappers.stream()
              .filter(c -> c.getKind() != SqlKind.DESCENDING)
              .findFirst()
              .orElseThrow();
      return outer.getOperator().createCall(pos, expression);
    }
    return SqlStdOperatorTable.NULLS_LAST.createCall(pos, expression);
  }

  /** {@code node}, or the select item it names by ordinal or alias. */
  private static SqlNode resolved(SqlNode node, SqlNodeList selectList) {
    if (node instanceof SqlLiteral literal && literal.getValue() instanceof BigDecimal n) {
      int ordinal = n.intValue();
      if (ordinal >= 1 && ordinal <= selectList.size() && n.scale() <= 0) {
        return expressionOf(selectList.get(ordinal - 1));
      }
    }
    if (node instanceof SqlIdentifier id && id.isSimple()) {
      for (SqlNode item : selectList) {
        if (item instanceof SqlCall as
            && as.getKind() == SqlKind.AS
            && as.operand(1) instanceof SqlIdentifier alias
            && alias.getSimple().equalsIgnoreCase(id.getSimple())) {
          return as.operand(0);
        }
      }
    }
    return node;
  }

  private static SqlNode expressionOf(SqlNode item) {
    return item instanceof SqlCall as && as.getKind() == SqlKind.AS ? as.operand(0) : item;
  }

  private static boolean isMarker(SqlNode node) {
    return node instanceof SqlBasicCall call && call.getOperator().getName().equals(MARKER);
  }
}
