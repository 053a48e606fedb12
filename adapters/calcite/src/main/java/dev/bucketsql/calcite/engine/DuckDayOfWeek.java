package dev.bucketsql.calcite.engine;

import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.tools.Program;

/**
 * The day of the week numbered as DuckDB numbers it, Sunday 0 to Saturday 6, before Calcite's
 * optimizer: {@code EXTRACT(DOW FROM d)}, {@code date_part('dow', d)} and {@code dayofweek(d)} all
 * arrive as Calcite's EXTRACT of DOW, which numbers Sunday 1 to Saturday 7. ISODOW (Monday 1 to
 * Sunday 7) is the same in both.
 */
final class DuckDayOfWeek {
  /** The program that rewrites a whole plan, subqueries included. */
  static final Program PROGRAM =
      (planner, rel, requiredOutputTraits, materializations, lattices) -> rel.accept(new Plan());

  private DuckDayOfWeek() {}

  /** Whether {@code unit} is DOW: a time unit, or the text {@code date_part} gives ('dow'). */
  private static boolean dayOfWeek(RexLiteral unit) {
    if (unit.getValue() instanceof TimeUnitRange range) {
      return range == TimeUnitRange.DOW;
    }
    String text = SqlTypeUtil.isCharacter(unit.getType()) ? unit.getValueAs(String.class) : null;
    if (text == null) {
      return false;
    }
    try {
      return SqlIntervalQualifier.stringToDatePartTimeUnit(text) == TimeUnit.DOW;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static final class Plan extends RelHomogeneousShuttle {
    @Override
    public RelNode visit(RelNode other) {
      RelNode rel = super.visit(other);
      RexBuilder rexBuilder = rel.getCluster().getRexBuilder();
      return rel.accept(
          new RexShuttle() {
            @Override
            public RexNode visitCall(RexCall call) {
              RexNode visited = super.visitCall(call);
              if (!(visited instanceof RexCall extract)
                  || extract.getKind() != SqlKind.EXTRACT
                  || !(extract.getOperands().get(0) instanceof RexLiteral unit)
                  || !dayOfWeek(unit)) {
                return visited;
              }
              return rexBuilder.makeCall(
                  extract.getType(),
                  SqlStdOperatorTable.MINUS,
                  List.of(
                      extract,
                      rexBuilder.makeExactLiteral(
                          BigDecimal.ONE,
                          rexBuilder
                              .getTypeFactory()
                              .createTypeWithNullability(extract.getType(), false))));
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
