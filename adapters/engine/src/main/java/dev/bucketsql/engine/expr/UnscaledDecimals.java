package dev.bucketsql.engine.expr;

import dev.bucketsql.format.ColumnBatch;
import java.math.BigDecimal;

/**
 * Decimal arithmetic and casts over values held as unscaled longs ({@link
 * ColumnBatch#decimalScale}), giving exactly what {@link BigDecimal} gives (the same value and the
 * same scale) without a {@code BigDecimal} per row. Each method either computes every row of the
 * batch or, at the first value a long cannot hold, gives up and leaves the batch to the {@code
 * BigDecimal} path, which then computes it all (and raises its errors) as before.
 */
final class UnscaledDecimals {
  private static final long[] POW10 = new long[19];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private UnscaledDecimals() {}

  /**
   * One operand: the batch's unscaled longs, or a constant's. {@code values} is null for a
   * constant.
   */
  private record Operand(long[] values, long constant, int scale) {
    long at(int r) {
      return values == null ? constant : values[r];
    }
  }

  /** The operand {@code e} evaluated to {@code batch}, when it is held as unscaled longs. */
  private static Operand operand(Expr e, ColumnBatch batch) {
    int scale = batch.decimalScale(0);
    if (scale != ColumnBatch.OBJECTS) {
      return new Operand(batch.decimalLongs(0), 0, scale);
    }
    if (e instanceof Constant c && c.value() instanceof BigDecimal d && d.scale() >= 0) {
      Long unscaled = unscaledAt(d, d.scale());
      if (unscaled != null) {
        return new Operand(null, unscaled, d.scale());
      }
    }
    return null;
  }

  /**
   * {@code value}'s unscaled long at {@code scale} when it is a {@code BigDecimal} exact at that
   * scale within a long, else null (NULL included).
   */
  static Long unscaledAt(Object value, int scale) {
    if (!(value instanceof BigDecimal d)) {
      return null;
    }
    try {
      BigDecimal at = d.setScale(scale);
      return at.unscaledValue().bitLength() < 64 ? at.unscaledValue().longValue() : null;
    } catch (ArithmeticException e) {
      return null;
    }
  }

  /**
   * {@code x op y} for PLUS, MINUS and TIMES into {@code out} as unscaled longs, rows whose {@code
   * nulls} flag is set skipped.
   *
   * @return false when an operand is not held as longs or a result leaves the long range (nothing
   *     is then promised of {@code out}'s values)
   */
  static boolean arithmetic(
      Arithmetic.Op op,
      Expr a,
      ColumnBatch x,
      Expr b,
      ColumnBatch y,
      boolean[] nulls,
      int n,
      ColumnBatch out) {
    Operand p = operand(a, x);
    Operand q = operand(b, y);
    if (p == null || q == null || (p.values == null && q.values == null)) {
      return false;
    }
    long[] v = out.decimalLongs(0);
    int scale;
    try {
      switch (op) {
        case PLUS, MINUS -> {
          scale = Math.max(p.scale, q.scale);
          if (scale - Math.min(p.scale, q.scale) >= POW10.length) {
            return false;
          }
          long pf = POW10[scale - p.scale];
          long qf = POW10[scale - q.scale];
          boolean plus = op == Arithmetic.Op.PLUS;
          for (int r = 0; r < n; r++) {
            if (!nulls[r]) {
              long pv = Math.multiplyExact(p.at(r), pf);
              long qv = Math.multiplyExact(q.at(r), qf);
              v[r] = plus ? Math.addExact(pv, qv) : Math.subtractExact(pv, qv);
            }
          }
        }
        case TIMES -> {
          scale = p.scale + q.scale;
          for (int r = 0; r < n; r++) {
            if (!nulls[r]) {
              v[r] = Math.multiplyExact(p.at(r), q.at(r));
            }
          }
        }
        default -> {
          return false;
        }
      }
    } catch (ArithmeticException e) {
      return false;
    }
    out.setDecimalScale(0, scale);
    return true;
  }

  /**
   * Calcite's cast to {@code DECIMAL(precision, scale)} ({@link Casts#truncatingDecimal}: set to
   * the scale truncating, at most {@code precision} digits) into {@code out} as unscaled longs.
   *
   * @return false when the operand is not held as longs or a value does not fit, so that the {@code
   *     BigDecimal} path computes the batch and raises its error
   */
  static boolean truncatingCast(
      ColumnBatch x, boolean[] nulls, int n, int precision, int scale, ColumnBatch out) {
    int from = x.decimalScale(0);
    if (from == ColumnBatch.OBJECTS || precision >= POW10.length) {
      return false;
    }
    long limit = POW10[precision];
    long[] in = x.decimalLongs(0);
    long[] v = out.decimalLongs(0);
    if (scale >= from) {
      if (scale - from >= POW10.length) {
        return false;
      }
      long f = POW10[scale - from];
      for (int r = 0; r < n; r++) {
        if (!nulls[r]) {
          long u = in[r];
          if (u <= -limit || u >= limit) {
            // a quick bound: the scaled value has even more digits
            return false;
          }
          long s;
          try {
            s = Math.multiplyExact(u, f);
          } catch (ArithmeticException e) {
            return false;
          }
          if (s <= -limit || s >= limit) {
            return false;
          }
          v[r] = s;
        }
      }
    } else {
      long d = from - scale >= POW10.length ? 0 : POW10[from - scale];
      for (int r = 0; r < n; r++) {
        if (!nulls[r]) {
          // Java's division truncates toward zero, as RoundingMode.DOWN does
          long s = d == 0 ? 0 : in[r] / d;
          if (s <= -limit || s >= limit) {
            return false;
          }
          v[r] = s;
        }
      }
    }
    out.setDecimalScale(0, scale);
    return true;
  }
}
