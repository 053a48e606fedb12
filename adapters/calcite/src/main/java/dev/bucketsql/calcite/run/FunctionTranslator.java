package dev.bucketsql.calcite.run;

import dev.bucketsql.calcite.engine.DoubleMath;
import dev.bucketsql.calcite.engine.DoubleOrder;
import dev.bucketsql.calcite.engine.DuckDbStrings;
import dev.bucketsql.calcite.engine.IntegerCasts;
import dev.bucketsql.calcite.engine.IntegerMath;
import dev.bucketsql.calcite.engine.NumberText;
import dev.bucketsql.calcite.engine.NumericCasts;
import dev.bucketsql.calcite.engine.TextCasts;
import dev.bucketsql.calcite.engine.TimestampText;
import dev.bucketsql.calcite.run.ExprTranslator.Maker;
import dev.bucketsql.engine.expr.Expr;
import dev.bucketsql.engine.expr.Exprs;
import dev.bucketsql.format.ColumnType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The SQL layer's own functions (Java methods Calcite's code calls), for {@link ExprTranslator}.
 */
final class FunctionTranslator {
  private final ExprTranslator root;
  private final ArithmeticTranslator arithmetic;
  private final CastTranslator casts;
  private final TextTranslator texts;

  FunctionTranslator(
      ExprTranslator root,
      ArithmeticTranslator arithmetic,
      CastTranslator casts,
      TextTranslator texts) {
    this.root = root;
    this.arithmetic = arithmetic;
    this.casts = casts;
    this.texts = texts;
  }

  /**
   * The SQL layer's functions the engine computes alike: the checked integer arithmetic of {@link
   * IntegerMath} (operands of the result's type), the string functions of {@link DuckDbStrings}
   * (called as Calcite's code calls them), the DOUBLE comparisons of {@link DoubleOrder} (the
   * engine's order of doubles is DuckDB's too), its {@code signlessZero} ({@code SIGNLESS_ZERO}:
   * {@code v + 0.0}, so that -0.0 is 0.0), the remainder of doubles of {@link DoubleMath}, and the
   * numeric casts of {@link NumericCasts} (whose conversions are the engine's), and the text of a
   * DOUBLE or DECIMAL cast to VARCHAR ({@link NumberText}: DuckDB's shortest round-trip form of a
   * double), by calling the very method Calcite's code calls.
   */
  @Nullable Maker function(RexCall call, ColumnType type) {
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
          : arithmetic.unary(
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
      return op == null ? null : arithmetic.sameTyped(operands, type, op);
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
      if (op == null
          || !NumericKinds.floating(operands.get(0))
          || !NumericKinds.floating(operands.get(1))) {
        return null;
      }
      Maker l = root.translate(operands.get(0));
      Maker r = root.translate(operands.get(1));
      return l == null || r == null ? null : () -> op.apply(l.make(), r.make());
    }
    if (owner == DoubleOrder.class
        && name.equals("signlessZero")
        && operands.size() == 1
        && type == ColumnType.DOUBLE
        && EngineTypes.of(operands.get(0).getType()) == ColumnType.DOUBLE) {
      // v + 0.0: the engine's SIGNLESS_ZERO adds the same zero; NULL stays NULL
      Maker a = root.translate(operands.get(0));
      return a == null ? null : () -> Exprs.signlessZero(a.make());
    }
    if (owner == DoubleMath.class
        && name.equals("remainder")
        && operands.size() == 2
        && type == ColumnType.DOUBLE) {
      return arithmetic.sameTyped(operands, type, Exprs::mod);
    }
    if (owner == DuckDbStrings.class || owner == NumberText.class) {
      return sqlLayerFunction(impl.method, operands, type);
    }
    if (owner == IntegerCasts.class || owner == TextCasts.class || owner == TimestampText.class) {
      return texts.sqlLayerCast(impl.method, operands, type);
    }
    if (owner == NumericCasts.class && !operands.isEmpty()) {
      return casts.numericCast(name, operands, call.getType(), type);
    }
    return null;
  }

  /**
   * {@code CAST(SIGNLESS_ZERO(CAST(r AS DOUBLE)) AS REAL)} of a REAL {@code r} (the SQL layer's
   * signless copy of a REAL, {@code operand} being all but the outer cast) as the REAL {@code r +
   * 0.0}: the widening is exact and the float comes back unchanged but for -0.0, which becomes 0.0,
   * as the narrowing of {@code 0.0} does; null for any other operand.
   */
  @Nullable Maker signlessReal(RexNode operand, ColumnType type) {
    if (type != ColumnType.REAL
        || !(operand instanceof RexCall call)
        || !(call.getOperator() instanceof SqlUserDefinedFunction f)
        || !(f.getFunction() instanceof ScalarFunctionImpl impl)
        || impl.method.getDeclaringClass() != DoubleOrder.class
        || !impl.method.getName().equals("signlessZero")
        || call.getOperands().size() != 1
        || !(call.getOperands().get(0) instanceof RexCall widen)
        || widen.getKind() != SqlKind.CAST
        || EngineTypes.of(widen.getType()) != ColumnType.DOUBLE
        || EngineTypes.of(widen.getOperands().get(0).getType()) != ColumnType.REAL) {
      return null;
    }
    Maker r = root.translate(widen.getOperands().get(0));
    return r == null ? null : () -> Exprs.signlessZero(r.make());
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
      Maker m = t == null || params[i] != javaClass(t) ? null : root.translate(operands.get(i));
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
      case DECIMAL -> BigDecimal.class;
      case REAL -> Float.class;
      default -> null;
    };
  }
}
