package dev.bucketsql.calcite.engine;

import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * Only a positive integer literal in {@code GROUP BY} is an ordinal, as in DuckDB. Calcite's
 * lenient conformance takes any number literal for one, truncated ({@code GROUP BY 3.25e0} is the
 * third select item, {@code GROUP BY -0.5} an "Ordinal out of range"). Before validation, a number
 * literal there with a fraction or an exponent is put under a unary plus, which the validator does
 * not read as an ordinal and the conversion drops again: the statement groups by the constant.
 */
final class GroupByLiterals {
  private GroupByLiterals() {}

  /** Rewrites {@code node} in place and returns it. */
  static SqlNode rewrite(SqlNode node) {
    visit(node);
    return node;
  }

  private static void visit(SqlNode node) {
    if (node instanceof SqlSelect select && select.getGroup() != null) {
      wrap(select.getGroup());
    }
    if (node instanceof SqlNodeList list) {
      list.forEach(GroupByLiterals::visit);
    } else if (node instanceof SqlCall call) {
      for (SqlNode operand : call.getOperandList()) {
        if (operand != null) {
          visit(operand);
        }
      }
    }
  }

  /** Wraps the non-ordinal number literals of a group list, and of its grouping sets. */
  private static void wrap(SqlNodeList items) {
    for (int i = 0; i < items.size(); i++) {
      SqlNode item = items.get(i);
      if (isNonOrdinalNumber(item)) {
        items.set(i, plus(item));
      } else if (item instanceof SqlBasicCall call && isGroupingCall(call)) {
        List<SqlNode> operands = call.getOperandList();
        for (int j = 0; j < operands.size(); j++) {
          SqlNode operand = operands.get(j);
          if (isNonOrdinalNumber(operand)) {
            call.setOperand(j, plus(operand));
          } else if (operand instanceof SqlNodeList nested) {
            wrap(nested);
          }
        }
      }
    }
  }

  private static boolean isGroupingCall(SqlCall call) {
    return call.getKind() == SqlKind.GROUPING_SETS
        || call.getKind() == SqlKind.ROLLUP
        || call.getKind() == SqlKind.CUBE;
  }

  private static boolean isNonOrdinalNumber(SqlNode node) {
    if (!(node instanceof SqlNumericLiteral literal)) {
      return false;
    }
    BigDecimal value = literal.getValueAs(BigDecimal.class);
    return !literal.isExact()
        || literal.getScale() == null
        || literal.getScale() != 0
        || value.signum() < 0;
  }

  private static SqlNode plus(SqlNode literal) {
    return SqlStdOperatorTable.UNARY_PLUS.createCall(literal.getParserPosition(), literal);
  }
}
