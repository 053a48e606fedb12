package dev.bucketsql.calcite.engine;

import java.util.List;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.tools.Program;

/**
 * OR and AND that compute their second operand only for the rows that need it, in Calcite's
 * row-at-a-time code as in DuckDB and the engine. Calcite's code generator computes both operands
 * first when they can be NULL, so {@code WHERE s = '' OR CAST(s AS DOUBLE) > 0} failed on a row
 * holding {@code 'zero'} though its first operand is TRUE there: a guard written the way users
 * write it in DuckDB did not guard. Where an operand after the first can fail (anything but
 * columns, constants, comparisons and logic), {@code a OR b} becomes {@code CASE WHEN a IS TRUE
 * THEN TRUE ELSE a OR b END} and {@code a AND b} becomes {@code CASE WHEN a IS FALSE THEN FALSE
 * ELSE a AND b END}: the same value on every row, and Calcite's code computes a CASE branch only
 * for the rows that take it. {@code a} is computed twice on the rows it does not decide.
 */
final class LazyLogic {
  /** The program that rewrites a whole plan, after Calcite's optimizer. */
  static final Program PROGRAM = CalcExpressions.program(Lazy::new);

  private LazyLogic() {}

  private static final class Lazy extends RexShuttle {
    private final RexBuilder rex;

    Lazy(RexBuilder rex) {
      this.rex = rex;
    }

    @Override
    public RexNode visitCall(RexCall call) {
      RexNode visited = super.visitCall(call);
      if (!(visited instanceof RexCall logic)
          || logic.getKind() != SqlKind.OR && logic.getKind() != SqlKind.AND
          || logic.getOperands().size() < 2) {
        return visited;
      }
      List<RexNode> operands = logic.getOperands();
      if (operands.subList(1, operands.size()).stream().allMatch(LazyLogic::cannotFail)) {
        return visited;
      }
      return lazily(logic.getKind() == SqlKind.OR, operands, logic);
    }

    /**
     * {@code operands} joined by OR (or AND), each computed only where those before it leave the
     * answer open.
     */
    private RexNode lazily(boolean or, List<RexNode> operands, RexCall original) {
      if (operands.size() == 1) {
        return operands.get(0);
      }
      RexNode first = operands.get(0);
      RexNode rest = lazily(or, operands.subList(1, operands.size()), original);
      RexNode both =
          rex.makeCall(
              original.getType(),
              or ? SqlStdOperatorTable.OR : SqlStdOperatorTable.AND,
              List.of(first, rest));
      RexNode decides =
          rex.makeCall(or ? SqlStdOperatorTable.IS_TRUE : SqlStdOperatorTable.IS_FALSE, first);
      return rex.makeCall(
          original.getType(),
          SqlStdOperatorTable.CASE,
          List.of(decides, rex.makeLiteral(or), both));
    }
  }

  /**
   * Whether {@code node} is made of columns, constants, comparisons (the SQL layer's of doubles
   * too), EXTRACT and logic only.
   */
  private static boolean cannotFail(RexNode node) {
    if (node instanceof RexInputRef || node instanceof RexLiteral) {
      return true;
    }
    if (!(node instanceof RexCall call)) {
      return false;
    }
    if (call.getOperator() instanceof SqlUserDefinedFunction f
        && f.getFunction() instanceof ScalarFunctionImpl impl
        && impl.method.getDeclaringClass() == DoubleOrder.class) {
      // the SQL layer's comparisons of doubles
      return call.getOperands().stream().allMatch(LazyLogic::cannotFail);
    }
    boolean safe =
        switch (call.getKind()) {
          case EQUALS,
              NOT_EQUALS,
              LESS_THAN,
              LESS_THAN_OR_EQUAL,
              GREATER_THAN,
              GREATER_THAN_OR_EQUAL,
              AND,
              OR,
              NOT,
              IS_NULL,
              IS_NOT_NULL,
              IS_TRUE,
              IS_NOT_TRUE,
              IS_FALSE,
              IS_NOT_FALSE,
              SEARCH,
              EXTRACT ->
              true;
          default -> false;
        };
    return safe && call.getOperands().stream().allMatch(LazyLogic::cannotFail);
  }
}
