package dev.bucketsql.format;

/**
 * A forward-only cursor over the rows of a scan. Values follow {@link ColumnType}'s representation,
 * in the order of the scan's projection. Closing the cursor early stops all reading and aborts
 * requests in flight.
 */
public interface RowCursor extends AutoCloseable {
  /**
   * Moves to the next row.
   *
   * @return false when there are no more rows
   * @throws FormatException when the data is malformed; the message names the object key and the
   *     line or byte offset
   */
  boolean moveNext();

  /** The current row. The array belongs to the caller: the cursor does not reuse it. */
  Object[] current();

  /**
   * Fills {@code batch} with the next rows, column by column: the typed access for operators that
   * read many rows. The default reads row by row through {@link #moveNext()} and {@link
   * #current()}; a format may override it to decode values straight into the batch's arrays. Do not
   * mix with {@link #moveNext()} on the same cursor.
   *
   * @param batch whose column types are those of this scan's projection, in order
   * @return the rows now in {@code batch}; 0 only at the end of the scan
   * @throws FormatException when the data is malformed
   */
  default int nextBatch(ColumnBatch batch) {
    batch.clear();
    while (batch.size() < batch.capacity() && moveNext()) {
      batch.addRow(current());
    }
    return batch.size();
  }

  /** Stops reading and releases connections and buffers. */
  @Override
  void close();
}
