package dev.bucketsql.engine.window;

import dev.bucketsql.engine.Cells;
import dev.bucketsql.format.ColumnBatch;

/**
 * MIN or MAX of one column over a frame whose start and end only move forward (a ROWS frame with an
 * offset start), in O(1) per row amortized: a monotonic deque of the positions of the frame's
 * candidates, the best first. A row joins at the back once every worse value before it has left
 * (strictly worse: of equal values the first stays first, as the hash aggregate's MIN and MAX keep
 * the first of equal values); it leaves at the front when the frame's start passes it. NULLs never
 * join, so an empty deque is NULL. The values are read from {@link HeldRows}, which holds every
 * position from the frame's start.
 */
final class MovingExtreme {
  private final int column;
  private final boolean max;
  private long[] positions = new long[16];
  private int head;
  private int size;

  /** One past the last position offered. */
  private long offered;

  /** MIN ({@code max} false) or MAX of input column {@code column}. */
  MovingExtreme(int column, boolean max) {
    this.column = column;
    this.max = max;
  }

  /** Empties it for a new partition. */
  void reset() {
    head = 0;
    size = 0;
    offered = 0;
  }

  /**
   * Writes the MIN or MAX over the rows at positions {@code lo} to {@code hi} (empty when lo > hi)
   * to row {@code r}, column {@code c}, of {@code out}; lo and hi never move back between calls.
   */
  void write(HeldRows held, long lo, long hi, ColumnBatch out, int c, int r) {
    // first what the frame's start has passed: those rows may no longer be held
    while (size > 0 && at(0) < lo) {
      head = (head + 1) % positions.length;
      size--;
    }
    for (offered = Math.max(offered, lo); offered <= hi; offered++) {
      if (held.store().isNull(column, held.index(offered))) {
        continue;
      }
      while (size > 0 && worse(held, at(size - 1), offered)) {
        size--;
      }
      push(offered);
    }
    if (size == 0) {
      Cells.setNull(out, c, r);
    } else {
      held.copyCell(at(0), column, out, c, r);
    }
  }

  /** Whether the value at position {@code a} is strictly worse than the one at {@code b}. */
  private boolean worse(HeldRows held, long a, long b) {
    int cmp = held.store().compare(column, held.index(a), held.index(b));
    return max ? cmp < 0 : cmp > 0;
  }

  private long at(int i) {
    return positions[(head + i) % positions.length];
  }

  private void push(long p) {
    if (size == positions.length) {
      long[] grown = new long[positions.length * 2];
      for (int i = 0; i < size; i++) {
        grown[i] = at(i);
      }
      positions = grown;
      head = 0;
    }
    positions[(head + size) % positions.length] = p;
    size++;
  }

  /** The positions held, for tests: at most the frame's width. */
  int candidates() {
    return size;
  }
}
