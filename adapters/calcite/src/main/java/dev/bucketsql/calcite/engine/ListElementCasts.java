package dev.bucketsql.calcite.engine;

import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
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
  static final Program PROGRAM = CalcExpressions.program(Casts::new);

  private ListElementCasts() {}

  private static final class Casts extends RexShuttle {
    private final RexBuilder rexBuilder;

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
        return ListCasts.castList(rexBuilder, cast.getOperands().get(0), cast.getType());
      }
      return visited;
    }
  }
}
