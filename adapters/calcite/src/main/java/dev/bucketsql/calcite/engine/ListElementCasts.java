package dev.bucketsql.calcite.engine;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.Program;

/**
 * The casts of a list to another list type that the planner adds (the rows of a VALUES or the
 * inputs of a UNION brought to one type), computed element by element with a NULL element kept
 * ({@link ListCasts#castList}), after the optimizer. Calcite's own cast unboxes each element when
 * the target's element type says NOT NULL, which list text and list literals do not guarantee, and
 * failed with a NullPointerException on {@code VALUES ([1, NULL]), (CAST('[]' AS INTEGER[]))}.
 */
final class ListElementCasts {
  /** The program that rewrites a whole plan. */
  static final Program PROGRAM =
      (planner, rel, requiredOutputTraits, materializations, lattices) -> rel.accept(new Plan());

  private ListElementCasts() {}

  private static final class Plan extends RelHomogeneousShuttle {
    @Override
    public RelNode visit(RelNode other) {
      RelNode rel = super.visit(other);
      if (!(rel instanceof EnumerableCalc calc)) {
        return rel;
      }
      RexProgram program = calc.getProgram();
      RexBuilder rexBuilder = calc.getCluster().getRexBuilder();
      Casts casts = new Casts(rexBuilder);
      List<RexNode> projects = new ArrayList<>();
      program.getProjectList().forEach(p -> projects.add(program.expandLocalRef(p).accept(casts)));
      RexNode condition =
          program.getCondition() == null
              ? null
              : program.expandLocalRef(program.getCondition()).accept(casts);
      if (!casts.changed) {
        return calc;
      }
      RexProgram rewritten =
          RexProgram.create(
              program.getInputRowType(),
              projects,
              condition,
              program.getOutputRowType(),
              rexBuilder);
      return calc.copy(calc.getTraitSet(), calc.getInput(), rewritten);
    }
  }

  private static final class Casts extends RexShuttle {
    private final RexBuilder rexBuilder;
    private boolean changed;

    Casts(RexBuilder rexBuilder) {
      this.rexBuilder = rexBuilder;
    }

    @Override
    public RexNode visitCall(RexCall call) {
      RexNode visited = super.visitCall(call);
      if (visited.getKind() == SqlKind.CAST
          && visited instanceof RexCall cast
          && cast.getType().getSqlTypeName() == SqlTypeName.ARRAY
          && cast.getOperands().get(0).getType().getSqlTypeName() == SqlTypeName.ARRAY
          && ListCasts.elementCast(cast.getType())) {
        changed = true;
        return ListCasts.castList(rexBuilder, cast.getOperands().get(0), cast.getType());
      }
      return visited;
    }
  }
}
