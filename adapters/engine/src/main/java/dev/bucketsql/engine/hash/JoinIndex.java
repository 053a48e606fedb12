package dev.bucketsql.engine.hash;

import java.util.Arrays;

/**
 * The build side's rows by join key, rows with the same key chained through {@link #next}.
 *
 * <p>While rows are added only their keys are kept, in row order (8 bytes a row), with the smallest
 * and largest. {@link #seal} then builds the index in one pass: when the keys are dense (ids), an
 * array indexed by {@code key - min}, so a probe is one memory access and the build writes into an
 * array a few bytes a key wide instead of searching a table bigger than the caches; otherwise an
 * open-addressing table from a {@code long} key to its last row (12 bytes a slot, at most half of
 * them used). Chains cost 4 bytes a row. No boxing anywhere.
 */
public final class JoinIndex {
  /** An empty index, ready for {@link #add}. */
  public JoinIndex() {}

  private long[] pending = new long[1024];
  private int rows;
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;
  private boolean sealed;

  private int[] next = new int[0];

  /** After {@link #seal}, when the keys are dense: the last row by {@code key - min}. */
  private int[] direct;

  /** After {@link #seal}, when they are not: the table's keys and last rows. */
  private long[] keys = new long[0];

  private int[] heads = new int[0];
  private int mask;
  private int used;

  /** Bytes held now. */
  public long bytes() {
    return pending.length * 8L
        + next.length * 4L
        + keys.length * 12L
        + (direct == null ? 0 : direct.length * 4L);
  }

  /** Bytes held after adding a row numbered {@code row} (before {@link #seal}). */
  public long bytesAfterAdding(int row) {
    long held = row >= pending.length ? capacity(pending.length, row + 1) : pending.length;
    return held * 8L;
  }

  private static int capacity(int current, int needed) {
    int c = Math.max(current, 1024);
    while (c < needed) {
      c = c + (c >> 1);
    }
    return c;
  }

  /**
   * Adds row {@code row} with key {@code key}, before {@link #seal}. Rows are numbered 0, 1, 2, ...
   * in the order added.
   */
  public void add(long key, int row) {
    if (row != rows) {
      throw new IllegalArgumentException(
          "rows are added in order: expected " + rows + ", got " + row);
    }
    if (row >= pending.length) {
      pending = Arrays.copyOf(pending, capacity(pending.length, row + 1));
    }
    pending[row] = key;
    rows++;
    min = Math.min(min, key);
    max = Math.max(max, key);
  }

  /**
   * Ends the build: indexes the rows added, within {@code spareBytes} more than {@link #bytes()}
   * holds now. The keys are kept in an array indexed by {@code key - min} when they span at most
   * four times as many values as there are rows (plus 1024) and that array fits; else in a hash
   * table.
   *
   * @return false when the index does not fit in {@code spareBytes}: the join must fail
   */
  public boolean seal(long spareBytes) {
    if (sealed) {
      throw new IllegalStateException("the index is already sealed");
    }
    sealed = true;
    long chains = rows * 4L;
    if (chains > spareBytes) {
      return false;
    }
    next = new int[rows];
    long[] k = pending;
    pending = new long[0];
    if (rows == 0) {
      return true;
    }
    long span = max - min + 1;
    if (span > 0
        && span <= 4L * rows + 1024
        && span <= Integer.MAX_VALUE / 2
        && chains + span * 4 <= spareBytes) {
      int[] d = new int[(int) span];
      Arrays.fill(d, -1);
      for (int row = 0; row < rows; row++) {
        int at = (int) (k[row] - min);
        next[row] = d[at];
        d[at] = row;
      }
      direct = d;
      return true;
    }
    // The pending keys stay until the table is built: count them against the spare bytes.
    long budget = spareBytes - chains;
    allocate(1024);
    for (int row = 0; row < rows; row++) {
      long key = k[row];
      int slot = slot(key);
      if (heads[slot] < 0) {
        if ((used + 1) * 2L > keys.length) {
          if (keys.length * 2L * 12 > budget) {
            return false;
          }
          rehash(keys.length * 2);
          slot = slot(key);
        }
        keys[slot] = key;
        used++;
      }
      next[row] = heads[slot];
      heads[slot] = row;
    }
    return true;
  }

  private void allocate(int slots) {
    keys = new long[slots];
    heads = new int[slots];
    Arrays.fill(heads, -1);
    mask = slots - 1;
    used = 0;
  }

  /** The last row added with key {@code key}, or -1. */
  public int first(long key) {
    if (direct != null) {
      long d = key - min;
      return Long.compareUnsigned(d, direct.length) < 0 ? direct[(int) d] : -1;
    }
    return keys.length == 0 ? -1 : heads[slot(key)];
  }

  /** The row added before {@code row} with the same key, or -1. */
  public int next(int row) {
    return next[row];
  }

  private int slot(long key) {
    int s = hash(key) & mask;
    while (heads[s] >= 0 && keys[s] != key) {
      s = (s + 1) & mask;
    }
    return s;
  }

  /**
   * The hash of a {@code long} key every primitive table of the engine uses: a multiplicative mix.
   */
  public static int hash(long key) {
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
