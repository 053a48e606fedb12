package dev.bucketsql.engine.sort;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.BatchWriter;
import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.RowStore;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryBudget;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.Arrays;
import java.util.List;

/**
 * ORDER BY ... OFFSET o FETCH n: keeps only the first {@code o + n} rows in a bounded max-heap, so
 * its memory is that of {@code o + n} rows however long the input. The result equals a stable
 * sort's rows {@code o} to {@code o + n}: among rows equal on every key the earlier input row wins.
 */
public final class TopN implements Operator {
  private final Operator input;
  private final RowOrder order;
  private final long offset;
  private final int keep;
  private final ExecContext context;
  private final MemoryBudget budget;
  private RowStore store;

  /** Per slot of {@link #store}: the input position of the row there, the tie-breaker. */
  private long[] sequence = new long[16];

  /** Slots as a max-heap: the slot of the row that sorts last at 0. */
  private int[] heap;

  private int heapSize;

  /** The slot a candidate row is written to once the heap is full; -1 before. */
  private int spare = -1;

  private int[] sorted;
  private BatchWriter out;
  private int emitted;
  private boolean closed;

  /**
   * @param offset the rows to skip, at least 0
   * @param fetch the rows to return after them, at least 0
   * @param subject what it sorts, for the memory error
   */
  public TopN(
      Operator input,
      List<SortKey> keys,
      long offset,
      long fetch,
      ExecContext context,
      String subject) {
    this.input = requireNonNull(input, "input is null");
    this.order = new RowOrder(keys, input.types());
    if (offset < 0 || fetch < 0 || offset + fetch >= Integer.MAX_VALUE || offset + fetch < 0) {
      throw new IllegalArgumentException(
          "a top-N keeps fewer than 2^31 rows: offset "
              + offset
              + ", fetch "
              + fetch
              + "; use a Sort and a Limit");
    }
    this.offset = offset;
    this.keep = (int) (offset + fetch);
    this.context = requireNonNull(context, "context is null");
    this.budget = context.budget(HeldBy.SORT, subject);
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
    if (out == null) {
      consume();
      out = new BatchWriter(types(), context.batchSize());
      emitted = (int) Math.min(offset, sorted.length);
    }
    context.checkCancelled();
    ColumnBatch o = out.batch();
    while (emitted < sorted.length && !out.full()) {
      store.copyTo(sorted[emitted++], o, out.row(), 0);
      out.commit();
    }
    return out.take();
  }

  private int compare(int a, int b) {
    int c = order.compare(store, a, b);
    return c != 0 ? c : Long.compare(sequence[a], sequence[b]);
  }

  private void consume() {
    store = new RowStore(input.types());
    heap = new int[Math.min(keep, 1024)];
    long seen = 0;
    if (keep > 0) {
      for (ColumnBatch b = input.next(); b != null; b = input.next()) {
        context.checkCancelled();
        for (int r = 0; r < b.size(); r++) {
          offer(b, r, seen++);
        }
      }
    }
    input.close();
    sorted = Arrays.copyOf(heap, heapSize);
    Integer[] boxed = new Integer[heapSize];
    Arrays.setAll(boxed, i -> sorted[i]);
    Arrays.sort(boxed, this::compare);
    Arrays.setAll(sorted, i -> boxed[i]);
  }

  /** Adds row {@code r} of {@code b} if it is among the first {@link #keep} rows so far. */
  private void offer(ColumnBatch b, int r, long position) {
    int slot;
    if (heapSize < keep) {
      slot = store.size();
    } else {
      // once the heap is full one slot more takes each candidate row before it is compared
      if (spare < 0) {
        spare = store.size();
      }
      slot = spare;
    }
    if (slot == store.size()) {
      budget.reserveUpTo(store.bytesAfterAppend(b, r) + 12L * (slot + 1), slot + 1L);
      store.append(b, r);
      if (slot == sequence.length) {
        sequence = Arrays.copyOf(sequence, slot * 2);
      }
    } else {
      store.set(slot, b, r);
      budget.reserveUpTo(store.bytes() + 12L * store.size(), store.size());
    }
    sequence[slot] = position;
    if (heapSize < keep) {
      if (heapSize == heap.length) {
        heap = Arrays.copyOf(heap, (int) Math.min(keep, heap.length * 2L));
      }
      heap[heapSize++] = slot;
      siftUp(heapSize - 1);
    } else if (compare(slot, heap[0]) < 0) {
      // the candidate beats the last kept row: it takes that row's place, whose slot is spare now
      spare = heap[0];
      heap[0] = slot;
      siftDown(0);
    }
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) / 2;
      if (compare(heap[i], heap[parent]) <= 0) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int l = 2 * i + 1;
      if (l >= heapSize) {
        return;
      }
      int big = l + 1 < heapSize && compare(heap[l + 1], heap[l]) > 0 ? l + 1 : l;
      if (compare(heap[big], heap[i]) <= 0) {
        return;
      }
      swap(i, big);
      i = big;
    }
  }

  private void swap(int i, int j) {
    int t = heap[i];
    heap[i] = heap[j];
    heap[j] = t;
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
      budget.releaseAll();
      input.close();
    }
  }
}
