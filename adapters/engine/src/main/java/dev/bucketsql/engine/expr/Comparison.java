package dev.bucketsql.engine.expr;

import dev.bucketsql.engine.Cells;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnBatch.Kind;
import dev.bucketsql.format.ColumnType;
import java.util.Arrays;

/**
 * {@code a op b} for two operands of the same kind: NULL when either is NULL, ordered as {@link
 * Cells} orders.
 */
final class Comparison implements Expr, Narrowing {
  /** The comparison operators. */
  enum Op {
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE;

    /** The operator with its operands swapped: {@code a < b} is {@code b > a}. */
    Op flipped() {
      return switch (this) {
        case EQ, NE -> this;
        case LT -> GT;
        case LE -> GE;
        case GT -> LT;
        case GE -> LE;
      };
    }

    boolean test(int cmp) {
      return switch (this) {
        case EQ -> cmp == 0;
        case NE -> cmp != 0;
        case LT -> cmp < 0;
        case LE -> cmp <= 0;
        case GT -> cmp > 0;
        case GE -> cmp >= 0;
      };
    }
  }

  private final Op op;
  private final Expr a;
  private final Expr b;
  private final Kind kind;
  private final Result result = new Result(ColumnType.BOOLEAN);

  Comparison(Op op, Expr a, Expr b) {
    this.op = op;
    this.a = a;
    this.b = b;
    Kind ka = Kind.of(a.type());
    if (ka != Kind.of(b.type()) || (ka == Kind.OBJECT && a.type() != b.type())) {
      throw new IllegalArgumentException(
          "cannot compare " + a.type() + " with " + b.type() + ": cast one side first");
    }
    Cells.checkComparable(a.type(), "compared", 0);
    this.kind = ka;
  }

  @Override
  public ColumnType type() {
    return ColumnType.BOOLEAN;
  }

  @Override
  public ColumnBatch evaluate(ColumnBatch input, boolean[] rows) {
    int n = input.size();
    if (kind != Kind.OBJECT) {
      return primitive(input, rows, n);
    }
    ColumnBatch x = a.evaluate(input, rows);
    ColumnBatch y = b.evaluate(input, rows);
    ColumnBatch out = result.of(n);
    boolean[] nulls = out.nulls(0);
    long[] values = out.longs(0);
    boolean[] xn = x.nulls(0);
    boolean[] yn = y.nulls(0);
    if (a.type() == ColumnType.DECIMAL && unscaled(x, y, xn, yn, n, nulls, values)) {
      return out;
    }
    Object[] xo = x.objects(0);
    Object[] yo = y.objects(0);
    // objects cost a call each: rows the caller does not ask for are NULL, not compared
    boolean equality = op == Op.EQ || op == Op.NE;
    long equal = op == Op.EQ ? 1 : 0;
    Masks.nulls(nulls, xn, yn, rows, n);
    for (int r = 0; r < n; r++) {
      if (nulls[r]) {
        continue;
      }
      values[r] =
          equality
              ? Cells.equalObjects(xo[r], yo[r]) ? equal : 1 - equal
              : op.test(Cells.compareObjects(xo[r], yo[r])) ? 1 : 0;
    }
    return out;
  }

  /**
   * Keeps in {@code pass} only the rows where this comparison is TRUE (FALSE and NULL drop a row),
   * without writing a BOOLEAN column: the WHERE conjunct {@code column op constant} over integers
   * or doubles, the most common of all, is one loop over the column that clears {@code pass}. The
   * operand is evaluated for the passing rows only ({@code all}: every row passes).
   *
   * @return how many of the {@code n} rows still pass, or -1 when this comparison has another shape
   *     (then nothing was evaluated or written, and the caller evaluates it as an expression)
   */
  @Override
  public int narrow(ColumnBatch input, boolean[] pass, boolean all, int n) {
    if (kind == Kind.OBJECT || n == 0) {
      return -1;
    }
    boolean constantRight = b instanceof Constant;
    if (!constantRight && !(a instanceof Constant)) {
      // two operands of the rows: compared row by row into the mask
      ColumnBatch x = a.evaluate(input, all ? null : pass);
      ColumnBatch y = b.evaluate(input, all ? null : pass);
      return kind == Kind.LONG
          ? PrimitiveCompare.narrowLongs(
              op, x.longs(0), x.nulls(0), y.longs(0), y.nulls(0), n, pass)
          : PrimitiveCompare.narrowDoubles(
              op, x.doubles(0), x.nulls(0), y.doubles(0), y.nulls(0), n, pass);
    }
    ColumnBatch k = (constantRight ? b : a).evaluate(input, null);
    if (k.nulls(0)[0]) {
      // compared with NULL: no row is TRUE
      Arrays.fill(pass, 0, n, false);
      return 0;
    }
    ColumnBatch x = (constantRight ? a : b).evaluate(input, all ? null : pass);
    Op o = constantRight ? op : op.flipped();
    return kind == Kind.LONG
        ? PrimitiveCompare.narrowLongs(o, x.longs(0), x.nulls(0), k.longs(0)[0], n, pass)
        : PrimitiveCompare.narrowDoubles(o, x.doubles(0), x.nulls(0), k.doubles(0)[0], n, pass);
  }

