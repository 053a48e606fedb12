package dev.bucketsql.engine.parallel;

import dev.bucketsql.engine.Operator;
import java.util.function.BooleanSupplier;

/**
 * A pipeline fragment that can run once per piece of its scan: each call builds fresh operators
 * (operators and expressions keep per-instance buffers, so no two threads share one).
 */
@FunctionalInterface
public interface Fragment {
  /**
   * New operators reading only piece {@code piece} of the scan; their rows, over the pieces in
   * order, are the rows of the whole fragment.
   *
   * @param stopped true once the exchange stops its workers (a failure elsewhere, a close): the
   *     operators must see it through their context's cancel check ({@code ExecContext.withStop}),
   *     so a worker stops within one batch
   */
  Operator open(int piece, BooleanSupplier stopped);
}
