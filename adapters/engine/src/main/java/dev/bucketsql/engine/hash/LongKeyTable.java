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

  /** The number of {@code key}, or -1 when it was never added. */
  public int find(long key) {
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
