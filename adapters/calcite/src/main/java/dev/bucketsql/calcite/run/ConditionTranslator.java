package dev.bucketsql.calcite.run;

import dev.bucketsql.calcite.run.ExprTranslator.Maker;
import dev.bucketsql.engine.expr.Expr;
import dev.bucketsql.engine.expr.Exprs;
import dev.bucketsql.engine.expr.Exprs.CastKind;
import dev.bucketsql.format.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Comparisons, AND and OR, and CASE, for {@link ExprTranslator}. */
final class ConditionTranslator {
  private final ExprTranslator root;

  ConditionTranslator(ExprTranslator root) {
    this.root = root;
  }

  /**
   * A comparison of two operands of one type, or of two integer types (Calcite's code widens the
   * narrower, and the engine compares both as longs: {@code COUNT(*) = 0} of AVG's reduction).
   */
  @Nullable Maker compare(SqlKind kind, List<RexNode> operands, BinaryOperator<Expr> op) {
    if (operands.size() != 2) {
      return null;
    }
    ColumnType a = EngineTypes.of(operands.get(0).getType());
    ColumnType b = EngineTypes.of(operands.get(1).getType());
    if (a == ColumnType.DOUBLE && b != null && b.isInteger()) {
      return doubleWithInteger(kind, operands.get(0), operands.get(1), true, op);
    }
    if (b == ColumnType.DOUBLE && a != null && a.isInteger()) {
      return doubleWithInteger(kind, operands.get(1), operands.get(0), false, op);
    }
    if (a == null
        || b == null
        || (a != b && !(a.isInteger() && b.isInteger()))
        || !EngineTypes.comparable(a)
        || a == ColumnType.BOOLEAN) {
      return null;
    }
    Maker l = root.translate(operands.get(0));
    Maker r = root.translate(operands.get(1));
    return l == null || r == null ? null : () -> op.apply(l.make(), r.make());
  }

  /**
   * Calcite's own comparison of a DOUBLE with an integer literal (its reduction of {@code STDDEV}
   * and {@code VAR_*} clamps a variance with {@code x < 0}): Java's comparison of the double with
   * the literal widened. With the literal a number (never NaN), Java's order and the engine's
   * (DuckDB's: -0.0 = 0.0, NaN above every number) agree wherever a NaN {@code x} makes both false
   * or both true: {@code =}, {@code <>}, {@code x < c}, {@code x <= c} (and {@code c > x}, {@code c
   * >= x}). {@code x > c} is false for a NaN in Java and true in DuckDB's order, and stays
   * Calcite's.
   *
   * @param doubleFirst whether the DOUBLE is the left operand
   */
  private @Nullable Maker doubleWithInteger(
      SqlKind kind, RexNode value, RexNode integer, boolean doubleFirst, BinaryOperator<Expr> op) {
    boolean nanFalseAlike =
        switch (kind) {
          case EQUALS, NOT_EQUALS -> true;
          case LESS_THAN, LESS_THAN_OR_EQUAL -> doubleFirst;
          case GREATER_THAN, GREATER_THAN_OR_EQUAL -> !doubleFirst;
          default -> false;
        };
    if (!nanFalseAlike
        || !(integer instanceof RexLiteral literal)
        || literal.isNull()
        || !(literal.getValue() instanceof BigDecimal number)) {
      return null;
    }
    long exact;
    try {
      exact = number.longValueExact();
    } catch (ArithmeticException e) {
      return null;
    }
    // Java widens the int or long operand of a comparison with a double to double
    double widened = exact;
    Maker v = root.translate(value);
    if (v == null) {
      return null;
    }
    return () -> {
      Expr c = Exprs.constant(widened, ColumnType.DOUBLE);
      return doubleFirst ? op.apply(v.make(), c) : op.apply(c, v.make());
    };
  }

  @Nullable Maker logic(List<RexNode> operands, BinaryOperator<Expr> op) {
    List<Maker> makers = new ArrayList<>();
    for (RexNode o : operands) {
      Maker m = o.getType().getSqlTypeName() == SqlTypeName.BOOLEAN ? root.translate(o) : null;
      if (m == null) {
        return null;
      }
      makers.add(m);
    }
    if (makers.size() < 2) {
      return null;
    }
    // left to right, each operand evaluated only where the ones before have not decided
    return () -> {
      Expr e = makers.get(0).make();
      for (int i = 1; i < makers.size(); i++) {
        e = op.apply(e, makers.get(i).make());
      }
      return e;
    };
  }

  /**
   * {@code CASE WHEN c1 THEN v1 ... ELSE e END}; each value converted to the CASE's type as
   * Calcite's code converts it.
   */
  @Nullable Maker caseWhen(List<RexNode> operands, ColumnType type) {
    if (operands.size() < 3 || operands.size() % 2 != 1) {
      return null;
    }
    List<Maker> whenThen = new ArrayList<>();
    for (int i = 0; i + 1 < operands.size(); i += 2) {
      RexNode when = operands.get(i);
      Maker c =
          when.getType().getSqlTypeName() == SqlTypeName.BOOLEAN ? root.translate(when) : null;
      Maker v = value(operands.get(i + 1), type);
      if (c == null || v == null) {
        return null;
      }
      whenThen.add(c);
      whenThen.add(v);
    }
    RexNode last = operands.get(operands.size() - 1);
    Maker otherwise = value(last, type);
    if (otherwise == null) {
      return null;
    }
    return () -> {
      List<Expr> exprs = new ArrayList<>();
      for (Maker m : whenThen) {
        exprs.add(m.make());
      }
      return Exprs.caseWhen(exprs, otherwise.make(), type);
    };
  }

  /**
   * A CASE value of {@code node} as a value of {@code type}: Java's widening of an integer, else
   * the same representation.
   */
  private @Nullable Maker value(RexNode node, ColumnType type) {
    if (node instanceof RexLiteral literal && literal.isNull()) {
      return () -> Exprs.constant(null, type);
    }
    ColumnType from = EngineTypes.of(node.getType());
    Maker m = from == null ? null : root.translate(node);
    if (m == null || from == type) {
      return m;
    }
    CastKind widening = NumericKinds.widening(from, type);
    return widening == null ? null : () -> Exprs.cast(m.make(), type, widening, 0, 0);
  }
}
