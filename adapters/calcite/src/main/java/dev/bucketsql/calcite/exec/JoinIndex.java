package dev.bucketsql.calcite.exec;

import java.util.Arrays;

/**
 * The build side's rows by join key: an open-addressing table from a {@code long} key to the
 * first row with that key, rows with the same key chained through {@link #next}. No boxing, 12
 * bytes a distinct key (at most half the slots in use) plus 4 a row. When the keys turn out
 * to be dense (ids), {@link #seal} replaces the probe by an array indexed by {@code key - min}:
 * one memory access a probe instead of a search through a table bigger than the caches.
 */
final class JoinIndex {
  private long[] keys;
  private int[] heads;
  private int mask;
  private int used;
  private int[] next = new int[0];
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;
  /** After {@link #seal}, when the keys are dense: first row by {@code key - min}. */
  private int[] direct;

  JoinIndex() {
    allocate(1024);
  }

  private void allocate(int slots) {
    keys = new long[slots];
    heads = new int[slots];
    Arrays.fill(heads, -1);
    mask = slots - 1;
    used = 0;
  }

  /** Bytes held now. */
  long bytes() {
    return keys.length * 12L + next.length * 4L + (direct == null ? 0 : direct.length * 4L);
  }

  /**
   * Ends the build. When the keys span at most four times as many values as there are
   * distinct keys and the array fits in {@code spareBytes}, probes go through an array indexed
   * by {@code key - min} from now on.
   */
  void seal(long spareBytes) {
    if (used == 0) {
      return;
    }
    long span = max - min + 1;
    if (span <= 0 || span > 4L * used + 1024 || span * 4 > spareBytes || span > Integer.MAX_VALUE / 2) {
      return;
    }
    int[] d = new int[(int) span];
    Arrays.fill(d, -1);
    for (int i = 0; i < keys.length; i++) {
      if (heads[i] >= 0) {
        d[(int) (keys[i] - min)] = heads[i];
      }
    }
    direct = d;
    keys = new long[0]; // the table is not probed any more
    heads = new int[0];
  }

  /** Bytes held after adding a row numbered {@code row} with a new key, in the worst case. */
  long bytesAfterAdding(int row) {
    long slots = (used + 1) * 2L > keys.length ? keys.length * 2L : keys.length;
    long chain = row >= next.length ? capacity(next.length, row + 1) : next.length;
    return slots * 12L + chain * 4L;
  }

  private static int capacity(int current, int needed) {
    int c = Math.max(current, 1024);
    while (c < needed) {
      c = c + (c >> 1);
    }
    return c;
  }

  /** Adds row {@code row}, before {@link #seal} (rows are numbered 0, 1, 2, ... in the order added) with key {@code key}. */
  void add(long key, int row) {
    if (row >= next.length) {
      next = Arrays.copyOf(next, capacity(next.length, row + 1));
    }
    int slot = slot(key);
    if (heads[slot] < 0) {
      if ((used + 1) * 2L > keys.length) {
        rehash(keys.length * 2);
        slot = slot(key);
      }
      keys[slot] = key;
      used++;
      min = Math.min(min, key);
      max = Math.max(max, key);
      next[row] = -1;
    } else {
      next[row] = heads[slot];
    }
    heads[slot] = row;
  }

  /** The last row added with key {@code key}, or -1. */
  int first(long key) {
    if (direct != null) {
      long d = key - min;
      return Long.compareUnsigned(d, direct.length) < 0 ? direct[(int) d] : -1;
    }
    return heads[slot(key)];
  }

  /** The row added before {@code row} with the same key, or -1. */
  int next(int row) {
    return next[row];
  }

  private int slot(long key) {
    int s = hash(key) & mask;
    while (heads[s] >= 0 && keys[s] != key) {
      s = (s + 1) & mask;
    }
    return s;
  }

  static int hash(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }

  private void rehash(int slots) {
    long[] oldKeys = keys;
    int[] oldHeads = heads;
    allocate(slots);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldHeads[i] >= 0) {
        int s = slot(oldKeys[i]);
        keys[s] = oldKeys[i];
        heads[s] = oldHeads[i];
        used++;
      }
    }
  }
}
