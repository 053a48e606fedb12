package dev.bucketsql.engine.expr;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.SqlStateException;
import java.math.BigDecimal;

/**
 * A cast of one value a row ({@link Conversion}); NULL stays NULL. A cast that fails on a row's
 * value fails the batch, unless it is a TRY_CAST ({@code safe}), which gives NULL for that row.
 */
final class Cast implements Expr {
  /** The conversions, by the operand's and the result's representation. */
  enum Conversion {
    /** An integer to a type holding every value of it (a wider integer): the same value. */
    WIDEN,
    /**
     * An integer to a narrower integer type, failing when it does not fit ({@link
     * Casts#longToLong}).
     */
    NARROW,
    /** An integer to DOUBLE, as Java widens it. */
    LONG_TO_DOUBLE,
    /** REAL to DOUBLE: the same value. */
    REAL_TO_DOUBLE,
    /** A DECIMAL to DOUBLE: {@link BigDecimal#doubleValue()}. */
    DECIMAL_TO_DOUBLE,
    /** A DOUBLE to an integer type, rounded halves to even ({@link Casts#doubleToLong}). */
    DOUBLE_TO_LONG,
    /**
     * A DECIMAL to an integer type, rounded halves away from zero ({@link Casts#decimalToLong}).
     */
    DECIMAL_TO_LONG,
    /** An integer to {@code DECIMAL(p,s)}, Calcite's cast ({@link Casts#truncatingDecimal}). */
    LONG_TO_DECIMAL,
    /** A DECIMAL to {@code DECIMAL(p,s)}, Calcite's cast ({@link Casts#truncatingDecimal}). */
    DECIMAL_TO_DECIMAL_TRUNCATING,
    /** A DECIMAL to {@code DECIMAL(p,s)}, DuckDB's rounding ({@link Casts#decimalToDecimal}). */
    DECIMAL_TO_DECIMAL_ROUNDING,
    /** A DOUBLE to {@code DECIMAL(p,s)}, DuckDB's rounding ({@link Casts#doubleToDecimal}). */
    DOUBLE_TO_DECIMAL,
    /** A DATE to a TIMESTAMP: midnight of the day. */
    DATE_TO_TIMESTAMP,
    /** A TIMESTAMP to a DATE: the day, rounded toward negative infinity. */
    TIMESTAMP_TO_DATE
  }

  private static final long MILLIS_PER_DAY = 86_400_000L;

  private final Expr operand;
  private final ColumnType type;
  private final Conversion conversion;
  private final int precision;
  private final int scale;
  private final boolean safe;
  private final long min;
  private final long max;
  private final Result result;

