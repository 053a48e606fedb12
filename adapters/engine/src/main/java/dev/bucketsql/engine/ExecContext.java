package dev.bucketsql.engine;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryBudget;
import dev.bucketsql.engine.memory.MemoryLimit;
import dev.bucketsql.engine.spill.SpillSettings;
import dev.bucketsql.engine.spill.SpillSpace;
import dev.bucketsql.format.ColumnBatch;
import java.util.function.BooleanSupplier;

/**
 * What every operator of one query shares: the memory limit of each operator, the size of the
 * batches they make, the cancel flag they check once per batch and where they may spill.
 *
 * @param memory the limit of each operator that holds rows (connection setting {@code queryMemory})
 * @param batchSize the rows of the batches operators make, at least 1
 * @param cancelled true once the query is cancelled ({@code Statement.cancel()}, a timeout)
 * @param spill the query's spill files: an operator over {@code memory} writes partitions or sorted
 *     runs there when its settings allow, and fails when they do not
 */
public record ExecContext(
    MemoryLimit memory, int batchSize, BooleanSupplier cancelled, SpillSpace spill) {
  /** Checks the arguments. */
  public ExecContext {
    requireNonNull(memory, "memory is null");
    requireNonNull(cancelled, "cancelled is null");
    requireNonNull(spill, "spill is null");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
    }
  }

  /** A context that never spills: an operator over {@code memory} fails. */
  public ExecContext(MemoryLimit memory, int batchSize, BooleanSupplier cancelled) {
    this(memory, batchSize, cancelled, new SpillSpace(SpillSettings.disabled()));
  }

  /** A context with {@code memory} per operator, the default batch size and no cancellation. */
  public static ExecContext of(MemoryLimit memory) {
    return new ExecContext(memory, ColumnBatch.DEFAULT_CAPACITY, () -> false);
  }

  /**
   * This context, also cancelled once {@code stopped} is true: what the operators of one worker of
   * an exchange see, so that a failure in another worker or a close stops them within one batch.
   */
  public ExecContext withStop(BooleanSupplier stopped) {
    requireNonNull(stopped, "stopped is null");
    BooleanSupplier mine = cancelled;
    return new ExecContext(
        memory, batchSize, () -> mine.getAsBoolean() || stopped.getAsBoolean(), spill);
  }

  /** A new budget for an operator of kind {@code by} holding {@code subject}. */
  public MemoryBudget budget(HeldBy by, String subject) {
    return new MemoryBudget(memory, by, subject);
  }

  /**
   * Fails when the query was cancelled or the running thread interrupted: operators call it once
   * per batch, so a cancel is seen within one batch's work.
   *
   * @throws QueryCancelledException then
   */
  public void checkCancelled() {
    if (cancelled.getAsBoolean()) {
      throw new QueryCancelledException(
          "query cancelled: Statement.cancel() was called or the query timed out");
    }
    if (Thread.interrupted()) {
      // keep the flag for the code above that owns the thread
      Thread.currentThread().interrupt();
      throw new QueryCancelledException("query cancelled: the thread running it was interrupted");
    }
  }
}
