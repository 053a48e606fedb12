package dev.bucketsql.engine.sort;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.RowStore;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryBudget;
import dev.bucketsql.engine.spill.SpillFile;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ORDER BY without a limit: holds every input row (reserved in its memory budget row by row), then
 * returns them ordered by the keys; rows equal on every key keep their input order (the sort is
 * stable).
 *
 * <p>When the rows outgrow the memory limit and the query may spill, the rows held are sorted and
 * written to disk as a run, and the sort goes on with an empty store; at the end the runs are
 * merged ({@link RunMerger}), earlier runs first among equal rows, so the result is the same stable
 * order.
 *
 * <p>With a {@link PartitionLimit} only the first rows of each partition come out (a window's
 * {@code ROW_NUMBER() <= k}): in memory the sorted row numbers are counted and cut before any row
 * is copied out; from spilled runs the merged batches are cut as they come.
 */
public final class Sort implements Operator {
  private final Operator input;
  private final RowOrder order;
  private final SortKey[] keys;
  private final ExecContext context;
  private final MemoryBudget budget;
  private final PartitionLimit.Counter limit;
  private int[] kept;
  private RowStore store;
  private int[] sorted;
  private ColumnBatch out;
  private final List<SpillFile> runs = new ArrayList<>();
  private RunMerger merger;
  private int runCount;
  private int emitted;
  private boolean closed;

  /**
   * @param subject what it sorts, for the memory error ({@code its input})
   */
  public Sort(Operator input, List<SortKey> keys, ExecContext context, String subject) {
    this(input, keys, context, HeldBy.SORT, subject);
  }

  /**
   * A sort whose memory error names {@code by}, the operator it sorts for (a window sorts its input
   * by partition and order keys).
   */
  public Sort(Operator input, List<SortKey> keys, ExecContext context, HeldBy by, String subject) {
    this(input, keys, context, by, subject, null);
  }

  /**
   * A sort that gives only the rows within {@code limit} of their partition (all rows when null).
   */
  public Sort(
      Operator input,
      List<SortKey> keys,
      ExecContext context,
      HeldBy by,
      String subject,
      PartitionLimit limit) {
    this.limit = limit == null ? null : limit.counter(keys, input.types());
    this.input = requireNonNull(input, "input is null");
    this.order = new RowOrder(keys, input.types());
    this.keys = keys.toArray(new SortKey[0]);
    this.context = requireNonNull(context, "context is null");
    this.budget = context.budget(by, subject);
  }

  @Override
  public List<ColumnType> types() {
    return input.types();
  }

  @Override
  public ColumnBatch next() {
    if (closed) {
      return null;
    }
    try {
      if (out == null) {
        consume();
        out = new ColumnBatch(types().toArray(new ColumnType[0]), context.batchSize());
      }
      if (merger != null) {
        return limit == null ? merger.next() : nextLimited();
      }
    } catch (RuntimeException e) {
      // a failure or a cancel: the spill files go now, not when the consumer closes
      deleteSpill();
      throw e;
    }
    context.checkCancelled();
    int n = Math.min(out.capacity(), sorted.length - emitted);
    if (n == 0) {
      return null;
    }
    // a column at a time: the loads of one column's scattered rows overlap
    store.gather(sorted, emitted, n, out, 0);
    emitted += n;
    out.setSize(n);
    return out;
  }

  /** The next merged batch's rows within the limit, or null at the end. */
  private ColumnBatch nextLimited() {
    for (ColumnBatch b = merger.next(); b != null; b = merger.next()) {
      int n = b.size();
      if (kept == null || kept.length < n) {
        kept = new int[n];
      }
      int k = limit.select(b, kept);
      if (k == n) {
        return b;
      }
      if (k > 0) {
        if (out.capacity() < k) {
          out = new ColumnBatch(types().toArray(new ColumnType[0]), k);
        }
        for (int c = 0; c < out.columnCount(); c++) {
          out.gather(b, c, kept, k, c);
        }
        out.setSize(k);
        return out;
      }
    }
    return null;
  }

