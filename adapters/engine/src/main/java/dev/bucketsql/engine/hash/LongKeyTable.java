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
    return (slots == null ? 0 : slots.length * 8L) + keys.length * 8L;
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
        return id;
      }
      index();
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

  /** The key numbered {@code id} (unspecified for an entry added by {@link #addUnkeyed}). */
  public long key(int id) {
    return keys[id];
  }

  /**
   * Fills the slots from the keys by number, at most half full, and leaves the ordered state for
   * good.
   */
  private void index() {
    ordered = false;
    int capacity = 64;
    while (capacity < 2 * size + 2) {
      capacity *= 2;
    }
    long[] t = new long[2 * capacity];
    int m = capacity - 1;
    for (int id = 0; id < size; id++) {
      long key = keys[id];
      int s = JoinIndex.hash(key) & m;
      while (t[2 * s + 1] != 0) {
        s = (s + 1) & m;
      }
      t[2 * s] = key;
      t[2 * s + 1] = id + 1L;
    }
    slots = t;
    mask = m;
    slotted = size;
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
