package dev.bucketsql.engine.expr;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;

/**
 * A scalar expression evaluated a batch at a time. An expression may be asked for only some rows of
 * a batch (the rows that take a CASE branch, or whose AND is not yet decided): the other rows'
 * values are then undefined, and nothing about them may fail, as the SQL layer's generated code
 * never evaluates an operand for a row that does not need it.
 */
public interface Expr {
  /** The type of the result. */
  ColumnType type();

  /**
   * The value for every row of {@code input}: a one-column batch of {@code input.size()} rows,
   * owned by this expression and valid until its next call.
   *
   * @throws dev.bucketsql.format.SqlStateException for an overflow, a division by zero, a value
   *     that does not fit a cast's type
   */
  default ColumnBatch evaluate(ColumnBatch input) {
    return evaluate(input, null);
  }

  /**
   * The value for the rows {@code r} of {@code input} where {@code rows[r]} is true (every row when
   * {@code rows} is null); each other row is NULL or a value of the type, and no error comes of it.
   */
  ColumnBatch evaluate(ColumnBatch input, boolean[] rows);
}
