package dev.bucketsql.engine.hash;

import java.util.Arrays;

/**
 * Numbers distinct {@code long} keys 0, 1, 2, ... in order of first appearance: an open-addressing
 * table (at most half full, doubled when it fills) of a key and its number, and the keys by number.
 * No boxing. A double key goes in by its bits, normalized by the caller.
 *
 * <p>A slot is two neighbouring words of one array, the key and its number + 1 (0: empty), so a
 * probe of a table larger than the caches costs one cache miss, not one for the number and another
 * for the key as with an array of each.
 */
public final class LongKeyTable {
  /** Per slot {@code s}: the key at {@code 2s}, its number + 1 at {@code 2s + 1} (0 when empty). */
  private long[] slots = new long[2 * 64];

  private int mask = 63;
  private long[] keys = new long[16];
  private int size;

  /** Keys in the slots: {@link #size} less the entries numbered without a key. */
  private int slotted;

  /** A bit per value of [presentBase, presentBase + presentSpan] set for each key held, or null. */
  private long[] present;

  private long presentBase;
  private long presentSpan;

  /** The smallest and the largest key in the slots, kept as keys are added. */
  private long lowest = Long.MAX_VALUE;

  private long highest = Long.MIN_VALUE;

  /** An empty table. */
  public LongKeyTable() {}

  /** The estimated bytes a key costs: up to four 16-byte slots and the key kept once, growing. */
  public static long bytesPerKey() {
    return 4 * 16 + 12;
  }

  /** Bytes held now. */
  public long bytes() {
    return slots.length * 8L + keys.length * 8L;
  }

  /** Keys held. */
  public int size() {
    return size;
  }

  /**
   * The bytes a bitmap of the keys over their range ({@link #indexPresence}) would take, or -1 when
   * it would not pay: no key, a range wider than {@code maxBits} values, or a bitmap above a
   * quarter of the table's own bytes (then it is no likelier than the table to stay in a cache).
   */
  public long presenceBytes(long maxBits) {
    if (slotted == 0) {
      return -1;
    }
    long span = highest - lowest;
    if (span < 0 || span >= maxBits) {
      return -1;
    }
    long bytes = ((span >>> 6) + 1) * 8;
    return bytes * 4 <= bytes() ? bytes : -1;
  }

  /**
   * Keeps a bitmap of the keys over their range, so that {@link #find} answers a key that is not
   * held with one load from the bitmap instead of probing the slots: a join whose probe keys mostly
   * miss (TPC-H q03's lineitem rows against the few orders it keeps) waits on one small, cached
   * array instead of a large one. Call it when no more keys will be added ({@link #add} drops it),
   * after {@link #presenceBytes} said how much it takes.
   */
  public void indexPresence() {
    long lo = lowest;
    long hi = highest;
    if (slotted == 0 || hi - lo < 0 || hi - lo >= Integer.MAX_VALUE * 64L) {
      throw new IllegalStateException("no bitmap for keys in [" + lo + ", " + hi + "]");
    }
    long[] bits = new long[(int) ((hi - lo) >>> 6) + 1];
    long[] t = slots;
    for (int i = 0; i < t.length; i += 2) {
      if (t[i + 1] != 0) {
        long at = t[i] - lo;
        bits[(int) (at >>> 6)] |= 1L << at;
      }
    }
    presentBase = lo;
    presentSpan = hi - lo;
    present = bits;
  }

  /** The number of {@code key}, or -1 when it was never added. */
  public int find(long key) {
    long[] bits = present;
    if (bits != null) {
      long at = key - presentBase;
      // unsigned: a key below the base wraps past the span
      if (Long.compareUnsigned(at, presentSpan) > 0 || (bits[(int) (at >>> 6)] & (1L << at)) == 0) {
        return -1;
      }
    }
    long[] t = slots;
    int m = mask;
    for (int s = JoinIndex.hash(key) & m; ; s = (s + 1) & m) {
      long id = t[2 * s + 1];
      if (id == 0) {
        return -1;
      }
      if (t[2 * s] == key) {
        return (int) id - 1;
      }
    }
  }

  /**
   * The numbers of {@code values[0, n)} into {@code ids} (-1 for a key never added; a row whose
   * {@code nulls} flag is set gets {@code nullId}), in one loop whose lookups do not wait on each
   * other. A row whose key equals the non-NULL row before it takes that row's answer without a
   * lookup (-1 included): clustered input (rows sorted or written by the key, as TPC-H's lineitem
   * by its order) repeats keys in runs.
   */
  public void findAll(long[] values, boolean[] nulls, int n, int nullId, int[] ids) {
    long previous = 0;
    int previousId = -1;
    boolean known = false;
    for (int r = 0; r < n; r++) {
      if (nulls[r]) {
        ids[r] = nullId;
        continue;
      }
      long v = values[r];
      if (!known || v != previous) {
        previousId = find(v);
        previous = v;
        known = true;
      }
      ids[r] = previousId;
    }
  }

  /** Adds {@code key}, which {@link #find} does not know, and returns its number. */
  public int add(long key) {
    present = null;
    int s = JoinIndex.hash(key) & mask;
    while (slots[2 * s + 1] != 0) {
      if (slots[2 * s] == key) {
        throw new IllegalArgumentException("key already added: " + key);
      }
      s = (s + 1) & mask;
    }
    int id = addUnkeyed();
    keys[id] = key;
    slots[2 * s] = key;
    slots[2 * s + 1] = id + 1L;
    slotted++;
    lowest = Math.min(lowest, key);
    highest = Math.max(highest, key);
    if (slotted * 2 > mask + 1) {
      rehash();
    }
    return id;
  }

  /**
   * Numbers an entry without a key (a NULL key, which the caller keeps apart): the next number,
   * with no slot in the table, so that numbers stay dense across NULL and non-NULL keys.
   */
  public int addUnkeyed() {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
    }
    return size++;
  }

  /** The key numbered {@code id} (unspecified for an entry added by {@link #addUnkeyed}). */
  public long key(int id) {
    return keys[id];
  }

  private void rehash() {
    long[] old = slots;
    long[] grown = new long[old.length * 2];
    int m = (mask + 1) * 2 - 1;
    for (int i = 0; i < old.length; i += 2) {
      if (old[i + 1] != 0) {
        int s = JoinIndex.hash(old[i]) & m;
        while (grown[2 * s + 1] != 0) {
          s = (s + 1) & m;
        }
        grown[2 * s] = old[i];
        grown[2 * s + 1] = old[i + 1];
      }
    }
    slots = grown;
    mask = m;
  }
}
