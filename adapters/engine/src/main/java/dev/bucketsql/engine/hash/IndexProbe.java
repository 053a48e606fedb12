package dev.bucketsql.engine.hash;

/**
 * One thread's batch lookups in a sealed {@link JoinIndex}: the first row of each probe key's
 * chain, a batch at a time, in passes whose loads do not wait on each other.
 *
 * <p>An index larger than the caches costs a cache miss a lookup. Looked up one key at a time, the
 * branches that follow each load (is the bit set, is the slot empty, is it this key) depend on what
 * the load brings, and about half of them go the unpredicted way when half the keys hit, so the
 * processor throws away the loads it had started for the next keys and waits on one miss at a time.
 * Here a first pass lists the rows worth a lookup (not NULL; with the index's bitmap, in range and
 * with their bit set) with no branch on what it loads; a second loads each listed row's slot (the
 * direct array's entry, or the table slot's key and head, in one cache line) into arrays, again
 * with no branch on the loads, so the out-of-order core keeps many misses in flight; a third
 * resolves hits, misses and collisions from those arrays, walking the probe sequence only for a key
 * whose home slot holds another key (most of those walks stay in the line already loaded). A last
 * pass loads the chain link of each row found, as the caller's walk of the chains reads it next.
 *
 * <p>An index is shared by the threads probing it; this object's arrays are not: one per thread.
 */
public final class IndexProbe {
  /** The rows listed by the first pass, then per listed row its slot. */
  private int[] listed = new int[0];

  private int[] slotOf = new int[0];

  /** The sum of the links {@link #touchChains} loaded, kept so that the loads are not dropped. */
  private int touched;

  /** Per listed row: its slot's key and head (last row + 1), as loaded. */
  private long[] keyAt = new long[0];

  private long[] headAt = new long[0];

  /** Empty arrays, grown to the largest batch looked up. */
  public IndexProbe() {}

  /**
   * The last row of each key of {@code keys[0, n)} in the sealed {@code index} into {@code rows}:
   * -1 for a key never added and for a row whose {@code nulls} flag is set. The same answers as
   * {@link JoinIndex#first} per row.
   */
  public void firstAll(JoinIndex index, long[] keys, boolean[] nulls, int n, int[] rows) {
    if (listed.length < n) {
      int size = Math.max(n, listed.length * 2);
      listed = new int[size];
      slotOf = new int[size];
      keyAt = new long[size];
      headAt = new long[size];
    }
    if (index.direct != null && index.present == null) {
      // nothing to list: every row's answer is one load, none waiting on a branch
      lookDirect(index, keys, nulls, n, rows);
    } else {
      int count = list(index, keys, nulls, n, rows);
      if (index.direct != null) {
        lookDirect(index, keys, count, rows);
      } else if (index.slots != null) {
        lookSlots(index, keys, count, rows);
      }
    }
    touchChains(index.chains(), rows, n);
  }

  /**
   * Loads the chain link of each row found, which the caller's walk of the chains reads next: that
   * walk branches on each link (and on whether a row was found at all), so there it would wait on
   * the links' cache misses one at a time; here, in a loop with no branch on them, they are taken
   * together and are in the cache by the time the walk reads them.
   */
  private void touchChains(int[] chains, int[] rows, int n) {
    if (chains.length == 0) {
      return;
    }
    int sum = 0;
    for (int r = 0; r < n; r++) {
      int b = rows[r];
      sum += chains[b < 0 ? 0 : b];
    }
    touched += sum;
  }

  /**
   * The first pass: every row's answer -1, and the rows worth a lookup into {@link #listed}, each
   * written and the count advanced by the test's result rather than behind a branch.
   */
  private int list(JoinIndex index, long[] keys, boolean[] nulls, int n, int[] rows) {
    int[] l = listed;
    int count = 0;
    long[] bits = index.present;
    if (bits == null) {
      for (int r = 0; r < n; r++) {
        rows[r] = -1;
        l[count] = r;
        count += nulls[r] ? 0 : 1;
      }
      return count;
    }
    long min = index.min;
    long span = index.max - index.min;
    for (int r = 0; r < n; r++) {
      rows[r] = -1;
      long at = keys[r] - min;
      // unsigned: a key below min wraps past the span; one out of range reads word 0, unused
      boolean in = Long.compareUnsigned(at, span) <= 0 & !nulls[r];
      long word = bits[in ? (int) (at >>> 6) : 0];
      l[count] = r;
      count += in ? (int) (word >>> at) & 1 : 0;
    }
    return count;
  }

  private void lookDirect(JoinIndex index, long[] keys, int count, int[] rows) {
    int[] l = listed;
    int[] d = index.direct;
    long min = index.min;
    long length = d.length;
    for (int i = 0; i < count; i++) {
      int r = l[i];
      long at = keys[r] - min;
      boolean in = Long.compareUnsigned(at, length) < 0;
      int row = d[in ? (int) at : 0];
      rows[r] = in ? row : -1;
    }
  }

  private static void lookDirect(JoinIndex index, long[] keys, boolean[] nulls, int n, int[] rows) {
    int[] d = index.direct;
    long min = index.min;
    long length = d.length;
    for (int r = 0; r < n; r++) {
      long at = keys[r] - min;
      boolean in = Long.compareUnsigned(at, length) < 0 & !nulls[r];
      int row = d[in ? (int) at : 0];
      rows[r] = in ? row : -1;
    }
  }

  private void lookSlots(JoinIndex index, long[] keys, int count, int[] rows) {
    int[] l = listed;
    int[] so = slotOf;
    long[] ka = keyAt;
    long[] ha = headAt;
    long[] t = index.slots;
    int m = index.mask;
    // the loads: one cache line per listed row, none waiting on another
    for (int i = 0; i < count; i++) {
      int s = JoinIndex.hash(keys[l[i]]) & m;
      so[i] = s;
      ka[i] = t[2 * s];
      ha[i] = t[2 * s + 1];
    }
    // the answers, from what was loaded; a slot holding another key goes on probing
    for (int i = 0; i < count; i++) {
      long head = ha[i];
      if (head == 0) {
        continue;
      }
      int r = l[i];
      long key = keys[r];
      rows[r] = ka[i] == key ? (int) head - 1 : index.firstFrom(key, (so[i] + 1) & m);
    }
  }
}
