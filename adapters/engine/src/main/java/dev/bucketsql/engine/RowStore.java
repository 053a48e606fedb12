package dev.bucketsql.engine;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnBatch.Kind;
import dev.bucketsql.format.ColumnType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * Rows held by an operator (a join's build side, a sort's input, the top rows of a top-N), column
 * by column in growable typed arrays, numbered 0, 1, 2, ... as appended. It counts its own bytes
 * ({@link #bytes()}); the operator reserves them in its budget before they grow.
 *
 * <p>A store may leave columns out ({@link #RowStore(List, boolean[])}): such a column takes no
 * memory and reads as NULL in every row, for an operator whose consumer never reads it (a join's
 * build columns that nothing above the join uses).
 */
public final class RowStore {
  private final ColumnType[] types;
  private final Kind[] kinds;
  private final long[][] longs;
  private final double[][] doubles;
  private final Object[][] objects;
  private final boolean[][] nulls;

  /** Per column, whether a NULL was stored since the store was made or cleared. */
  private final boolean[] anyNull;

  /**
   * Per column, the bytes of each of its non-null values when the type alone says (a DECIMAL is
   * always a BigDecimal), else -1: counting them then reads no value, where the rows of a sorted
   * store point at values scattered over the heap and reading each one's header waits on memory.
   */
  private final long[] fixedBytes;

  /** Per column, whether the store holds it; a column left out has no arrays and is all NULL. */
  private final boolean[] held;

  private final long bytesPerRow;
  private long objectBytes;
  private int capacity;
  private int size;

  /** An empty store of rows of {@code types}. */
  public RowStore(List<ColumnType> types) {
    this(types, null);
  }

  /**
   * An empty store of rows of {@code types} holding only the columns {@code held} flags (all when
   * null): the others are NULL in every row, whatever was appended.
   */
  public RowStore(List<ColumnType> types, boolean[] held) {
    this.types = types.toArray(new ColumnType[0]);
    if (held != null && held.length != this.types.length) {
      throw new IllegalArgumentException(
          held.length + " flags of held columns for " + this.types.length + " columns");
    }
    int n = this.types.length;
    kinds = new Kind[n];
    longs = new long[n][];
    doubles = new double[n][];
    objects = new Object[n][];
    nulls = new boolean[n][];
    anyNull = new boolean[n];
    fixedBytes = new long[n];
    this.held = new boolean[n];
    int heldColumns = 0;
    for (int c = 0; c < n; c++) {
      fixedBytes[c] = this.types[c] == ColumnType.DECIMAL ? Cells.bytesOf(BigDecimal.ZERO) : -1;
      kinds[c] = Kind.of(this.types[c]);
      this.held[c] = held == null || held[c];
      // a column left out is all NULL
      anyNull[c] = !this.held[c];
      heldColumns += this.held[c] ? 1 : 0;
    }
    bytesPerRow = 9L * heldColumns; // 8 for the value or reference, 1 for the null flag
    grow(16);
  }

  /** Rows held. */
  public int size() {
    return size;
  }

  /** Columns of each row. */
  public int columnCount() {
    return types.length;
  }

  /** Bytes held: the arrays as allocated and the objects stored. */
  public long bytes() {
    return capacity * bytesPerRow + objectBytes;
  }

  /** {@link #bytes()} after appending row {@code r} of {@code batch}. */
  public long bytesAfterAppend(ColumnBatch batch, int r) {
    long arrays = (size < capacity ? capacity : grown()) * bytesPerRow;
    return arrays + objectBytes + objectBytesOf(batch, r);
  }

  private int grown() {
    return capacity + Math.max(16, capacity >> 1);
  }

  /** The bytes of non-null value {@code v} of column {@code c}, as {@link Cells#bytesOf}. */
  private long bytesOf(int c, Object v) {
    long fixed = fixedBytes[c];
    return fixed >= 0 ? fixed : Cells.bytesOf(v);
  }

  private long objectBytesOf(ColumnBatch batch, int r) {
    long bytes = 0;
    for (int c = 0; c < kinds.length; c++) {
      if (kinds[c] == Kind.OBJECT && held[c] && !batch.nulls(c)[r]) {
        bytes += bytesOf(c, batch.objects(c)[r]);
      }
    }
    return bytes;
  }

  /**
   * {@link #bytes()} after appending rows {@code from} to {@code from + count - 1} of {@code
   * batch}: the arrays grown as often as appending them one by one grows them.
   */
  public long bytesAfterAppend(ColumnBatch batch, int from, int count) {
    return bytesAfterAppend(count, objectBytes(batch, from, count));
  }

  /**
   * {@link #bytes()} after appending {@code count} rows whose objects cost {@code rowsObjectBytes}
   * ({@link #objectBytes}): a caller that reserves before it appends counts its rows' objects once
   * and hands the figure to {@link #appendAll(ColumnBatch, int, int, long)}, rather than reading
   * every value's header twice.
   */
  public long bytesAfterAppend(int count, long rowsObjectBytes) {
    int c = capacity;
    while (c < size + count) {
      c = c + Math.max(16, c >> 1);
    }
    return c * bytesPerRow + objectBytes + rowsObjectBytes;
  }

  /**
   * The estimated bytes of the non-null objects of rows {@code from} to {@code from + count - 1} of
   * {@code batch}, as {@link Cells#bytesOf} counts them, a column at a time: the loads of one
   * column's values do not wait on each other.
   */
  public long objectBytes(ColumnBatch batch, int from, int count) {
    long bytes = 0;
    for (int c = 0; c < kinds.length; c++) {
      if (kinds[c] != Kind.OBJECT || !held[c]) {
        continue;
      }
      boolean[] n = batch.nulls(c);
      long fixed = fixedBytes[c];
      if (fixed >= 0) {
        int present = 0;
        for (int r = from; r < from + count; r++) {
          present += n[r] ? 0 : 1;
        }
        bytes += fixed * present;
      } else {
        bytes += Cells.objectBytes(batch.objects(c), n, from, count);
      }
    }
    return bytes;
  }

  /**
   * Appends rows {@code from} to {@code from + count - 1} of {@code batch}, a column at a time (one
   * array copy per column where {@link #append} goes cell by cell).
   */
  public void appendAll(ColumnBatch batch, int from, int count) {
    appendAll(batch, from, count, objectBytes(batch, from, count));
  }

  /**
   * As {@link #appendAll(ColumnBatch, int, int)}, given the rows' {@link #objectBytes} (computed
   * for these very rows, unchanged since): the objects are then stored without being read.
   */
  public void appendAll(ColumnBatch batch, int from, int count, long rowsObjectBytes) {
    int need = size + count;
    if (need > capacity) {
      int c = capacity;
      while (c < need) {
        c = c + Math.max(16, c >> 1);
      }
      grow(c);
    }
    for (int c = 0; c < kinds.length; c++) {
      if (!held[c]) {
        continue;
      }
      boolean[] n = batch.nulls(c);
      System.arraycopy(n, from, nulls[c], size, count);
      for (int r = from; r < from + count && !anyNull[c]; r++) {
        anyNull[c] = n[r];
      }
      switch (kinds[c]) {
        case LONG -> System.arraycopy(batch.longs(c), from, longs[c], size, count);
        case DOUBLE -> System.arraycopy(batch.doubles(c), from, doubles[c], size, count);
        default -> {
          Object[] v = batch.objects(c);
          Object[] o = objects[c];
          for (int r = from, i = size; r < from + count; r++, i++) {
            o[i] = n[r] ? null : v[r];
          }
        }
      }
    }
    objectBytes += rowsObjectBytes;
    size = need;
  }

  /**
   * Whether column {@code c} may hold a NULL: false when none was stored since the store was made
   * or cleared.
   */
  public boolean mayHoldNull(int c) {
    return anyNull[c];
  }

  /** Appends row {@code r} of {@code batch}, whose columns are this store's; returns its number. */
  public int append(ColumnBatch batch, int r) {
    if (size == capacity) {
      grow(grown());
    }
    set(size, batch, r);
    return size++;
  }

  /** Overwrites row {@code row} (appended before) with row {@code r} of {@code batch}. */
  public void set(int row, ColumnBatch batch, int r) {
    for (int c = 0; c < kinds.length; c++) {
      if (!held[c]) {
        continue;
      }
      boolean isNull = batch.nulls(c)[r];
      nulls[c][row] = isNull;
      anyNull[c] |= isNull;
      switch (kinds[c]) {
        case LONG -> longs[c][row] = isNull ? 0 : batch.longs(c)[r];
        case DOUBLE -> doubles[c][row] = isNull ? 0 : batch.doubles(c)[r];
        default -> {
          Object old = objects[c][row];
          if (old != null) {
            objectBytes -= bytesOf(c, old);
          }
          Object v = isNull ? null : batch.objects(c)[r];
          objects[c][row] = v;
          if (v != null) {
            objectBytes += bytesOf(c, v);
          }
        }
      }
    }
  }

  /**
   * Copies row {@code row} to row {@code outRow} of {@code out}, columns from {@code outColumn}.
   */
  public void copyTo(int row, ColumnBatch out, int outRow, int outColumn) {
    for (int c = 0; c < kinds.length; c++) {
      int oc = outColumn + c;
      if (!held[c]) {
        Cells.setNull(out, oc, outRow);
        continue;
      }
      boolean isNull = nulls[c][row];
      out.nulls(oc)[outRow] = isNull;
      switch (kinds[c]) {
        case LONG -> out.longs(oc)[outRow] = longs[c][row];
        case DOUBLE -> out.doubles(oc)[outRow] = doubles[c][row];
        default -> out.objects(oc)[outRow] = objects[c][row];
      }
    }
  }

  /**
   * Copies rows {@code rows[from]} to {@code rows[from + count - 1]} to rows 0 to {@code count - 1}
   * of {@code out}, columns from {@code outColumn}, a column at a time: the loads of one column's
   * rows do not wait on each other, where a row at a time goes from array to array.
   */
  public void gather(int[] rows, int from, int count, ColumnBatch out, int outColumn) {
    gather(rows, from, count, out, 0, outColumn, false);
  }

  /**
   * As {@link #gather(int[], int, int, ColumnBatch, int)}, to rows {@code outRow} on of {@code
   * out}; with {@code absentRows}, a row number below 0 writes NULLs (an outer join's unmatched
   * row).
   */
  public void gather(
      int[] rows,
      int from,
      int count,
      ColumnBatch out,
      int outRow,
      int outColumn,
      boolean absentRows) {
    if (absentRows) {
      for (int i = 0; i < count; i++) {
        int row = rows[from + i];
        if (row < 0) {
          for (int c = 0; c < kinds.length; c++) {
            Cells.setNull(out, outColumn + c, outRow + i);
          }
        } else {
          copyTo(row, out, outRow + i, outColumn);
        }
      }
      return;
    }
    for (int c = 0; c < kinds.length; c++) {
      gatherColumn(c, rows, from, count, out, outRow, outColumn + c);
    }
  }

  /**
   * Copies column {@code c} of rows {@code rows[from, from + count)} to rows {@code outRow} on of
   * {@code out}'s column {@code oc}.
   */
  public void gatherColumn(
      int c, int[] rows, int from, int count, ColumnBatch out, int outRow, int oc) {
    boolean[] n = nulls[c];
    boolean[] on = out.nulls(oc);
    if (!held[c]) {
      for (int i = 0; i < count; i++) {
        Cells.setNull(out, oc, outRow + i);
      }
      return;
    }
    if (anyNull[c]) {
      for (int i = 0; i < count; i++) {
        on[outRow + i] = n[rows[from + i]];
      }
    } else {
      // no NULL to look up: a scattered load less per row
      Arrays.fill(on, outRow, outRow + count, false);
    }
    switch (kinds[c]) {
      case LONG -> {
        long[] v = longs[c];
        long[] o = out.longs(oc);
        for (int i = 0; i < count; i++) {
          o[outRow + i] = v[rows[from + i]];
        }
      }
      case DOUBLE -> {
        double[] v = doubles[c];
        double[] o = out.doubles(oc);
        for (int i = 0; i < count; i++) {
          o[outRow + i] = v[rows[from + i]];
        }
      }
      default -> {
        Object[] v = objects[c];
        Object[] o = out.objects(oc);
        for (int i = 0; i < count; i++) {
          o[outRow + i] = v[rows[from + i]];
        }
      }
    }
  }

  /** Whether column {@code c} of row {@code row} is null: always, for a column left out. */
  public boolean isNull(int c, int row) {
    boolean[] n = nulls[c];
    return n == null || n[row];
  }

  /** Whether the store holds column {@code c}, rather than leaving it out (all NULL). */
  public boolean holds(int c) {
    return held[c];
  }

  /** The value of a LONG column. */
  public long longAt(int c, int row) {
    return longs[c][row];
  }

  /** The value of a DOUBLE column. */
  public double doubleAt(int c, int row) {
    return doubles[c][row];
  }

  /** The value of an OBJECT column (null when null). */
  public Object objectAt(int c, int row) {
    return objects[c][row];
  }

  /** How column {@code c} is held. */
  public Kind kind(int c) {
    return kinds[c];
  }

  /**
   * Orders rows {@code a} and {@code b} by column {@code c}, both non-null: the order {@link Cells}
   * defines.
   */
  public int compare(int c, int a, int b) {
    return switch (kinds[c]) {
      case LONG -> Long.compare(longs[c][a], longs[c][b]);
      case DOUBLE -> Cells.compareDoubles(doubles[c][a], doubles[c][b]);
      default -> Cells.compareObjects(objects[c][a], objects[c][b]);
    };
  }

  /**
   * Drops the first {@code n} rows, keeping the arrays: the others move down, row {@code n}
   * becoming row 0. What a window holding the rows its frame still needs calls as the frame moves
   * on.
   */
  public void removeFirst(int n) {
    if (n < 0 || n > size) {
      throw new IllegalArgumentException("cannot drop " + n + " of " + size + " rows");
    }
    int left = size - n;
    for (int c = 0; c < kinds.length; c++) {
      if (!held[c]) {
        continue;
      }
      System.arraycopy(nulls[c], n, nulls[c], 0, left);
      switch (kinds[c]) {
        case LONG -> System.arraycopy(longs[c], n, longs[c], 0, left);
        case DOUBLE -> System.arraycopy(doubles[c], n, doubles[c], 0, left);
        default -> {
          Object[] o = objects[c];
          for (int r = 0; r < n; r++) {
            if (o[r] != null) {
              objectBytes -= bytesOf(c, o[r]);
            }
          }
          System.arraycopy(o, n, o, 0, left);
          Arrays.fill(o, left, size, null);
        }
      }
    }
    size = left;
  }

  /** Drops every row, keeping the arrays. */
  public void clear() {
    for (Object[] o : objects) {
      if (o != null) {
        Arrays.fill(o, 0, size, null);
      }
    }
    objectBytes = 0;
    size = 0;
    for (int c = 0; c < anyNull.length; c++) {
      anyNull[c] = !held[c];
    }
  }

  private void grow(int newCapacity) {
    for (int c = 0; c < kinds.length; c++) {
      if (!held[c]) {
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
    capacity = newCapacity;
  }
}
