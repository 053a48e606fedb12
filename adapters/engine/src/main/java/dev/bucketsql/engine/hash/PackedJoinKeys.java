package dev.bucketsql.engine.hash;

import dev.bucketsql.engine.RowStore;
import dev.bucketsql.format.ColumnBatch;
import java.util.Arrays;

/**
 * Keys of several LONG columns packed into one {@code long}, so that a join on them can take the
 * {@link JoinIndex} that joins on one integer key take (TPC-H q05's customer on its key and its
 * nation, q09's partsupp on part and supplier) rather than the general {@link KeyTable}.
 *
 * <p>The build side's rows are seen first ({@link #observe}), each column's least and greatest
 * value kept. Then {@link #fit} fixes the packing when the product of the columns' widths ({@code
 * max - min + 1}) fits in 63 bits: a key is then the mixed-radix number whose digits are {@code
 * value - min} of each column, the first column the most significant, so two keys are equal exactly
 * when every column is, and dense columns (ids, small codes) make a dense packed key. A probe value
 * outside its column's built range can match no built row: it is answered as a miss before it is
 * packed, so the packing never overflows for a key that could match.
 *
 * <p>After {@link #fit} the object does not change: threads probing one table share it.
 */
public final class PackedJoinKeys {
  private final long[] min;
  private final long[] max;

  /** After {@link #fit}: each column's {@code max - min + 1}. */
  private long[] widths;

  /** After {@link #fit}: whether every column had a value, else no build row has a key. */
  private boolean any;

  /** A packing of {@code columns} columns, at least two, no value observed yet. */
  public PackedJoinKeys(int columns) {
    if (columns < 2) {
      throw new IllegalArgumentException("packing takes at least two columns: " + columns);
    }
    min = new long[columns];
    max = new long[columns];
    Arrays.fill(min, Long.MAX_VALUE);
    Arrays.fill(max, Long.MIN_VALUE);
  }

  /**
   * Widens the columns' ranges by the non-null values of rows {@code [0, n)} of {@code b}'s LONG
   * columns {@code columns}, a column at a time. A value of a row with a NULL in another column
   * widens its column too: the packing may be wider than it needs, never wrong.
   */
  public void observe(ColumnBatch b, int[] columns, int n) {
    for (int i = 0; i < columns.length; i++) {
      long[] values = b.longs(columns[i]);
      boolean[] nulls = b.nulls(columns[i]);
      long lo = min[i];
      long hi = max[i];
      for (int r = 0; r < n; r++) {
        long v = values[r];
        boolean held = !nulls[r];
        lo = held && v < lo ? v : lo;
        hi = held && v > hi ? v : hi;
      }
      min[i] = lo;
      max[i] = hi;
    }
  }

  /**
   * Fixes the packing once every build row is observed: true when the product of the columns'
   * widths is at most {@code Long.MAX_VALUE}, so every built key packs into a non-negative {@code
   * long} (always, when no key was observed: every probe then misses). Call it once.
   */
  public boolean fit() {
    if (widths != null) {
      throw new IllegalStateException("the packing is already fixed");
    }
    any = true;
    for (int i = 0; i < min.length; i++) {
      any &= min[i] <= max[i];
    }
    long[] w = new long[min.length];
    long product = 1;
    for (int i = 0; i < w.length; i++) {
      // max - min as a signed long: negative when the range spans more than half of a long
      long width = any ? max[i] - min[i] + 1 : 1;
      if (width <= 0 || product > Long.MAX_VALUE / width) {
        return false;
      }
      product *= width;
      w[i] = width;
    }
    widths = w;
    return true;
  }

  /** The packed key of build row {@code row} of {@code store}, which has no NULL key. */
  public long pack(RowStore store, int[] columns, int row) {
    long key = 0;
    for (int i = 0; i < columns.length; i++) {
      key = key * widths[i] + (store.longAt(columns[i], row) - min[i]);
    }
    return key;
  }

  /**
   * The packed keys of rows {@code [0, n)} of {@code b}'s columns {@code columns} into {@code
   * keys}, and into {@code miss} whether a row can match no built row: a NULL in any column, or a
   * value outside its column's built range (then its packed key is meaningless). A column at a
   * time, with no branch on the values.
   */
  public void packAll(ColumnBatch b, int[] columns, int n, long[] keys, boolean[] miss) {
    boolean none = !any;
    for (int r = 0; r < n; r++) {
      keys[r] = 0;
      miss[r] = none;
    }
    for (int i = 0; i < columns.length; i++) {
      long[] values = b.longs(columns[i]);
      boolean[] nulls = b.nulls(columns[i]);
      long lo = min[i];
      long span = widths[i] - 1;
      long width = widths[i];
      for (int r = 0; r < n; r++) {
        long at = values[r] - lo;
        // unsigned: a value below min wraps past the span
        miss[r] |= nulls[r] | Long.compareUnsigned(at, span) > 0;
        keys[r] = keys[r] * width + at;
      }
    }
  }
}
