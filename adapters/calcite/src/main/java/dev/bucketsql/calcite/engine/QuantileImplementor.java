package dev.bucketsql.calcite.engine;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.calcite.engine.Quantiles.Kind;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;
import org.apache.calcite.adapter.enumerable.AggAddContext;
import org.apache.calcite.adapter.enumerable.AggContext;
import org.apache.calcite.adapter.enumerable.AggResetContext;
import org.apache.calcite.adapter.enumerable.AggResultContext;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.enumerable.StrictAggImplementor;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.rel.type.RelDataType;

/**
 * The code Calcite generates for a {@link QuantileFunction} call: a {@link Quantiles.Values} per
 * group, made for the type of the values; each row's non-null value added as a {@code long}, {@code
 * double} or object with the fraction ({@code median}: 0.5); the result read in the representation
 * of the call's type. Rows where the value is NULL are skipped, and a group without a value gives
 * NULL (Calcite's strict aggregate handling).
 */
final class QuantileImplementor extends StrictAggImplementor {
  private static final Method GROUP =
      Types.lookupMethod(
          Quantiles.class,
          "group",
          String.class,
          int.class,
          int.class,
          boolean.class,
          boolean.class);
  static final Method ADD_LONG =
      Types.lookupMethod(Quantiles.Values.class, "addLong", long.class, double.class);
  static final Method ADD_DOUBLE =
      Types.lookupMethod(Quantiles.Values.class, "addDouble", double.class, double.class);
  static final Method ADD_OBJECT =
      Types.lookupMethod(Quantiles.Values.class, "addObject", Object.class, double.class);

  private final QuantileFunction.Spec spec;

  QuantileImplementor(QuantileFunction.Spec spec) {
    this.spec = requireNonNull(spec, "spec is null");
  }

  @Override
  public List<Type> getNotNullState(AggContext info) {
    return List.of(Quantiles.Values.class);
  }

  @Override
  protected void implementNotNullReset(AggContext info, AggResetContext reset) {
    RelDataType value = info.parameterRelTypes().get(0);
    Expression group =
        Expressions.call(
            GROUP,
            Expressions.constant(spec.label()),
            Expressions.constant(kind(info).ordinal()),
            Expressions.constant(Math.max(0, value.getScale())),
            Expressions.constant(spec.descending()),
            Expressions.constant(spec.percentile()));
    reset
        .currentBlock()
        .add(Expressions.statement(Expressions.assign(reset.accumulator().get(0), group)));
  }

  @Override
  protected void implementNotNullAdd(AggContext info, AggAddContext add) {
    List<Expression> args = add.arguments();
    Expression value = args.get(0);
    Expression fraction =
        args.size() > 1 ? EnumUtils.convert(args.get(1), double.class) : Expressions.constant(0.5d);
    Method adder = adder(kind(info));
    Expression call =
        adder == ADD_DOUBLE
            ? Expressions.call(
                add.accumulator().get(0),
                ADD_DOUBLE,
                EnumUtils.convert(value, double.class),
                fraction)
            : adder == ADD_OBJECT
                ? Expressions.call(add.accumulator().get(0), ADD_OBJECT, boxed(value), fraction)
                : Expressions.call(
                    add.accumulator().get(0),
                    ADD_LONG,
                    EnumUtils.convert(value, long.class),
                    fraction);
    add.currentBlock().add(Expressions.statement(call));
  }

  /**
   * The method of {@link Quantiles.Values} that takes a value of {@code kind}: {@code addDouble},
   * {@code addObject} or {@code addLong}. {@link QuantileFold} adds through the same choice.
   */
  static Method adder(Kind kind) {
    return switch (kind) {
      case REAL, DOUBLE -> ADD_DOUBLE;
      case DECIMAL, WIDE_DECIMAL, OBJECT -> ADD_OBJECT;
      default -> ADD_LONG;
    };
  }

  /**
   * The name of the method of {@link Quantiles.Values} that gives the result of {@code spec} over
   * values of {@code kind}; {@link QuantileFold} reads the result through the same choice.
   */
  static String resultMethod(QuantileFunction.Spec spec, Kind kind) {
    if (!QuantileFunction.continuous(spec, kind)) {
      return "discrete";
    }
    return switch (kind) {
      case REAL -> "contFloat";
      case DECIMAL, WIDE_DECIMAL -> "contDecimal";
      case DATE, TIMESTAMP -> "contTimestamp";
      case TIME -> "contTime";
      default -> "contDouble";
    };
  }

  @Override
  protected Expression implementNotNullResult(AggContext info, AggResultContext result) {
    String method = resultMethod(spec, kind(info));
    Expression value = Expressions.call(result.accumulator().get(0), method);
    Type type = Primitive.box(info.returnType());
    return value.getType() == type ? value : Expressions.convert_(value, type);
  }

  private static Kind kind(AggContext info) {
    RelDataType value = info.parameterRelTypes().get(0);
    return requireNonNull(QuantileArguments.kind(value), () -> "no quantile of " + value);
  }

  private static Expression boxed(Expression value) {
    return value.getType() instanceof Class<?> c && c.isPrimitive()
        ? Expressions.box(value)
        : value;
  }
}