  Cast(
      Expr operand,
      ColumnType type,
      Conversion conversion,
      int precision,
      int scale,
      boolean safe) {
    this.operand = operand;
    this.type = type;
    this.conversion = conversion;
    this.precision = precision;
    this.scale = scale;
    this.safe = safe;
    this.result = new Result(type);
    switch (type) {
      case TINYINT -> {
        min = Byte.MIN_VALUE;
        max = Byte.MAX_VALUE;
      }
      case SMALLINT -> {
        min = Short.MIN_VALUE;
        max = Short.MAX_VALUE;
      }
      case INTEGER -> {
        min = Integer.MIN_VALUE;
        max = Integer.MAX_VALUE;
      }
      default -> {
        min = Long.MIN_VALUE;
        max = Long.MAX_VALUE;
      }
    }
    ColumnType from = operand.type();
    boolean ok =
        switch (conversion) {
          case WIDEN ->
              from.isInteger() && type.isInteger() && from.integerRank() <= type.integerRank();
          case NARROW, DOUBLE_TO_LONG, DECIMAL_TO_LONG ->
              type.isInteger()
                  && (conversion == Conversion.NARROW
                      ? from.isInteger()
                      : conversion == Conversion.DOUBLE_TO_LONG
                          ? from == ColumnType.DOUBLE
                          : from == ColumnType.DECIMAL);
          case LONG_TO_DOUBLE -> from.isInteger() && type == ColumnType.DOUBLE;
          case REAL_TO_DOUBLE -> from == ColumnType.REAL && type == ColumnType.DOUBLE;
          case DECIMAL_TO_DOUBLE -> from == ColumnType.DECIMAL && type == ColumnType.DOUBLE;
          case LONG_TO_DECIMAL -> from.isInteger() && type == ColumnType.DECIMAL;
          case DECIMAL_TO_DECIMAL_TRUNCATING, DECIMAL_TO_DECIMAL_ROUNDING ->
              from == ColumnType.DECIMAL && type == ColumnType.DECIMAL;
          case DOUBLE_TO_DECIMAL -> from == ColumnType.DOUBLE && type == ColumnType.DECIMAL;
          case DATE_TO_TIMESTAMP -> from == ColumnType.DATE && type == ColumnType.TIMESTAMP;
          case TIMESTAMP_TO_DATE -> from == ColumnType.TIMESTAMP && type == ColumnType.DATE;
        };
    if (!ok) {
      throw new IllegalArgumentException("no cast " + conversion + " of " + from + " to " + type);
    }
    if (type == ColumnType.DECIMAL && (precision < 1 || scale < 0 || scale > precision)) {
      throw new IllegalArgumentException("no DECIMAL(" + precision + ", " + scale + ")");
    }
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public ColumnBatch evaluate(ColumnBatch input, boolean[] rows) {
    ColumnBatch x = operand.evaluate(input, rows);
    int n = input.size();
    ColumnBatch out = result.of(n);
    boolean[] nulls = out.nulls(0);
    boolean[] xn = x.nulls(0);
    Masks.nulls(nulls, xn, rows, n);
    switch (conversion) {
      case WIDEN -> System.arraycopy(x.longs(0), 0, out.longs(0), 0, n);
      case LONG_TO_DOUBLE -> {
        long[] v = x.longs(0);
        double[] o = out.doubles(0);
        for (int r = 0; r < n; r++) {
          o[r] = v[r];
        }
      }
      case REAL_TO_DOUBLE -> System.arraycopy(x.doubles(0), 0, out.doubles(0), 0, n);
      case DATE_TO_TIMESTAMP -> {
        long[] v = x.longs(0);
        long[] o = out.longs(0);
        for (int r = 0; r < n; r++) {
          o[r] = v[r] * MILLIS_PER_DAY;
        }
      }
      case TIMESTAMP_TO_DATE -> {
        long[] v = x.longs(0);
        long[] o = out.longs(0);
        for (int r = 0; r < n; r++) {
          o[r] = (int) Math.floorDiv(v[r], MILLIS_PER_DAY);
        }
      }
      default -> {
        if (conversion == Conversion.DECIMAL_TO_DECIMAL_TRUNCATING
            && UnscaledDecimals.truncatingCast(x, nulls, n, precision, scale, out)) {
          return out;
        }
        if (type == ColumnType.DECIMAL) {
          out.dropDecimalLongs(0);
        }
        for (int r = 0; r < n; r++) {
          if (nulls[r]) {
            continue;
          }
          try {
            convert(x, out, r);
          } catch (SqlStateException e) {
            if (!safe) {
              throw e;
            }
            nulls[r] = true;
          }
        }
      }
    }
    return out;
  }

  private void convert(ColumnBatch x, ColumnBatch out, int r) {
    switch (conversion) {
      case NARROW -> out.longs(0)[r] = Casts.longToLong(x.longs(0)[r], min, max, type.name());
      case DOUBLE_TO_LONG ->
          out.longs(0)[r] = Casts.doubleToLong(x.doubles(0)[r], min, max, type.name());
      case DECIMAL_TO_LONG ->
          out.longs(0)[r] =
              Casts.decimalToLong((BigDecimal) x.objects(0)[r], min, max, type.name());
      case DECIMAL_TO_DOUBLE -> out.doubles(0)[r] = ((BigDecimal) x.objects(0)[r]).doubleValue();
      case LONG_TO_DECIMAL ->
          out.objects(0)[r] =
              Casts.truncatingDecimal(BigDecimal.valueOf(x.longs(0)[r]), precision, scale);
      case DECIMAL_TO_DECIMAL_TRUNCATING ->
          out.objects(0)[r] =
              Casts.truncatingDecimal((BigDecimal) x.objects(0)[r], precision, scale);
      case DECIMAL_TO_DECIMAL_ROUNDING ->
          out.objects(0)[r] =
              Casts.decimalToDecimal((BigDecimal) x.objects(0)[r], precision, scale);
      case DOUBLE_TO_DECIMAL ->
          out.objects(0)[r] = Casts.doubleToDecimal(x.doubles(0)[r], precision, scale);
      default -> throw new IllegalStateException(conversion.name());
    }
  }
}
