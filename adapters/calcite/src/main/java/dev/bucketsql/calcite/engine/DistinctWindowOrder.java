package dev.bucketsql.calcite.engine;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * A statement's {@code SELECT DISTINCT} with a window function and an {@code ORDER BY} of its
 * output columns, ordered outside the distinct rows: {@code SELECT DISTINCT MAX(x) OVER (ORDER BY
 * a) AS c0 FROM t ORDER BY c0} becomes {@code SELECT * FROM (SELECT DISTINCT ...) ORDER BY c0}.
 * Calcite's validator checks the window's own {@code ORDER BY a} against the distinct select list
 * when the statement's {@code ORDER BY} names the window's column, and fails ("'a' is not in the
 * select clause"); DuckDB orders the distinct rows. Only a statement whose order items are output
 * names or ordinals, whose select items all have distinct names, is rewritten: the outer query sees
 * the same columns and orders the same rows.
 */
final class DistinctWindowOrder {
  private DistinctWindowOrder() {}

  /** The statement {@code node}, rewritten where it is such a statement. */
  static SqlNode rewrite(SqlNode node) {
    if (!(node instanceof SqlOrderBy orderBy)
        || !(orderBy.query instanceof SqlSelect select)
        || !select.isDistinct()
        || !hasWindow(select.getSelectList())) {
      return node;
    }
    Set<String> names = new HashSet<>();
    for (SqlNode item : select.getSelectList()) {
      String name = name(item);
      if (name == null || !names.add(name)) {
        return node;
      }
    }
    for (SqlNode item : orderBy.orderList) {
      SqlNode key = item;
      while (key instanceof SqlCall c
          && (c.getKind() == SqlKind.DESCENDING
              || c.getKind() == SqlKind.NULLS_FIRST
              || c.getKind() == SqlKind.NULLS_LAST)) {
        key = c.operand(0);
      }
      boolean ordinal = key instanceof SqlNumericLiteral n && n.isInteger();
      boolean output =
          key instanceof SqlIdentifier id && id.isSimple() && names.contains(upper(id.getSimple()));
      if (!ordinal && !output) {
        return node;
      }
    }
    SqlParserPos pos = orderBy.getParserPosition();
    SqlNode from =
        SqlStdOperatorTable.AS.createCall(pos, select, new SqlIdentifier("$distinct", pos));
    SqlSelect outer = SelectAll.from(from, pos);
    return new SqlOrderBy(pos, outer, orderBy.orderList, orderBy.offset, orderBy.fetch);
  }

  /** The output name of a select item, upper case, or null when the validator would make one up. */
  private static String name(SqlNode item) {
    if (item.getKind() == SqlKind.AS) {
      return upper(((SqlIdentifier) ((SqlCall) item).operand(1)).getSimple());
    }
    if (item instanceof SqlIdentifier id && !id.isStar()) {
      return upper(id.names.get(id.names.size() - 1));
    }
    return null;
  }

  private static String upper(String name) {
    return name.toUpperCase(Locale.ROOT);
  }

  private static boolean hasWindow(SqlNode node) {
    if (!(node instanceof SqlCall call) || node instanceof SqlSelect) {
      return node instanceof SqlNodeList list
          && list.stream().anyMatch(DistinctWindowOrder::hasWindow);
    }
    if (call.getKind() == SqlKind.OVER) {
      return true;
    }
    return call.getOperandList().stream().anyMatch(o -> o != null && hasWindow(o));
  }
}
