package dev.bucketsql.calcite.engine;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.Program;

/**
 * Conditions without the casts that only declare a nullable value not null ({@code CAST($1):BIGINT
 * NOT NULL} of a nullable {@code $1}; a cast to another type, such as {@code CAST($1):DOUBLE NOT
 * NULL} of a nullable INTEGER, made nullable), after Calcite's optimizer. Its simplifier leaves
 * such a cast where it removed the guard that made it true ({@code 4 > COALESCE(score, 4)} becomes
 * {@code 4 > CAST(score):BIGINT NOT NULL}, the {@code score IS NOT NULL} dropped because the
 * comparison is null for a NULL score anyway), and Calcite's generated code then reads the NULL as
 * 0, so the row passes. Without the cast, and with the calls above it typed nullable again, the
 * comparison is null for a NULL and the row is filtered, as SQL says. Only conditions change (a
 * filter, a calc's condition, a join's), where a nullable result is allowed; a call that cannot be
 * retyped is left as it was.
 */
final class NullabilityCasts {
  /** The program that rewrites a whole plan. */
  static final Program PROGRAM =
      (planner, rel, requiredOutputTraits, materializations, lattices) -> rel.accept(new Plan());

  private NullabilityCasts() {}

  private static final class Plan extends RelHomogeneousShuttle {
    @Override
    public RelNode visit(RelNode other) {
      RelNode rel = super.visit(other);
      RexBuilder rexBuilder = rel.getCluster().getRexBuilder();
      if (rel instanceof EnumerableCalc calc && calc.getProgram().getCondition() != null) {
        RexProgram program = calc.getProgram();
        RexNode condition = program.expandLocalRef(program.getCondition());
        RexNode fixed = condition.accept(new Conditions(rexBuilder));
        if (fixed == condition) {
          return calc;
        }
        List<RexNode> projects = new ArrayList<>();
        program.getProjectList().forEach(p -> projects.add(program.expandLocalRef(p)));
        RexProgram rewritten =
            RexProgram.create(
                program.getInputRowType(), projects, fixed, program.getOutputRowType(), rexBuilder);
        return calc.copy(calc.getTraitSet(), calc.getInput(), rewritten);
      }
      if (rel instanceof Filter filter) {
        RexNode fixed = filter.getCondition().accept(new Conditions(rexBuilder));
        return fixed == filter.getCondition()
            ? filter
            : filter.copy(filter.getTraitSet(), filter.getInput(), fixed);
      }
      if (rel instanceof Join join) {
        RexNode fixed = join.getCondition().accept(new Conditions(rexBuilder));
        return fixed == join.getCondition()
            ? join
            : join.copy(
                join.getTraitSet(),
                fixed,
                join.getLeft(),
                join.getRight(),
                join.getJoinType(),
                join.isSemiJoinDone());
      }
      return rel;
    }
  }

  private static final class Conditions extends RexShuttle {
    private final RexBuilder rexBuilder;

    Conditions(RexBuilder rexBuilder) {
      this.rexBuilder = rexBuilder;
    }

    @Override
    public RexNode visitCall(RexCall call) {
      List<RexNode> operands = new ArrayList<>();
      boolean changed = false;
      boolean nullabilityChanged = false;
      for (RexNode operand : call.getOperands()) {
        RexNode visited = operand.accept(this);
        changed |= visited != operand;
        nullabilityChanged |= visited.getType().isNullable() != operand.getType().isNullable();
        operands.add(visited);
      }
      if (call.getKind() == SqlKind.CAST
          && operands.size() == 1
          && operands.get(0).getType().isNullable()
          && !call.getType().isNullable()) {
        RelDataType nullable =
            rexBuilder.getTypeFactory().createTypeWithNullability(call.getType(), true);
        // a cast to another type declared not null the same way (COALESCE(CAST(i AS DOUBLE), ...)
        // leaves CAST($0):DOUBLE NOT NULL of an INTEGER): the same cast, nullable
        return nullable.equals(operands.get(0).getType())
            ? operands.get(0)
            : rexBuilder.makeAbstractCast(nullable, operands.get(0), false);
      }
      if (!changed) {
        return call;
      }
      if (!nullabilityChanged) {
        return call.clone(call.getType(), operands);
      }
      try {
        RexNode retyped =
            call.getKind() == SqlKind.CAST
                ? rexBuilder.makeCast(
                    rexBuilder.getTypeFactory().createTypeWithNullability(call.getType(), true),
                    operands.get(0))
                : rexBuilder.makeCall(call.getParserPosition(), call.getOperator(), operands);
        return retyped.getType().getSqlTypeName() == call.getType().getSqlTypeName()
            ? retyped
            : call;
      } catch (RuntimeException e) {
        return call; // an operator whose type cannot be inferred again: as Calcite planned it
      }
    }
  }
}
