package dev.bucketsql.engine.expr;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.List;

/**
 * The concatenation of text: SQL's {@code a || b}, NULL when an operand is NULL, or the {@code
 * concat(a, ...)} that reads a NULL operand as the empty string and is never NULL. Java's string
 * concatenation, char by char, as the SQL layer's own code joins strings (no normalization, no
 * padding or trimming of fixed-length text).
 */
final class Concat implements Expr {
  private final List<Expr> args;
  private final boolean skipNulls;
  private final Result result;

  Concat(List<Expr> args, boolean skipNulls) {
    if (args.isEmpty()) {
      throw new IllegalArgumentException("a concatenation needs an operand");
    }
    for (Expr a : args) {
      if (a.type() != ColumnType.VARCHAR) {
        throw new IllegalArgumentException("a concatenation joins text, not " + a.type());
      }
    }
    this.args = List.copyOf(args);
    this.skipNulls = skipNulls;
    this.result = new Result(ColumnType.VARCHAR);
  }

  @Override
  public ColumnType type() {
    return ColumnType.VARCHAR;
  }

  @Override
  public ColumnBatch evaluate(ColumnBatch input, boolean[] rows) {
    int n = input.size();
    Object[][] values = new Object[args.size()][];
    boolean[][] nulls = new boolean[args.size()][];
    for (int i = 0; i < values.length; i++) {
      ColumnBatch x = args.get(i).evaluate(input, rows);
      values[i] = x.objects(0);
      nulls[i] = x.nulls(0);
    }
    ColumnBatch out = result.of(n);
    Object[] v = out.objects(0);
    boolean[] outNulls = out.nulls(0);
    StringBuilder s = new StringBuilder();
    for (int r = 0; r < n; r++) {
      boolean isNull = rows != null && !rows[r];
      if (!isNull && !skipNulls) {
        for (boolean[] xn : nulls) {
          isNull |= xn[r];
        }
      }
      outNulls[r] = isNull;
      if (isNull) {
        v[r] = null;
        continue;
      }
      if (values.length == 2 && !skipNulls) {
        v[r] = (String) values[0][r] + (String) values[1][r];
        continue;
      }
      s.setLength(0);
      for (int i = 0; i < values.length; i++) {
        if (!nulls[i][r]) {
          s.append((String) values[i][r]);
        }
      }
      v[r] = s.toString();
    }
    return out;
  }
}
