package dev.bucketsql.engine.expr;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;

/** A constant, NULL included, repeated for every row. */
final class Constant implements Expr {
  private final ColumnType type;
  private final Object value;
  private final Result result;
  private int filled;

  Constant(Object value, ColumnType type) {
    this.type = type;
    this.value = value;
    this.result = new Result(type);
  }

  /**
   * {@code e}, an expression of {@code operand} alone, as the constant it computes when {@code
   * operand} is a constant (a cast of a literal, which would otherwise convert a batch of the same
   * value for every batch); {@code e} itself when it is not, or when computing it fails: that error
   * belongs to the rows that evaluate it, if any does.
   */
  static Expr folded(Expr e, Expr operand) {
    if (!(operand instanceof Constant)) {
      return e;
    }
    ColumnBatch one = new ColumnBatch(new ColumnType[0], 1);
    one.setSize(1);
    try {
      return new Constant(e.evaluate(one).value(0, 0), e.type());
    } catch (RuntimeException failed) {
      return e;
    }
  }

  /** The constant's value, null for NULL. */
  Object value() {
    return value;
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public ColumnBatch evaluate(ColumnBatch input, boolean[] rows) {
    int n = input.size();
    ColumnBatch out = result.of(n);
    if (out.capacity() != filled) {
      // a new batch: fill it once, every row, and reuse it while it is big enough
      for (int r = 0; r < out.capacity(); r++) {
        out.set(0, r, value);
      }
      filled = out.capacity();
    }
    return out;
  }
}
