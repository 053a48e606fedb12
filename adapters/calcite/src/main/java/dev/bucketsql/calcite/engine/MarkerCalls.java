package dev.bucketsql.calcite.engine;

import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * Removes the identity calls a rewrite wrapped around expressions to hide them from a step of
 * Calcite's ({@link ConstantGroupKeys}, {@link InSubqueryKeys}) once that step has run: each call
 * becomes its operand, cast to the call's type where the operand's differs (a step may have folded
 * a cast inside the call, or the call was typed nullable on purpose).
 */
final class MarkerCalls {
  private MarkerCalls() {}

  /**
   * An identity call named {@code name}: its operand's type and value, and no literal, so the step
   * it hides an expression from sees an opaque function call.
   */
  static SqlFunction marker(String name) {
    return new SqlFunction(
        name,
        SqlKind.OTHER_FUNCTION,
        ReturnTypes.ARG0,
        null,
        OperandTypes.ANY,
        SqlFunctionCategory.SYSTEM);
  }

  /** {@code rel}, its subqueries' plans included, without the calls of {@code marker}. */
  static RelNode removed(RelNode rel, SqlOperator marker) {
    return rel.accept(new Plan(marker));
  }

  private static final class Plan extends RelHomogeneousShuttle {
    private final SqlOperator marker;

    Plan(SqlOperator marker) {
      this.marker = marker;
    }

    @Override
    public RelNode visit(RelNode other) {
      RelNode rel = super.visit(other);
      RexBuilder rexBuilder = rel.getCluster().getRexBuilder();
      return rel.accept(
          new RexShuttle() {
            @Override
            public RexNode visitCall(RexCall call) {
              if (call.getOperator() != marker) {
                return super.visitCall(call);
              }
              RexNode operand = call.getOperands().get(0).accept(this);
              return operand.getType().equals(call.getType())
                  ? operand
                  : rexBuilder.makeAbstractCast(
                      call.getParserPosition(), call.getType(), operand, false);
            }

            @Override
            public RexNode visitSubQuery(RexSubQuery subQuery) {
              RexSubQuery visited = (RexSubQuery) super.visitSubQuery(subQuery);
              RelNode plan = visited.rel.accept(Plan.this);
              return plan == visited.rel ? visited : visited.clone(plan);
            }
          });
    }
  }
}
