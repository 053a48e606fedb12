package dev.bucketsql.engine.expr;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.math.BigDecimal;

/**
 * {@code -a}, {@code ABS(a)} and {@code SIGNLESS_ZERO(a)}, of the operand's type; NULL for NULL.
 * Integers fail when the result leaves their type's range ({@code -(-128)} as TINYINT, {@code
 * ABS(Long.MIN_VALUE)}) with {@link Overflow#negation}, the SQL layer's checked negation's error;
 * doubles as Java's {@code -} and {@code Math.abs} (so {@code -(0.0)} is {@code -0.0}, as in
 * Calcite's code); decimals as {@link BigDecimal#negate()} and {@link BigDecimal#abs()}, keeping
 * the scale. {@code SIGNLESS_ZERO} is of doubles only: {@code a + 0.0}, which turns -0.0 into 0.0
 * and leaves every other value (NaN and the infinities included) as it is, the SQL layer's {@code
 * DoubleOrder.signlessZero}, through which it compares doubles where -0.0 must equal 0.0.
 */
final class Unary implements Expr {
  /** The operators. */
  enum Op {
    NEGATE,
    ABS,
    SIGNLESS_ZERO
  }

  private final Op op;
  private final Expr a;
  private final ColumnType type;
  private final long min;
  private final Result result;

  Unary(Op op, Expr a) {
    this.op = op;
    this.a = a;
    this.type = a.type();
    if (op == Op.SIGNLESS_ZERO && type != ColumnType.DOUBLE && type != ColumnType.REAL) {
      throw new IllegalArgumentException(
          "no signless zero of " + type + ": only of DOUBLE or REAL");
    }
    this.min =
        switch (op == Op.SIGNLESS_ZERO ? ColumnType.DOUBLE : type) {
          case TINYINT -> Byte.MIN_VALUE;
          case SMALLINT -> Short.MIN_VALUE;
          case INTEGER -> Integer.MIN_VALUE;
          case BIGINT -> Long.MIN_VALUE;
          case DOUBLE, DECIMAL -> 0;
          default ->
              throw new IllegalArgumentException(
                  "no " + op.name().toLowerCase(java.util.Locale.ROOT) + " of " + type);
        };
    this.result = new Result(type);
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public ColumnBatch evaluate(ColumnBatch input, boolean[] rows) {
    ColumnBatch x = a.evaluate(input, rows);
    int n = input.size();
    ColumnBatch out = result.of(n);
    boolean[] nulls = out.nulls(0);
    boolean[] xn = x.nulls(0);
    Masks.nulls(nulls, xn, rows, n);
    switch (type) {
      // a REAL's values are floats held as doubles: adding 0.0 keeps each one a float
      case DOUBLE, REAL -> {
        double[] xv = x.doubles(0);
        double[] v = out.doubles(0);
        for (int r = 0; r < n; r++) {
          v[r] =
              nulls[r]
                  ? 0
                  : switch (op) {
                    case NEGATE -> -xv[r];
                    case ABS -> Math.abs(xv[r]);
                    // IEEE 754: -0.0 + 0.0 is 0.0, x + 0.0 is x for every other x
                    case SIGNLESS_ZERO -> xv[r] + 0.0;
                  };
        }
      }
      case DECIMAL -> {
        Object[] xv = x.objects(0);
        Object[] v = out.objects(0);
        for (int r = 0; r < n; r++) {
          BigDecimal d = (BigDecimal) xv[r];
          v[r] = nulls[r] ? null : op == Op.NEGATE ? d.negate() : d.abs();
        }
      }
      default -> {
        long[] xv = x.longs(0);
        long[] v = out.longs(0);
        for (int r = 0; r < n; r++) {
          if (nulls[r]) {
            v[r] = 0;
            continue;
          }
          long value = xv[r];
          if (value == min && (op == Op.NEGATE || value < 0)) {
            // the one value of each width whose negation does not fit it
            throw Overflow.negation(type.name(), value);
          }
          v[r] = op == Op.NEGATE || value < 0 ? -value : value;
        }
      }
    }
    return out;
  }
}
