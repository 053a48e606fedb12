package dev.bucketsql.calcite.exec;

import dev.bucketsql.engine.hash.JoinIndex;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnBatch.Kind;
import java.util.Arrays;

/**
 * The stored rows of a join's build side, column by column and only the columns the aggregate reads
 * (none for {@code COUNT(*)} grouped by a build column: then each row keeps just its group number).
 * Rows are numbered in the order added, as {@link JoinIndex} chains them.
 */
final class BuildRows implements Frame.Columns {
  private final Kind[] kinds;
  private final boolean[] stored;
  private final boolean withGroups;
  private final long[][] longs;
  private final double[][] doubles;
  private final Object[][] objects;
  private final boolean[][] nulls;
  private int[] groups = new int[0];
  private final long bytesPerRow;
  private long objectBytes;
  private int capacity;
  private int size;

  /**
   * @param kinds how each column of the side is held
   * @param stored which columns to keep
   * @param withGroups whether each row keeps its group number
   */
  BuildRows(Kind[] kinds, boolean[] stored, boolean withGroups) {
    this.kinds = kinds.clone();
    this.stored = stored.clone();
    this.withGroups = withGroups;
    int n = kinds.length;
    longs = new long[n][];
    doubles = new double[n][];
    objects = new Object[n][];
    nulls = new boolean[n][];
    long perRow = withGroups ? 4 : 0;
    for (int c = 0; c < n; c++) {
      if (stored[c]) {
        perRow += 9; // 8 for the value or reference, 1 for the null flag
      }
    }
    bytesPerRow = perRow;
  }

  int size() {
    return size;
  }

  /** Bytes held: the arrays as allocated, plus the objects stored. */
  long bytes() {
    return capacity * bytesPerRow + objectBytes;
  }

  /** {@link #bytes()} after the next {@link #add}, before counting that row's objects. */
  long bytesAfterNextAdd() {
    return size < capacity ? bytes() : grownCapacity() * bytesPerRow + objectBytes;
  }

  private int grownCapacity() {
    return Math.max(1024, capacity + (capacity >> 1));
  }

  /**
   * Stores row {@code k} of {@code batch} (a batch of this side's columns), in group {@code group}.
   */
  void add(ColumnBatch batch, int k, int group) {
    if (size == capacity) {
      grow(grownCapacity());
    }
    for (int c = 0; c < kinds.length; c++) {
      if (!stored[c]) {
        continue;
      }
      boolean isNull = batch.nulls(c)[k];
      nulls[c][size] = isNull;
      if (isNull) {
        continue;
      }
      switch (kinds[c]) {
        case LONG -> longs[c][size] = batch.longs(c)[k];
        case DOUBLE -> doubles[c][size] = batch.doubles(c)[k];
        default -> {
          Object v = batch.objects(c)[k];
          objects[c][size] = v;
          objectBytes += v instanceof String s ? 40 + 2L * s.length() : 32;
        }
      }
    }
    if (withGroups) {
      groups[size] = group;
    }
    size++;
  }

  /** The group number of row {@code row}. */
  int group(int row) {
    return groups[row];
  }

  private void grow(int newCapacity) {
    for (int c = 0; c < kinds.length; c++) {
      if (!stored[c]) {
        continue;
      }
      nulls[c] = Arrays.copyOf(nulls[c] == null ? new boolean[0] : nulls[c], newCapacity);
      switch (kinds[c]) {
        case LONG ->
            longs[c] = Arrays.copyOf(longs[c] == null ? new long[0] : longs[c], newCapacity);
        case DOUBLE ->
            doubles[c] =
                Arrays.copyOf(doubles[c] == null ? new double[0] : doubles[c], newCapacity);
        default ->
            objects[c] =
                Arrays.copyOf(objects[c] == null ? new Object[0] : objects[c], newCapacity);
      }
    }
    if (withGroups) {
      groups = Arrays.copyOf(groups, newCapacity);
    }
    capacity = newCapacity;
  }

  @Override
  public long[] longs(int c) {
    return longs[c];
  }

  @Override
  public double[] doubles(int c) {
    return doubles[c];
  }

  @Override
  public Object[] objects(int c) {
    return objects[c];
  }

  @Override
  public boolean[] nulls(int c) {
    return nulls[c];
  }
}
