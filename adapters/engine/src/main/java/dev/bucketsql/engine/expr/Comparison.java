package dev.bucketsql.engine.expr;

import dev.bucketsql.engine.Cells;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnBatch.Kind;
import dev.bucketsql.format.ColumnType;

/**
 * {@code a op b} for two operands of the same kind: NULL when either is NULL, ordered as {@link
 * Cells} orders.
 */
final class Comparison implements Expr {
  /** The comparison operators. */
  enum Op {
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE;

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
    ColumnBatch x = a.evaluate(input, rows);
    ColumnBatch y = b.evaluate(input, rows);
    int n = input.size();
    ColumnBatch out = result.of(n);
    boolean[] nulls = out.nulls(0);
    long[] values = out.longs(0);
    boolean[] xn = x.nulls(0);
    boolean[] yn = y.nulls(0);
    for (int r = 0; r < n; r++) {
      nulls[r] = xn[r] || yn[r];
      if (nulls[r]) {
        continue;
      }
      int cmp =
          switch (kind) {
            case LONG -> Long.compare(x.longs(0)[r], y.longs(0)[r]);
            case DOUBLE -> Cells.compareDoubles(x.doubles(0)[r], y.doubles(0)[r]);
            default -> Cells.compareObjects(x.objects(0)[r], y.objects(0)[r]);
          };
      values[r] = op.test(cmp) ? 1 : 0;
    }
    return out;
  }
}
