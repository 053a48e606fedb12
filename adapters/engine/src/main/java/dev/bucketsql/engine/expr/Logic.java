package dev.bucketsql.engine.expr;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;

/**
 * AND, OR and NOT in SQL's three-valued logic: FALSE AND NULL is FALSE, TRUE OR NULL is TRUE,
 * NOT NULL is NULL.
 */
final class Logic implements Expr {
  /** The operators. */
  enum Op {
    AND, OR, NOT
  }

  private final Op op;
  private final Expr a;
  private final Expr b;
  private final Result result = new Result(ColumnType.BOOLEAN);

  Logic(Op op, Expr a, Expr b) {
    this.op = op;
    this.a = a;
    this.b = b;
    check(a);
    if (b != null) {
      check(b);
    }
    if ((op == Op.NOT) != (b == null)) {
      throw new IllegalArgumentException(op + " takes " + (op == Op.NOT ? "one operand" : "two operands"));
    }
  }

  private static void check(Expr e) {
    if (e.type() != ColumnType.BOOLEAN) {
      throw new IllegalArgumentException("a logical operand is BOOLEAN, not " + e.type());
    }
  }

  @Override
  public ColumnType type() {
    return ColumnType.BOOLEAN;
  }

  @Override
  public ColumnBatch evaluate(ColumnBatch input) {
    ColumnBatch x = a.evaluate(input);
    ColumnBatch y = b == null ? null : b.evaluate(input);
    int n = input.size();
    ColumnBatch out = result.of(n);
    boolean[] nulls = out.nulls(0);
    long[] values = out.longs(0);
    for (int r = 0; r < n; r++) {
      // -1 NULL, 0 FALSE, 1 TRUE
      int p = x.nulls(0)[r] ? -1 : (int) x.longs(0)[r];
      int v;
      if (op == Op.NOT) {
        v = p < 0 ? -1 : 1 - p;
      } else {
        int q = y.nulls(0)[r] ? -1 : (int) y.longs(0)[r];
        if (op == Op.AND) {
          v = p == 0 || q == 0 ? 0 : p < 0 || q < 0 ? -1 : 1;
        } else {
          v = p == 1 || q == 1 ? 1 : p < 0 || q < 0 ? -1 : 0;
        }
      }
      nulls[r] = v < 0;
      values[r] = Math.max(v, 0);
    }
    return out;
  }
}
