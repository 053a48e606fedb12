package dev.bucketsql.engine.aggregate;

import dev.bucketsql.format.ColumnBatch;
import java.util.Arrays;

/**
 * The state of one aggregate call for every group, in arrays indexed by group number, updated a
 * batch at a time: {@link #add} runs one loop over the selected rows of a batch.
 */
abstract class Accumulator {
  /** Makes room for groups numbered below {@code groups}. */
  abstract void grow(int groups);

  /** The bytes a group costs in this accumulator (its slot in each array, grown by half). */
  abstract long bytesPerGroup();

  /**
   * Adds {@code n} rows of {@code batch}: row {@code rows[i]} belongs to group {@code groups[i]}.
   */
  abstract void add(ColumnBatch batch, int[] groups, int[] rows, int n);

  /** Ends the input: called once after the last {@link #add}, before any {@link #write}. */
  void finish() {}

  /** Deletes whatever the accumulator spilled: the aggregate closed or failed. */
  void release() {}

  /**
   * Empties group {@code g} again, as if no row had been added to it: a window's aggregate starts
   * each partition in the same slot. Only the plain accumulators of {@link Accumulators} can.
   */
  void reset(int g) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot be reset");
  }

  /**
   * Takes row {@code r} of {@code batch}, added to group {@code g} before, out of the group again,
   * as if it had never been added: a window's moving frame drops the row leaving it.
   *
   * @return false when the group's value is not known exactly without it (an accumulator that
   *     cannot remove, a DECIMAL sum whose last value of the largest scale left): then the group
   *     must be reset and its rows added again
   */
  boolean remove(ColumnBatch batch, int g, int r) {
    return false;
  }

  /** Writes the result of group {@code g} to column {@code c}, row {@code r} of {@code out}. */
  abstract void write(int g, ColumnBatch out, int c, int r);

  /** A capacity of at least {@code needed}, growing by half. */
  static int capacity(int current, int needed) {
    int c = Math.max(current, 16);
    while (c < needed) {
      c = c + (c >> 1);
    }
    return c;
  }

  static long[] grown(long[] a, int groups) {
    return groups <= a.length ? a : Arrays.copyOf(a, capacity(a.length, groups));
  }

  static double[] grown(double[] a, int groups) {
    return groups <= a.length ? a : Arrays.copyOf(a, capacity(a.length, groups));
  }

  static boolean[] grown(boolean[] a, int groups) {
    return groups <= a.length ? a : Arrays.copyOf(a, capacity(a.length, groups));
  }

  static <T> T[] grown(T[] a, int groups) {
    return groups <= a.length ? a : Arrays.copyOf(a, capacity(a.length, groups));
  }
}
