package dev.bucketsql.engine.expr;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;

/**
 * A scalar expression evaluated a batch at a time: every row of the input batch, every operand
 * (no short-circuit, so an error in an operand is an error whatever the other operands say).
 */
public interface Expr {
  /** The type of the result. */
  ColumnType type();

  /**
   * The value for each row of {@code input}: a one-column batch of {@code input.size()} rows,
   * owned by this expression and valid until its next call.
   *
   * @throws dev.bucketsql.format.SqlStateException for an overflow
   */
  ColumnBatch evaluate(ColumnBatch input);
}
