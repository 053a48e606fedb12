package dev.bucketsql.parquet;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.predicate.Domain;
import dev.bucketsql.format.predicate.RuntimeKeyFilter;
import dev.bucketsql.format.predicate.RuntimeKeySet;
import dev.bucketsql.format.predicate.ScanPredicate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Late materialization for a batch scan with a pushed filter: the columns the filter restricts are
 * decoded first, their domains evaluated there ({@link BatchDomainFilter}), and the other columns
 * decoded only at the rows that may pass; the batch comes out compacted to those rows.
 *
 * <p>A column may also be restricted by the keys a hash join above has built ({@link
 * RuntimeKeyFilter}): once they are known, a row whose value is none of them is left out like one
 * its domain rejects (it could never join), alone or after the column's domain.
 *
 * <p>The filter above the scan still checks every row, so a row kept here that the filter rejects
 * costs only time. A column whose domain keeps most rows of a window does not narrow it (the rows
 * would be moved for little gain); one that fails to narrow a few windows in a row is only read,
 * not evaluated, for the rest of its row group, so a filter that keeps nearly everything costs next
 * to nothing.
 */
final class ParquetBatchFilter {
  /** Windows in a row that a column may fail to narrow before it stops being evaluated. */
  private static final int MISSES = 4;

  /** How the scan reads one of its columns (by unique column) into the batch. */
  interface Columns {
    /**
     * Reads the next {@code n} values into rows {@code [from, from + n)} of column {@code c}.
     *
     * @return the dictionary these rows' numbers in {@link ColumnBatch#dictionaryIds} refer to,
     *     when every one of them came from it; null otherwise
     */
    Object[] read(int u, ColumnBatch batch, int c, int from, int n);

    /**
     * Takes the next {@code n} values and puts those at offsets {@code rows[0, k)} into rows {@code
     * [from, from + k)} of column {@code c}; returns as {@link #read} does.
     */
    Object[] readAt(int u, ColumnBatch batch, int c, int from, int n, int[] rows, int k);

    /**
     * Reads the next {@code n} values of column {@code c} and keeps only those {@code judge} may
     * pass, in rows {@code [from, from + k)}, their offsets in {@code rows[0, k)} (ascending);
     * returns {@code k}, or -1 without reading anything when the column is not read so.
     *
     * @param spare room for {@code n} offsets, overwritten
     * @param keepLast keep the last value when none passes
     */
    int select(
        int u,
        ColumnBatch batch,
        int c,
        int from,
        int n,
        ColumnJudge judge,
        int[] rows,
        int[] spare,
        boolean keepLast);

    /** Copies rows {@code [from, from + n)} of column {@code source} into column {@code target}. */
    void copy(ColumnBatch batch, int source, int target, int from, int n);
  }

  private final int[] filterUnique;
  private final int[] filterOutput;
  private final BatchDomainFilter[] filters;

  /** Per filter column, the runtime keys restricting it, or null; its domain filter may be null. */
  private final RuntimeKeySet[] keys;

  /**
   * Per filter column, its domain and keys as the pages of a LONG or DOUBLE column are judged
   * ({@link Columns#select}), or null (a domain on other values).
   */
  private final ColumnJudge[] judges;

  private final int[] restUnique;
  private final int[] restOutput;

  /** Output places that repeat an earlier one ({@code copyTarget}) and the place they copy. */
  private final int[] copySource;

  private final int[] copyTarget;

  private final int[] misses;

  /** The filter columns in the order they are evaluated: the one keeping the fewest rows first. */
  private final int[] order;

  /** Per filter column: rows it was evaluated over, and rows it kept (halved now and then). */
  private final long[] seen;

  private final long[] passed;
  private int[] map = new int[0];
  private int[] scratch = new int[0];

