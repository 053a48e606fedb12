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
 * same arrays. A returned batch is never empty.
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

  /** Releases what the operator holds and closes its inputs; safe to call more than once. */
  @Override
  void close();
}
