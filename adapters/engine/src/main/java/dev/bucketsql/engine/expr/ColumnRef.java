package dev.bucketsql.engine.expr;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;

/** A column of the input, copied (arrays only) into the expression's own batch. */
final class ColumnRef implements Expr {
  private final int column;
  private final ColumnType type;
  private final Result result;

  ColumnRef(int column, ColumnType type) {
    if (column < 0) {
      throw new IllegalArgumentException("a column is not negative: " + column);
    }
    this.column = column;
    this.type = type;
    this.result = new Result(type);
  }

  /** The input column it refers to. */
  int column() {
    return column;
  }

  /**
   * Whether {@code e} is a reference to a column of {@code input} of its own type: a caller may
   * then read that column in place instead of evaluating {@code e}.
   */
  static boolean in(Expr e, ColumnBatch input) {
    return e instanceof ColumnRef ref && input.type(ref.column()) == ref.type;
  }

  @Override
  public ColumnType type() {
    return type;
  }

  @Override
  public ColumnBatch evaluate(ColumnBatch input, boolean[] rows) {
    if (input.type(column) != type) {
      throw new IllegalArgumentException(
          "column " + column + " is " + input.type(column) + ", the expression expects " + type);
    }
    int n = input.size();
    ColumnBatch out = result.of(n);
    out.copyColumn(input, column, n, 0);
    return out;
  }
}
