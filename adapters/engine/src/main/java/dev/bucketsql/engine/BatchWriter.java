package dev.bucketsql.engine;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.List;

/**
 * The output batch of an operator that makes its rows one at a time (a join, a sort): rows go in at
 * {@link #row()}, {@link #commit()} counts one, and the batch is handed out when full.
 */
public final class BatchWriter {
  private final ColumnBatch batch;
  private int size;

  /** A writer of batches of {@code types} holding {@code capacity} rows. */
  public BatchWriter(List<ColumnType> types, int capacity) {
    batch = new ColumnBatch(types.toArray(new ColumnType[0]), capacity);
  }

  /** The batch rows are written into. */
  public ColumnBatch batch() {
    return batch;
  }

  /** The row to write next. */
  public int row() {
    return size;
  }

  /** Counts the row written at {@link #row()}. */
  public void commit() {
    size++;
  }

  /** Counts {@code n} rows written from {@link #row()} on, all at once. */
  public void commit(int n) {
    if (n < 0 || size + n > batch.capacity()) {
      throw new IllegalArgumentException(
          "cannot commit " + n + " rows at row " + size + " of " + batch.capacity());
    }
    size += n;
  }

  /** Rows that still fit. */
  public int room() {
    return batch.capacity() - size;
  }

  /** Whether no more row fits. */
  public boolean full() {
    return size == batch.capacity();
  }

  /** Whether no row was written since the last {@link #take()}. */
  public boolean isEmpty() {
    return size == 0;
  }

  /** The batch of the rows written, or null when none; the next row starts a new batch. */
  public ColumnBatch take() {
    if (size == 0) {
      return null;
    }
    batch.setSize(size);
    size = 0;
    return batch;
  }
}
