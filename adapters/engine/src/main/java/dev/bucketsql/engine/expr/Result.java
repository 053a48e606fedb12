package dev.bucketsql.engine.expr;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;

/** The one-column batch an expression writes its values into, grown to the input's size. */
final class Result {
  private final ColumnType[] type;
  private ColumnBatch batch;

  Result(ColumnType type) {
    this.type = new ColumnType[] {type};
  }

  /** The batch for {@code rows} rows, its size set. */
  ColumnBatch of(int rows) {
    if (batch == null || batch.capacity() < rows) {
      batch = new ColumnBatch(type, Math.max(rows, 16));
    }
    batch.setSize(rows);
    return batch;
  }
}