  /**
   * Integers and doubles, one loop per operator: a side that is a constant is compared as one value
   * (its column is not filled), two columns row by row. Doubles order as {@link
   * Cells#compareDoubles} does: NaN above every number and equal to itself, -0.0 equal to 0.0.
   */
  private ColumnBatch primitive(ColumnBatch input, boolean[] rows, int n) {
    boolean constantRight = b instanceof Constant;
    boolean constantLeft = !constantRight && a instanceof Constant;
    if ((constantRight || constantLeft) && n > 0) {
      // the constant's batch is filled once: its first row is its value
      ColumnBatch k = (constantRight ? b : a).evaluate(input, rows);
      ColumnBatch out = result.of(n);
      boolean[] nulls = out.nulls(0);
      long[] values = out.longs(0);
      if (k.nulls(0)[0]) {
        // compared with NULL: NULL for every row
        Arrays.fill(nulls, 0, n, true);
        return out;
      }
      ColumnBatch x = (constantRight ? a : b).evaluate(input, rows);
      System.arraycopy(x.nulls(0), 0, nulls, 0, n);
      // c op x is x flipped(op) c
      Op o = constantRight ? op : op.flipped();
      if (kind == Kind.LONG) {
        PrimitiveCompare.longs(o, x.longs(0), k.longs(0)[0], n, values);
      } else {
        PrimitiveCompare.doubles(o, x.doubles(0), k.doubles(0)[0], n, values);
      }
      return out;
    }
    ColumnBatch out = result.of(n);
    boolean[] nulls = out.nulls(0);
    long[] values = out.longs(0);
    ColumnBatch x = a.evaluate(input, rows);
    ColumnBatch y = b.evaluate(input, rows);
    boolean[] xn = x.nulls(0);
    boolean[] yn = y.nulls(0);
    for (int r = 0; r < n; r++) {
      nulls[r] = xn[r] | yn[r];
    }
    if (kind == Kind.LONG) {
      PrimitiveCompare.longs(op, x.longs(0), y.longs(0), n, values);
    } else {
      PrimitiveCompare.doubles(op, x.doubles(0), y.doubles(0), n, values);
    }
    return out;
  }

  /**
   * Compares decimals held as unscaled longs ({@link ColumnBatch#decimalScale}) without making a
   * {@code BigDecimal}: two sides of one scale, or one side and a constant that has an exact value
   * of that scale within a long. Same scale, so the longs order as the decimals do.
   *
   * @return false when neither applies, and nothing was written
   */
  private boolean unscaled(
      ColumnBatch x,
      ColumnBatch y,
      boolean[] xn,
      boolean[] yn,
      int n,
      boolean[] nulls,
      long[] values) {
    int xs = x.decimalScale(0);
    int ys = y.decimalScale(0);
    if (xs != ColumnBatch.OBJECTS && xs == ys) {
      long[] xv = x.decimalLongs(0);
      long[] yv = y.decimalLongs(0);
      for (int r = 0; r < n; r++) {
        nulls[r] = xn[r] || yn[r];
        values[r] = !nulls[r] && op.test(Long.compare(xv[r], yv[r])) ? 1 : 0;
      }
      return true;
    }
    boolean left = xs != ColumnBatch.OBJECTS && b instanceof Constant;
    boolean right = !left && ys != ColumnBatch.OBJECTS && a instanceof Constant;
    if (!left && !right) {
      return false;
    }
    Long k = UnscaledDecimals.unscaledAt(((Constant) (left ? b : a)).value(), left ? xs : ys);
    if (k == null) {
      return false;
    }
    long c = k;
    long[] v = left ? x.decimalLongs(0) : y.decimalLongs(0);
    boolean[] vn = left ? xn : yn;
    for (int r = 0; r < n; r++) {
      nulls[r] = vn[r];
      int cmp = left ? Long.compare(v[r], c) : Long.compare(c, v[r]);
      values[r] = !nulls[r] && op.test(cmp) ? 1 : 0;
    }
    return true;
  }
}
