package dev.bucketsql.engine.join;

import dev.bucketsql.engine.RowStore;
import dev.bucketsql.engine.hash.LongKeyTable;
import dev.bucketsql.engine.memory.MemoryBudget;
import dev.bucketsql.format.ColumnBatch.Kind;
import dev.bucketsql.format.predicate.RuntimeKeySet;

/**
 * The values of one key column of a hash join's built side, published once the side is built, for
 * the operators under the join's probe side to drop rows whose key no built row has before they
 * reach an aggregate (a runtime filter, as DuckDB's and Trino's dynamic filters). It passes every
 * row until the join publishes, and for good when the join does not (a built side over {@link
 * #MAX_KEYS} keys, a spilled join, a shared table): a row it drops could never have joined, and a
 * row it passes is the join's to decide as before. Safe to read from many threads once published.
 *
 * <p>The keys are a bitmap over their range when that spans at most {@link #MAX_BITMAP_RANGE}
 * values (one bit each: a load and a shift per row), else a {@link LongKeyTable}.
 *
 * <p>It is also the {@link RuntimeKeySet} a scan under the probe side leaves rows out by, before it
 * decodes their other columns.
 */
public final class KeyFilter implements RuntimeKeySet {
  /**
   * The most distinct keys a filter holds in a table (a range too wide for the bitmap): past that
   * its lookups miss the caches as the aggregate's own would, and it saves little.
   */
  public static final int MAX_KEYS = 1 << 16;

  /** The widest range of keys held as a bitmap: 2^26 values, 8 MB. */
  public static final long MAX_BITMAP_RANGE = 1L << 26;

  private long min;
  private long max;
  private long[] bitmap;
  private LongKeyTable table;

  /** Written last when the keys are published: a reader that sees it true sees the keys. */
  private volatile boolean published;

  /** A filter that passes every row until {@link #publish}. */
  public KeyFilter() {}

  /** Whether the keys are published: until then every row passes. */
  public boolean published() {
    return published;
  }

  /** Whether the keys are published, as a scan asks. */
  @Override
  public boolean ready() {
    return published;
  }

  /**
   * Keeps the rows {@code from + rows[i]} whose value is one of the keys (never a NULL); every row
   * until the keys are published.
   */
  @Override
  public int retain(long[] values, boolean[] nulls, int from, int[] rows, int k) {
    if (!published) {
      return k;
    }
    long lo = min;
    long hi = max;
    long[] bits = bitmap;
    LongKeyTable keys = table;
    int kept = 0;
    if (bits != null) {
      // no branch on the data: a kept row only moves the write position on
      for (int i = 0; i < k; i++) {
        int r = rows[i];
        long at = values[from + r] - lo;
        boolean in =
            !nulls[from + r]
                && at >= 0
                && at <= hi - lo
                && (bits[(int) (at >>> 6)] & (1L << at)) != 0;
        rows[kept] = r;
        kept += in ? 1 : 0;
      }
      return kept;
    }
    for (int i = 0; i < k; i++) {
      int r = rows[i];
      long v = values[from + r];
      boolean in = !nulls[from + r] && v >= lo && v <= hi && keys.find(v) >= 0;
      rows[kept] = r;
      kept += in ? 1 : 0;
    }
    return kept;
  }

  /**
   * Publishes the non-null values of LONG column {@code column} of {@code store}, their bytes
   * reserved in {@code budget}; does nothing when they are more than {@link #MAX_KEYS} or do not
   * fit in the budget, or when the filter is published already.
   */
  synchronized void publish(RowStore store, int column, MemoryBudget budget) {
    if (published) {
      return;
    }
    if (store.kind(column) != Kind.LONG) {
      throw new IllegalArgumentException("a key filter holds LONG keys, not " + store.kind(column));
    }
    int rows = store.size();
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    int present = 0;
    for (int r = 0; r < rows; r++) {
      if (!store.isNull(column, r)) {
        long v = store.longAt(column, r);
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
        present++;
      }
    }
    if (present == 0) {
      // no key at all: no probe row can join
      min = 1;
      max = 0;
      published = true;
      return;
    }
    long range = hi - lo;
    if (range >= 0 && range < MAX_BITMAP_RANGE) {
      long bytes = ((range >>> 6) + 1) * 8;
      if (!budget.fits(bytes)) {
        return;
      }
      budget.reserve(bytes, rows);
      long[] bits = new long[(int) (range >>> 6) + 1];
      for (int r = 0; r < rows; r++) {
        if (!store.isNull(column, r)) {
          long at = store.longAt(column, r) - lo;
          bits[(int) (at >>> 6)] |= 1L << at;
        }
      }
      bitmap = bits;
    } else {
      LongKeyTable keys = new LongKeyTable();
      for (int r = 0; r < rows; r++) {
        if (!store.isNull(column, r)) {
          long v = store.longAt(column, r);
          if (keys.find(v) < 0) {
            if (keys.size() == MAX_KEYS) {
              return;
            }
            keys.add(v);
          }
        }
      }
      if (!budget.fits(keys.bytes())) {
        return;
      }
      budget.reserve(keys.bytes(), rows);
      table = keys;
    }
    min = lo;
    max = hi;
    published = true;
  }

  /**
   * Clears {@code keep[r]} for each row {@code r < n} whose value is NULL or none of the keys, once
   * the keys are published, and returns how many rows stay kept.
   */
  public int apply(long[] values, boolean[] nulls, int n, boolean[] keep) {
    int kept = 0;
    if (!published) {
      for (int r = 0; r < n; r++) {
        kept += keep[r] ? 1 : 0;
      }
      return kept;
    }
    long lo = min;
    long hi = max;
    long[] bits = bitmap;
    LongKeyTable keys = table;
    for (int r = 0; r < n; r++) {
      long v = values[r];
      boolean in;
      if (nulls[r] || v < lo || v > hi) {
        in = false;
      } else if (bits != null) {
        long at = v - lo;
        in = (bits[(int) (at >>> 6)] & (1L << at)) != 0;
      } else {
        in = keys.find(v) >= 0;
      }
      boolean k = keep[r] & in;
      keep[r] = k;
      kept += k ? 1 : 0;
    }
    return kept;
  }
}
