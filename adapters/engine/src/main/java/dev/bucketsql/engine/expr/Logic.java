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

  /**
   * Adds the conjuncts of {@code e} to {@code out}: the operands of its top-level ANDs, or {@code
   * e} itself. A row is TRUE for {@code e} exactly when it is TRUE for every conjunct.
   */
  static void conjuncts(Expr e, java.util.List<Expr> out) {
    if (e instanceof Logic l && l.op == Op.AND) {
      conjuncts(l.a, out);
      conjuncts(l.b, out);
    } else {
      out.add(e);
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
    ColumnBatch out = result.of(n);
    boolean[] nulls = out.nulls(0);
    long[] values = out.longs(0);
    if (op == Op.NOT) {
      for (int r = 0; r < n; r++) {
        boolean isNull = xn[r];
        nulls[r] = isNull;
        values[r] = isNull ? 0 : 1 - xv[r];
      }
      return out;
    }
    // the rows whose result the right operand still decides: asked for, and the left operand
    // neither FALSE (AND) nor TRUE (OR)
    if (undecided.length < n) {
      undecided = new boolean[Math.max(n, 16)];
    }
    long decided = op == Op.AND ? 0 : 1;
    int open = 0;
    for (int r = 0; r < n; r++) {
      boolean u = (rows == null || rows[r]) & (xn[r] | xv[r] != decided);
      undecided[r] = u;
      open += u ? 1 : 0;
    }
    if (open == 0) {
      // decided by the left operand, or a row not asked for (then NULL)
      for (int r = 0; r < n; r++) {
        boolean isNull = xn[r] | (rows != null && !rows[r]);
        nulls[r] = isNull;
        values[r] = isNull ? 0 : xv[r];
      }
      return out;
    }
    ColumnBatch y = b.evaluate(input, open == n ? null : undecided);
    boolean[] yn = y.nulls(0);
    long[] yv = y.longs(0);
    boolean and = op == Op.AND;
    for (int r = 0; r < n; r++) {
      // without branches on the values (selectivities near one half mispredict): the right
      // operand FALSE (AND) or TRUE (OR) decides; else NULL if either is, else the left operand's
      // value, which is the other one (TRUE for AND, FALSE for OR)
      boolean xnr = xn[r];
      boolean ynr = yn[r];
      boolean rightDecides = !ynr & (yv[r] == decided);
      boolean u = undecided[r];
      boolean asked = rows == null || rows[r];
      boolean isNull = (u & !rightDecides & (xnr | ynr)) | (!u & (xnr | !asked));
      boolean value = (u & (rightDecides ^ and)) | (!u & (xv[r] != 0));
      nulls[r] = isNull;
      values[r] = !isNull & value ? 1 : 0;
    }
    return out;
  }
}
