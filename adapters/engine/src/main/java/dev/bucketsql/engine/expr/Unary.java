package dev.bucketsql.engine.expr;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.math.BigDecimal;

/**
 * {@code -a} and {@code ABS(a)}, of the operand's type; NULL for NULL. Integers fail when the
 * result leaves their type's range ({@code -(-128)} as TINYINT, {@code ABS(Long.MIN_VALUE)}) with
 * {@link Overflow#negation}, the SQL layer's checked negation's error; doubles as Java's {@code -}
 * and {@code Math.abs} (so {@code -(0.0)} is {@code -0.0}, as in Calcite's code); decimals as
 * {@link BigDecimal#negate()} and {@link BigDecimal#abs()}, keeping the scale.
 */
final class Unary implements Expr {
  /** The operators. */
  enum Op {
    NEGATE,
    ABS
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
    this.min =
        switch (type) {
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
    for (int r = 0; r < n; r++) {
      nulls[r] = xn[r] || (rows != null && !rows[r]);
    }
    switch (type) {
      case DOUBLE -> {
        double[] xv = x.doubles(0);
        double[] v = out.doubles(0);
        for (int r = 0; r < n; r++) {
          v[r] = nulls[r] ? 0 : op == Op.NEGATE ? -xv[r] : Math.abs(xv[r]);
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
