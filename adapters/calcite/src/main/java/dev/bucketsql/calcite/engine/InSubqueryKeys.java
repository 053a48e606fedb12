package dev.bucketsql.calcite.engine;

import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlInternalOperator;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.tools.Program;

/**
 * The keys of {@code x IN (subquery)} typed nullable until the subquery is a join. Calcite's
 * simplifier takes an IN for a comparison that is never NULL when its keys are not, whatever the
 * subquery's column holds; so {@code CASE WHEN '1.5' IN (SELECT s FROM t) THEN TRUE ELSE y > 7 END}
 * became {@code IN(...) OR (y > 7 AND NOT IN(...))}, which drops the row where the IN is NULL (a
 * NULL among the {@code s}, no match) instead of testing {@code y > 7}. Each key is wrapped, before
 * validation, in an identity call typed nullable, which the simplifier cannot see through; after
 * the subqueries are joins the calls are removed. The subquery's own answer is computed as Calcite
 * always does: a nullable key only adds a test of the key for NULL, which is then folded.
 */
final class InSubqueryKeys {
  /**
   * The identity call, typed as its operand made nullable. It unparses as its operand alone: the
   * statement is printed in messages (Calcite names the call it was converting when an error stops
   * it), and a user sees the key as typed.
   */
  static final SqlInternalOperator NULLABLE =
      new SqlInternalOperator(
          "$NULLABLE_KEY",
          SqlKind.OTHER_FUNCTION,
          0,
          true,
          ReturnTypes.ARG0_FORCE_NULLABLE,
          InferTypes.RETURN_TYPE,
          OperandTypes.ANY) {
        @Override
        public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
          call.operand(0).unparse(writer, leftPrec, rightPrec);
        }
      };

  /** The program that removes the calls, to run once the subqueries are joins. */
  static final Program UNWRAP =
      (planner, rel, requiredOutputTraits, materializations, lattices) ->
          MarkerCalls.removed(rel, NULLABLE);

  private InSubqueryKeys() {}

  /** {@code node} with the keys of each IN subquery wrapped, in place. */
  static SqlNode rewrite(SqlNode node) {
    visit(node);
    return node;
  }

  private static void visit(SqlNode node) {
    if (node instanceof SqlNodeList list) {
      list.forEach(InSubqueryKeys::visit);
      return;
    }
    if (!(node instanceof SqlCall call)) {
      return;
    }
    List<SqlNode> operands = call.getOperandList();
    if ((call.getKind() == SqlKind.IN || call.getKind() == SqlKind.NOT_IN)
        && call instanceof SqlBasicCall in
        && operands.size() == 2
        && operands.get(1) != null
        && operands.get(1).isA(SqlKind.QUERY)) {
      SqlNode keys = operands.get(0);
      if (keys instanceof SqlBasicCall row && row.getKind() == SqlKind.ROW) {
        for (int i = 0; i < row.operandCount(); i++) {
          row.setOperand(i, wrapped(row.operand(i)));
        }
      } else {
        in.setOperand(0, wrapped(keys));
      }
    }
    for (SqlNode operand : call.getOperandList()) {
      if (operand != null) {
        visit(operand);
      }
    }
  }

  private static SqlNode wrapped(SqlNode key) {
    return key instanceof SqlCall call && call.getOperator() == NULLABLE
        ? key
        : NULLABLE.createCall(key.getParserPosition(), key);
  }
}
