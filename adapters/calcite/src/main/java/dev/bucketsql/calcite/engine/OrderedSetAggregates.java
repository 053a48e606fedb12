package dev.bucketsql.calcite.engine;

import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;

/**
 * Rewrites the standard's ordered-set aggregates {@code PERCENTILE_CONT(q) WITHIN GROUP (ORDER BY x
 * [ASC|DESC])} and {@code PERCENTILE_DISC(...)} into calls of {@link QuantileFunction} over {@code
 * (x, q)}, before the statement is validated. Calcite parses and types these, but its engine cannot
 * run them: it would hold and sort every input row of a group. As calls with the sorted value as an
 * argument, they hold only that value, as {@code median} does, and take the types DuckDB gives
 * them. {@code NULLS FIRST/LAST} is ignored, as the quantile skips NULLs. Other aggregates with
 * {@code WITHIN GROUP} are left to Calcite.
 */
final class OrderedSetAggregates {
  private OrderedSetAggregates() {}

  /** Rewrites {@code node} in place and returns it. */
  static SqlNode rewrite(SqlNode node) {
    rewriteOperands(node);
    return node;
  }

  private static void rewriteOperands(SqlNode node) {
    if (node instanceof SqlNodeList list) {
      for (int i = 0; i < list.size(); i++) {
        SqlNode child = list.get(i);
        SqlNode rewritten = rewritten(child);
        if (rewritten != child) {
          list.set(i, rewritten);
        }
        rewriteOperands(rewritten);
      }
    } else if (node instanceof SqlCall call) {
      List<SqlNode> operands = call.getOperandList();
      for (int i = 0; i < operands.size(); i++) {
        SqlNode child = operands.get(i);
        SqlNode rewritten = rewritten(child);
        if (rewritten != child) {
          call.setOperand(i, rewritten);
        }
        rewriteOperands(rewritten);
      }
    }
  }

  /** The quantile call {@code node} stands for, or {@code node} itself. */
  private static SqlNode rewritten(SqlNode node) {
    if (!(node instanceof SqlCall within)
        || within.getKind() != SqlKind.WITHIN_GROUP
        || !(within.operand(0) instanceof SqlCall aggregate)) {
      return node;
    }
    String name = aggregate.getOperator().getName().toUpperCase(Locale.ROOT);
    boolean continuous = name.equals("PERCENTILE_CONT");
    if (!continuous && !name.equals("PERCENTILE_DISC")) {
      return node;
    }
    SqlNodeList order = within.operand(1);
    if (aggregate.operandCount() != 1 || order.size() != 1) {
      throw QuantileArguments.error(
          within,
          name
              + "(fraction) WITHIN GROUP (ORDER BY value) takes one fraction and one ORDER BY"
              + " expression, not "
              + aggregate.operandCount()
              + " and "
              + order.size());
    }
    if (aggregate.getFunctionQuantifier() != null) {
      throw QuantileArguments.error(
          within, name + " does not take " + aggregate.getFunctionQuantifier());
    }
    SqlNode value = order.get(0);
    boolean descending = false;
    while (value instanceof SqlCall c
        && (c.getKind() == SqlKind.DESCENDING
            || c.getKind() == SqlKind.NULLS_FIRST
            || c.getKind() == SqlKind.NULLS_LAST)) {
      descending |= c.getKind() == SqlKind.DESCENDING;
      value = c.operand(0);
    }
    return QuantileFunction.percentile(continuous, descending)
        .createCall(within.getParserPosition(), value, aggregate.operand(0));
  }
}
