package dev.bucketsql.calcite.engine;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;

/**
 * A {@code SELECT DISTINCT} operand of {@code UNION}, {@code INTERSECT} or {@code EXCEPT} is made
 * distinct in its own types, before its columns are cast to the set operation's, as in DuckDB.
 * Calcite's implicit coercion casts an operand's select items in place, so the cast ran below the
 * DISTINCT: in {@code SELECT DISTINCT m FROM t UNION ALL SELECT SUM(1.5) FROM u}, with {@code m} a
 * {@code DECIMAL(9,2)} and the union's column a {@code DECIMAL(38,1)}, the values 0.00 and 0.01
 * both became 0.0 and then one row. Before validation, each such operand becomes {@code SELECT *
 * FROM (operand)}, whose select items take the casts instead; the planner merges the extra
 * projection away.
 */
final class DistinctSetOperands {
  private DistinctSetOperands() {}

  /** Rewrites {@code node} in place and returns it. */
  static SqlNode rewrite(SqlNode node) {
    visit(node);
    return node;
  }

  private static void visit(SqlNode node) {
    if (node instanceof SqlNodeList list) {
      list.forEach(DistinctSetOperands::visitIfPresent);
      return;
    }
    if (!(node instanceof SqlCall call)) {
      return;
    }
    if (isSetOperation(call)) {
      List<SqlNode> operands = call.getOperandList();
      for (int i = 0; i < operands.size(); i++) {
        SqlNode operand = operands.get(i);
        if (isDistinctQuery(operand)) {
          call.setOperand(i, SelectAll.from(operand, operand.getParserPosition()));
        } else if (operand instanceof SqlWith with && isDistinctQuery(with.body)) {
          with.setOperand(1, SelectAll.from(with.body, with.body.getParserPosition()));
        }
      }
    }
    for (SqlNode operand : call.getOperandList()) {
      visitIfPresent(operand);
    }
  }

  private static void visitIfPresent(SqlNode node) {
    if (node != null) {
      visit(node);
    }
  }

  private static boolean isSetOperation(SqlCall call) {
    return call.getKind() == SqlKind.UNION
        || call.getKind() == SqlKind.INTERSECT
        || call.getKind() == SqlKind.EXCEPT;
  }

  /** A DISTINCT select, alone or under its own ORDER BY, LIMIT or OFFSET. */
  private static boolean isDistinctQuery(SqlNode node) {
    if (node instanceof SqlOrderBy orderBy) {
      return isDistinctQuery(orderBy.query);
    }
    return node instanceof SqlSelect select && select.isDistinct();
  }
}
