package dev.bucketsql.engine.expr;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnBatch.Kind;
import dev.bucketsql.format.ColumnType;
import java.math.BigDecimal;

/**
 * {@code a + b}, {@code a - b}, {@code a * b}, {@code a / b}, {@code a % b} of two operands of one
 * kind: NULL when either is NULL. Integers compute in the wider operand type and fail when the
 * result leaves its range ({@link Overflow}); their {@code /} is the SQL layer's {@code //},
 * truncated toward zero, and their {@code %} has the sign of {@code a}; a zero divisor fails
 * (22012). Doubles follow IEEE 754 (Java's {@code /} and {@code %}: a zero divisor gives an
 * infinity or NaN). Decimals add, subtract and multiply exactly, as {@link BigDecimal} does, with
 * the scale it gives (the larger scale, the sum of the scales); their {@code %} is {@link
 * BigDecimal#divideAndRemainder}'s remainder (the sign of {@code a}), a zero divisor failing with
 * 22012 ({@link Overflow#decimalDivisionByZero}); they do not divide here.
 */
final class Arithmetic implements Expr {
  /** The operators. */
  enum Op {
    PLUS("addition", "+"),
    MINUS("subtraction", "-"),
    TIMES("multiplication", "*"),
    DIVIDE("division", "//"),
    MOD("remainder", "%");

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
    if (type == ColumnType.DECIMAL && op == Op.DIVIDE) {
      throw new IllegalArgumentException(
          "no decimal " + op.operation + " here: cast to DOUBLE first");
    }
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
  }

  private static ColumnType resultType(ColumnType x, ColumnType y) {
    if (x.integerRank() > 0 && y.integerRank() > 0) {
      return x.integerRank() >= y.integerRank() ? x : y;
    }
    boolean xf = x == ColumnType.REAL || x == ColumnType.DOUBLE;
    boolean yf = y == ColumnType.REAL || y == ColumnType.DOUBLE;
    if (xf && yf) {
      return ColumnType.DOUBLE;
    }
    if (x == ColumnType.DECIMAL && y == ColumnType.DECIMAL) {
      return ColumnType.DECIMAL;
    }
    throw new IllegalArgumentException(
        "no arithmetic of " + x + " and " + y + ": cast one side first");
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public ColumnBatch evaluate(ColumnBatch input, boolean[] rows) {
    int n = input.size();
    ColumnBatch out = result.of(n);
    Kind kind = out.kind(0);
    if (kind != Kind.OBJECT) {
      return primitive(input, rows, n, out, kind);
    }
    ColumnBatch x = a.evaluate(input, rows);
    ColumnBatch y = b.evaluate(input, rows);
    boolean[] nulls = out.nulls(0);
    Masks.nulls(nulls, x.nulls(0), y.nulls(0), rows, n);
    if (UnscaledDecimals.arithmetic(op, a, x, b, y, nulls, n, out)) {
      return out;
    }
    out.dropDecimalLongs(0);
    Object[] xv = x.objects(0);
    Object[] yv = y.objects(0);
    Object[] v = out.objects(0);
    for (int r = 0; r < n; r++) {
      v[r] = nulls[r] ? null : decimal((BigDecimal) xv[r], (BigDecimal) yv[r]);
    }
    return out;
  }

  /**
   * Integers and doubles. An operand that is a column of the input is read where it is, not copied
   * into the reference's own batch first.
   */
  private ColumnBatch primitive(
      ColumnBatch input, boolean[] rows, int n, ColumnBatch out, Kind kind) {
    ColumnBatch x = ColumnRef.in(a, input) ? input : a.evaluate(input, rows);
    int xc = x == input ? ((ColumnRef) a).column() : 0;
    ColumnBatch y = ColumnRef.in(b, input) ? input : b.evaluate(input, rows);
    int yc = y == input ? ((ColumnRef) b).column() : 0;
    boolean[] nulls = out.nulls(0);
    Masks.nulls(nulls, x.nulls(xc), y.nulls(yc), rows, n);
    switch (kind) {
      case LONG -> {
        long[] xv = x.longs(xc);
        long[] yv = y.longs(yc);
        long[] v = out.longs(0);
        for (int r = 0; r < n; r++) {
          if (!nulls[r]) {
            v[r] = integer(xv[r], yv[r]);
          }
        }
      }
      default -> {
        double[] xv = x.doubles(xc);
        double[] yv = y.doubles(yc);
        double[] v = out.doubles(0);
        // NULL rows compute too (no error can come of a double): one branch-free loop
        switch (op) {
          case PLUS -> {
            for (int r = 0; r < n; r++) {
              v[r] = xv[r] + yv[r];
            }
          }
          case MINUS -> {
            for (int r = 0; r < n; r++) {
              v[r] = xv[r] - yv[r];
            }
          }
          case TIMES -> {
            for (int r = 0; r < n; r++) {
              v[r] = xv[r] * yv[r];
            }
          }
          case DIVIDE -> {
            for (int r = 0; r < n; r++) {
              v[r] = xv[r] / yv[r];
            }
          }
          case MOD -> {
            for (int r = 0; r < n; r++) {
              v[r] = xv[r] % yv[r];
            }
          }
        }
      }
    }
    return out;
  }

  private long integer(long p, long q) {
    long v;
    try {
      v =
          switch (op) {
            case PLUS -> Math.addExact(p, q);
            case MINUS -> Math.subtractExact(p, q);
            case TIMES -> Math.multiplyExact(p, q);
            case DIVIDE -> {
              if (q == 0) {
                throw Overflow.divisionByZero(p, op.symbol, q);
              }
              if (p == Long.MIN_VALUE && q == -1) {
                throw new ArithmeticException();
              }
              yield p / q;
            }
            case MOD -> {
              if (q == 0) {
                throw Overflow.divisionByZero(p, op.symbol, q);
              }
              yield p % q;
            }
          };
    } catch (ArithmeticException e) {
      throw Overflow.binary(op.operation, type.name(), p, op.symbol, q);
    }
    if (v < min || v > max) {
      throw Overflow.binary(op.operation, type.name(), p, op.symbol, q);
    }
    return v;
  }

  private BigDecimal decimal(BigDecimal p, BigDecimal q) {
    return switch (op) {
      case PLUS -> p.add(q);
      case MINUS -> p.subtract(q);
      case TIMES -> p.multiply(q);
      case MOD -> {
        if (q.signum() == 0) {
          throw Overflow.decimalDivisionByZero();
        }
        // what the SQL layer's generated code computes for a DECIMAL MOD
        yield p.divideAndRemainder(q)[1];
      }
      default -> throw new IllegalStateException(op.name());
    };
  }
}
