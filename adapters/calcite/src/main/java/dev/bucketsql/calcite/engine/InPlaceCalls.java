package dev.bucketsql.calcite.engine;

import java.util.List;
import java.util.function.Function;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Replaces calls of a parsed statement in place, before validation: the passes that give DuckDB's
 * meaning to what Calcite's parser read otherwise ({@link DatePartUnits}, {@link IntegerDivisions},
 * {@link InfixPrecedence}) each say what a call becomes, and this walks the tree once for each.
 * Children are replaced before their parents.
 */
final class InPlaceCalls {
  private InPlaceCalls() {}

  /**
   * Replaces each call of {@code node} for which {@code replacement} answers a node; returns {@code
   * node}, or its replacement when it is itself replaced.
   */
  static SqlNode replace(SqlNode node, Function<SqlCall, @Nullable SqlNode> replacement) {
    visit(node, replacement);
    SqlNode top = node instanceof SqlCall call ? replacement.apply(call) : null;
    return top == null ? node : top;
  }

  private static void visit(
      @Nullable SqlNode node, Function<SqlCall, @Nullable SqlNode> replacement) {
    if (node instanceof SqlNodeList list) {
      for (int i = 0; i < list.size(); i++) {
        visit(list.get(i), replacement);
        if (list.get(i) instanceof SqlCall call) {
          SqlNode replaced = replacement.apply(call);
          if (replaced != null) {
            list.set(i, replaced);
          }
        }
      }
    } else if (node instanceof SqlCall call) {
      List<SqlNode> operands = call.getOperandList();
      for (SqlNode operand : operands) {
        visit(operand, replacement);
      }
      for (int i = 0; i < operands.size(); i++) {
        if (operands.get(i) instanceof SqlCall operand) {
          SqlNode replaced = replacement.apply(operand);
          if (replaced != null) {
            set(call, i, replaced);
          }
        }
      }
    }
  }

  /** Sets operand {@code i}; a call whose class cannot set one keeps it (validated as written). */
  private static void set(SqlCall call, int i, SqlNode operand) {
    try {
      call.setOperand(i, operand);
    } catch (UnsupportedOperationException | AssertionError e) {
      // left as the parser read it
    }
  }
}
