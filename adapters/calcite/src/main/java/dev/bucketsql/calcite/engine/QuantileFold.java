package dev.bucketsql.calcite.engine;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.calcite.engine.Quantiles.Kind;
import dev.bucketsql.engine.aggregate.GroupFold;
import dev.bucketsql.format.ColumnBatch;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.function.Function;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlAggFunction;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A quantile call ({@code median}, {@code quantile_cont}, {@code quantile_disc}, the {@code
 * PERCENTILE_* WITHIN GROUP} forms) for the execution engine's aggregate: a {@link
 * Quantiles.Values} per group, made, fed and read exactly as {@link QuantileImplementor}'s
 * generated code does ({@link Quantiles#group} with the same arguments, the same {@code add} method
 * for the values' kind with the value and the fraction converted as Calcite's code converts them,
 * the same result method), so the engine's answers, types and errors are Calcite's by construction.
 */
public final class QuantileFold implements GroupFold {
  private final QuantileFunction.Spec spec;
  private final Kind kind;
  private final int scale;
  private final int value;
  private final int fraction;
  private final Method adder;
  private final Function<Quantiles.Values, Object> result;

  private QuantileFold(QuantileFunction.Spec spec, Kind kind, int scale, int value, int fraction) {
    this.spec = spec;
    this.kind = kind;
    this.scale = scale;
    this.value = value;
    this.fraction = fraction;
    this.adder = QuantileImplementor.adder(kind);
    String method = QuantileImplementor.resultMethod(spec, kind);
    this.result =
        switch (method) {
          case "discrete" -> Quantiles.Values::discrete;
          case "contFloat" -> Quantiles.Values::contFloat;
          case "contDecimal" -> Quantiles.Values::contDecimal;
          case "contTimestamp" -> Quantiles.Values::contTimestamp;
          case "contTime" -> Quantiles.Values::contTime;
          case "contDouble" -> Quantiles.Values::contDouble;
          default -> throw new IllegalStateException("no result method " + method);
        };
  }

  /**
   * The fold of {@code function} over values of {@code valueType} in column {@code value} and the
   * fraction in column {@code fraction} (-1 for {@code median}), or null when {@code function} is
   * not a quantile or does not take those values.
   */
  public static @Nullable QuantileFold of(
      SqlAggFunction function, RelDataType valueType, int value, int fraction) {
    requireNonNull(valueType, "valueType is null");
    if (!(function instanceof QuantileFunction q)) {
      return null;
    }
    Kind kind = QuantileArguments.kind(valueType);
    boolean median = q.spec().mode() == QuantileFunction.Mode.MEDIAN;
    if (kind == null || median != (fraction < 0)) {
      return null;
    }
    return new QuantileFold(q.spec(), kind, Math.max(0, valueType.getScale()), value, fraction);
  }

  @Override
  public Object start() {
    return Quantiles.group(
        spec.label(), kind.ordinal(), scale, spec.descending(), spec.percentile());
  }

  @Override
  public void add(Object state, ColumnBatch batch, int r) {
    Quantiles.Values values = (Quantiles.Values) state;
    double q = fraction < 0 ? 0.5d : fraction(batch, r);
    if (adder == QuantileImplementor.ADD_DOUBLE) {
      // a REAL is held as the double of its float: Calcite's code widens the float alike
      values.addDouble(batch.doubles(value)[r], q);
    } else if (adder == QuantileImplementor.ADD_OBJECT) {
      values.addObject(batch.value(value, r), q);
    } else {
      values.addLong(batch.longs(value)[r], q);
    }
  }

  /**
   * The fraction as Calcite's code converts it to {@code double}: widened, or {@code doubleValue}.
   */
  private double fraction(ColumnBatch batch, int r) {
    return switch (batch.kind(fraction)) {
      case LONG -> (double) batch.longs(fraction)[r];
      case DOUBLE -> batch.doubles(fraction)[r];
      default -> ((BigDecimal) batch.objects(fraction)[r]).doubleValue();
    };
  }

  @Override
  public Object result(Object state) {
    return result.apply((Quantiles.Values) state);
  }
}
