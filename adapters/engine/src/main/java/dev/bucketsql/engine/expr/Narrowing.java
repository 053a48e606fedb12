package dev.bucketsql.engine.expr;

import dev.bucketsql.format.ColumnBatch;

/**
 * A BOOLEAN expression that a {@link Filter} can apply to its row mask directly: the rows where it
 * is not TRUE are cleared in the loop that decides it, with no BOOLEAN column written and combined
 * afterwards.
 */
interface Narrowing {
  /**
   * Clears {@code pass[r]} for each row {@code r < n} where this expression is FALSE or NULL,
   * evaluating its operands for the passing rows only ({@code all}: every row passes).
   *
   * @return how many rows still pass, or -1 when this expression cannot narrow this batch (then
   *     nothing was evaluated or written, and the caller evaluates it as an expression)
   */
  int narrow(ColumnBatch input, boolean[] pass, boolean all, int n);
}
