package dev.bucketsql.engine.window;

import dev.bucketsql.engine.RowStore;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.Arrays;
import java.util.List;

/**
 * The rows of one partition a {@link Window} still needs, by their position in the partition: from
 * {@link #first()} to {@link #end()} (exclusive). Rows come in at the end and leave from the start
 * once no frame or offset reaches back to them; beside each row its rank, dense rank and the
 * position of its last peer (-1 while its group of peers goes on, and always when no function waits
 * for peers).
 */
final class HeldRows {
  /** Dropped rows are moved out once this many and half the rows have gone: amortized O(1). */
  private static final int COMPACT_AT = 16;

  private final List<ColumnType> types;
  private RowStore store;
  private long[] ranks = new long[16];
  private long[] denseRanks = new long[16];
  private long[] lastPeers = new long[16];

  /** Partition position of the store's row 0. */
  private long base;

  /** Rows at the store's start that are dropped but not yet moved out. */
  private int dropped;

  HeldRows(List<ColumnType> types) {
    this.types = List.copyOf(types);
    store = new RowStore(this.types);
  }

  /** The position of the first row held. */
  long first() {
    return base + dropped;
  }

  /** One past the position of the last row held: the rows of the partition read. */
  long end() {
    return base + store.size();
  }

  /** Bytes held, for the budget. */
  long bytes() {
    return store.bytes() + 24L * ranks.length;
  }

  /** {@link #bytes()} after appending row {@code r} of {@code batch}. */
  long bytesAfterAppend(ColumnBatch batch, int r) {
    int n = store.size();
    long side = 24L * (n < ranks.length ? ranks.length : grownLength());
    return store.bytesAfterAppend(batch, r) + side;
  }

  /** Rows held. */
  int size() {
    return store.size() - dropped;
  }

  private int grownLength() {
    return ranks.length + Math.max(16, ranks.length >> 1);
  }

  /** Appends row {@code r} of {@code batch} at position {@link #end()}. */
  void append(ColumnBatch batch, int r, long rank, long denseRank) {
    int i = store.append(batch, r);
    if (i == ranks.length) {
      int n = grownLength();
      ranks = Arrays.copyOf(ranks, n);
      denseRanks = Arrays.copyOf(denseRanks, n);
      lastPeers = Arrays.copyOf(lastPeers, n);
    }
    ranks[i] = rank;
    denseRanks[i] = denseRank;
    lastPeers[i] = -1;
  }

  /** The store's row of position {@code p}, which is held. */
  int index(long p) {
    if (p < first() || p >= end()) {
      throw new IllegalStateException("row " + p + " is not held: " + first() + " to " + end());
    }
    return (int) (p - base);
  }

  RowStore store() {
    return store;
  }

  long rank(long p) {
    return ranks[index(p)];
  }

  long denseRank(long p) {
    return denseRanks[index(p)];
  }

  /** The position of the last peer of the row at {@code p}, or -1 while unknown. */
  long lastPeer(long p) {
    return lastPeers[index(p)];
  }

  /** Sets the last peer of the held rows from {@code from} on to {@code last}. */
  void endPeers(long from, long last) {
    for (long p = Math.max(from, first()); p <= last; p++) {
      lastPeers[index(p)] = last;
    }
  }

  /** Drops the rows before position {@code p}. */
  void dropBefore(long p) {
    if (p <= first()) {
      return;
    }
    dropped = (int) (Math.min(p, end()) - base);
    int n = store.size();
    if (dropped >= COMPACT_AT && dropped * 2 >= n) {
      store.removeFirst(dropped);
      System.arraycopy(ranks, dropped, ranks, 0, n - dropped);
      System.arraycopy(denseRanks, dropped, denseRanks, 0, n - dropped);
      System.arraycopy(lastPeers, dropped, lastPeers, 0, n - dropped);
      base += dropped;
      dropped = 0;
    }
  }

  /** Empties it for a partition starting at position 0. */
  void clear() {
    if (store.size() > 4096) {
      // a store grown for a big partition gives its arrays back, not only its reservation
      store = new RowStore(types);
      ranks = new long[16];
      denseRanks = new long[16];
      lastPeers = new long[16];
    } else {
      store.clear();
    }
    base = 0;
    dropped = 0;
  }

  /**
   * Copies column {@code c} of the row at {@code p} to row {@code r}, column {@code oc}, of out.
   */
  void copyCell(long p, int c, ColumnBatch out, int oc, int r) {
    int i = index(p);
    boolean isNull = store.isNull(c, i);
    out.nulls(oc)[r] = isNull;
    switch (store.kind(c)) {
      case LONG -> out.longs(oc)[r] = store.longAt(c, i);
      case DOUBLE -> out.doubles(oc)[r] = store.doubleAt(c, i);
      default -> out.objects(oc)[r] = store.objectAt(c, i);
    }
  }
}
