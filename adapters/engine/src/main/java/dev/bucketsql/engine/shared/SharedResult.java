package dev.bucketsql.engine.shared;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.Cells;
import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryBudget;
import dev.bucketsql.engine.spill.SpillFile;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The result of one subplan that several consumers of a query read ({@link #reader}): the input is
 * opened by the first batch any consumer asks for and read once, a batch at a time as the consumer
 * furthest ahead needs it, and every batch is kept (copied, counted in the budget) for the
 * consumers behind. Consumers read in any order and on any thread: one may read everything before
 * another starts (a hash join's build side), one may stop early without disturbing the others.
 *
 * <p>When the next batch does not fit the memory limit and the query may spill, the rest of the
 * input is written to one spill file, in order, and read back by each consumer after the batches in
 * memory; without spilling that batch fails with the memory error. Either way a consumer sees all
 * of the input's rows in the input's order, or an error: a failure of the input (or of the spill
 * file) is kept and thrown to every consumer that needs a batch past it.
 *
 * <p>Thread-safe: the input is read under this object's lock, which a cancel of the query ends
 * within one batch (the input's operators check the query's context; a draining consumer checks its
 * own too). {@link #close} releases the memory, the spill file and the input; the consumers close
 * their readers first, and the query closes the result when it ends, however it ends.
 */
public final class SharedResult implements AutoCloseable {
  private final Supplier<Operator> opener;
  private final List<ColumnType> types;
  private final ExecContext context;
  private final MemoryBudget budget;
  private final List<ColumnBatch> held = new ArrayList<>();
  private Operator input;
  private SpillFile spilled;
  private long rows;
  private boolean ended;
  private RuntimeException failure;
  private boolean closed;

  /**
   * The result of the operator {@code opener} makes (when first needed), of {@code types}.
   *
   * @param context the query's context: its memory limit bounds the batches held, its spill space
   *     takes the rest
   * @param subject what the subplan reads, for the memory error ({@code tables 'lineitem'})
   */
  public SharedResult(
      Supplier<Operator> opener, List<ColumnType> types, ExecContext context, String subject) {
    this.opener = requireNonNull(opener, "opener is null");
    this.types = List.copyOf(types);
    this.context = requireNonNull(context, "context is null");
    this.budget = context.budget(HeldBy.SHARED, requireNonNull(subject, "subject is null"));
  }

  /** The column types of the result. */
  public List<ColumnType> types() {
    return types;
  }

  /**
   * A new consumer of the whole result, from its first row, checking {@code consumer}'s cancel flag
   * once per batch (a worker's stop included) and making batches of its size from a spill file.
   */
  public Operator reader(ExecContext consumer) {
    return new SharedReader(this, requireNonNull(consumer, "consumer is null"));
  }

  /**
   * Batch {@code index} of the result, reading the input as far as needed; null when the batches
   * held in memory end before it (then every row after them is in {@link #spilledRows}, complete).
   */
  synchronized ColumnBatch held(int index, ExecContext consumer) {
    if (closed) {
      throw new IllegalStateException("the shared result is closed: its query has ended");
    }
    while (index >= held.size() && !ended) {
      if (failure != null) {
        throw failure;
      }
      if (spilled != null) {
        drain(consumer);
      } else {
        pull(consumer);
      }
    }
    return index < held.size() ? held.get(index) : null;
  }

  /**
   * The rows written past the memory, in order, as an operator for {@code consumer}; null when none
   * were. Called only after {@link #held} returned null, so the file is complete.
   */
  synchronized Operator spilledRows(ExecContext consumer) {
    if (closed) {
      throw new IllegalStateException("the shared result is closed: its query has ended");
    }
    return spilled == null ? null : spilled.reader(types, consumer, false);
  }

  /** Reads one batch of the input and holds it, or starts spilling with it. */
  private void pull(ExecContext consumer) {
    // the consumer's own stop (a worker told to stop) leaves the state as it is
    consumer.checkCancelled();
    ColumnBatch b = nextOfInput();
    if (b == null) {
      return;
    }
    ColumnBatch copy = new ColumnBatch(types.toArray(ColumnType[]::new), b.size());
    copy.append(b, 0, b.size());
    long bytes = Cells.batchBytes(copy);
    try {
      if (!budget.fits(bytes) && context.spill().enabled()) {
        spilled = context.spill().newFile(budget);
        write(copy);
        return;
      }
      // within the limit, or the memory error naming the rows held so far
      budget.reserve(bytes, rows + copy.size());
    } catch (RuntimeException | Error e) {
      throw failed(e);
    }
    held.add(copy);
    rows += copy.size();
  }

  /** Writes the rest of the input to the spill file, to its end. */
  private void drain(ExecContext consumer) {
    while (!ended) {
      consumer.checkCancelled();
      ColumnBatch b = nextOfInput();
      if (b != null) {
        write(b);
      }
    }
    try {
      spilled.finish();
    } catch (RuntimeException | Error e) {
      throw failed(e);
    }
  }

  private void write(ColumnBatch b) {
    try {
      for (int r = 0; r < b.size(); r++) {
        spilled.write(b, r);
      }
    } catch (RuntimeException | Error e) {
      throw failed(e);
    }
  }

  /** The input's next non-empty batch, or null at its end (then {@link #ended} is set). */
  private ColumnBatch nextOfInput() {
    try {
      if (input == null) {
        input = opener.get();
      }
      ColumnBatch b = input.next();
      if (b == null) {
        ended = true;
        closeInput();
        return null;
      }
      return b.size() == 0 ? null : b;
    } catch (RuntimeException | Error e) {
      throw failed(e);
    }
  }

  /** Keeps {@code e} for every later consumer: the input may not be read past a failure. */
  private RuntimeException failed(Throwable e) {
    RuntimeException r = e instanceof RuntimeException re ? re : new IllegalStateException(e);
    if (failure == null) {
      failure = r;
    }
    if (e instanceof Error error) {
      throw error;
    }
    return r;
  }

  private void closeInput() {
    Operator in = input;
    if (in != null) {
      in.close();
    }
  }

  /** Bytes held in memory now, for tests. */
  public long reservedBytes() {
    return budget.reserved();
  }

  /** Whether rows went to a spill file, for tests. */
  public synchronized boolean spilled() {
    return spilled != null;
  }

  /**
   * Releases the batches held, the spill file and the input; safe to call more than once. A
   * consumer that asks for a batch afterwards fails.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    held.clear();
    budget.releaseAll();
    try {
      if (input != null && !ended) {
        input.close();
      }
    } finally {
      if (spilled != null) {
        spilled.delete();
      }
    }
  }
}
