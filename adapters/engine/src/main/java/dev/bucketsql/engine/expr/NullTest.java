package dev.bucketsql.engine.expr;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;

/**
 * {@code x IS NULL} and {@code x IS NOT NULL}: TRUE or FALSE, never NULL, for a value of any type.
 */
final class NullTest implements Expr {
  private final Expr operand;
  private final boolean negated;
  private final Result result = new Result(ColumnType.BOOLEAN);

  NullTest(Expr operand, boolean negated) {
    if (operand == null) {
      throw new IllegalArgumentException("IS NULL takes one operand");
    }
    this.operand = operand;
    this.negated = negated;
  }

  @Override
  public ColumnType type() {
    return ColumnType.BOOLEAN;
  }

  @Override
  public ColumnBatch evaluate(ColumnBatch input, boolean[] rows) {
    boolean[] isNull = operand.evaluate(input, rows).nulls(0);
    int n = input.size();
    ColumnBatch out = result.of(n);
    boolean[] nulls = out.nulls(0);
    long[] values = out.longs(0);
    for (int r = 0; r < n; r++) {
      nulls[r] = false;
      values[r] = isNull[r] != negated ? 1 : 0;
    }
    return out;
  }
}
