package dev.bucketsql.engine.expr;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;

/**
 * A subexpression that a projection's expressions hold more than once (TPC-H q01's {@code
 * l_extendedprice * (1 - l_discount)}, a column of its own and a factor of the next one), computed
 * once per batch: the first occurrence that asks computes it, the others get that value. Its {@link
 * Project} starts each batch ({@link #start}); one that does not know it cannot make it hand on a
 * value of another batch, since asked outside a started batch it fails.
 *
 * <p>It stands only where every occurrence is asked for the projection's own rows (an expression of
 * the projection, or an operand of arithmetic over one): then each occurrence would have computed
 * the same value for the same rows, and the first one that asks is the first that computed it
 * before, so nothing is computed that was not, and an error (an overflow) comes from the same
 * computation, in the same expression, as before. A CASE branch or the right operand of an AND asks
 * for other rows; asked so, it fails rather than hand a value computed for other rows.
 */
public final class Shared implements Expr {
  private final Expr inner;
  private ColumnBatch input;
  private boolean[] rows;
  private ColumnBatch value;
  private boolean started;

  Shared(Expr inner) {
    this.inner = requireNonNull(inner, "inner is null");
  }

  @Override
  public ColumnType type() {
    return inner.type();
  }

  @Override
  public ColumnBatch evaluate(ColumnBatch input, boolean[] rows) {
    if (!started) {
      throw new IllegalStateException(
          "a shared subexpression evaluated outside a batch of the projection that holds it");
    }
    if (value != null) {
      if (input != this.input || rows != this.rows || value.size() != input.size()) {
        throw new IllegalStateException(
            "a shared subexpression was asked for other rows than its projection's");
      }
      return value;
    }
    ColumnBatch v = inner.evaluate(input, rows);
    this.input = input;
    this.rows = rows;
    value = v;
    return v;
  }

  /** Forgets the value of the batch before: the next evaluation computes it for a new one. */
  void start() {
    started = true;
    input = null;
    rows = null;
    value = null;
  }
}
