package dev.bucketsql.engine;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.List;

/**
 * A physical operator of the engine: a pull source of {@link ColumnBatch}es. The consumer calls
 * {@link #next} until it returns null, then {@link #close}; it may close early (a LIMIT), and
 * closing releases everything the operator holds, its inputs included.
 *
 * <p>A batch returned by {@link #next} is valid until the next call: the operator may refill the
 * same arrays. A returned batch is never empty. {@link #next} returns only live rows; {@link
 * #nextSelected} may return a batch some of whose rows are not live, with a {@link Selection} that
 * names the live ones, to a consumer that asked for that.
 */
public interface Operator extends AutoCloseable {
  /** The types of the columns of every batch this operator returns. */
  List<ColumnType> types();

  /**
   * The next batch, or null when there are no more rows.
   *
   * @throws QueryCancelledException when the query was cancelled
   * @throws dev.bucketsql.engine.memory.MemoryLimitExceededException when the operator would hold
   *     more than its memory limit
   * @throws dev.bucketsql.format.SqlStateException for a data error (an overflow)
   */
  ColumnBatch next();

  /**
   * The next batch, or null when there are no more rows, with the rows of it that are live in
   * {@code live}: for a consumer that can work on a selection of a batch's rows ({@link
   * Selection}). An operator that can hand a batch on without copying the rows it keeps overrides
   * this; any other gives {@link #next}'s batch, every row live. At least one row is live.
   */
  default ColumnBatch nextSelected(Selection live) {
    ColumnBatch b = next();
    if (b != null) {
      live.all(b.size());
    }
    return b;
  }

  /** Releases what the operator holds and closes its inputs; safe to call more than once. */
  @Override
  void close();
}
