package dev.bucketsql.engine.expr;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnBatch.Kind;
import dev.bucketsql.format.ColumnType;
import java.math.BigDecimal;

/**
 * {@code a + b}, {@code a - b}, {@code a * b}: NULL when either is NULL. Integers compute in the
 * wider operand type and fail when the result leaves its range ({@link Overflow}); doubles follow
 * IEEE 754; decimals are exact.
 */
final class Arithmetic implements Expr {
  /** The operators. */
  enum Op {
    PLUS("addition", "+"),
    MINUS("subtraction", "-"),
    TIMES("multiplication", "*");

    private final String operation;
    private final String symbol;

    Op(String operation, String symbol) {
      this.operation = operation;
      this.symbol = symbol;
    }
  }

  private final Op op;
  private final Expr a;
  private final Expr b;
  private final ColumnType type;
  private final long min;
  private final long max;
  private final Result result;

  Arithmetic(Op op, Expr a, Expr b) {
    this.op = op;
    this.a = a;
    this.b = b;
    this.type = resultType(a.type(), b.type());
    this.result = new Result(type);
    switch (type) {
      case TINYINT -> { min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; }
      case SMALLINT -> { min = Short.MIN_VALUE; max = Short.MAX_VALUE; }
      case INTEGER -> { min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; }
      default -> { min = Long.MIN_VALUE; max = Long.MAX_VALUE; }
    }
  }

  private static int rank(ColumnType t) {
    return switch (t) {
      case TINYINT -> 1;
      case SMALLINT -> 2;
      case INTEGER -> 3;
      case BIGINT -> 4;
      default -> 0;
    };
  }

  private static ColumnType resultType(ColumnType x, ColumnType y) {
    if (rank(x) > 0 && rank(y) > 0) {
      return rank(x) >= rank(y) ? x : y;
    }
    boolean xf = x == ColumnType.REAL || x == ColumnType.DOUBLE;
    boolean yf = y == ColumnType.REAL || y == ColumnType.DOUBLE;
    if (xf && yf) {
      return ColumnType.DOUBLE;
    }
    if (x == ColumnType.DECIMAL && y == ColumnType.DECIMAL) {
      return ColumnType.DECIMAL;
    }
    throw new IllegalArgumentException("no arithmetic of " + x + " and " + y + ": cast one side first");
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public ColumnBatch evaluate(ColumnBatch input) {
    ColumnBatch x = a.evaluate(input);
    ColumnBatch y = b.evaluate(input);
    int n = input.size();
    ColumnBatch out = result.of(n);
    boolean[] nulls = out.nulls(0);
    Kind kind = out.kind(0);
    for (int r = 0; r < n; r++) {
      nulls[r] = x.nulls(0)[r] || y.nulls(0)[r];
      if (nulls[r]) {
        continue;
      }
      switch (kind) {
        case LONG -> out.longs(0)[r] = integer(x.longs(0)[r], y.longs(0)[r]);
        case DOUBLE -> out.doubles(0)[r] = floating(x.doubles(0)[r], y.doubles(0)[r]);
        default -> out.objects(0)[r] = decimal((BigDecimal) x.objects(0)[r], (BigDecimal) y.objects(0)[r]);
      }
    }
    return out;
  }

  private long integer(long p, long q) {
    long v;
    try {
      v = switch (op) {
        case PLUS -> Math.addExact(p, q);
        case MINUS -> Math.subtractExact(p, q);
        case TIMES -> Math.multiplyExact(p, q);
      };
    } catch (ArithmeticException e) {
      throw Overflow.binary(op.operation, type.name(), p, op.symbol, q);
    }
    if (v < min || v > max) {
      throw Overflow.binary(op.operation, type.name(), p, op.symbol, q);
    }
    return v;
  }

  private double floating(double p, double q) {
    return switch (op) {
      case PLUS -> p + q;
      case MINUS -> p - q;
      case TIMES -> p * q;
    };
  }

  private BigDecimal decimal(BigDecimal p, BigDecimal q) {
    return switch (op) {
      case PLUS -> p.add(q);
      case MINUS -> p.subtract(q);
      case TIMES -> p.multiply(q);
    };
  }
}
