package dev.bucketsql.calcite.engine;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.Program;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * EXTRACT inside CASE and COALESCE with a unit of its own. Calcite's code generator declares each
 * constant of a projection once, and a CASE branch's code sees the constants declared before it but
 * cannot read their values back; EXTRACT needs its unit's value, so {@code EXTRACT(YEAR FROM ts),
 * CASE WHEN b THEN 1 ELSE EXTRACT(YEAR FROM d) END} failed with "Unable to implement". Each EXTRACT
 * under a CASE or COALESCE gets its unit as a text constant that no other expression of the
 * projection shares (the unit's name in a letter case of its own, which the generator reads back as
 * the same unit), so the branch declares and reads it itself.
 */
final class BranchExtracts {
  /** The program that rewrites a whole plan, after Calcite's optimizer. */
  static final Program PROGRAM = CalcExpressions.program(Units::new);

  private BranchExtracts() {}

  private static final class Units extends RexShuttle {
    private final RexBuilder rexBuilder;
    private int depth;
    private int count;

    Units(RexBuilder rexBuilder) {
      this.rexBuilder = rexBuilder;
    }

    @Override
    public RexNode visitCall(RexCall call) {
      boolean branches = call.getKind() == SqlKind.CASE || call.getKind() == SqlKind.COALESCE;
      depth += branches ? 1 : 0;
      RexNode visited = super.visitCall(call);
      depth -= branches ? 1 : 0;
      if (depth == 0 || visited.getKind() != SqlKind.EXTRACT) {
        return visited;
      }
      RexCall extract = (RexCall) visited;
      RexNode unit = extract.getOperands().get(0);
      String text = unit instanceof RexLiteral literal ? variant(literal, count) : null;
      if (text == null) {
        return visited;
      }
      count++;
      List<RexNode> operands = new ArrayList<>(extract.getOperands());
      operands.set(0, rexBuilder.makeLiteral(text));
      return extract.clone(extract.getType(), operands);
    }

    /**
     * The unit's name with the letters whose bits in {@code n} are set in lower case (read back
     * without regard to case), or null when the name does not read back as the same unit or has too
     * few letters for {@code n}.
     */
    private static @Nullable String variant(RexLiteral literal, int n) {
      if (!(literal.getValue() instanceof TimeUnitRange range) || range.endUnit != null) {
        return null;
      }
      String name = range.startUnit.name();
      if (n >= 1 << name.length()) {
        return null;
      }
      try {
        if (SqlIntervalQualifier.stringToDatePartTimeUnit(name) != range.startUnit) {
          return null;
        }
      } catch (RuntimeException e) {
        return null;
      }
      StringBuilder text = new StringBuilder(name);
      for (int i = 0; i < name.length(); i++) {
        if ((n & (1 << i)) != 0) {
          text.setCharAt(i, Character.toLowerCase(name.charAt(i)));
        }
      }
      return text.toString();
    }
  }
}
