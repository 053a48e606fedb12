package dev.bucketsql.engine.expr;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;

/**
 * AND, OR and NOT in SQL's three-valued logic: FALSE AND NULL is FALSE, TRUE OR NULL is TRUE, NOT
 * NULL is NULL. The right operand of AND is evaluated only for the rows the left one does not make
 * FALSE, that of OR only where the left one is not TRUE, as the SQL layer's generated code skips
 * it: an error in a row already decided is no error.
 */
final class Logic implements Expr {
  /** The operators. */
  enum Op {
    AND,
    OR,
    NOT
  }

  private final Op op;
  private final Expr a;
  private final Expr b;
  private final Result result = new Result(ColumnType.BOOLEAN);
  private boolean[] undecided = new boolean[0];

  Logic(Op op, Expr a, Expr b) {
    this.op = op;
    this.a = a;
    this.b = b;
    check(a);
    if (b != null) {
      check(b);
    }
    if ((op == Op.NOT) != (b == null)) {
      throw new IllegalArgumentException(
          op + " takes " + (op == Op.NOT ? "one operand" : "two operands"));
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
  public ColumnBatch evaluate(ColumnBatch input, boolean[] rows) {
    int n = input.size();
    ColumnBatch x = a.evaluate(input, rows);
    boolean[] xn = x.nulls(0);
    long[] xv = x.longs(0);
    ColumnBatch y = null;
    if (b != null) {
      // the rows whose result the right operand still decides
      if (undecided.length < n) {
        undecided = new boolean[Math.max(n, 16)];
      }
      long decided = op == Op.AND ? 0 : 1;
      int open = 0;
      for (int r = 0; r < n; r++) {
        boolean u = (rows == null || rows[r]) && (xn[r] || xv[r] != decided);
        undecided[r] = u;
        open += u ? 1 : 0;
      }
      if (open > 0) {
        y = b.evaluate(input, open == n ? null : undecided);
      }
    }
    ColumnBatch out = result.of(n);
    boolean[] nulls = out.nulls(0);
    long[] values = out.longs(0);
    for (int r = 0; r < n; r++) {
      // -1 NULL, 0 FALSE, 1 TRUE
      int p = xn[r] ? -1 : (int) xv[r];
      int v;
      if (op == Op.NOT) {
        v = p < 0 ? -1 : 1 - p;
      } else if (!undecided[r]) {
        // decided by the left operand, or a row not asked for (then NULL)
        v = (rows == null || rows[r]) ? p : -1;
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
