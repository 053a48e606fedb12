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
 *
 * <p>A table for grouping ({@link #forGroups}) leaves the slots empty while its keys come in
 * strictly increasing order: a key above the last one added is new and one equal to it is the last,
 * so numbering input sorted by its key (TPC-H's lineitem by order, and the groups a parallel
 * aggregate's pieces of such input hand on in piece order) costs a comparison a row and a write a
 * key instead of a cache miss a key in a table larger than the caches. The first key asked for or
 * added below the last one, or the first entry without a key, fills the slots from the keys by
 * number, and the table stays hashed from then on. Such a table changes state in {@link #find}, so
 * it is for one thread: the tables threads probe at once (a shared join's) are made by {@link
 * #LongKeyTable()}.
 *
 * <p>Keys dense in their range (customer numbers 1..150,000 beside 100,000 of them) go {@link
 * #direct}ly: an {@code int} per value of the range holds the number + 1, four bytes a value where
 * the slots take 32 to 64 a key, so a table of random keys that would outgrow the caches as slots
 * fits in them as an array. A table takes that form where it would otherwise hash (leaving the
 * ordered state, doubling its slots) if the range is at most {@link #DIRECT_PER_KEY} values a key,
 * so it never takes more memory than the slots would; a key outside the range widens it (at least
 * doubling its length) within the same bound, or puts the keys back in slots.
 */
public final class LongKeyTable {
  /**
   * Per slot {@code s}: the key at {@code 2s}, its number + 1 at {@code 2s + 1} (0 when empty);
   * null while the keys are {@link #ordered}.
   */
  private long[] slots;

  private int mask;
  private long[] keys = new long[16];
  private int size;

  /** Keys in the slots: {@link #size} less the entries numbered without a key. */
  private int slotted;

  /** Values of the range a {@link #direct} table may span per key: 16 ints, 64 bytes. */
  static final long DIRECT_PER_KEY = 16;

  /** The smallest range a direct table may span whatever its keys: 1 KB, the first slots'. */
  private static final long DIRECT_MIN = 256;

  /**
   * Per value {@code v} of {@code [lo, hi]}: the number + 1 of key {@code v} at {@code v - lo} (0
   * when absent); null unless the keys are dense (above), and then {@link #slots} is null.
   */
  private int[] direct;

  private long lo;
  private long hi;

  /** The least and greatest keys added. */
  private long min = Long.MAX_VALUE;

  private long max = Long.MIN_VALUE;

  /**
   * Whether every entry has a key and the keys, by number, strictly increase: then the slots are
   * not filled and a key's number is found by comparing it with the last key.
   */
  private boolean ordered;

  /** An empty table, hashed from the start; {@link #find} changes nothing in it. */
  public LongKeyTable() {
    slots = new long[2 * 64];
    mask = 63;
  }

  private LongKeyTable(boolean ordered) {
    this.ordered = ordered;
  }

  /**
   * An empty table for one thread's grouping, which hashes its keys only once they stop coming in
   * increasing order (above).
   */
  public static LongKeyTable forGroups() {
    return new LongKeyTable(true);
  }

  /** The estimated bytes a key costs: up to four 16-byte slots and the key kept once, growing. */
  public static long bytesPerKey() {
    return 4 * 16 + 12;
  }

  /** Bytes held now. */
  public long bytes() {
    return (slots == null ? 0 : slots.length * 8L)
        + (direct == null ? 0 : direct.length * 4L)
        + keys.length * 8L;
  }

  /** Keys held. */
  public int size() {
    return size;
  }

  /** The number of {@code key}, or -1 when it was never added. */
  public int find(long key) {
    if (ordered) {
      if (size == 0 || key > keys[size - 1]) {
        return -1;
      }
      if (key == keys[size - 1]) {
        return size - 1;
      }
      index();
    }
    int[] d = direct;
    if (d != null) {
      return key >= lo && key <= hi ? d[(int) (key - lo)] - 1 : -1;
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
    if (ordered) {
      if (size == 0 || key > keys[size - 1]) {
        int id = next();
        keys[id] = key;
        bound(key);
        return id;
      }
      index();
    }
    if (direct != null && (key >= lo && key <= hi || widen(key))) {
      int at = (int) (key - lo);
      if (direct[at] != 0) {
        throw new IllegalArgumentException("key already added: " + key);
      }
      int id = next();
      keys[id] = key;
      direct[at] = id + 1;
      slotted++;
      bound(key);
      return id;
    }
    int s = JoinIndex.hash(key) & mask;
    while (slots[2 * s + 1] != 0) {
      if (slots[2 * s] == key) {
        throw new IllegalArgumentException("key already added: " + key);
      }
      s = (s + 1) & mask;
    }
    int id = next();
    keys[id] = key;
    slots[2 * s] = key;
    slots[2 * s + 1] = id + 1L;
    slotted++;
    bound(key);
    if (slotted * 2 > mask + 1) {
      rehash();
    }
    return id;
  }

  private void bound(long key) {
    if (key < min) {
      min = key;
    }
    if (key > max) {
      max = key;
    }
  }

  /** Whether a direct table of {@code keyCount} keys may span {@code span} values. */
  private static boolean dense(long span, long keyCount) {
    return span <= Math.max(DIRECT_MIN, DIRECT_PER_KEY * keyCount);
  }

  /** Values in {@code [a, b]} ({@code a <= b}), or {@link Long#MAX_VALUE} past an int's range. */
  private static long span(long a, long b) {
    long d = b - a;
    return d < 0 || d >= Integer.MAX_VALUE - 8 ? Long.MAX_VALUE : d + 1;
  }

  /**
   * Widens the direct range to take {@code key}, at least doubling it toward the key when that
   * stays dense, and returns true; or puts the keys in slots and returns false.
   */
  private boolean widen(long key) {
    long length = hi - lo + 1;
    long newLo = Math.min(lo, key);
    long newHi = Math.max(hi, key);
    long slackLo = key < lo ? (lo < Long.MIN_VALUE + length ? Long.MIN_VALUE : lo - length) : lo;
    long slackHi = key > hi ? (hi > Long.MAX_VALUE - length ? Long.MAX_VALUE : hi + length) : hi;
    long keyCount = slotted + 1L;
    if (dense(span(Math.min(newLo, slackLo), Math.max(newHi, slackHi)), keyCount)) {
      toDirect(Math.min(newLo, slackLo), Math.max(newHi, slackHi));
      return true;
    }
    if (dense(span(newLo, newHi), keyCount)) {
      toDirect(newLo, newHi);
      return true;
    }
    toSlots(capacityFor(slotted));
    return false;
  }

  /** Slots for {@code keyCount} keys: at most half full after one more, at least 64. */
  private static int capacityFor(int keyCount) {
    int capacity = 64;
    while (capacity < 2 * keyCount + 2) {
      capacity *= 2;
    }
    return capacity;
  }

  /** The keyed entries, as (key, number + 1) pairs, from whichever form the table has now. */
  private long[] entries() {
    long[] pairs = new long[2 * slotted];
    int k = 0;
    if (ordered) {
      for (int id = 0; id < size; id++) {
        pairs[k++] = keys[id];
        pairs[k++] = id + 1L;
      }
    } else if (direct != null) {
      for (int i = 0; i < direct.length; i++) {
        if (direct[i] != 0) {
          pairs[k++] = lo + i;
          pairs[k++] = direct[i];
        }
      }
    } else {
      for (int i = 0; i < slots.length; i += 2) {
        if (slots[i + 1] != 0) {
          pairs[k++] = slots[i];
          pairs[k++] = slots[i + 1];
        }
      }
    }
    return pairs;
  }

  /** Puts the keyed entries in a direct array over {@code [from, to]}, which holds them all. */
  private void toDirect(long from, long to) {
    long[] pairs = entries();
    int[] d = new int[(int) span(from, to)];
    for (int i = 0; i < pairs.length; i += 2) {
      d[(int) (pairs[i] - from)] = (int) pairs[i + 1];
    }
    direct = d;
    lo = from;
    hi = to;
    slots = null;
    ordered = false;
  }

  /** Puts the keyed entries in {@code capacity} slots. */
  private void toSlots(int capacity) {
    long[] pairs = entries();
    long[] t = new long[2 * capacity];
    int m = capacity - 1;
    for (int i = 0; i < pairs.length; i += 2) {
      place(t, m, pairs[i], pairs[i + 1]);
    }
    slots = t;
    mask = m;
    direct = null;
    ordered = false;
  }

  /**
   * Numbers an entry without a key (a NULL key, which the caller keeps apart): the next number,
   * with no slot in the table, so that numbers stay dense across NULL and non-NULL keys.
   */
  public int addUnkeyed() {
    if (ordered) {
      // the slots are filled from the keys by number, which this entry would not have
      index();
    }
    return next();
  }

  /** The next number, with room for its key. */
  private int next() {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
    }
    return size++;
  }

  /** Whether the keys are in a direct array now (for tests). */
  boolean isDirect() {
    return direct != null;
  }

  /** The key numbered {@code id} (unspecified for an entry added by {@link #addUnkeyed}). */
  public long key(int id) {
    return keys[id];
  }

  /**
   * Fills the slots (or the direct array, when the keys are dense) from the keys by number, and
   * leaves the ordered state for good.
   */
  private void index() {
    slotted = size;
    if (size > 0 && dense(span(min, max), size)) {
      toDirect(min, max);
    } else {
      toSlots(capacityFor(size));
    }
  }

  private void rehash() {
    if (dense(span(min, max), slotted)) {
      toDirect(min, max);
      return;
    }
    long[] old = slots;
    long[] grown = new long[old.length * 2];
    int m = (mask + 1) * 2 - 1;
    for (int i = 0; i < old.length; i += 2) {
      if (old[i + 1] != 0) {
        place(grown, m, old[i], old[i + 1]);
      }
    }
    slots = grown;
    mask = m;
  }

  /**
   * Puts {@code key} and its number + 1 in the first free slot from its home in {@code t} (mask
   * {@code m}), which holds no entry of that key yet and has a free slot.
   */
  private static void place(long[] t, int m, long key, long numberPlusOne) {
    int s = JoinIndex.hash(key) & m;
    while (t[2 * s + 1] != 0) {
      s = (s + 1) & m;
    }
    t[2 * s] = key;
    t[2 * s + 1] = numberPlusOne;
  }
}
