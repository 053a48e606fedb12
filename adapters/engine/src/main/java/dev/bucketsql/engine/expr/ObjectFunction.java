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

  /**
   * Per argument, whether it is a constant: its value is taken once, not read back from a batch of
   * copies row by row (TPC-H q22's {@code substring(c_phone, 1, 2)}, two of its three arguments).
   */
  private final boolean[] constant;

  /** The constants' values, by argument (null for the others and for a NULL constant). */
  private final Object[] constants;

  ObjectFunction(ColumnType type, Function<Object[], Object> function, List<Expr> args) {
    this.type = type;
    this.function = function;
    this.args = List.copyOf(args);
    this.result = new Result(type);
    this.constant = new boolean[this.args.size()];
    this.constants = new Object[this.args.size()];
    for (int i = 0; i < constant.length; i++) {
      if (this.args.get(i) instanceof Constant c) {
        // read back as a row of a batch reads it: an INTEGER as an Integer, a BOOLEAN a Boolean
        ColumnBatch one = new ColumnBatch(new ColumnType[0], 1);
        one.setSize(1);
        constant[i] = true;
        constants[i] = c.evaluate(one, null).value(0, 0);
      }
    }
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public ColumnBatch evaluate(ColumnBatch input, boolean[] rows) {
    ColumnBatch[] values = new ColumnBatch[args.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = constant[i] ? null : args.get(i).evaluate(input, rows);
    }
    int n = input.size();
    ColumnBatch out = result.of(n);
    Object[] call = new Object[values.length];
    if (type == ColumnType.VARCHAR) {
      // a String per row, written straight into the column: no conversion to pick per row
      boolean[] nulls = out.nulls(0);
      Object[] objects = out.objects(0);
      for (int r = 0; r < n; r++) {
        Object v = rows != null && !rows[r] ? null : function.apply(arguments(values, call, r));
        nulls[r] = v == null;
        objects[r] = v;
      }
      return out;
    }
    for (int r = 0; r < n; r++) {
      if (rows != null && !rows[r]) {
        out.set(0, r, null);
        continue;
      }
      out.set(0, r, function.apply(arguments(values, call, r)));
    }
    return out;
  }

  /**
   * {@code call} filled with row {@code r}'s arguments; set again for every row, constants too,
   * since a function may convert its arguments in place (a DATE's days to a {@code java.sql.Date}).
   */
  private Object[] arguments(ColumnBatch[] values, Object[] call, int r) {
    for (int i = 0; i < call.length; i++) {
      call[i] = constant[i] ? constants[i] : values[i].value(0, r);
    }
    return call;
  }
}
