package dev.bucketsql.calcite.run;

import dev.bucketsql.calcite.engine.DateDiff;
import dev.bucketsql.calcite.engine.DateSub;
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
import org.apache.calcite.runtime.SqlFunctions;
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
   * double), DuckDB's {@code round} of doubles and decimals, and {@code date_diff} and {@code
   * date_sub}, by calling the very method Calcite's code calls.
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
            && (name.equals("round") || name.equals("roundDigits"))
            && type == ColumnType.DOUBLE
        || owner.getName().equals("dev.bucketsql.calcite.engine.DuckResultTypes")
            && name.equals("round")
            && type == ColumnType.DECIMAL) {
      // DuckDB's round, of a DOUBLE and of a DECIMAL
      return strictMethod(impl.method, operands, type);
    }
    if (owner == DoubleMath.class
        && name.equals("remainder")
        && operands.size() == 2
        && type == ColumnType.DOUBLE) {
      return arithmetic.sameTyped(operands, type, Exprs::mod);
    }
    if (owner == DuckDbStrings.class
        || owner == NumberText.class
        || owner == DateDiff.class
        || owner == DateSub.class) {
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
   * Calcite's own {@code ROUND(x)} and {@code ROUND(x, n)} of a DECIMAL {@code x} and an INTEGER
   * {@code n} (the SQL layer keeps it where DuckDB's result type is Calcite's): the method
   * Calcite's code calls for those operand types, {@code SqlFunctions.sround(BigDecimal)} or {@code
   * sround(BigDecimal, int)}, with the same values; NULL for a NULL operand, as Calcite's strict
   * call. Other operand types stay Calcite's.
   */
  @Nullable Maker round(RexCall call, ColumnType type) {
    List<RexNode> operands = call.getOperands();
    if (operands.isEmpty()
        || operands.size() > 2
        || type != ColumnType.DECIMAL
        || EngineTypes.of(operands.get(0).getType()) != ColumnType.DECIMAL
        || operands.size() == 2
            && EngineTypes.of(operands.get(1).getType()) != ColumnType.INTEGER) {
      return null;
    }
    return strictCall(
        type,
        operands,
        v -> {
          BigDecimal x = (BigDecimal) v[0];
          return v.length == 1 ? SqlFunctions.sround(x) : SqlFunctions.sround(x, (Integer) v[1]);
        });
  }

  /**
   * Calcite's own {@code POWER(x, y)} of a DOUBLE {@code x} and a DOUBLE or DECIMAL {@code y} (its
   * reduction of {@code STDDEV} takes {@code POWER(variance, 0.5)}): the method Calcite's code
   * calls for those operand types, {@code SqlFunctions.power(double, double)} or {@code
   * power(double, BigDecimal)}, with the same values; NULL for a NULL operand, as Calcite's strict
   * call. Other operand types stay Calcite's.
   */
  @Nullable Maker power(RexCall call, ColumnType type) {
    List<RexNode> operands = call.getOperands();
    if (operands.size() != 2
        || type != ColumnType.DOUBLE
        || EngineTypes.of(operands.get(0).getType()) != ColumnType.DOUBLE) {
      return null;
    }
    ColumnType exponent = EngineTypes.of(operands.get(1).getType());
    if (exponent != ColumnType.DOUBLE && exponent != ColumnType.DECIMAL) {
      return null;
    }
    return strictCall(
        type,
        operands,
        v ->
            v[1] instanceof BigDecimal d
                ? SqlFunctions.power((Double) v[0], d)
                : SqlFunctions.power((Double) v[0], (Double) v[1]));
  }

  /**
   * A strict method of the SQL layer with primitive or BigDecimal parameters (DuckDB's {@code
   * round} of a DOUBLE, {@code DoubleMath.round} and {@code roundDigits}, and of a DECIMAL, {@code
   * DuckResultTypes.round}), called with the values Calcite's code passes it: each operand of the
   * engine type whose Java value the parameter takes (a double for DOUBLE, an int for INTEGER, a
   * BigDecimal for DECIMAL), NULL when an operand is NULL, as Calcite's code answers without
   * calling the method.
   */
  private @Nullable Maker strictMethod(Method method, List<RexNode> operands, ColumnType type) {
    Class<?>[] params = method.getParameterTypes();
    Class<?> result = method.getReturnType();
    if (!Modifier.isStatic(method.getModifiers())
        || params.length != operands.size()
        || !(type == ColumnType.DOUBLE && result == double.class
            || type == ColumnType.DECIMAL && result == BigDecimal.class)) {
      return null;
    }
    List<Maker> args = new ArrayList<>();
    for (int i = 0; i < params.length; i++) {
      ColumnType t = EngineTypes.of(operands.get(i).getType());
      boolean fits =
          params[i] == double.class && t == ColumnType.DOUBLE
              || params[i] == int.class && t == ColumnType.INTEGER
              || params[i] == BigDecimal.class && t == ColumnType.DECIMAL;
      Maker m = fits ? root.translate(operands.get(i)) : null;
      if (m == null) {
        return null;
      }
      args.add(m);
    }
    // the method's class may be the SQL layer's own (package-private), as Calcite's code calls it
    method.setAccessible(true);
    return function(type, nullIfAnyNull(invoker(method)), args);
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
   * lower, length, contains, prefix, suffix) or its {@code date_diff} and {@code date_sub} ({@link
   * DateDiff}, {@link DateSub}), called by the engine row by row with the arguments Calcite's code
   * passes it: every parameter and the result a reference type that is exactly the engine's
   * representation of its SQL type (String for VARCHAR, Long for BIGINT, Boolean for BOOLEAN), or a
   * {@code java.sql.Date} or {@code Timestamp} made from a DATE's days or a TIMESTAMP's
   * milliseconds by the conversion Calcite's code applies ({@code SqlFunctions.internalToDate},
   * {@code internalToTimestamp}), so the method sees the same values, NULLs as null, and gives the
   * same results and errors.
   */
  private @Nullable Maker sqlLayerFunction(Method method, List<RexNode> operands, ColumnType type) {
    Class<?>[] params = method.getParameterTypes();
    if (!Modifier.isStatic(method.getModifiers())
        || params.length != operands.size()
        || method.getReturnType() != javaClass(type)) {
      return null;
    }
    List<Maker> args = new ArrayList<>();
    boolean[] dates = new boolean[params.length];
    boolean[] timestamps = new boolean[params.length];
    for (int i = 0; i < params.length; i++) {
      ColumnType t = EngineTypes.of(operands.get(i).getType());
      // a DATE or TIMESTAMP parameter gets the java.sql value Calcite's code converts it to
      dates[i] = t == ColumnType.DATE && params[i] == java.sql.Date.class;
      timestamps[i] = t == ColumnType.TIMESTAMP && params[i] == java.sql.Timestamp.class;
      Maker m =
          t == null || params[i] != javaClass(t) && !dates[i] && !timestamps[i]
              ? null
              : root.translate(operands.get(i));
      if (m == null) {
        return null;
      }
      args.add(m);
    }
    Function<Object[], Object> direct = direct(method);
    if (direct != null) {
      return function(type, direct, args);
    }
    Function<Object[], Object> invoke = invoker(method);
    Function<Object[], Object> call =
        values -> {
          for (int i = 0; i < values.length; i++) {
            if (dates[i]) {
              values[i] = SqlFunctions.internalToDate((Integer) values[i]);
            } else if (timestamps[i]) {
              values[i] = SqlFunctions.internalToTimestamp((Long) values[i]);
            }
          }
          return invoke.apply(values);
        };
    return function(type, call, args);
  }

  /** {@code fn} over the expressions {@code args} make, row by row, its result of {@code type}. */
  private static Maker function(ColumnType type, Function<Object[], Object> fn, List<Maker> args) {
    return () -> {
      List<Expr> exprs = new ArrayList<>();
      for (Maker m : args) {
        exprs.add(m.make());
      }
      return Exprs.function(type, fn, exprs);
    };
  }

  /**
   * {@code fn} of the values of {@code operands}, NULL where one is NULL (a strict call, as
   * Calcite's code makes it); null when an operand does not translate.
   */
  private @Nullable Maker strictCall(
      ColumnType type, List<RexNode> operands, Function<Object[], Object> fn) {
    List<Maker> args = translateAll(operands);
    return args == null ? null : function(type, nullIfAnyNull(fn), args);
  }

  /** {@code fn}, NULL without calling it where an argument is NULL, as Calcite's code answers. */
  private static Function<Object[], Object> nullIfAnyNull(Function<Object[], Object> fn) {
    return values -> {
      for (Object v : values) {
        if (v == null) {
          return null;
        }
      }
      return fn.apply(values);
    };
  }

  /** {@code method} called with the values, its own error (22003, say) leaving as thrown. */
  /**
   * The string functions of {@link DuckDbStrings} called directly rather than through reflection:
   * they run once per row (TPC-H q22 takes {@code substring(c_phone, 1, 2)} of every customer
   * twice), where a reflective call with its checks cost about a third of q22's samples in the
   * engine. The same methods, so the same results and errors; null when {@code method} is not one.
   * Its parameter types were checked against the arguments' already.
   */
  static @Nullable Function<Object[], Object> direct(Method method) {
    if (method.getDeclaringClass() != DuckDbStrings.class) {
      return null;
    }
    return switch (method.getName() + "/" + method.getParameterCount()) {
      case "contains/2" -> v -> DuckDbStrings.contains((String) v[0], (String) v[1]);
      case "prefix/2" -> v -> DuckDbStrings.prefix((String) v[0], (String) v[1]);
      case "suffix/2" -> v -> DuckDbStrings.suffix((String) v[0], (String) v[1]);
      case "len/1" -> v -> DuckDbStrings.len((String) v[0]);
      case "length/1" -> v -> DuckDbStrings.length((String) v[0]);
      case "upper/1" -> v -> DuckDbStrings.upper((String) v[0]);
      case "lower/1" -> v -> DuckDbStrings.lower((String) v[0]);
      case "substringFrom/2" -> v -> DuckDbStrings.substringFrom((String) v[0], (Long) v[1]);
      case "substring/3" -> v -> DuckDbStrings.substring((String) v[0], (Long) v[1], (Long) v[2]);
      case "left/2" -> v -> DuckDbStrings.left((String) v[0], (Long) v[1]);
      case "right/2" -> v -> DuckDbStrings.right((String) v[0], (Long) v[1]);
      default -> null;
    };
  }

  private static Function<Object[], Object> invoker(Method method) {
    return values -> {
      try {
        return method.invoke(null, values);
      } catch (InvocationTargetException e) {
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

  /** Every operand translated, in order, or null when one of them does not translate. */
  private @Nullable List<Maker> translateAll(List<RexNode> operands) {
    List<Maker> args = new ArrayList<>();
    for (RexNode operand : operands) {
      Maker m = root.translate(operand);
      if (m == null) {
        return null;
      }
      args.add(m);
    }
    return args;
  }
}
