package dev.bucketsql.calcite.run;

import dev.bucketsql.engine.expr.Expr;
import dev.bucketsql.engine.expr.Exprs;
import dev.bucketsql.format.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.plan.Strong;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Translates a {@link RexNode} into an engine {@link Expr} when the engine computes exactly what
 * Calcite's generated code computes, same type, same value and same error: input references,
 * literals, IS [NOT] NULL, IS [NOT] TRUE and FALSE, NOT, SEARCH (ranges and value lists) as the
 * comparisons it stands for, and, through one translator per kind, comparisons, AND, OR and CASE
 * ({@link ConditionTranslator}), arithmetic ({@link ArithmeticTranslator}), casts ({@link
 * CastTranslator}), casts from and to text and concatenation ({@link TextTranslator}), EXTRACT
 * ({@link DateTimeTranslator}), LIKE and ILIKE ({@link PatternTranslator}) and the SQL layer's own
 * functions ({@link FunctionTranslator}). Anything else is null, and the node stays enumerable.
 *
 * <p>Calcite's code evaluates a CASE branch only for the rows that take it, and the engine's {@code
 * Case} does the same; the engine's AND and OR evaluate their right operand only where the left one
 * has not decided, so an error (an overflow, a zero divisor, a failed cast) in an operand a row
 * does not need is no error.
 */
final class ExprTranslator {
  /** Makes a fresh expression per execution: expressions own the batch they evaluate into. */
  @FunctionalInterface
  interface Maker {
    Expr make();
  }

  private final RexBuilder rexBuilder;
  private final List<ColumnType> input;
  private final ConditionTranslator conditions;
  private final ArithmeticTranslator arithmetic;
  private final CastTranslator casts;
  private final TextTranslator texts;
  private final DateTimeTranslator dateTimes;
  private final PatternTranslator patterns;
  private final FunctionTranslator functions;
  private final InListTranslator inLists;
  private @Nullable CommonSubexpressions common;

  ExprTranslator(RexBuilder rexBuilder, List<ColumnType> input) {
    this.rexBuilder = rexBuilder;
    this.input = List.copyOf(input);
    this.conditions = new ConditionTranslator(this);
    this.arithmetic = new ArithmeticTranslator(this);
    this.texts =
        new TextTranslator(this, rexBuilder.getTypeFactory().getTypeSystem().roundingMode());
    this.casts = new CastTranslator(this, texts);
    this.dateTimes = new DateTimeTranslator(this);
    this.patterns = new PatternTranslator(this);
    this.functions = new FunctionTranslator(this, arithmetic, casts, texts);
    this.inLists = new InListTranslator(this);
  }

  /**
   * Translates the common subexpressions of a projection ({@code common}) into makers that share
   * one expression per projection; returns this translator.
   */
  ExprTranslator sharing(@Nullable CommonSubexpressions common) {
    this.common = common;
    return this;
  }

  /** The expression for {@code node}, or null when it does not translate exactly. */
  @Nullable Maker translate(RexNode node) {
    boolean shared = common != null && common.contains(node);
    if (shared && common.known(node) != null) {
      return common.known(node);
    }
    ColumnType type = EngineTypes.of(node.getType());
    if (type == null) {
      return null;
    }
    Maker m = translate(node, type);
    // a translation must give the node's own type, or the rows would carry the wrong values
    if (m == null || m.make().type() != type) {
      return null;
    }
    return shared ? common.maker(node, m) : m;
  }

