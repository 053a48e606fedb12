package dev.bucketsql.engine.hash;

import java.util.Arrays;

/**
 * The build side's rows by join key, rows with the same key chained through {@link #next}.
 *
 * <p>While rows are added only their keys are kept, in row order (8 bytes a row), with the smallest
 * and largest. {@link #seal} then builds the index in one pass, knowing how many rows there are:
 * when the keys are dense (ids), an array indexed by {@code key - min}, so a probe is one memory
 * access and the build writes into an array a few bytes a key wide; otherwise an open-addressing
 * table sized once for all the keys (never rehashed), whose slot is two neighbouring words of one
 * array, the key and its last row + 1, so a probe of a table larger than the caches waits on one
 * cache miss where a key array beside a row array costs two. Chains cost 4 bytes a row.
 *
 * <p>When the index is larger than a processor's own cache and a bitmap of its keys over their
 * range is small beside it, a probe first asks that bitmap: a key the build does not hold (most of
 * them in a selective join, as TPC-H q03's lineitem rows against the orders it keeps) is then
 * answered by one load from an array that stays cached.
 */
public final class JoinIndex {
  /** An index or table at most this big stays in a core's cache: no bitmap in front of it. */
  static final long CACHED_BYTES = 1L << 20;

  /**
   * Rows whose home slots {@link #buildSlots} loads ahead of inserting them: their cache lines (a
   * few KB) stay cached until the inserts read them.
   */
  static final int BUILD_BLOCK = 256;

  /** The widest key range a bitmap covers (8 MB). */
  static final long MAX_BITMAP_SPAN = 1L << 26;

  /** An empty index, ready for {@link #add}. */
  public JoinIndex() {
    this(16);
  }

  /**
   * An empty index with room for {@code rows} rows before it grows: for a caller that adds rows it
   * already holds (keys packed once the build side is complete, {@link PackedJoinKeys}).
   */
  public JoinIndex(int rows) {
    pending = new long[Math.max(16, rows)];
  }

  private long[] pending;

  /** A bit per row added by {@link #addKeyless}, or null when there is none. */
  private long[] keyless;

  private int rows;
  private int keyed;
  long min = Long.MAX_VALUE;
  long max = Long.MIN_VALUE;

  /** At most the distinct keys added: the runs of equal keys in row order. */
  private int runs;

  private long lastKey;
  private boolean sealed;

  private int[] next = new int[0];

  /** After {@link #seal}, when the keys are dense: the last row by {@code key - min}. */
  int[] direct;

  /**
   * After {@link #seal}, when they are not: per slot {@code s}, key at 2s, last row + 1 at 2s+1.
   */
  long[] slots;

  int mask;

  /** After {@link #seal}: whether two keyed rows share a key. */
  private boolean chained;

  /**
   * The sum of the slots {@link #buildSlots} loaded ahead, kept so that the loads are not dropped.
   */
  private long touched;

  /** After {@link #seal}, or null: a bit per value of [min, max] set for each key held. */
  long[] present;

  /** Bytes held now. */
  public long bytes() {
    return pending.length * 8L
        + (keyless == null ? 0 : keyless.length * 8L)
        + next.length * 4L
        + (direct == null ? 0 : direct.length * 4L)
        + (slots == null ? 0 : slots.length * 8L)
        + (present == null ? 0 : present.length * 8L);
  }

  /** Bytes held after adding a row numbered {@code row} (before {@link #seal}). */
  public long bytesAfterAdding(int row) {
    long held = row >= pending.length ? capacity(pending.length, row + 1) : pending.length;
    long flags = keyless == null ? 0 : (held + 63) / 64;
    return held * 8L + flags * 8L;
  }

  private static int capacity(int current, int needed) {
    int c = current;
    while (c < needed) {
      c = c + Math.max(16, c >> 1);
    }
    return c;
  }

  /**
   * Adds row {@code row} with key {@code key}, before {@link #seal}. Rows are numbered 0, 1, 2, ...
   * in the order added.
   */
  public void add(long key, int row) {
    append(row);
    pending[row] = key;
    keyed++;
    if (runs == 0 || key != lastKey) {
      runs++;
      lastKey = key;
    }
    min = Math.min(min, key);
    max = Math.max(max, key);
  }

