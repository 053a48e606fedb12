package dev.bucketsql.calcite.run;

import dev.bucketsql.calcite.run.ExprTranslator.Maker;
import dev.bucketsql.engine.expr.Exprs;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An expanded SEARCH that is a value list, {@code x = c1 OR x = c2 OR ...} (IN) or {@code x <> c1
 * AND x <> c2 AND ...} (NOT IN), as the engine's one membership test ({@link Exprs#in}) instead of
 * a comparison per value and a three-valued OR or AND of them: the operand is computed once per row
 * rather than once per value ({@code substring(c_phone, 1, 2) IN (7 values)} in TPC-H q22), and as
 * a WHERE conjunct the test clears the filter's rows directly. For integers, doubles, dates and
 * strings with at least two non-NULL values; anything else keeps the expansion. Same answer: x NULL
 * gives NULL either way, and no value is NULL.
 */
final class InListTranslator {
  private final ExprTranslator root;

  InListTranslator(ExprTranslator root) {
    this.root = root;
  }

  /** The membership test {@code expanded} stands for, or null when it is not a value list. */
  @Nullable Maker translate(RexNode expanded) {
    if (!(expanded instanceof RexCall call)) {
      return null;
    }
    boolean negated;
    SqlKind each;
    if (call.getKind() == SqlKind.OR) {
      negated = false;
      each = SqlKind.EQUALS;
    } else if (call.getKind() == SqlKind.AND) {
      negated = true;
      each = SqlKind.NOT_EQUALS;
    } else {
      return null;
    }
    List<RexNode> terms = call.getOperands();
    if (terms.size() < 2) {
      return null;
    }
    RexNode operand = null;
    List<RexLiteral> literals = new ArrayList<>();
    for (RexNode term : terms) {
      if (!(term instanceof RexCall c) || c.getKind() != each || c.getOperands().size() != 2) {
        return null;
      }
      RexNode x = c.getOperands().get(0);
      if (!(c.getOperands().get(1) instanceof RexLiteral literal) || literal.isNull()) {
        return null;
      }
      if (operand == null) {
        operand = x;
      } else if (!operand.equals(x)) {
        return null;
      }
      literals.add(literal);
    }
    ColumnType type = EngineTypes.of(operand.getType());
    if (type == null || !Exprs.inListTakes(type)) {
      return null;
    }
    List<Object> values = new ArrayList<>();
    for (RexLiteral literal : literals) {
      if (EngineTypes.of(literal.getType()) != type) {
        return null;
      }
      Object value = ExprTranslator.literalValue(literal, type);
      if (value == null) {
        return null;
      }
      values.add(value);
    }
    Maker x = root.translate(operand);
    if (x == null) {
      return null;
    }
    return negated ? () -> Exprs.not(Exprs.in(x.make(), values)) : () -> Exprs.in(x.make(), values);
  }
}
