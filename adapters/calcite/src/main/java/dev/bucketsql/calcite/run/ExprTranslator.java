package dev.bucketsql.calcite.run;

import dev.bucketsql.calcite.engine.IntegerMath;
import dev.bucketsql.engine.expr.Expr;
import dev.bucketsql.engine.expr.Exprs;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Translates a {@link RexNode} into an engine {@link Expr} when the engine computes exactly what
 * Calcite's generated code computes, same type and same value: input references, literals,
 * comparisons of operands of one type, AND, OR, NOT, IS [NOT] NULL, SEARCH (ranges and value lists) as the
 * comparisons it stands for, and the checked integer {@code + - *} of
 * operands of the result's type. Anything else is null, and the node stays enumerable.
 */
final class ExprTranslator {
  /** Makes a fresh expression per execution: expressions own the batch they evaluate into. */
  @FunctionalInterface
  interface Maker {
    Expr make();
  }

  private final RexBuilder rexBuilder;
  private final List<ColumnType> input;
  private final boolean arithmetic;

  ExprTranslator(RexBuilder rexBuilder, List<ColumnType> input) {
    this(rexBuilder, input, true);
  }

  /**
   * @param arithmetic whether arithmetic translates: not under AND or OR, which Calcite's code
   *     evaluates lazily (an overflow in an operand it skips is no error there), nor in a filter
   */
  ExprTranslator(RexBuilder rexBuilder, List<ColumnType> input, boolean arithmetic) {
    this.rexBuilder = rexBuilder;
    this.input = List.copyOf(input);
    this.arithmetic = arithmetic;
  }

  /** The expression for {@code node}, or null when it does not translate exactly. */
  @Nullable Maker translate(RexNode node) {
    ColumnType type = EngineTypes.of(node.getType());
    if (type == null) {
      return null;
    }
    if (node instanceof RexInputRef ref) {
      ColumnType t = input.get(ref.getIndex());
      int column = ref.getIndex();
      return t == type ? () -> Exprs.column(column, t) : null;
    }
    if (node instanceof RexLiteral literal) {
      Object value = literal.isNull() ? null : literalValue(literal, type);
      if (value == null && !literal.isNull()) {
        return null;
      }
      return () -> Exprs.constant(value, type);
    }
    if (!(node instanceof RexCall call)) {
      return null;
    }
    List<RexNode> operands = call.getOperands();
    switch (call.getKind()) {
      case EQUALS:
        return compare(operands, Exprs::eq);
      case NOT_EQUALS:
        return compare(operands, Exprs::ne);
      case LESS_THAN:
        return compare(operands, Exprs::lt);
      case LESS_THAN_OR_EQUAL:
        return compare(operands, Exprs::le);
      case GREATER_THAN:
        return compare(operands, Exprs::gt);
      case GREATER_THAN_OR_EQUAL:
        return compare(operands, Exprs::ge);
      case AND:
        return logic(operands, Exprs::and);
      case OR:
        return logic(operands, Exprs::or);
      case IS_NULL:
      case IS_NOT_NULL: {
        Maker a = operands.size() == 1 ? translate(operands.get(0)) : null;
        if (a == null) {
          return null;
        }
        boolean isNull = call.getKind() == SqlKind.IS_NULL;
        return () -> isNull ? Exprs.isNull(a.make()) : Exprs.isNotNull(a.make());
      }
      case SEARCH:
        // a range or value list (BETWEEN, IN): the comparisons it stands for
        return translate(RexUtil.expandSearch(rexBuilder, null, call));
      case NOT: {
        Maker a = operands.size() == 1 ? translate(operands.get(0)) : null;
        return a == null ? null : () -> Exprs.not(a.make());
      }
      default:
        return checkedArithmetic(call, type);
    }
  }

  /** A comparison of two operands of one type (Calcite casts operands of different types). */
  private @Nullable Maker compare(List<RexNode> operands, BinaryOperator<Expr> op) {
    if (operands.size() != 2) {
      return null;
    }
    ColumnType a = EngineTypes.of(operands.get(0).getType());
    ColumnType b = EngineTypes.of(operands.get(1).getType());
    if (a == null || a != b || !EngineTypes.comparable(a) || a == ColumnType.BOOLEAN) {
      return null;
    }
    Maker l = translate(operands.get(0));
    Maker r = translate(operands.get(1));
    return l == null || r == null ? null : () -> op.apply(l.make(), r.make());
  }

  private @Nullable Maker logic(List<RexNode> operands, BinaryOperator<Expr> op) {
    List<Maker> makers = new ArrayList<>();
    ExprTranslator eager = arithmetic ? new ExprTranslator(rexBuilder, input, false) : this;
    for (RexNode o : operands) {
      Maker m = o.getType().getSqlTypeName() == SqlTypeName.BOOLEAN ? eager.translate(o) : null;
      if (m == null) {
        return null;
      }
      makers.add(m);
    }
    if (makers.size() < 2) {
      return null;
    }
    return () -> {
      Expr e = makers.get(0).make();
      for (int i = 1; i < makers.size(); i++) {
        e = op.apply(e, makers.get(i).make());
      }
      return e;
    };
  }

  /**
   * The checked integer {@code +}, {@code -} and {@code *} the SQL layer plans ({@code
   * IntegerMath}), when both operands already have the result's type: the engine then computes
   * in that type and fails on overflow with the same message.
   */
  private @Nullable Maker checkedArithmetic(RexCall call, ColumnType type) {
    if (!arithmetic
        || !(call.getOperator() instanceof SqlUserDefinedFunction f)
        || !(f.getFunction() instanceof ScalarFunctionImpl impl)
        || impl.method.getDeclaringClass() != IntegerMath.class
        || call.getOperands().size() != 2) {
      return null;
    }
    String name = impl.method.getName();
    BinaryOperator<Expr> op =
        name.startsWith("add") ? Exprs::plus
            : name.startsWith("subtract") ? Exprs::minus
            : name.startsWith("multiply") ? Exprs::times
            : null;
    if (op == null) {
      return null;
    }
    for (RexNode o : call.getOperands()) {
      if (EngineTypes.of(o.getType()) != type) {
        return null;
      }
    }
    Maker l = translate(call.getOperands().get(0));
    Maker r = translate(call.getOperands().get(1));
    return l == null || r == null ? null : () -> op.apply(l.make(), r.make());
  }

  /** A non-null literal in {@code type}'s representation, or null when it has none here. */
  private static @Nullable Object literalValue(RexLiteral literal, ColumnType type) {
    return switch (type) {
      case BOOLEAN -> literal.getValueAs(Boolean.class);
      case TINYINT -> literal.getValueAs(Byte.class);
      case SMALLINT -> literal.getValueAs(Short.class);
      case INTEGER, DATE, TIME -> literal.getValueAs(Integer.class);
      case BIGINT, TIMESTAMP -> literal.getValueAs(Long.class);
      case REAL -> literal.getValueAs(Float.class);
      case DOUBLE -> literal.getValueAs(Double.class);
      case DECIMAL -> literal.getValueAs(java.math.BigDecimal.class);
      case VARCHAR -> literal.getValueAs(String.class);
      default -> null;
    };
  }
}
