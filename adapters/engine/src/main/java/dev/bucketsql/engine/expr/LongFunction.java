package dev.bucketsql.engine.expr;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnBatch.Kind;
import dev.bucketsql.format.ColumnType;
import java.util.function.LongUnaryOperator;

/**
 * A function of one value held as a long (an integer, a DATE's days, a TIMESTAMP's milliseconds) to
 * a value held as a long, NULL for NULL: the caller supplies the very function its SQL layer calls
 * (EXTRACT of a date part is the date library's), so both compute the same values. The function
 * runs only for the rows asked for.
 */
final class LongFunction implements Expr {
  private final Expr a;
  private final ColumnType type;
  private final LongUnaryOperator function;
  private final Result result;

  LongFunction(Expr a, ColumnType type, LongUnaryOperator function) {
    if (Kind.of(a.type()) != Kind.LONG || Kind.of(type) != Kind.LONG) {
      throw new IllegalArgumentException(
          "a long function maps values held as longs, not " + a.type() + " to " + type);
    }
    this.a = a;
    this.type = type;
    this.function = function;
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
    long[] xv = x.longs(0);
    long[] v = out.longs(0);
    for (int r = 0; r < n; r++) {
      boolean isNull = xn[r] || (rows != null && !rows[r]);
      nulls[r] = isNull;
      v[r] = isNull ? 0 : function.applyAsLong(xv[r]);
    }
    return out;
  }
}