  private ParquetBatchFilter(
      List<Integer> filterUnique,
      List<Integer> filterOutput,
      List<BatchDomainFilter> filters,
      List<RuntimeKeySet> keys,
      List<Integer> restUnique,
      List<Integer> restOutput,
      List<Integer> copySource,
      List<Integer> copyTarget) {
    this.filterUnique = ints(filterUnique);
    this.filterOutput = ints(filterOutput);
    this.filters = filters.toArray(new BatchDomainFilter[0]);
    this.keys = keys.toArray(new RuntimeKeySet[0]);
    this.judges = new ColumnJudge[this.filters.length];
    for (int f = 0; f < judges.length; f++) {
      BatchDomainFilter filter = this.filters[f];
      if (filter == null || filter.primitive()) {
        judges[f] = new ColumnJudge(filter, this.keys[f]);
      }
    }
    this.restUnique = ints(restUnique);
    this.restOutput = ints(restOutput);
    this.copySource = ints(copySource);
    this.copyTarget = ints(copyTarget);
    this.misses = new int[this.filters.length];
    this.order = new int[this.filters.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    this.seen = new long[order.length];
    this.passed = new long[order.length];
  }

  /**
   * The late filter of a scan, or null when no projected column has a domain this scan can evaluate
   * nor runtime keys.
   *
   * @param projection the file columns projected, in output order
   * @param outputToReader per output place, its unique column
   * @param types per output place, its type
   * @param filterable per unique column, whether it may filter (flat, decoded in the batch path)
   * @param runtimeKeys the runtime keys restricting file columns; those of a column not projected,
   *     or not read as 64-bit integers, are not used
   */
  static ParquetBatchFilter of(
      ScanPredicate predicate,
      int[] projection,
      int[] outputToReader,
      ColumnType[] types,
      boolean[] filterable,
      List<RuntimeKeyFilter> runtimeKeys) {
    if (predicate.isNone() || predicate.isAll() && runtimeKeys.isEmpty()) {
      return null;
    }
    List<Integer> filterUnique = new ArrayList<>();
    List<Integer> filterOutput = new ArrayList<>();
    List<BatchDomainFilter> filters = new ArrayList<>();
    List<RuntimeKeySet> keys = new ArrayList<>();
    List<Integer> restUnique = new ArrayList<>();
    List<Integer> restOutput = new ArrayList<>();
    List<Integer> copySource = new ArrayList<>();
    List<Integer> copyTarget = new ArrayList<>();
    int[] firstOutput = new int[filterable.length];
    Arrays.fill(firstOutput, -1);
    for (int out = 0; out < projection.length; out++) {
      int u = outputToReader[out];
      if (firstOutput[u] >= 0) {
        copySource.add(firstOutput[u]);
        copyTarget.add(out);
        continue;
      }
      firstOutput[u] = out;
      Domain domain = predicate.domain(projection[out]).orElse(null);
      BatchDomainFilter filter =
          domain == null || !filterable[u] ? null : BatchDomainFilter.of(types[out], domain);
      RuntimeKeySet keySet =
          filterable[u] && ColumnBatch.Kind.of(types[out]) == ColumnBatch.Kind.LONG
              ? keysOf(runtimeKeys, projection[out])
              : null;
      if (filter != null || keySet != null) {
        filterUnique.add(u);
        filterOutput.add(out);
        filters.add(filter);
        keys.add(keySet);
      } else {
        restUnique.add(u);
        restOutput.add(out);
      }
    }
    if (filters.isEmpty()) {
      return null;
    }
    return new ParquetBatchFilter(
        filterUnique, filterOutput, filters, keys, restUnique, restOutput, copySource, copyTarget);
  }

  /** The runtime keys restricting file column {@code column}, all of them; null when none. */
  private static RuntimeKeySet keysOf(List<RuntimeKeyFilter> runtimeKeys, int column) {
    RuntimeKeySet found = null;
    for (RuntimeKeyFilter f : runtimeKeys) {
      if (f.column() == column) {
        found = found == null ? f.keys() : new BothKeySets(found, f.keys());
      }
    }
    return found;
  }

  /** Whether some column is restricted by runtime keys: they filter even where every row passes. */
  boolean hasRuntimeKeys() {
    for (RuntimeKeySet k : keys) {
      if (k != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * The unique columns whose domains the filter evaluates, which must be decoded a page at a time
   * for the filter to be used in a row group.
   */
  int[] domainColumns() {
    int[] found = new int[filterUnique.length];
    int n = 0;
    for (int f = 0; f < filterUnique.length; f++) {
      if (filters[f] != null) {
        found[n++] = filterUnique[f];
      }
    }
    return Arrays.copyOf(found, n);
  }

  /**
   * Starts a row group: every column is evaluated again, but a column restricted by runtime keys
   * alone that is not decoded a page at a time in it ({@code byPage}, per unique column), which is
   * read but not evaluated.
   */
  void startRowGroup(boolean[] byPage) {
    Arrays.fill(misses, 0);
    for (int f = 0; f < filterUnique.length; f++) {
      if (filters[f] == null && !byPage[filterUnique[f]]) {
        misses[f] = MISSES;
      }
    }
  }

  /**
   * Reads the next {@code n} rows of every column into rows from {@code from} on, keeping only
   * those that may pass the filter, and returns how many it kept.
   *
   * @param keepOne keep at least one row (the last read) even when none may pass, so that the
   *     caller can hand back a batch (and its consumer check for cancellation) after a long stretch
   *     of rejected rows; the filter above drops it
   */
  int read(ColumnBatch batch, int from, int n, boolean keepOne, Columns columns) {
    if (map.length < n) {
      map = new int[n];
      scratch = new int[n];
    }
    int live = n;
    boolean narrowed = false;
    for (int step = 0; step < order.length; step++) {
      int f = order[step];
      int c = filterOutput[f];
      if (!narrowed
          && misses[f] < MISSES
          && judges[f] != null
          && 4 * passed[f] <= 3 * seen[f]
          && seen[f] > 0
          && judges[f].start()) {
        // judged as its pages are decoded, by dictionary entry where it can: the column comes
        // back holding only the rows that may pass. Only once the column has been seen to narrow
        // (a first window read whole and judged by value): a column keeping nearly every row
        // leaves the rows as they are
        int k =
            columns.select(filterUnique[f], batch, c, from, n, judges[f], scratch, map, keepOne);
        if (k >= 0) {
          seen[f] += live;
          passed[f] += k;
          // the column is compacted already: the rows narrow whatever share is kept
          misses[f] = 4L * k > 3L * live ? misses[f] + 1 : 0;
          for (int g = 0; g < step; g++) {
            compact(batch, filterOutput[order[g]], from, scratch, k, live, false);
          }
          System.arraycopy(scratch, 0, map, 0, k);
          narrowed = true;
          live = k;
          continue;
        }
      }
      Object[] dictionary =
          narrowed
              ? columns.readAt(filterUnique[f], batch, c, from, n, map, live)
              : columns.read(filterUnique[f], batch, c, from, n);
      if (misses[f] >= MISSES || live == 0) {
        continue;
      }
      int k = select(f, batch, c, from, live, dictionary);
      if (k < 0) {
        // runtime keys not known yet and no domain: nothing to evaluate, and no miss either
        continue;
      }
      seen[f] += live;
      passed[f] += k;
      if (k == 0 && keepOne) {
        scratch[0] = live - 1;
        k = 1;
      }
      if (4L * k > 3L * live) {
        misses[f]++;
        continue;
      }
      misses[f] = 0;
      for (int g = 0; g <= step; g++) {
        compact(batch, filterOutput[order[g]], from, scratch, k, live, false);
      }
      if (narrowed) {
        for (int i = 0; i < k; i++) {
          map[i] = map[scratch[i]];
        }
      } else {
        System.arraycopy(scratch, 0, map, 0, k);
      }
      narrowed = true;
      live = k;
    }
    for (int i = 0; i < restUnique.length; i++) {
      if (narrowed) {
        columns.readAt(restUnique[i], batch, restOutput[i], from, n, map, live);
      } else {
        columns.read(restUnique[i], batch, restOutput[i], from, n);
      }
    }
    for (int i = 0; i < copySource.length; i++) {
      columns.copy(batch, copySource[i], copyTarget[i], from, live);
    }
    reorder();
    return live;
  }

  /**
   * Evaluates filter column {@code f} over rows {@code [from, from + live)} into {@link #scratch};
   * returns how many rows may pass, or -1 when it has nothing to evaluate (runtime keys not yet
   * known and no domain).
   */
  private int select(int f, ColumnBatch batch, int c, int from, int live, Object[] dictionary) {
    RuntimeKeySet keySet = keys[f];
    boolean useKeys = keySet != null && keySet.ready() && batch.kind(c) == ColumnBatch.Kind.LONG;
    if (filters[f] == null && !useKeys) {
      return -1;
    }
    int k;
    if (filters[f] != null) {
      k = filters[f].select(batch, c, from, live, scratch, dictionary);
    } else {
      for (int i = 0; i < live; i++) {
        scratch[i] = i;
      }
      k = live;
    }
    return useKeys ? keySet.retain(batch.longs(c), batch.nulls(c), from, scratch, k) : k;
  }

  /** Two runtime key sets on one column: a row must be in both. */
  private record BothKeySets(RuntimeKeySet a, RuntimeKeySet b) implements RuntimeKeySet {
    @Override
    public boolean ready() {
      return a.ready() || b.ready();
    }

    @Override
    public int retain(long[] values, boolean[] nulls, int from, int[] rows, int k) {
      int kept = a.ready() ? a.retain(values, nulls, from, rows, k) : k;
      return b.ready() ? b.retain(values, nulls, from, rows, kept) : kept;
    }
  }

  /**
   * Puts the filter column that keeps the smallest share of the rows it sees first: the later ones
   * are then read and evaluated at few rows, and the rows they drop are moved few times.
   */
  private void reorder() {
    for (int i = 1; i < order.length; i++) {
      int f = order[i];
      int j = i;
      while (j > 0 && keeps(f) < keeps(order[j - 1])) {
        order[j] = order[j - 1];
        j--;
      }
      order[j] = f;
    }
    for (int f = 0; f < seen.length; f++) {
      if (seen[f] > 1 << 20) {
        // the recent rows count most: the data may change along the file
        seen[f] >>= 1;
        passed[f] >>= 1;
      }
    }
  }

  private double keeps(int f) {
    return misses[f] >= MISSES || seen[f] == 0 ? 1.0 : (double) passed[f] / seen[f];
  }

  /**
   * Moves rows {@code from + rows[i]} to {@code from + i}, {@code i < k}, in column {@code c}
   * ({@code rows} ascending, so no row is overwritten before it moves); {@code live} rows were
   * there. Dictionary numbers move along where the batch's column carries them, or {@code withIds}.
   */
  static void compact(
      ColumnBatch batch, int c, int from, int[] rows, int k, int live, boolean withIds) {
    boolean[] nulls = batch.nulls(c);
    for (int i = 0; i < k; i++) {
      nulls[from + i] = nulls[from + rows[i]];
    }
    if (batch.decimalScale(c) != ColumnBatch.OBJECTS) {
      long[] values = batch.decimalLongs(c);
      for (int i = 0; i < k; i++) {
        values[from + i] = values[from + rows[i]];
      }
      return;
    }
    switch (batch.kind(c)) {
      case LONG -> {
        long[] values = batch.longs(c);
        for (int i = 0; i < k; i++) {
          values[from + i] = values[from + rows[i]];
        }
      }
      case DOUBLE -> {
        double[] values = batch.doubles(c);
        for (int i = 0; i < k; i++) {
          values[from + i] = values[from + rows[i]];
        }
      }
      default -> {
        if (batch.dictionaryValueRows(c) >= from + live) {
          // rows held as their numbers alone: the numbers move, the objects are written when
          // someone asks for them
          int[] ids = batch.dictionaryIds(c);
          for (int i = 0; i < k; i++) {
            ids[from + i] = ids[from + rows[i]];
          }
          batch.setDictionaryValues(c, batch.dictionary(c), from + k);
          return;
        }
        Object[] values = batch.objects(c);
        for (int i = 0; i < k; i++) {
          values[from + i] = values[from + rows[i]];
        }
        // rows past the kept ones would otherwise hold their objects until overwritten
        Arrays.fill(values, from + k, from + live, null);
        if (withIds || batch.dictionary(c) != null) {
          int[] ids = batch.dictionaryIds(c);
          for (int i = 0; i < k; i++) {
            ids[from + i] = ids[from + rows[i]];
          }
        }
      }
    }
  }

  private static int[] ints(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }
}
