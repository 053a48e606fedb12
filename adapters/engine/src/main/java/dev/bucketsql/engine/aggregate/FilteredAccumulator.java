package dev.bucketsql.engine.aggregate;

import dev.bucketsql.format.ColumnBatch;

/**
 * {@code agg(...) FILTER (WHERE f)}: passes on only the rows whose BOOLEAN column {@code f} is TRUE
 * (not FALSE, not NULL), so a group none of whose rows pass is the call's value over no row.
 */
final class FilteredAccumulator extends Accumulator {
  private final Accumulator inner;
  private final int filter;
  private int[] groups = new int[0];
  private int[] rows = new int[0];

  FilteredAccumulator(Accumulator inner, int filter) {
    this.inner = inner;
    this.filter = filter;
  }

  @Override
  void grow(int groups) {
    inner.grow(groups);
  }

  @Override
  long bytesPerGroup() {
    return inner.bytesPerGroup();
  }

  @Override
  void add(ColumnBatch batch, int[] groupOf, int[] rowOf, int n) {
    if (groups.length < n) {
      groups = new int[Math.max(n, 16)];
      rows = new int[groups.length];
    }
    boolean[] nulls = batch.nulls(filter);
    long[] values = batch.longs(filter);
    int m = 0;
    for (int i = 0; i < n; i++) {
      int r = rowOf[i];
      if (!nulls[r] && values[r] != 0) {
        groups[m] = groupOf[i];
        rows[m++] = r;
      }
    }
    if (m > 0) {
      inner.add(batch, groups, rows, m);
    }
  }

  @Override
  void finish() {
    inner.finish();
  }

  @Override
  void release() {
    inner.release();
  }

  @Override
  void write(int g, ColumnBatch out, int c, int r) {
    inner.write(g, out, c, r);
  }
}