  /**
   * Adds row {@code row} with no key, before {@link #seal}: no probe finds it (a NULL key), and its
   * chain ({@link #next}) stays -1 for the caller to use.
   */
  public void addKeyless(int row) {
    append(row);
    if (keyless == null) {
      keyless = new long[(pending.length + 63) / 64];
    }
    keyless[row >>> 6] |= 1L << row;
  }

  private void append(int row) {
    if (sealed) {
      throw new IllegalStateException("the index is sealed");
    }
    if (row != rows) {
      throw new IllegalArgumentException(
          "rows are added in order: expected " + rows + ", got " + row);
    }
    if (row >= pending.length) {
      pending = Arrays.copyOf(pending, capacity(pending.length, row + 1));
      if (keyless != null) {
        keyless = Arrays.copyOf(keyless, (pending.length + 63) / 64);
      }
    }
    rows++;
  }

  private boolean hasKey(int row) {
    return keyless == null || (keyless[row >>> 6] & (1L << row)) == 0;
  }

  /**
   * The bytes {@link #seal} would add to {@link #bytes()} at most while it runs, when it has the
   * room: the chains, the index in the form it prefers, and its bitmap.
   */
  public long sealBytes() {
    long chains = rows * 4L;
    long table = directBytes();
    if (table < 0) {
      table = slotBytes();
    }
    return chains + table + bitmapBytes(table);
  }

  /** The bytes of a direct array over the keys' span, or -1 when they are not dense enough. */
  private long directBytes() {
    if (keyed == 0) {
      return 0;
    }
    long span = max - min + 1;
    // also when the array is no larger than the table would be: a lookup is then one load with no
    // probe sequence (q05's 2,000 suppliers of keys 1 to 10,000: 40 KB against 64 KB of slots)
    boolean dense = span <= 4L * keyed + 1024 || span * 4 <= slotBytes();
    return span > 0 && dense && span <= Integer.MAX_VALUE / 2 ? span * 4 : -1;
  }

  private long slotBytes() {
    return slotCount() * 16L;
  }

  /** Slots for at most {@link #runs} keys, at most half of them used: a power of two. */
  private long slotCount() {
    return Long.highestOneBit(Math.max(8, runs) * 2L - 1) << 1;
  }

  /**
   * The bytes of a bitmap of the keys in front of an index of {@code table} bytes, or 0. At most
   * half the table: a bitmap that size still stays in a core's cache where the table does not
   * (TPC-H q04's 750 KB bitmap beside a 2 MB table answers its 96% of misses in one load).
   */
  private long bitmapBytes(long table) {
    if (keyed == 0 || table <= CACHED_BYTES) {
      return 0;
    }
    long span = max - min;
    if (span < 0 || span >= MAX_BITMAP_SPAN) {
      return 0;
    }
    long bytes = ((span >>> 6) + 1) * 8;
    return bytes * 2 <= table ? bytes : 0;
  }

  /**
   * Ends the build: indexes the rows added, within {@code spareBytes} more than {@link #bytes()}
   * holds now. The keys are kept in an array indexed by {@code key - min} when they span at most
   * four times as many values as there are keyed rows (plus 1024), or the array is no larger than
   * the table would be, and that array fits; else in a hash table. The bitmap is made only when it
   * fits too.
   *
   * @return false when the index does not fit in {@code spareBytes}: the join must fail
   */
  public boolean seal(long spareBytes) {
    if (sealed) {
      throw new IllegalStateException("the index is already sealed");
    }
    sealed = true;
    long chains = rows * 4L;
    long directBytes = directBytes();
    boolean useDirect = directBytes >= 0 && chains + directBytes <= spareBytes;
    long table = useDirect ? directBytes : slotBytes();
    if (chains + table > spareBytes) {
      return false;
    }
    long bitmap = bitmapBytes(table);
    if (chains + table + bitmap > spareBytes) {
      bitmap = 0;
    }
    next = new int[rows];
    long[] k = pending;
    if (keyed == 0) {
      Arrays.fill(next, -1);
    } else if (useDirect) {
      buildDirect(k);
    } else {
      buildSlots(k);
    }
    if (bitmap > 0) {
      present = new long[(int) (bitmap / 8)];
      for (int row = 0; row < rows; row++) {
        if (hasKey(row)) {
          long at = k[row] - min;
          present[(int) (at >>> 6)] |= 1L << at;
        }
      }
    }
    pending = new long[0];
    keyless = null;
    return true;
  }

