package dev.bucketsql.calcite.run;

import dev.bucketsql.calcite.run.ExprTranslator.Maker;
import dev.bucketsql.engine.expr.Exprs;
import dev.bucketsql.format.ColumnType;
import java.util.List;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.checkerframework.checker.nullness.qual.Nullable;

/** LIKE and ILIKE with a constant pattern, for {@link ExprTranslator}. */
final class PatternTranslator {
  private final ExprTranslator root;

  PatternTranslator(ExprTranslator root) {
    this.root = root;
  }

  /**
   * {@code s LIKE 'pattern' [ESCAPE 'c']} with literal pattern and escape, and ILIKE alike:
   * Calcite's ILIKE is a regular expression compiled CASE_INSENSITIVE without UNICODE_CASE, so only
   * ASCII letters match either case, as the engine's {@code ilike}.
   */
  @Nullable Maker like(RexCall call) {
    List<RexNode> operands = call.getOperands();
    boolean ilike = call.getOperator() == SqlLibraryOperators.ILIKE;
    if ((call.getOperator() != SqlStdOperatorTable.LIKE && !ilike)
        || operands.size() < 2
        || operands.size() > 3
        || EngineTypes.of(operands.get(0).getType()) != ColumnType.VARCHAR
        || !(operands.get(1) instanceof RexLiteral p)
        || p.isNull()
        || p.getValueAs(String.class) == null) {
      return null;
    }
    int escape = -1;
    if (operands.size() == 3) {
      String e =
          operands.get(2) instanceof RexLiteral l && !l.isNull()
              ? l.getValueAs(String.class)
              : null;
      if (e == null || e.length() != 1) {
        return null;
      }
      escape = e.charAt(0);
    }
    Maker s = root.translate(operands.get(0));
    String pattern = p.getValueAs(String.class);
    int esc = escape;
    try {
      // an invalid pattern is Calcite's error at run time: the node stays Calcite's
      Exprs.like(Exprs.constant("", ColumnType.VARCHAR), pattern, esc);
    } catch (IllegalArgumentException invalid) {
      return null;
    }
    if (s == null) {
      return null;
    }
    return ilike
        ? () -> Exprs.ilike(s.make(), pattern, esc)
        : () -> Exprs.like(s.make(), pattern, esc);
  }
}
