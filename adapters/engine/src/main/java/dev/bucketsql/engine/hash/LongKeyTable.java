package dev.bucketsql.engine.hash;

import java.util.Arrays;

/**
 * Numbers distinct {@code long} keys 0, 1, 2, ... in order of first appearance: an open-addressing
 * table (at most half full, doubled when it fills) of a key and its number, and the keys by number.
 * No boxing. A double key goes in by its bits, normalized by the caller.
 */
public final class LongKeyTable {
  private long[] slotKeys = new long[64];
  private int[] slotIds = new int[64];
  private int mask = 63;
  private long[] keys = new long[16];
  private int size;

  /** A bit per value of [presentBase, presentBase + presentSpan] set for each key held, or null. */
  private long[] present;

  private long presentBase;
  private long presentSpan;

  /** An empty table. */
  public LongKeyTable() {
    Arrays.fill(slotIds, -1);
  }

  /** The estimated bytes a key costs: up to four 12-byte slots and the key kept once, growing. */
  public static long bytesPerKey() {
    return 4 * 12 + 12;
  }

  /** Bytes held now. */
  public long bytes() {
    return slotKeys.length * 12L + keys.length * 8L;
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
    if (size == 0) {
      return -1;
    }
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    boolean any = false;
    for (int i = 0; i < slotIds.length; i++) {
      if (slotIds[i] >= 0) {
        lo = Math.min(lo, slotKeys[i]);
        hi = Math.max(hi, slotKeys[i]);
        any = true;
      }
    }
    long span = hi - lo;
    if (!any || span < 0 || span >= maxBits) {
      return -1;
    }
    long bytes = ((span >>> 6) + 1) * 8;
    return bytes * 4 <= bytes() ? bytes : -1;
  }

  /**
   * Keeps a bitmap of the keys over their range, so that {@link #find} answers a key that is not
   * held with one load from the bitmap instead of probing the slots: a join whose probe keys mostly
   * miss (TPC-H q03's lineitem rows against the few orders it keeps) waits on one small, cached
   * array instead of two large ones. Call it when no more keys will be added ({@link #add} drops
   * it), after {@link #presenceBytes} said how much it takes.
   */
  public void indexPresence() {
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (int i = 0; i < slotIds.length; i++) {
      if (slotIds[i] >= 0) {
        lo = Math.min(lo, slotKeys[i]);
        hi = Math.max(hi, slotKeys[i]);
      }
    }
    if (lo > hi || hi - lo < 0 || hi - lo >= Integer.MAX_VALUE * 64L) {
      throw new IllegalStateException("no bitmap for keys in [" + lo + ", " + hi + "]");
    }
    long[] bits = new long[(int) ((hi - lo) >>> 6) + 1];
    for (int i = 0; i < slotIds.length; i++) {
      if (slotIds[i] >= 0) {
        long at = slotKeys[i] - lo;
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
    int s = JoinIndex.hash(key) & mask;
    while (slotIds[s] >= 0) {
      if (slotKeys[s] == key) {
        return slotIds[s];
      }
      s = (s + 1) & mask;
    }
    return -1;
  }

  /** Adds {@code key}, which {@link #find} does not know, and returns its number. */
  public int add(long key) {
    present = null;
    int s = JoinIndex.hash(key) & mask;
    while (slotIds[s] >= 0) {
      if (slotKeys[s] == key) {
        throw new IllegalArgumentException("key already added: " + key);
      }
      s = (s + 1) & mask;
    }
    int id = addUnkeyed();
    keys[id] = key;
    slotKeys[s] = key;
    slotIds[s] = id;
    if (size * 2 > slotKeys.length) {
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
    long[] oldKeys = slotKeys;
    int[] oldIds = slotIds;
    slotKeys = new long[oldKeys.length * 2];
    slotIds = new int[oldKeys.length * 2];
    Arrays.fill(slotIds, -1);
    mask = slotKeys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldIds[i] >= 0) {
        int s = JoinIndex.hash(oldKeys[i]) & mask;
        while (slotIds[s] >= 0) {
          s = (s + 1) & mask;
        }
        slotKeys[s] = oldKeys[i];
        slotIds[s] = oldIds[i];
      }
    }
  }
}
