package dev.bucketsql.engine.aggregate;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnBatch.Kind;
import dev.bucketsql.format.ColumnType;
import java.util.Arrays;
import java.util.List;

/**
 * The groups of rows whose key columns all carry dictionary numbers ({@link
 * ColumnBatch#dictionaryIds}), found by those numbers: the numbers of a row's key columns make one
 * small integer, an index into an array of the groups found so far for that combination. So
 * grouping by a few distinct strings (TPC-H q01's {@code l_returnflag, l_linestatus}) costs a few
 * array loads per row, no hash of a string and no comparison of one.
 *
 * <p>It is a cache in front of the aggregate's key table, never a table of its own: a combination
 * not seen yet goes through the key table, which finds or adds the group by the row's values as
 * before, and the cache remembers the answer ({@link #remember}). So groups, their numbers and
 * their first-seen values are those of the key table alone. The cache starts again when the
 * dictionaries change (each Parquet row group has its own). A row's numbers count only where its
 * objects are identical to the dictionary's values of those numbers (the batch's contract), or
 * where the column is held as the numbers alone ({@link ColumnBatch#dictionaryValueRows}), whose
 * objects are those values by construction and are then never written; any other row, NULL keys
 * included, goes through the key table.
 */
final class DictionaryGroups {
  /** Combinations of numbers at most: the array of groups stays a few kilobytes. */
  static final int MAX_COMBINATIONS = 1 << 12;

  private final int[] keys;
  private final Object[][] dictionaries;
  private final int[] strides;
  private int[] groups = new int[0];
  private int[] codes = new int[0];

  private DictionaryGroups(int[] keys) {
    this.keys = keys.clone();
    dictionaries = new Object[keys.length][];
    strides = new int[keys.length];
  }

  /**
   * A cache for key columns {@code keys} of {@code types}, or null when one is not held as objects.
   */
  static DictionaryGroups of(int[] keys, List<ColumnType> types) {
    if (keys.length == 0) {
      return null;
    }
    for (int k : keys) {
      if (Kind.of(types.get(k)) != Kind.OBJECT) {
        return null;
      }
    }
    return new DictionaryGroups(keys);
  }

  /**
   * The groups of rows {@code [0, n)} of {@code b} the cache knows into {@code found}, -1 for the
   * others.
   *
   * @return false, with {@code found} untouched, when a key column carries no numbers or the
   *     dictionaries are too large to combine: then the caller looks up every row itself
   */
  boolean findAll(ColumnBatch b, int n, int[] found) {
    if (!sameDictionaries(b) && !start(b)) {
      return false;
    }
    if (codes.length < n) {
      codes = new int[Math.max(n, b.capacity())];
    }
    int[] code = codes;
    Arrays.fill(code, 0, n, 0);
    for (int i = 0; i < keys.length; i++) {
      int c = keys[i];
      Object[] dictionary = dictionaries[i];
      int size = dictionary.length;
      int stride = strides[i];
      int[] ids = b.dictionaryIds(c);
      boolean[] nulls = b.nulls(c);
      if (b.dictionaryValueRows(c) >= n) {
        // held as numbers alone: each row is its dictionary's value of its number, no object to
        // compare (and none written for the asking)
        for (int r = 0; r < n; r++) {
          int id = ids[r];
          boolean numbered = code[r] >= 0 && !nulls[r] && id >= 0 && id < size;
          code[r] = numbered ? code[r] + id * stride : -1;
        }
        continue;
      }
      Object[] values = b.objects(c);
      for (int r = 0; r < n; r++) {
        int id = ids[r];
        // a row whose object is not the dictionary's value of its number is not described by it
        boolean numbered =
            code[r] >= 0 && !nulls[r] && id >= 0 && id < size && values[r] == dictionary[id];
        code[r] = numbered ? code[r] + id * stride : -1;
      }
    }
    int[] g = groups;
    for (int r = 0; r < n; r++) {
      found[r] = code[r] < 0 ? -1 : g[code[r]];
    }
    return true;
  }

  /**
   * The group the cache knows now for row {@code r} of the batch last passed to {@link #findAll}
   * (which returned true), or -1.
   */
  int known(int r) {
    int code = codes[r];
    return code < 0 ? -1 : groups[code];
  }

  /**
   * Remembers that row {@code r} of the batch last passed to {@link #findAll} (which returned true)
   * is in group {@code group}.
   */
  void remember(int r, int group) {
    int code = codes[r];
    if (code >= 0) {
      groups[code] = group;
    }
  }

  private boolean sameDictionaries(ColumnBatch b) {
    for (int i = 0; i < keys.length; i++) {
      Object[] d = b.dictionary(keys[i]);
      if (d == null || d != dictionaries[i]) {
        return false;
      }
    }
    return true;
  }

  /** Starts the cache over for the dictionaries of {@code b}: false when it cannot. */
  private boolean start(ColumnBatch b) {
    long combinations = 1;
    for (int k : keys) {
      Object[] d = b.dictionary(k);
      if (d == null) {
        return false;
      }
      combinations *= Math.max(1, d.length);
      if (combinations > MAX_COMBINATIONS) {
        return false;
      }
    }
    int stride = 1;
    for (int i = keys.length - 1; i >= 0; i--) {
      dictionaries[i] = b.dictionary(keys[i]);
      strides[i] = stride;
      stride *= Math.max(1, dictionaries[i].length);
    }
    if (groups.length < combinations) {
      groups = new int[(int) combinations];
    }
    Arrays.fill(groups, -1);
    return true;
  }
}
