package dev.bucketsql.csv;

import java.util.Arrays;

/**
 * Where the fields of the record being read lie in the reader's buffer: start, end and flags of
 * each, indexed by field. Grows with the widest record, up to one past the column limit.
 */
final class CsvFieldBounds {
  private final int maxColumns;
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private byte[] flags = new byte[16];

  CsvFieldBounds(int maxColumns) {
    this.maxColumns = maxColumns;
  }

  /** Records field {@code field}: bytes {@code [start, end)} with {@code flag}. */
  void set(int field, int start, int end, byte flag) {
    if (field == starts.length) {
      int n = (int) Math.min(field * 2L, maxColumns + 1L);
      starts = Arrays.copyOf(starts, n);
      ends = Arrays.copyOf(ends, n);
      flags = Arrays.copyOf(flags, n);
    }
    starts[field] = start;
    ends[field] = end;
    flags[field] = flag;
  }

  int start(int field) {
    return starts[field];
  }

  int end(int field) {
    return ends[field];
  }

  byte flags(int field) {
    return flags[field];
  }

  /** The buffer's bytes moved {@code shift} places to the left; fields below {@code n} follow. */
  void shift(int n, int shift) {
    for (int i = 0; i < Math.min(n, starts.length); i++) {
      starts[i] -= shift;
      ends[i] -= shift;
    }
  }
}
