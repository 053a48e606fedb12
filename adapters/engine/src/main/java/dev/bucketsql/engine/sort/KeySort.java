package dev.bucketsql.engine.sort;

import dev.bucketsql.engine.RowStore;
import dev.bucketsql.format.ColumnBatch.Kind;
import dev.bucketsql.format.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * A stable sort of a {@link RowStore}'s rows by a least-significant-digit radix sort on normalized
 * keys, for sort keys that are LONG or DOUBLE columns (integers, dates, times, timestamps, floating
 * point), DECIMAL or VARCHAR columns. Each key's values become longs that order as {@link RowOrder}
 * orders them (direction, SQL's order of doubles, decimals by value), less the key's smallest
 * value, so that only the bits that vary are sorted on; a key column holding a NULL is sorted by
 * its NULL rank as one more key. The keys are sorted from the last to the first, 11 bits a pass, a
 * pass moving the row numbers and the key's values together; a pass is a count and a scatter, with
 * no comparison, and a digit that every row shares takes none.
 *
 * <p>A decimal key is its unscaled value at the largest scale of its values; when one does not fit
 * a long, {@link #sort} gives up (null) and the caller keeps the comparison sort. A string key is
 * the eight bytes ({@link StringPrefix}) after the units that all its strings share, which order
 * the strings but may tie: the keys up to the first such string key are radix sorted, then each run
 * of rows equal on them is sorted again by the string key further on and the keys after it (again
 * by radix when the run is long, by {@link IndexSort} when it is short or its strings go on with
 * U+0000), so that rows only ever compare with rows that tie on every byte sorted so far.
 *
 * <p>When every key is a LONG or DOUBLE column and their spans fit 64 bits together, the keys of a
 * row are packed into one long first ({@link PackedKeys}) and sorted as one key; the packed keys,
 * in sorted order, then tell a partition limit where partitions and peers change.
 *
 * <p>Each pass keeps the order of rows whose digits are equal, and a run sorted again holds rows in
 * store order among equals, so rows with equal keys keep their store order, as {@link IndexSort}
 * keeps them.
 */
final class KeySort {
  private static final int BITS = 11;
  private static final int BUCKETS = 1 << BITS;

  /** A run of tied rows shorter than this is sorted by comparison: a radix pass costs more. */
  private static final int SHORT_RUN = 64;

  /**
   * How often a run may be sorted again within a run: each time goes at least one unit further into
   * its strings, so only strings sharing ever longer stems in long runs go this deep, and the
   * comparison sort takes over rather than the stack growing with the strings' length.
   */
  private static final int MAX_DEPTH = 64;

  private final RowStore store;
  private final SortKey[] keys;
  private final List<SortKey> keyList;
  private final List<ColumnType> types;
  private final boolean[] strings;
  private final boolean[] decimals;
  private final boolean anyString;

  /** Per key, the order of the keys from it on, made when a run first needs it. */
  private final RowOrder[] tails;

  private int[] rows;
  private int[] rowsTo;
  private long[] values;
  private long[] valuesTo;
  private long[] prefixes;
  private int[] counts;
  private Runnable cancel;

  /** The keys packed into one long per row, when they fit; else null. */
  private PackedKeys packed;

  private long[] sortedKeys;

  /** Set when a decimal does not fit a long: the sort stops and gives the rows up. */
  private boolean unfit;

  private KeySort(RowStore store, SortKey[] keys, List<ColumnType> types) {
    this.store = store;
    this.keys = keys;
    this.keyList = List.of(keys);
    this.types = types;
    strings = new boolean[keys.length];
    decimals = new boolean[keys.length];
    boolean any = false;
    for (int i = 0; i < keys.length; i++) {
      ColumnType t = types.get(keys[i].column());
      strings[i] = t == ColumnType.VARCHAR;
      decimals[i] = t == ColumnType.DECIMAL;
      any |= strings[i];
    }
    anyString = any;
    tails = new RowOrder[keys.length];
  }

  /**
   * A sort of {@code store}'s rows (of columns {@code types}) by {@code keys}, or null when a key
   * is of a type it does not take (VARBINARY, nested types).
   */
  static KeySort of(RowStore store, SortKey[] keys, List<ColumnType> types) {
    if (keys.length == 0) {
      return null;
    }
    for (SortKey k : keys) {
      ColumnType t = types.get(k.column());
      if (store.kind(k.column()) == Kind.OBJECT
          && t != ColumnType.DECIMAL
          && t != ColumnType.VARCHAR) {
        return null;
      }
    }
    return new KeySort(store, keys, types);
  }

  /**
   * Bytes the sort allocates beside the store: row numbers and one key's values, twice (a pass
   * scatters from one pair of arrays to the other); with a string key, each row's prefix and the
   * row numbers of a tied run sorted by comparison, twice.
   */
  long bytes() {
    return (anyString ? 40L : 24L) * store.size() + 16L * BUCKETS;
  }

  /**
   * The store's row numbers in the order of the keys, rows with equal keys in their store order; or
   * null when a decimal key's value does not fit a long.
   *
   * @param cancel checked once per pass over the rows and per run sorted again
   */
  int[] sort(Runnable cancel) {
    this.cancel = cancel;
    int n = store.size();
    rows = new int[n];
    for (int r = 0; r < n; r++) {
      rows[r] = r;
    }
    rowsTo = new int[n];
    values = new long[n];
    valuesTo = new long[n];
    prefixes = anyString ? new long[n] : null;
    counts = new int[BUCKETS];
    int[] sorted;
    packed = anyString ? null : PackedKeys.pack(store, keys, values, cancel);
    if (packed != null) {
      sorted = sortPacked();
    } else {
      sortRange(0, n, 0, 0, false, 0);
      sorted = rows;
    }
    rows = rowsTo = null;
    values = valuesTo = prefixes = null;
    return unfit ? null : sorted;
  }

  /**
   * The keys of the rows in the order {@link #sort} gave them, each row's keys packed into one long
   * that orders as the keys order the rows and is equal exactly where the rows are equal on every
   * key; or null when the keys did not fit one long (then the sort went key by key).
   */
  long[] sortedKeys() {
    return sortedKeys;
  }

  /**
   * Whether two of {@link #sortedKeys()} are of rows equal on the first {@code count} keys: the
   * later keys take the low bits.
   */
  boolean equalOnFirst(long a, long b, int count) {
    return packed.equalOnFirst(a, b, count);
  }

  /** Radix sorts the packed keys in store order; the row numbers, keeping {@link #sortedKeys}. */
  private int[] sortPacked() {
    int n = store.size();
    int[] r = rows;
    int[] rt = rowsTo;
    long[] v = values;
    long[] vt = valuesTo;
    for (int shift = 0; shift < packed.bits(); shift += BITS) {
      cancel.run();
      if (scatter(v, r, vt, rt, 0, n, shift)) {
        long[] tv = v;
        v = vt;
        vt = tv;
        int[] t = r;
        r = rt;
        rt = t;
      }
    }
    sortedKeys = v;
    return r;
  }

  /**
   * Sorts {@code rows[lo, hi)} by keys {@code first} on; the strings of key {@code first}, if a
   * string key, share their units before {@code offset}, and {@code again} says the range is a run
   * tied on those units and on the prefix that followed them, sorted again {@code depth} runs deep.
   */
  private void sortRange(int lo, int hi, int first, int offset, boolean again, int depth) {
    if (hi - lo < 2 || unfit) {
      return;
    }
    cancel.run();
    // the keys radix sorted here: up to the first string key whose prefixes may tie
    int[] from = new int[keys.length];
    int last = first;
    while (last < keys.length) {
      if (strings[last]) {
        int start = last == first ? offset : 0;
        int shared = sharedUnits(keys[last].column(), lo, hi, start);
        if (shared < 0) {
          from[last] = -shared - 1; // the rest of every string fits its prefix: no tie left
        } else if (again && last == first && shared == start) {
          // tied on every byte, and no unit further in common: strings that go on with U+0000
          sortByComparison(lo, hi, first);
          return;
        } else {
          from[last] = shared;
          break;
        }
      }
      last++;
    }
    int radixLast = Math.min(last, keys.length - 1);
    int[] r = rows;
    int[] rt = rowsTo;
    long[] v = values;
    long[] vt = valuesTo;
    for (int i = radixLast; i >= first; i--) {
      SortKey k = keys[i];
      for (int pass = 0; pass < 2; pass++) {
        // pass 0 sorts by the values, pass 1 by the NULL ranks, which come first in the order
        boolean ranks = pass == 1;
        if (ranks && !hasNull(k.column(), r, lo, hi)) {
          break;
        }
        cancel.run();
        long span = load(i, ranks, from[i], r, v, lo, hi, i == last);
        if (unfit) {
          return;
        }
        int bits = 64 - Long.numberOfLeadingZeros(span);
        for (int shift = 0; shift < bits; shift += BITS) {
          cancel.run();
          if (scatter(v, r, vt, rt, lo, hi, shift)) {
            long[] tv = v;
            v = vt;
            vt = tv;
            int[] t = r;
            r = rt;
            rt = t;
          }
        }
      }
    }
    if (r != rows) {
      // the range ends in the other array: the rest of the rows live in this one
      System.arraycopy(r, lo, rows, lo, hi - lo);
    }
    if (last < keys.length) {
      sortTies(lo, hi, first, last, from[last], depth);
    }
  }

  /**
   * Sorts again each run of {@code rows[lo, hi)} that ties on keys {@code first} to {@code last -
   * 1} and on string key {@code last}'s prefix from {@code offset}.
   */
  private void sortTies(int lo, int hi, int first, int last, int offset, int depth) {
    RowOrder before = new RowOrder(keyList.subList(first, last), types);
    int c = keys[last].column();
    int start = lo;
    int head = rows[lo];
    for (int i = lo + 1; i <= hi && !unfit; i++) {
      if (i < hi) {
        int row = rows[i];
        boolean nullHead = store.isNull(c, head);
        boolean tied =
            nullHead == store.isNull(c, row)
                && (nullHead || prefixes[head] == prefixes[row])
                && before.compare(store, head, row) == 0;
        if (tied) {
          continue;
        }
      }
      if (i - start > 1) {
        if (store.isNull(c, head)) {
          sortRange(start, i, last + 1, 0, false, depth + 1);
        } else if (i - start < SHORT_RUN || depth >= MAX_DEPTH) {
          sortByComparison(start, i, last);
        } else {
          sortRange(start, i, last, offset, true, depth + 1);
        }
      }
      if (i < hi) {
        start = i;
        head = rows[i];
      }
    }
  }

  /** Sorts {@code rows[lo, hi)} by keys {@code first} on, comparing rows. */
  private void sortByComparison(int lo, int hi, int first) {
    if (first >= keys.length) {
      return;
    }
    cancel.run();
    if (tails[first] == null) {
      tails[first] = new RowOrder(keyList.subList(first, keys.length), types);
    }
    RowOrder order = tails[first];
    IndexSort.sort(rows, lo, hi, (a, b) -> order.compare(store, a, b));
  }

  /**
   * The units that the non-null strings of column {@code c} in {@code rows[lo, hi)} share, at least
   * {@code from}; as {@code -shared - 1} when every string's rest after them fits its prefix whole,
   * so that the prefixes order them with no tie left.
   */
  private int sharedUnits(int c, int lo, int hi, int from) {
    String head = null;
    int shared = Integer.MAX_VALUE;
    for (int i = lo; i < hi; i++) {
      String s = (String) store.objectAt(c, rows[i]);
      if (s == null) {
        continue;
      }
      if (head == null) {
        head = s;
        shared = s.length();
        continue;
      }
      int n = Math.min(shared, s.length());
      int u = from;
      while (u < n && s.charAt(u) == head.charAt(u)) {
        u++;
      }
      shared = u;
    }
    if (head == null) {
      return -from - 1; // every value NULL: the NULL ranks sort them
    }
    for (int i = lo; i < hi; i++) {
      String s = (String) store.objectAt(c, rows[i]);
      if (s != null && !StringPrefix.whole(s, shared)) {
        return shared;
      }
    }
    return -shared - 1;
  }

  private boolean hasNull(int c, int[] r, int lo, int hi) {
    if (!store.mayHoldNull(c)) {
      return false;
    }
    for (int i = lo; i < hi; i++) {
      if (store.isNull(c, r[i])) {
        return true;
      }
    }
    return false;
  }

  /**
   * Puts key {@code i} of row {@code r[j]} at {@code v[j]}, as an unsigned offset from the key's
   * smallest value (or its NULL rank), and returns the largest offset; a string key's prefix is
   * taken from unit {@code from}, and kept per row when {@code keep}.
   */
  private long load(
      int i, boolean ranks, int from, int[] r, long[] v, int lo, int hi, boolean keep) {
    SortKey k = keys[i];
    int c = k.column();
    if (ranks) {
      // a NULL ranks before or after every value, whatever the direction
      long nullRank = k.nullsFirst() ? 0 : 1;
      for (int j = lo; j < hi; j++) {
        v[j] = store.isNull(c, r[j]) ? nullRank : 1 - nullRank;
      }
      return 1;
    }
    Kind kind = store.kind(c);
    int scale = decimals[i] ? largestScale(c, r, lo, hi) : 0;
    boolean descending = k.descending();
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int j = lo; j < hi; j++) {
      int row = r[j];
      long x = 0;
      if (!store.isNull(c, row)) {
        if (kind == Kind.LONG) {
          x = store.longAt(c, row);
        } else if (kind == Kind.DOUBLE) {
          x = sortable(store.doubleAt(c, row));
        } else if (strings[i]) {
          x = StringPrefix.of((String) store.objectAt(c, row), from);
          if (keep) {
            prefixes[row] = x;
          }
        } else {
          x = unscaled((BigDecimal) store.objectAt(c, row), scale);
          if (unfit) {
            return 0;
          }
        }
        // ~x reverses the order of every long, Long.MIN_VALUE included (-x would overflow)
        x = descending ? ~x : x;
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
      v[j] = x;
    }
    if (min > max) {
      // every value NULL: one rank sorts them
      Arrays.fill(v, lo, hi, 0);
      return 0;
    }
    for (int j = lo; j < hi; j++) {
      // a NULL's value is any one: the rank pass puts the NULLs in their place
      v[j] = store.isNull(c, r[j]) ? 0 : v[j] - min;
    }
    // max - min as an unsigned long: the offsets of every value fit it
    return max - min;
  }

  private int largestScale(int c, int[] r, int lo, int hi) {
    int scale = Integer.MIN_VALUE;
    for (int j = lo; j < hi; j++) {
      Object o = store.objectAt(c, r[j]);
      if (o != null) {
        scale = Math.max(scale, ((BigDecimal) o).scale());
      }
    }
    return scale;
  }

  /**
   * {@code d}'s unscaled value at {@code scale} (at least its own), or 0 setting {@link #unfit}.
   */
  private long unscaled(BigDecimal d, int scale) {
    // a column's decimals mostly share one scale: no rescaling then
    BigInteger u = (d.scale() == scale ? d : d.setScale(scale)).unscaledValue();
    if (u.bitLength() > 63) {
      unfit = true;
      return 0;
    }
    return u.longValue();
  }

  /**
   * One stable counting pass of {@code [lo, hi)} by the 11 bits of the values from {@code shift};
   * false, moving nothing, when every row has the same digit there.
   */
  private boolean scatter(
      long[] values, int[] rows, long[] valuesTo, int[] rowsTo, int lo, int hi, int shift) {
    int[] counts = this.counts;
    Arrays.fill(counts, 0);
    for (int i = lo; i < hi; i++) {
      counts[(int) (values[i] >>> shift) & (BUCKETS - 1)]++;
    }
    int at = lo;
    int n = hi - lo;
    for (int b = 0; b < BUCKETS; b++) {
      int c = counts[b];
      if (c == n) {
        return false;
      }
      counts[b] = at;
      at += c;
    }
    for (int i = lo; i < hi; i++) {
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
