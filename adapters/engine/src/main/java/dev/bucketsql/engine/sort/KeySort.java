package dev.bucketsql.engine.sort;

import dev.bucketsql.engine.RowStore;
import dev.bucketsql.format.ColumnBatch.Kind;
import java.util.Arrays;

/**
 * A stable sort of a {@link RowStore}'s rows whose sort keys are all LONG or DOUBLE columns
 * (integers, dates, times, timestamps, floating point): a least-significant-digit radix sort on
 * normalized keys. Each key's values become unsigned longs that order as {@link RowOrder} orders
 * them (direction, SQL's order of doubles), less the key's smallest value, so that only the bits
 * that vary are sorted on; a key column holding a NULL is sorted by its NULL rank as one more key.
 * The keys are sorted from the last to the first, 11 bits a pass, a pass moving the row numbers and
 * the key's values together; a pass is a count and a scatter, with no comparison, and a digit that
 * every row shares takes none.
 *
 * <p>Each pass keeps the order of rows whose digits are equal, so rows with equal keys keep their
 * store order, as {@link IndexSort} keeps them.
 */
final class KeySort {
  private static final int BITS = 11;
  private static final int BUCKETS = 1 << BITS;

  private final RowStore store;
  private final SortKey[] keys;

  private KeySort(RowStore store, SortKey[] keys) {
    this.store = store;
    this.keys = keys;
  }

  /** A sort of {@code store}'s rows by {@code keys}, or null when a key is not LONG or DOUBLE. */
  static KeySort of(RowStore store, SortKey[] keys) {
    if (keys.length == 0) {
      return null;
    }
    for (SortKey k : keys) {
      if (store.kind(k.column()) == Kind.OBJECT) {
        return null;
      }
    }
    return new KeySort(store, keys);
  }

  /**
   * Bytes the sort allocates beside the store: row numbers and one key's values, twice (a pass
   * scatters from one pair of arrays to the other).
   */
  long bytes() {
    return 24L * store.size() + 16L * BUCKETS;
  }

  /**
   * The store's row numbers in the order of the keys; rows with equal keys keep their store order.
   *
   * @param cancel checked once per pass over the rows
   */
  int[] sort(Runnable cancel) {
    int n = store.size();
    int[] rows = new int[n];
    for (int r = 0; r < n; r++) {
      rows[r] = r;
    }
    int[] rowsTo = new int[n];
    long[] values = new long[n];
    long[] valuesTo = new long[n];
    int[] counts = new int[BUCKETS];
    for (int i = keys.length - 1; i >= 0; i--) {
      SortKey k = keys[i];
      for (int pass = 0; pass < 2; pass++) {
        // pass 0 sorts by the values, pass 1 by the NULL ranks, which come first in the order
        boolean ranks = pass == 1;
        if (ranks && !hasNull(k.column())) {
          break;
        }
        cancel.run();
        long span = load(k, ranks, rows, values);
        int bits = 64 - Long.numberOfLeadingZeros(span);
        for (int shift = 0; shift < bits; shift += BITS) {
          cancel.run();
          if (scatter(values, rows, valuesTo, rowsTo, shift, counts)) {
            long[] v = values;
            values = valuesTo;
            valuesTo = v;
            int[] t = rows;
            rows = rowsTo;
            rowsTo = t;
          }
        }
      }
    }
    return rows;
  }

  private boolean hasNull(int c) {
    if (!store.mayHoldNull(c)) {
      return false;
    }
    for (int r = 0, n = store.size(); r < n; r++) {
      if (store.isNull(c, r)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Puts key {@code k} of row {@code rows[i]} at {@code values[i]}, as an unsigned offset from the
   * key's smallest value (or its NULL rank), and returns the largest offset.
   */
  private long load(SortKey k, boolean ranks, int[] rows, long[] values) {
    int c = k.column();
    int n = rows.length;
    if (ranks) {
      // a NULL ranks before or after every value, whatever the direction
      long nullRank = k.nullsFirst() ? 0 : 1;
      for (int i = 0; i < n; i++) {
        values[i] = store.isNull(c, rows[i]) ? nullRank : 1 - nullRank;
      }
      return 1;
    }
    boolean doubles = store.kind(c) == Kind.DOUBLE;
    boolean descending = k.descending();
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      long v = 0;
      if (!store.isNull(c, r)) {
        v = doubles ? sortable(store.doubleAt(c, r)) : store.longAt(c, r);
        // ~v reverses the order of every long, Long.MIN_VALUE included (-v would overflow)
        v = descending ? ~v : v;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      values[i] = v;
    }
    if (min > max) {
      // every value NULL: one rank sorts them
      Arrays.fill(values, 0);
      return 0;
    }
    for (int i = 0; i < n; i++) {
      // a NULL's value is any one: the rank pass puts the NULLs in their place
      values[i] = store.isNull(c, rows[i]) ? 0 : values[i] - min;
    }
    // max - min as an unsigned long: the offsets of every value fit it
    return max - min;
  }

  /**
   * One stable counting pass by the 11 bits of the values from {@code shift}; false, moving
   * nothing, when every row has the same digit there.
   */
  private static boolean scatter(
      long[] values, int[] rows, long[] valuesTo, int[] rowsTo, int shift, int[] counts) {
    int n = rows.length;
    Arrays.fill(counts, 0);
    for (int i = 0; i < n; i++) {
      counts[(int) (values[i] >>> shift) & (BUCKETS - 1)]++;
    }
    int at = 0;
    for (int b = 0; b < BUCKETS; b++) {
      int c = counts[b];
      if (c == n) {
        return false;
      }
      counts[b] = at;
      at += c;
    }
    for (int i = 0; i < n; i++) {
      int b = (int) (values[i] >>> shift) & (BUCKETS - 1);
      int to = counts[b]++;
      valuesTo[to] = values[i];
      rowsTo[to] = rows[i];
    }
    return true;
  }

  /**
   * A double as a long that orders as {@code Cells.compareDoubles}: -0.0 as 0.0, every NaN as one
   * NaN above +Infinity.
   */
  static long sortable(double d) {
    // doubleToLongBits gives every NaN one bit pattern; adding 0.0 makes -0.0 into 0.0
    long bits = Double.doubleToLongBits(d + 0.0);
    // a negative double's bits order backwards: flip all but the sign
    return bits ^ ((bits >> 63) & Long.MAX_VALUE);
  }
}