  private @Nullable Maker translate(RexNode node, ColumnType type) {
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
    if (definitelyNull(call)) {
      // Calcite's code answers NULL here without computing the other operands, whose error (a
      // cast that does not fit) would otherwise fail a row the enumerable plan answers
      return () -> Exprs.constant(null, type);
    }
    List<RexNode> operands = call.getOperands();
    switch (call.getKind()) {
      case EQUALS:
        return conditions.compare(call.getKind(), operands, Exprs::eq);
      case NOT_EQUALS:
        return conditions.compare(call.getKind(), operands, Exprs::ne);
      case LESS_THAN:
        return conditions.compare(call.getKind(), operands, Exprs::lt);
      case LESS_THAN_OR_EQUAL:
        return conditions.compare(call.getKind(), operands, Exprs::le);
      case GREATER_THAN:
        return conditions.compare(call.getKind(), operands, Exprs::gt);
      case GREATER_THAN_OR_EQUAL:
        return conditions.compare(call.getKind(), operands, Exprs::ge);
      case AND:
        return conditions.logic(operands, Exprs::and);
      case OR:
        return conditions.logic(operands, Exprs::or);
      case IS_NULL:
      case IS_NOT_NULL:
        {
          Maker a = operands.size() == 1 ? translate(operands.get(0)) : null;
          if (a == null) {
            return null;
          }
          boolean isNull = call.getKind() == SqlKind.IS_NULL;
          return () -> isNull ? Exprs.isNull(a.make()) : Exprs.isNotNull(a.make());
        }
      case IS_TRUE:
      case IS_NOT_TRUE:
      case IS_FALSE:
      case IS_NOT_FALSE:
        {
          Maker a = operands.size() == 1 ? translate(operands.get(0)) : null;
          if (a == null) {
            return null;
          }
          SqlKind kind = call.getKind();
          boolean whenTrue = kind == SqlKind.IS_TRUE || kind == SqlKind.IS_NOT_TRUE;
          boolean negated = kind == SqlKind.IS_NOT_TRUE || kind == SqlKind.IS_NOT_FALSE;
          // CASE WHEN a (or NOT a) THEN TRUE ELSE FALSE END: NULL takes the ELSE
          return () -> {
            Expr test = whenTrue ? a.make() : Exprs.not(a.make());
            Expr is =
                Exprs.caseWhen(
                    List.of(test, Exprs.constant(true, ColumnType.BOOLEAN)),
                    Exprs.constant(false, ColumnType.BOOLEAN),
                    ColumnType.BOOLEAN);
            return negated ? Exprs.not(is) : is;
          };
        }
      case SEARCH:
        {
          // a range or value list (BETWEEN, IN): the comparisons it stands for, a value list as
          // one membership test
          RexNode expanded = RexUtil.expandSearch(rexBuilder, null, call);
          Maker list = inLists.translate(expanded);
          return list != null ? list : translate(expanded);
        }
      case NOT:
        {
          Maker a = operands.size() == 1 ? translate(operands.get(0)) : null;
          return a == null ? null : () -> Exprs.not(a.make());
        }
      case CASE:
        return conditions.caseWhen(operands, type);
      case COALESCE:
        {
          // Calcite's code takes the first operand that is not NULL, converted to the call's
          // type: the CASE it stands for (the SQL layer's grand-total row makes such calls)
          if (operands.size() < 2) {
            return null;
          }
          List<RexNode> whens = new ArrayList<>();
          for (int i = 0; i < operands.size() - 1; i++) {
            whens.add(rexBuilder.makeCall(SqlStdOperatorTable.IS_NOT_NULL, operands.get(i)));
            whens.add(operands.get(i));
          }
          whens.add(operands.get(operands.size() - 1));
          return conditions.caseWhen(whens, type);
        }
      case CAST:
        {
          Maker real = operands.size() == 1 ? functions.signlessReal(operands.get(0), type) : null;
          if (real != null) {
            return real;
          }
          return operands.size() == 1 ? casts.cast(operands.get(0), call.getType()) : null;
        }
      case SAFE_CAST:
        return operands.size() == 1 ? casts.safeCast(operands.get(0), call.getType()) : null;
      case LIKE:
        return patterns.like(call);
      case PLUS:
        if (type.isInteger()) {
          return arithmetic.integerWithLiteral(operands, type, call.getKind());
        }
        return arithmetic.arithmetic(operands, type, Exprs::plus, false);
      case MINUS:
        if (type.isInteger()) {
          return arithmetic.integerWithLiteral(operands, type, call.getKind());
        }
        return arithmetic.arithmetic(operands, type, Exprs::minus, false);
      case TIMES:
        if (type.isInteger()) {
          return arithmetic.integerWithLiteral(operands, type, call.getKind());
        }
        return arithmetic.arithmetic(operands, type, Exprs::times, false);
      case DIVIDE:
        return arithmetic.arithmetic(operands, type, Exprs::divide, true);
      case MOD:
        return arithmetic.decimalMod(operands, type);
      case EXTRACT:
        return dateTimes.extract(operands, type);
      case REINTERPRET:
        return dateTimes.reinterpret(operands, type);
      case MINUS_PREFIX:
        // Calcite's own negation: of DOUBLE and DECIMAL (the SQL layer checks integers' own)
        return arithmetic.unary(
            operands, type, Exprs::negate, ColumnType.DOUBLE, ColumnType.DECIMAL);
      default:
        if (call.getOperator() == SqlStdOperatorTable.ABS) {
          return arithmetic.unary(
              operands, type, Exprs::abs, ColumnType.DOUBLE, ColumnType.DECIMAL);
        }
        if (call.getOperator() == SqlStdOperatorTable.CONCAT
            || call.getOperator() == SqlLibraryOperators.CONCAT_FUNCTION_WITH_NULL) {
          return texts.concat(call, type);
        }
        if (call.getOperator() == SqlStdOperatorTable.ROUND) {
          return functions.round(call, type);
        }
        if (call.getOperator() == SqlStdOperatorTable.POWER) {
          return functions.power(call, type);
        }
        return functions.function(call, type);
    }
  }

  /**
   * Whether {@code node} is NULL whatever its input: a NULL literal, or a strict operation
   * (arithmetic, a comparison, a cast, ABS, a strict function of the SQL layer) with such an
   * operand, as {@code x + ABS(NULL)}.
   */
  static boolean definitelyNull(RexNode node) {
    if (node instanceof RexLiteral literal) {
      return literal.isNull();
    }
    return node instanceof RexCall call
        && (Strong.policy(call) == Strong.Policy.ANY
            || call.getOperator() == SqlStdOperatorTable.ABS
            || strictFunction(call))
        && call.getOperands().stream().anyMatch(ExprTranslator::definitelyNull);
  }

  /**
   * Whether {@code call} is a function of the SQL layer marked {@link Strict} (its checked integer
   * arithmetic, its numeric casts): NULL when any argument is.
   */
  private static boolean strictFunction(RexCall call) {
    return call.getOperator() instanceof SqlUserDefinedFunction f
        && f.getFunction() instanceof ScalarFunctionImpl impl
        && (impl.method.isAnnotationPresent(Strict.class)
            || impl.method.getDeclaringClass().isAnnotationPresent(Strict.class));
  }

  /** A non-null literal in {@code type}'s representation, or null when it has none here. */
  static @Nullable Object literalValue(RexLiteral literal, ColumnType type) {
    return switch (type) {
      case BOOLEAN -> literal.getValueAs(Boolean.class);
      case TINYINT -> literal.getValueAs(Byte.class);
      case SMALLINT -> literal.getValueAs(Short.class);
      case INTEGER, DATE, TIME -> literal.getValueAs(Integer.class);
      case BIGINT, TIMESTAMP -> literal.getValueAs(Long.class);
      case REAL -> literal.getValueAs(Float.class);
      case DOUBLE -> literal.getValueAs(Double.class);
      case DECIMAL -> literal.getValueAs(BigDecimal.class);
      case VARCHAR -> literal.getValueAs(String.class);
      default -> null;
    };
  }
}
