package dev.bucketsql.calcite.run;

import dev.bucketsql.calcite.engine.DoubleMath;
import dev.bucketsql.calcite.engine.DoubleOrder;
import dev.bucketsql.calcite.engine.DuckDbStrings;
import dev.bucketsql.calcite.engine.IntegerMath;
import dev.bucketsql.calcite.engine.NumericCasts;
import dev.bucketsql.engine.expr.Expr;
import dev.bucketsql.engine.expr.Exprs;
import dev.bucketsql.engine.expr.Exprs.CastKind;
import dev.bucketsql.format.ColumnType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Translates a {@link RexNode} into an engine {@link Expr} when the engine computes exactly what
 * Calcite's generated code computes, same type, same value and same error: input references,
 * literals, comparisons of operands of one type (the SQL layer's DOUBLE comparisons included), AND,
 * OR, NOT, IS [NOT] NULL, SEARCH (ranges and value lists) as the comparisons it stands for, CASE
 * (and COALESCE, which Calcite makes a CASE), LIKE with a constant pattern, the checked integer
 * {@code + - * // %} of operands of the result's type, {@code + - * /} of doubles and {@code + - *}
 * of decimals (an integer operand converted as Calcite's code converts it), the remainder of
 * doubles, and the casts listed in {@link #cast}. Anything else is null, and the node stays
 * enumerable.
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

  ExprTranslator(RexBuilder rexBuilder, List<ColumnType> input) {
    this.rexBuilder = rexBuilder;
    this.input = List.copyOf(input);
  }

  /** The expression for {@code node}, or null when it does not translate exactly. */
  @Nullable Maker translate(RexNode node) {
    ColumnType type = EngineTypes.of(node.getType());
    if (type == null) {
      return null;
    }
    Maker m = translate(node, type);
    // a translation must give the node's own type, or the rows would carry the wrong values
    return m == null || m.make().type() != type ? null : m;
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
      case IS_NOT_NULL:
        {
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
      case NOT:
        {
          Maker a = operands.size() == 1 ? translate(operands.get(0)) : null;
          return a == null ? null : () -> Exprs.not(a.make());
        }
      case CASE:
        return caseWhen(operands, type);
      case CAST:
        return operands.size() == 1 ? cast(operands.get(0), call.getType()) : null;
      case LIKE:
        return like(call);
      case PLUS:
        return arithmetic(operands, type, Exprs::plus, false);
      case MINUS:
        return arithmetic(operands, type, Exprs::minus, false);
      case TIMES:
        return arithmetic(operands, type, Exprs::times, false);
      case DIVIDE:
        return arithmetic(operands, type, Exprs::divide, true);
      case EXTRACT:
        return extract(operands, type);
      case MINUS_PREFIX:
        // Calcite's own negation: of DOUBLE and DECIMAL (the SQL layer checks integers' own)
        return unary(operands, type, Exprs::negate, ColumnType.DOUBLE, ColumnType.DECIMAL);
      default:
        if (call.getOperator() == SqlStdOperatorTable.ABS) {
          return unary(operands, type, Exprs::abs, ColumnType.DOUBLE, ColumnType.DECIMAL);
        }
        return function(call, type);
    }
  }

  /**
   * A comparison of two operands of one type, or of two integer types (Calcite's code widens the
   * narrower, and the engine compares both as longs: {@code COUNT(*) = 0} of AVG's reduction).
   */
  private @Nullable Maker compare(List<RexNode> operands, BinaryOperator<Expr> op) {
    if (operands.size() != 2) {
      return null;
    }
    ColumnType a = EngineTypes.of(operands.get(0).getType());
    ColumnType b = EngineTypes.of(operands.get(1).getType());
    if (a == null
        || b == null
        || (a != b && !(integral(a) && integral(b)))
        || !EngineTypes.comparable(a)
        || a == ColumnType.BOOLEAN) {
      return null;
    }
    Maker l = translate(operands.get(0));
    Maker r = translate(operands.get(1));
    return l == null || r == null ? null : () -> op.apply(l.make(), r.make());
  }

  private @Nullable Maker logic(List<RexNode> operands, BinaryOperator<Expr> op) {
    List<Maker> makers = new ArrayList<>();
    for (RexNode o : operands) {
      Maker m = o.getType().getSqlTypeName() == SqlTypeName.BOOLEAN ? translate(o) : null;
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
  private @Nullable Maker caseWhen(List<RexNode> operands, ColumnType type) {
    if (operands.size() < 3 || operands.size() % 2 != 1) {
      return null;
    }
    List<Maker> whenThen = new ArrayList<>();
    for (int i = 0; i + 1 < operands.size(); i += 2) {
      RexNode when = operands.get(i);
      Maker c = when.getType().getSqlTypeName() == SqlTypeName.BOOLEAN ? translate(when) : null;
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
    Maker m = from == null ? null : translate(node);
    if (m == null || from == type) {
      return m;
    }
    CastKind widening = widening(from, type);
    return widening == null ? null : () -> Exprs.cast(m.make(), type, widening, 0, 0);
  }

  /**
   * The conversion of Java's widening from {@code from} to {@code to} (int to long, long to
   * double), or null.
   */
  private static @Nullable CastKind widening(ColumnType from, ColumnType to) {
    if (integral(from) && integral(to) && width(from) <= width(to)) {
      return CastKind.WIDEN;
    }
    if (integral(from) && to == ColumnType.DOUBLE) {
      return CastKind.LONG_TO_DOUBLE;
    }
    if (from == ColumnType.REAL && to == ColumnType.DOUBLE) {
      return CastKind.REAL_TO_DOUBLE;
    }
    return null;
  }

  /**
   * Calcite's own {@code CAST} as its code makes it: to the same type (a nullability cast), an
   * integer to a wider integer or to DOUBLE, REAL or a DECIMAL to DOUBLE, an integer or a DECIMAL
   * to {@code DECIMAL(p,s)} (set to the scale, truncated, failing beyond p digits), a DATE to a
   * TIMESTAMP and back, a VARCHAR to a VARCHAR no shorter. A cast that only declares its operand
   * NOT NULL (Calcite writes one where it knows the value is not NULL, as in COALESCE's branches)
   * converts as the others; other casts of text stay Calcite's (padding, truncation and parsing are
   * the SQL layer's).
   */
  private @Nullable Maker cast(RexNode operand, RelDataType target) {
    ColumnType from = EngineTypes.of(operand.getType());
    ColumnType to = EngineTypes.of(target);
    if (from == null || to == null) {
      return null;
    }
    Maker m = translate(operand);
    if (m == null) {
      return null;
    }
    if (operand.getType().getSqlTypeName() == SqlTypeName.VARCHAR
        && target.getSqlTypeName() == SqlTypeName.VARCHAR) {
      // a nullability cast (COALESCE's CAST(x):VARCHAR NOT NULL): nothing to truncate
      int p = target.getPrecision();
      int q = operand.getType().getPrecision();
      boolean noShorter =
          p == RelDataType.PRECISION_NOT_SPECIFIED
              || (q != RelDataType.PRECISION_NOT_SPECIFIED && p >= q);
      return noShorter ? m : null;
    }
    if (to == ColumnType.DECIMAL) {
      int p = target.getPrecision();
      int s = target.getScale();
      if (s < 0 || p < 1 || s > p) {
        return null;
      }
      CastKind kind =
          from == ColumnType.DECIMAL
              ? CastKind.DECIMAL_TO_DECIMAL_TRUNCATING
              : integral(from) ? CastKind.LONG_TO_DECIMAL : null;
      return kind == null ? null : () -> Exprs.cast(m.make(), to, kind, p, s);
    }
    if (from == to) {
      return switch (to) {
        // the same representation: no conversion in Calcite's code either
        case BOOLEAN, TINYINT, SMALLINT, INTEGER, BIGINT, DOUBLE, DATE -> m;
        // a cast to fewer digits of the second (TIMESTAMP(0)) is Calcite's to truncate
        case TIMESTAMP -> target.getPrecision() >= operand.getType().getPrecision() ? m : null;
        default -> null;
      };
    }
    CastKind kind = widening(from, to);
    if (kind == null) {
      kind =
          from == ColumnType.DECIMAL && to == ColumnType.DOUBLE
              ? CastKind.DECIMAL_TO_DOUBLE
              : from == ColumnType.DATE && to == ColumnType.TIMESTAMP
                  ? CastKind.DATE_TO_TIMESTAMP
                  : from == ColumnType.TIMESTAMP && to == ColumnType.DATE
                      ? CastKind.TIMESTAMP_TO_DATE
                      : null;
    }
    if (kind == null) {
      return null;
    }
    CastKind k = kind;
    return () -> Exprs.cast(m.make(), to, k, 0, 0);
  }

  /**
   * {@code + - * /} of Calcite's own operators, of a DOUBLE result (every operand converted to a
   * double as Calcite's code converts it: Java's widening, a DECIMAL's {@code doubleValue()}) or a
   * DECIMAL result ({@code + - *} only: an integer operand becomes a decimal of scale 0).
   */
  private @Nullable Maker arithmetic(
      List<RexNode> operands, ColumnType type, BinaryOperator<Expr> op, boolean divide) {
    if (operands.size() != 2
        || (type != ColumnType.DOUBLE && (type != ColumnType.DECIMAL || divide))) {
      return null;
    }
    Maker l = operand(operands.get(0), type);
    Maker r = operand(operands.get(1), type);
    return l == null || r == null ? null : () -> op.apply(l.make(), r.make());
  }

  /** An arithmetic operand as a value of the result's type {@code type} (DOUBLE or DECIMAL). */
  private @Nullable Maker operand(RexNode node, ColumnType type) {
    ColumnType from = EngineTypes.of(node.getType());
    Maker m = from == null ? null : translate(node);
    if (m == null || from == type) {
      return m;
    }
    CastKind kind;
    if (type == ColumnType.DOUBLE) {
      kind = from == ColumnType.DECIMAL ? CastKind.DECIMAL_TO_DOUBLE : widening(from, type);
    } else {
      kind = integral(from) ? CastKind.LONG_TO_DECIMAL : null;
    }
    if (kind == null) {
      return null;
    }
    CastKind k = kind;
    // an integer as a decimal of scale 0 (19 digits hold every long: never fails)
    return () -> Exprs.cast(m.make(), type, k, 19, 0);
  }

  /** {@code s LIKE 'pattern' [ESCAPE 'c']} with literal pattern and escape. */
  private @Nullable Maker like(RexCall call) {
    List<RexNode> operands = call.getOperands();
    if (call.getOperator() != SqlStdOperatorTable.LIKE
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
    Maker s = translate(operands.get(0));
    String pattern = p.getValueAs(String.class);
    int esc = escape;
    try {
      // an invalid pattern is Calcite's error at run time: the node stays Calcite's
      Exprs.like(Exprs.constant("", ColumnType.VARCHAR), pattern, esc);
    } catch (IllegalArgumentException invalid) {
      return null;
    }
    return s == null ? null : () -> Exprs.like(s.make(), pattern, esc);
  }

  /**
   * The SQL layer's functions the engine computes alike: the checked integer arithmetic of {@link
   * IntegerMath} (operands of the result's type), the string functions of {@link DuckDbStrings}
   * (called as Calcite's code calls them), the DOUBLE comparisons of {@link DoubleOrder} (the
   * engine's order of doubles is DuckDB's too), the remainder of doubles of {@link DoubleMath}, and
   * the numeric casts of {@link NumericCasts} (whose conversions are the engine's).
   */
  private @Nullable Maker function(RexCall call, ColumnType type) {
    if (!(call.getOperator() instanceof SqlUserDefinedFunction f)
        || !(f.getFunction() instanceof ScalarFunctionImpl impl)) {
      return null;
    }
    Class<?> owner = impl.method.getDeclaringClass();
    String name = impl.method.getName();
    List<RexNode> operands = call.getOperands();
    if (owner == IntegerMath.class && operands.size() == 1) {
      UnaryOperator<Expr> op =
          name.startsWith("negate") ? Exprs::negate : name.startsWith("abs") ? Exprs::abs : null;
      return op == null
          ? null
          : unary(
              operands,
              type,
              op,
              ColumnType.TINYINT,
              ColumnType.SMALLINT,
              ColumnType.INTEGER,
              ColumnType.BIGINT);
    }
    if (owner == IntegerMath.class && operands.size() == 2) {
      BinaryOperator<Expr> op =
          name.startsWith("add")
              ? Exprs::plus
              : name.startsWith("subtract")
                  ? Exprs::minus
                  : name.startsWith("multiply")
                      ? Exprs::times
                      : name.startsWith("divide")
                          ? Exprs::divide
                          : name.startsWith("mod") ? Exprs::mod : null;
      return op == null ? null : sameTyped(operands, type, op);
    }
    if (owner == DoubleOrder.class && operands.size() == 2 && type == ColumnType.BOOLEAN) {
      BinaryOperator<Expr> op =
          switch (name) {
            case "eq" -> Exprs::eq;
            case "ne" -> Exprs::ne;
            case "lt" -> Exprs::lt;
            case "le" -> Exprs::le;
            case "gt" -> Exprs::gt;
            case "ge" -> Exprs::ge;
            default -> null;
          };
      if (op == null || !floating(operands.get(0)) || !floating(operands.get(1))) {
        return null;
      }
      Maker l = translate(operands.get(0));
      Maker r = translate(operands.get(1));
      return l == null || r == null ? null : () -> op.apply(l.make(), r.make());
    }
    if (owner == DoubleMath.class
        && name.equals("remainder")
        && operands.size() == 2
        && type == ColumnType.DOUBLE) {
      return sameTyped(operands, type, Exprs::mod);
    }
    if (owner == DuckDbStrings.class) {
      return sqlLayerFunction(impl.method, operands, type);
    }
    if (owner == NumericCasts.class && !operands.isEmpty()) {
      return numericCast(name, operands, call.getType(), type);
    }
    return null;
  }

  /**
   * The date parts whose EXTRACT from a DATE Calcite's code computes with {@code unixDateExtract}.
   */
  private static final Set<TimeUnitRange> DATE_PARTS =
      EnumSet.of(
          TimeUnitRange.YEAR,
          TimeUnitRange.QUARTER,
          TimeUnitRange.MONTH,
          TimeUnitRange.DAY,
          TimeUnitRange.DOW,
          TimeUnitRange.DOY);

  /**
   * {@code EXTRACT(part FROM date)} of a DATE as BIGINT, by the function Calcite's code calls for
   * it ({@code DateTimeUtils.unixDateExtract}), so the values are its values. Other parts (weeks,
   * ISO years, epochs) and other operand types stay Calcite's.
   */
  private @Nullable Maker extract(List<RexNode> operands, ColumnType type) {
    if (operands.size() != 2
        || type != ColumnType.BIGINT
        || !(operands.get(0) instanceof RexLiteral flag)
        || !(flag.getValue() instanceof TimeUnitRange part)
        || !DATE_PARTS.contains(part)
        || operands.get(1).getType().getSqlTypeName() != SqlTypeName.DATE) {
      return null;
    }
    Maker date = translate(operands.get(1));
    return date == null
        ? null
        : () ->
            Exprs.longFunction(
                date.make(), ColumnType.BIGINT, d -> DateTimeUtils.unixDateExtract(part, d));
  }

  /** {@code op} of one operand of the result's type, which is one of {@code types}. */
  private @Nullable Maker unary(
      List<RexNode> operands, ColumnType type, UnaryOperator<Expr> op, ColumnType... types) {
    if (operands.size() != 1
        || EngineTypes.of(operands.get(0).getType()) != type
        || !List.of(types).contains(type)) {
      return null;
    }
    Maker a = translate(operands.get(0));
    return a == null ? null : () -> op.apply(a.make());
  }

  /**
   * A string function of the SQL layer ({@link DuckDbStrings}: substring, left, right, upper,
   * lower, length, contains, prefix, suffix), called by the engine row by row with the arguments
   * Calcite's code passes it: every parameter and the result a reference type that is exactly the
   * engine's representation of its SQL type (String for VARCHAR, Long for BIGINT, Boolean for
   * BOOLEAN), so the method sees the same values, NULLs as null, and gives the same results and
   * errors.
   */
  private @Nullable Maker sqlLayerFunction(Method method, List<RexNode> operands, ColumnType type) {
    Class<?>[] params = method.getParameterTypes();
    if (!Modifier.isStatic(method.getModifiers())
        || params.length != operands.size()
        || method.getReturnType() != javaClass(type)) {
      return null;
    }
    List<Maker> args = new ArrayList<>();
    for (int i = 0; i < params.length; i++) {
      ColumnType t = EngineTypes.of(operands.get(i).getType());
      Maker m = t == null || params[i] != javaClass(t) ? null : translate(operands.get(i));
      if (m == null) {
        return null;
      }
      args.add(m);
    }
    Function<Object[], Object> call =
        values -> {
          try {
            return method.invoke(null, values);
          } catch (InvocationTargetException e) {
            // the method's own error (a substring offset out of range: 22003), as thrown
            if (e.getCause() instanceof RuntimeException r) {
              throw r;
            }
            if (e.getCause() instanceof Error err) {
              throw err;
            }
            throw new IllegalStateException(e.getCause());
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        };
    return () -> {
      List<Expr> exprs = new ArrayList<>();
      for (Maker m : args) {
        exprs.add(m.make());
      }
      return Exprs.function(type, call, exprs);
    };
  }

  /** The Java class of a value of {@code type} in the engine's representation, or null. */
  private static @Nullable Class<?> javaClass(ColumnType type) {
    return switch (type) {
      case VARCHAR -> String.class;
      case BIGINT -> Long.class;
      case BOOLEAN -> Boolean.class;
      case DOUBLE -> Double.class;
      default -> null;
    };
  }

  /** {@code op} of two operands that both have the result's type. */
  private @Nullable Maker sameTyped(
      List<RexNode> operands, ColumnType type, BinaryOperator<Expr> op) {
    for (RexNode o : operands) {
      if (EngineTypes.of(o.getType()) != type) {
        return null;
      }
    }
    Maker l = translate(operands.get(0));
    Maker r = translate(operands.get(1));
    return l == null || r == null ? null : () -> op.apply(l.make(), r.make());
  }

  /** A cast of {@link NumericCasts}: {@code doubleToInteger}, {@code tryDecimalToDecimal}, ... */
  private @Nullable Maker numericCast(
      String name, List<RexNode> operands, RelDataType target, ColumnType type) {
    boolean safe = name.startsWith("try");
    String rest = safe ? Character.toLowerCase(name.charAt(3)) + name.substring(4) : name;
    int to = rest.indexOf("To");
    if (to < 0) {
      return null;
    }
    String source = rest.substring(0, to);
    ColumnType from = EngineTypes.of(operands.get(0).getType());
    Maker m = from == null ? null : translate(operands.get(0));
    if (m == null) {
      return null;
    }
    CastKind kind;
    int p = 0;
    int s = 0;
    if (type == ColumnType.DECIMAL) {
      if (operands.size() != 3) {
        return null;
      }
      p = target.getPrecision();
      s = target.getScale();
      kind =
          source.equals("decimal") && from == ColumnType.DECIMAL
              ? CastKind.DECIMAL_TO_DECIMAL_ROUNDING
              : source.equals("double") && from == ColumnType.DOUBLE
                  ? CastKind.DOUBLE_TO_DECIMAL
                  : null;
    } else {
      if (operands.size() != 1 || !integral(type)) {
        return null;
      }
      kind =
          source.equals("decimal") && from == ColumnType.DECIMAL
              ? CastKind.DECIMAL_TO_LONG
              : source.equals("double") && from == ColumnType.DOUBLE
                  ? CastKind.DOUBLE_TO_LONG
                  : source.equals("long") && integral(from) ? CastKind.NARROW : null;
    }
    if (kind == null) {
      return null;
    }
    CastKind k = kind;
    int precision = p;
    int scale = s;
    return safe
        ? () -> Exprs.tryCast(m.make(), type, k, precision, scale)
        : () -> Exprs.cast(m.make(), type, k, precision, scale);
  }

  private static boolean floating(RexNode node) {
    ColumnType t = EngineTypes.of(node.getType());
    return t == ColumnType.DOUBLE || t == ColumnType.REAL;
  }

  private static boolean integral(ColumnType t) {
    return width(t) > 0;
  }

  private static int width(ColumnType t) {
    return switch (t) {
      case TINYINT -> 1;
      case SMALLINT -> 2;
      case INTEGER -> 3;
      case BIGINT -> 4;
      default -> 0;
    };
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
