package dev.bucketsql.engine.expr;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.List;
import java.util.function.Function;

/**
 * A function of the SQL layer applied row by row to its arguments' values in {@link ColumnType}'s
 * representation (a String, a boxed Long, ...), NULL passed as null: the caller supplies the very
 * method the SQL layer's generated code calls with the same values, so the results and the errors
 * are that layer's. It runs only for the rows asked for. A null result is NULL.
 */
final class ObjectFunction implements Expr {
  private final ColumnType type;
  private final Function<Object[], Object> function;
  private final List<Expr> args;
  private final Result result;

  ObjectFunction(ColumnType type, Function<Object[], Object> function, List<Expr> args) {
    this.type = type;
    this.function = function;
    this.args = List.copyOf(args);
    this.result = new Result(type);
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public ColumnBatch evaluate(ColumnBatch input, boolean[] rows) {
    ColumnBatch[] values = new ColumnBatch[args.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = args.get(i).evaluate(input, rows);
    }
    int n = input.size();
    ColumnBatch out = result.of(n);
    Object[] call = new Object[values.length];
    for (int r = 0; r < n; r++) {
      if (rows != null && !rows[r]) {
        out.set(0, r, null);
        continue;
      }
      for (int i = 0; i < values.length; i++) {
        call[i] = values[i].value(0, r);
      }
      out.set(0, r, function.apply(call));
    }
    return out;
  }
}