  private void consume() {
    store = new RowStore(input.types());
    for (ColumnBatch b = input.next(); b != null; b = input.next()) {
      context.checkCancelled();
      int n = b.size();
      if (n > 0) {
        long objects = store.objectBytes(b, 0, n);
        long all = store.bytesAfterAppend(n, objects) + 24L * (store.size() + n);
        if (budget.fits(Math.max(0, all - budget.reserved()))) {
          // the whole batch fits: one reservation and a copy per column, as row by row would end
          budget.reserveUpTo(all, store.size() + (long) n);
          store.appendAll(b, 0, n, objects);
          continue;
        }
      }
      for (int r = 0; r < n; r++) {
        // the row, and its entry in the index sorted at the end: 24 bytes, more than its two ints
        // (index and merge buffer), as when it was boxed, so a limit holds the rows it held
        long needed = store.bytesAfterAppend(b, r) + 24L * (store.size() + 1);
        if (needed > budget.limit().bytes() && store.size() > 0 && context.spill().enabled()) {
          spillRun();
          needed = store.bytesAfterAppend(b, r) + 24L;
        }
        budget.reserveUpTo(needed, store.size() + 1L);
        store.append(b, r);
      }
    }
    input.close();
    boolean cut = limit != null && runs.isEmpty();
    sortStore(cut);
    if (!runs.isEmpty()) {
      if (store.size() > 0) {
        spillRun();
      }
      merger = new RunMerger(runs, order, types(), context, budget);
      runs.clear();
    }
  }

  /**
   * Sorts the rows held into {@link #sorted}; with {@code cut}, keeps only the rows within the
   * partition limit.
   */
  private void sortStore(boolean cut) {
    KeySort keySort = KeySort.of(store, keys, types());
    if (keySort != null && budget.fits(keySort.bytes())) {
      // the normalized keys are held only while sorting (and cutting by their packed form)
      budget.reserve(keySort.bytes(), store.size());
      try {
        sorted = keySort.sort(context::checkCancelled);
        if (sorted != null && cut && keySort.sortedKeys() != null) {
          // the packed keys tell partitions and peers apart with no row read from the store
          int n = limit.select(keySort, sorted, context::checkCancelled, 4096);
          sorted = n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
          return;
        }
      } finally {
        budget.release(keySort.bytes());
      }
      if (sorted != null) {
        cutByRows(cut);
        return;
      }
      // a decimal too wide for a normalized key: the comparison sort orders every value
    }
    sorted = new int[store.size()];
    Arrays.setAll(sorted, i -> i);
    RowStore rows = store;
    // stable: ties keep input order
    IndexSort.sort(sorted, (a, b) -> order.compare(rows, a, b));
    cutByRows(cut);
  }

  /** With {@code cut}, keeps the sorted rows within the limit, comparing their key columns. */
  private void cutByRows(boolean cut) {
    if (cut) {
      int n = limit.select(store, sorted, sorted.length, context::checkCancelled, 4096);
      sorted = n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
    }
  }

  /** Writes the rows held, sorted, as a run on disk, and starts an empty store. */
  private void spillRun() {
    sortStore(false);
    SpillFile run = context.spill().newFile(budget);
    runs.add(run);
    runCount++;
    for (int i = 0; i < sorted.length; i++) {
      if (i % context.batchSize() == 0) {
        context.checkCancelled();
      }
      run.write(store, sorted[i], types());
    }
    run.finish();
    store = new RowStore(input.types());
    sorted = null;
    budget.releaseAll();
  }

  private void deleteSpill() {
    runs.forEach(SpillFile::delete);
    runs.clear();
    if (merger != null) {
      merger.close();
    }
  }

  /** Sorted runs written to disk so far, for tests and EXPLAIN ANALYZE. */
  public int spilledRuns() {
    return runCount;
  }

  /** Bytes reserved now, for tests and EXPLAIN ANALYZE. */
  public long reservedBytes() {
    return budget.reserved();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      store = null;
      sorted = null;
      budget.releaseAll();
      try {
        deleteSpill();
      } finally {
        input.close();
      }
    }
  }
}
