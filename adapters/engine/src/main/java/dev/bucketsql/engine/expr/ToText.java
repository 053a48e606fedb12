package dev.bucketsql.engine.expr;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnBatch.Kind;
import dev.bucketsql.format.ColumnType;
import java.util.function.LongFunction;

/**
 * The text of a value held as a long (an integer, a DATE's days, a TIME's or a TIMESTAMP's
 * milliseconds), written by a formatter of the SQL layer (the very function its code calls for the
 * cast to VARCHAR), once per non-NULL row asked for; NULL stays NULL.
 */
final class ToText implements Expr {
  private final Expr value;
  private final LongFunction<String> formatter;
  private final Result result;

  ToText(Expr value, LongFunction<String> formatter) {
    if (Kind.of(value.type()) != Kind.LONG || value.type() == ColumnType.BOOLEAN) {
      throw new IllegalArgumentException(
          "text is written of a number, date or time held as a long, not of " + value.type());
    }
    this.value = value;
    this.formatter = formatter;
    this.result = new Result(ColumnType.VARCHAR);
  }

  @Override
  public ColumnType type() {
    return ColumnType.VARCHAR;
  }

  @Override
  public ColumnBatch evaluate(ColumnBatch input, boolean[] rows) {
    ColumnBatch x = value.evaluate(input, rows);
    long[] xv = x.longs(0);
    boolean[] xn = x.nulls(0);
    int n = input.size();
    ColumnBatch out = result.of(n);
    Object[] v = out.objects(0);
    boolean[] nulls = out.nulls(0);
    for (int r = 0; r < n; r++) {
      boolean isNull = xn[r] || (rows != null && !rows[r]);
      nulls[r] = isNull;
      v[r] = isNull ? null : formatter.apply(xv[r]);
    }
    return out;
  }
}