  private void buildDirect(long[] k) {
    int[] d = new int[(int) (max - min + 1)];
    Arrays.fill(d, -1);
    for (int row = 0; row < rows; row++) {
      if (hasKey(row)) {
        int at = (int) (k[row] - min);
        next[row] = d[at];
        chained |= d[at] >= 0;
        d[at] = row;
      } else {
        next[row] = -1;
      }
    }
    direct = d;
  }

  private void buildSlots(long[] k) {
    long count = slotCount();
    if (count > 1 << 29) {
      throw new IllegalStateException("too many join keys for one table: " + runs);
    }
    long[] t = new long[(int) (2 * count)];
    int m = (int) count - 1;
    int[] home = new int[Math.min(BUILD_BLOCK, Math.max(1, rows))];
    int s = -1;
    long previous = 0;
    long sum = 0;
    for (int from = 0; from < rows; from += BUILD_BLOCK) {
      int to = Math.min(rows, from + BUILD_BLOCK);
      // the loads first: each row's home slot, in a loop with no branch on what it loads, so the
      // cache misses of a block's rows overlap instead of each insert waiting on its own
      for (int row = from; row < to; row++) {
        int h = hash(k[row]) & m;
        home[row - from] = h;
        sum += t[2 * h + 1];
      }
      for (int row = from; row < to; row++) {
        if (!hasKey(row)) {
          next[row] = -1;
          continue;
        }
        long key = k[row];
        // a run of one key (clustered input) stays in the slot its first row found
        if (s < 0 || key != previous) {
          s = home[row - from];
          while (t[2 * s + 1] != 0 && t[2 * s] != key) {
            s = (s + 1) & m;
          }
          t[2 * s] = key;
          previous = key;
        }
        int before = (int) t[2 * s + 1] - 1;
        next[row] = before;
        chained |= before >= 0;
        t[2 * s + 1] = row + 1L;
      }
    }
    touched = sum;
    slots = t;
    mask = m;
  }

  /** The last row added with key {@code key}, or -1. */
  public int first(long key) {
    long[] bits = present;
    if (bits != null) {
      long at = key - min;
      // unsigned: a key below min wraps past the span
      if (Long.compareUnsigned(at, max - min) > 0 || (bits[(int) (at >>> 6)] & (1L << at)) == 0) {
        return -1;
      }
    }
    int[] d = direct;
    if (d != null) {
      long at = key - min;
      return Long.compareUnsigned(at, d.length) < 0 ? d[(int) at] : -1;
    }
    long[] t = slots;
    if (t == null) {
      return -1;
    }
    return firstFrom(key, hash(key) & mask);
  }

  /** The last row added with key {@code key}, probing the table from slot {@code s} on, or -1. */
  int firstFrom(long key, int s) {
    long[] t = slots;
    int m = mask;
    for (int at = s; ; at = (at + 1) & m) {
      long head = t[2 * at + 1];
      if (head == 0) {
        return -1;
      }
      if (t[2 * at] == key) {
        return (int) head - 1;
      }
    }
  }

  /**
   * Whether the index is sealed and no two of its rows share a key, so that a probe key finds at
   * most one row and every chain ends at its first row (a build on a primary key, as TPC-H's
   * orders). False before {@link #seal}.
   */
  public boolean unique() {
    return sealed && !chained;
  }

  /** The row added before {@code row} with the same key, or -1. */
  public int next(int row) {
    return next[row];
  }

  /**
   * After {@link #seal}: the chains, {@link #next} of each row, for a caller that walks them in a
   * tight loop. A keyless row's entry is -1, and the caller may chain such rows through it itself.
   */
  public int[] chains() {
    return next;
  }

  /**
   * The hash of a {@code long} key every primitive table of the engine uses: a multiplicative mix.
   */
  public static int hash(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
