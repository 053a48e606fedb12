package dev.bucketsql.parquet;

import dev.bucketsql.format.predicate.RuntimeKeySet;
import java.util.Arrays;

/**
 * What the late filter asks of one filter column read as {@code long}s or {@code double}s straight
 * from its pages ({@link PrimitivePageDecoder#select}): its domain ({@link BatchDomainFilter}) and,
 * once they are ready, the keys of a join above ({@link RuntimeKeySet}), applied to values, or to
 * the entries of a dictionary once each, so that the rows of a dictionary-encoded page are judged
 * by their numbers alone and only the values of the rows that pass are looked up.
 *
 * <p>An entry's verdict is the verdict its value gets as a row's value without NULL, so a row is
 * kept exactly when the value path would keep it.
 */
final class ColumnJudge {
  private final BatchDomainFilter filter;
  private final RuntimeKeySet keys;

  /** Whether the keys are applied in this window: they are asked whether ready once per window. */
  private boolean withKeys;

  /** The dictionary {@link #verdicts} judge, and whether with the keys. */
  private Object judged;

  private boolean judgedWithKeys;

  /** Per dictionary entry: 1 when it passes, 0 when not. */
  private byte[] verdicts = new byte[0];

  private boolean[] noNulls = new boolean[0];
  private int[] entries = new int[0];

  /**
   * @param filter the column's domain, or null
   * @param keys the runtime keys restricting the column, or null
   */
  ColumnJudge(BatchDomainFilter filter, RuntimeKeySet keys) {
    this.filter = filter;
    this.keys = keys;
  }

  /**
   * Starts a window: whether there is anything to judge (a domain, or keys that are ready), the
   * keys then being applied until the next window.
   */
  boolean start() {
    withKeys = keys != null && keys.ready();
    return filter != null || withKeys;
  }

  /**
   * Puts into {@code out} the offsets {@code i} (ascending) of the values {@code from + i}, {@code
   * i < n}, that may pass, and returns how many.
   */
  int judge(long[] values, boolean[] nulls, int from, int n, int[] out) {
    int k;
    if (filter != null) {
      k = filter.selectLongs(values, nulls, from, n, out);
    } else {
      for (int i = 0; i < n; i++) {
        out[i] = i;
      }
      k = n;
    }
    return withKeys ? keys.retain(values, nulls, from, out, k) : k;
  }

  /** As {@link #judge(long[], boolean[], int, int, int[])}, for DOUBLE values (no keys apply). */
  int judge(double[] values, boolean[] nulls, int from, int n, int[] out) {
    return filter.selectDoubles(values, nulls, from, n, out);
  }

  /** Per entry of {@code dictionary}: 1 when a row holding it may pass, else 0. */
  byte[] verdicts(long[] dictionary) {
    if (judged != dictionary || judgedWithKeys != withKeys) {
      int n = prepare(dictionary.length);
      int k = judge(dictionary, noNulls, 0, n, entries);
      mark(dictionary, k);
    }
    return verdicts;
  }

  /** As {@link #verdicts(long[])}, for a dictionary of DOUBLE values. */
  byte[] verdicts(double[] dictionary) {
    if (judged != dictionary || judgedWithKeys != withKeys) {
      int n = prepare(dictionary.length);
      int k = judge(dictionary, noNulls, 0, n, entries);
      mark(dictionary, k);
    }
    return verdicts;
  }

  private int prepare(int n) {
    if (verdicts.length < n) {
      verdicts = new byte[n];
      noNulls = new boolean[n];
      entries = new int[n];
    }
    Arrays.fill(verdicts, 0, n, (byte) 0);
    return n;
  }

  private void mark(Object dictionary, int k) {
    for (int i = 0; i < k; i++) {
      verdicts[entries[i]] = 1;
    }
    judged = dictionary;
    judgedWithKeys = withKeys;
  }
}
