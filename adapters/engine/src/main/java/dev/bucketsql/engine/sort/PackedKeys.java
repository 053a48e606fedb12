package dev.bucketsql.engine.sort;

import dev.bucketsql.engine.RowStore;
import dev.bucketsql.format.ColumnBatch.Kind;
import java.util.Arrays;

/**
 * The sort keys of each row of a {@link RowStore} packed into one long, for {@link KeySort}, when
 * every key is a LONG or DOUBLE column and the spans of the keys' values (and a NULL's place, where
 * a key holds one) fit 64 bits together. Each key becomes its value less the key's smallest
 * (direction applied, doubles as {@link KeySort#sortable}), the first key in the high bits; so the
 * packed longs, compared unsigned, order the rows as the keys do, and are equal exactly where the
 * rows are equal on every key (SQL equality: -0.0 and 0.0, NaNs, NULLs each one value).
 *
 * <p>One key then takes the place of several: each key is read once in store order, where the key
 * by key sort reads every key but the last through row numbers already moved (a wait on memory per
 * row), and the radix passes are those of the bits of all keys, not of each key rounded up to a
 * digit. W1's keys (user ids spanning 31 bits, days 13) take four passes instead of five.
 */
final class PackedKeys {
  /** Per key, where its code sits: the bits of the keys after it. */
  private final int[] shifts;

  private final int bits;

  private PackedKeys(int[] shifts, int bits) {
    this.shifts = shifts;
    this.bits = bits;
  }

  /** The bits of the packed keys that may vary: a radix sort passes over these only. */
  int bits() {
    return bits;
  }

  /** Whether two packed keys are of rows equal on the first {@code count} keys. */
  boolean equalOnFirst(long a, long b, int count) {
    int shift = count == 0 ? 64 : shifts[count - 1];
    return shift >= 64 || (a ^ b) >>> shift == 0;
  }

  /**
   * Packs the keys of {@code store}'s rows into {@code values[0, size)}, or returns null, packing
   * nothing, when a key is not a LONG or DOUBLE column or the keys need more than 64 bits.
   *
   * @param cancel checked once per pass over the rows
   */
  static PackedKeys pack(RowStore store, SortKey[] keys, long[] values, Runnable cancel) {
    int k = keys.length;
    int n = store.size();
    long[] mins = new long[k];
    long[] spans = new long[k];
    boolean[] nulls = new boolean[k];
    int[] bits = new int[k];
    int total = 0;
    for (int i = 0; i < k; i++) {
      int c = keys[i].column();
      Kind kind = store.kind(c);
      if (kind != Kind.LONG && kind != Kind.DOUBLE) {
        return null;
      }
      cancel.run();
      boolean mayNull = store.mayHoldNull(c);
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (int r = 0; r < n; r++) {
        if (mayNull && store.isNull(c, r)) {
          nulls[i] = true;
          continue;
        }
        long x = normalized(store, keys[i], kind, r);
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
      long span = min > max ? 0 : max - min;
      if (nulls[i] && span == -1L) {
        return null; // every long a value and one more for NULL: more than 64 bits
      }
      mins[i] = min > max ? 0 : min;
      spans[i] = span;
      // the span as an unsigned long; with NULLs one more code
      bits[i] = 64 - Long.numberOfLeadingZeros(nulls[i] ? span + 1 : span);
      total += bits[i];
      if (total > 64) {
        return null;
      }
    }
    int[] shifts = new int[k];
    for (int i = k - 1, shift = 0; i >= 0; i--) {
      shifts[i] = shift;
      shift += bits[i];
    }
    Arrays.fill(values, 0, n, 0);
    for (int i = 0; i < k; i++) {
      if (bits[i] == 0) {
        continue; // one value (or only NULLs): nothing to order by
      }
      cancel.run();
      int c = keys[i].column();
      Kind kind = store.kind(c);
      boolean first = keys[i].nullsFirst();
      // a NULL is 0 before every value, or one past the largest after them
      long nullCode = first ? 0 : spans[i] + 1;
      long lift = nulls[i] && first ? 1 : 0;
      long min = mins[i];
      int shift = shifts[i];
      boolean mayNull = nulls[i];
      for (int r = 0; r < n; r++) {
        long code =
            mayNull && store.isNull(c, r)
                ? nullCode
                : normalized(store, keys[i], kind, r) - min + lift;
        values[r] |= code << shift;
      }
    }
    return new PackedKeys(shifts, total);
  }

  /** Key {@code key} of non-null row {@code r} as an order-preserving long, direction applied. */
  private static long normalized(RowStore store, SortKey key, Kind kind, int r) {
    int c = key.column();
    long x = kind == Kind.LONG ? store.longAt(c, r) : KeySort.sortable(store.doubleAt(c, r));
    // ~x reverses the order of every long, Long.MIN_VALUE included (-x would overflow)
    return key.descending() ? ~x : x;
  }
}
