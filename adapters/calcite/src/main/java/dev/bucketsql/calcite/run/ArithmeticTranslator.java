package dev.bucketsql.calcite.run;

import dev.bucketsql.calcite.run.ExprTranslator.Maker;
import dev.bucketsql.engine.expr.Expr;
import dev.bucketsql.engine.expr.Exprs;
import dev.bucketsql.engine.expr.Exprs.CastKind;
import dev.bucketsql.format.ColumnType;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.LongUnaryOperator;
import java.util.function.UnaryOperator;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Calcite's own arithmetic operators and unary minus and ABS, for {@link ExprTranslator}. */
final class ArithmeticTranslator {
  private final ExprTranslator root;

  ArithmeticTranslator(ExprTranslator root) {
    this.root = root;
  }

  /**
   * {@code + - * /} of Calcite's own operators, of a DOUBLE result (every operand converted to a
   * double as Calcite's code converts it: Java's widening, a DECIMAL's {@code doubleValue()}) or a
   * DECIMAL result ({@code + - *} only: an integer operand becomes a decimal of scale 0).
   */
  @Nullable Maker arithmetic(
      List<RexNode> operands, ColumnType type, BinaryOperator<Expr> op, boolean divide) {
    if (operands.size() != 2
        || (type != ColumnType.DOUBLE && (type != ColumnType.DECIMAL || divide))) {
      return null;
    }
    Maker l = operand(operands.get(0), type);
    Maker r = operand(operands.get(1), type);
    return l == null || r == null ? null : () -> op.apply(l.make(), r.make());
  }

  /**
   * Calcite's own {@code x + c}, {@code x - c}, {@code c + x} or {@code x * c} of an INTEGER or
   * BIGINT {@code x} of the result's type and an integer literal {@code c} (its reduction of {@code
   * VAR_SAMP} and {@code STDDEV_SAMP} divides by {@code count - 1}): Java's arithmetic of its code,
   * in a long and cut to an int for INTEGER, which wraps where it overflows as that code does. The
   * SQL layer's own integer arithmetic is checked ({@code IntegerMath}) and reaches the engine as
   * those functions, not as these operators.
   */
  @Nullable Maker integerWithLiteral(List<RexNode> operands, ColumnType type, SqlKind kind) {
    if (operands.size() != 2 || (type != ColumnType.INTEGER && type != ColumnType.BIGINT)) {
      return null;
    }
    int literalAt = operands.get(1) instanceof RexLiteral ? 1 : 0;
    RexNode value = operands.get(1 - literalAt);
    if (!(operands.get(literalAt) instanceof RexLiteral literal)
        || literal.isNull()
        || !(literal.getValue() instanceof BigDecimal number)
        || EngineTypes.of(literal.getType()) == null
        || !EngineTypes.of(literal.getType()).isInteger()
        || EngineTypes.of(value.getType()) != type
        || (kind == SqlKind.MINUS && literalAt == 0)) {
      return null;
    }
    long c;
    try {
      c = number.longValueExact();
    } catch (ArithmeticException e) {
      return null;
    }
    Maker m = root.translate(value);
    if (m == null) {
      return null;
    }
    boolean narrow = type == ColumnType.INTEGER;
    LongUnaryOperator f =
        switch (kind) {
          case PLUS -> v -> narrow ? (int) (v + c) : v + c;
          case MINUS -> v -> narrow ? (int) (v - c) : v - c;
          case TIMES -> v -> narrow ? (int) (v * c) : v * c;
          default -> null;
        };
    return f == null ? null : () -> Exprs.longFunction(m.make(), type, f);
  }

  /** An arithmetic operand as a value of the result's type {@code type} (DOUBLE or DECIMAL). */
  private @Nullable Maker operand(RexNode node, ColumnType type) {
    ColumnType from = EngineTypes.of(node.getType());
    Maker m = from == null ? null : root.translate(node);
    if (m == null || from == type) {
      return m;
    }
    CastKind kind;
    if (type == ColumnType.DOUBLE) {
      kind =
          from == ColumnType.DECIMAL
              ? CastKind.DECIMAL_TO_DOUBLE
              : NumericKinds.widening(from, type);
    } else {
      kind = from.isInteger() ? CastKind.LONG_TO_DECIMAL : null;
    }
    if (kind == null) {
      return null;
    }
    CastKind k = kind;
    // an integer as a decimal of scale 0 (19 digits hold every long: never fails)
    return () -> Exprs.cast(m.make(), type, k, 19, 0);
  }

  /**
   * Calcite's own {@code MOD} of DECIMALs (the SQL layer's {@code %} of decimals; it casts the
   * remainder to the result's type after), computed as Calcite's code computes it, {@code
   * BigDecimal.divideAndRemainder}'s remainder; a zero divisor is the SQL layer's 22012. One
   * operand may be an integer of at most INTEGER's width, which Calcite's code makes a decimal of
   * scale 0 ({@code BigDecimal.valueOf}); a BIGINT one stays Calcite's. Integer and double
   * remainders arrive as the SQL layer's own functions ({@link FunctionTranslator}).
   */
  @Nullable Maker decimalMod(List<RexNode> operands, ColumnType type) {
    if (operands.size() != 2
        || type != ColumnType.DECIMAL
        || (EngineTypes.of(operands.get(0).getType()) != ColumnType.DECIMAL
            && EngineTypes.of(operands.get(1).getType()) != ColumnType.DECIMAL)) {
      return null;
    }
    for (RexNode o : operands) {
      ColumnType t = EngineTypes.of(o.getType());
      if (t != ColumnType.DECIMAL
          && t != ColumnType.TINYINT
          && t != ColumnType.SMALLINT
          && t != ColumnType.INTEGER) {
        return null;
      }
    }
    Maker l = operand(operands.get(0), type);
    Maker r = operand(operands.get(1), type);
    return l == null || r == null ? null : () -> Exprs.mod(l.make(), r.make());
  }

  /** {@code op} of one operand of the result's type, which is one of {@code types}. */
  @Nullable Maker unary(
      List<RexNode> operands, ColumnType type, UnaryOperator<Expr> op, ColumnType... types) {
    if (operands.size() != 1
        || EngineTypes.of(operands.get(0).getType()) != type
        || !List.of(types).contains(type)) {
      return null;
    }
    Maker a = root.translate(operands.get(0));
    return a == null ? null : () -> op.apply(a.make());
  }

  /** {@code op} of two operands that both have the result's type. */
  @Nullable Maker sameTyped(List<RexNode> operands, ColumnType type, BinaryOperator<Expr> op) {
    for (RexNode o : operands) {
      if (EngineTypes.of(o.getType()) != type) {
        return null;
      }
    }
    Maker l = root.translate(operands.get(0));
    Maker r = root.translate(operands.get(1));
    return l == null || r == null ? null : () -> op.apply(l.make(), r.make());
  }
}
