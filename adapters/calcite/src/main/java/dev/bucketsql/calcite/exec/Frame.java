package dev.bucketsql.calcite.exec;

import dev.bucketsql.format.ColumnBatch;

/**
 * The joined row an {@link Operand} reads: one row of the probe side (in the current batch) and one
 * row of the build side (stored, or in the batch being built).
 */
final class Frame {
  /** Index of the probe side in {@link #columns} and {@link #rows}. */
  static final int PROBE = 0;

  /** Index of the build side. */
  static final int BUILD = 1;

  final Columns[] columns = new Columns[2];
  final int[] rows = new int[2];

  /** Column-wise values of one side. */
  interface Columns {
    long[] longs(int c);

    double[] doubles(int c);

    Object[] objects(int c);

    boolean[] nulls(int c);
  }

  /** A {@link ColumnBatch} seen as {@link Columns}. */
  static Columns of(ColumnBatch batch) {
    return new Columns() {
      @Override
      public long[] longs(int c) {
        return batch.longs(c);
      }

      @Override
      public double[] doubles(int c) {
        return batch.doubles(c);
      }

      @Override
      public Object[] objects(int c) {
        return batch.objects(c);
      }

      @Override
      public boolean[] nulls(int c) {
        return batch.nulls(c);
      }
    };
  }
}
