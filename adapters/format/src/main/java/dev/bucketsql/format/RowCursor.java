package dev.bucketsql.format;

/**
 * A forward-only cursor over the rows of a scan. Values follow {@link ColumnType}'s
 * representation, in the order of the scan's projection. Closing the cursor early stops all
 * reading and aborts requests in flight.
 */
public interface RowCursor extends AutoCloseable {
  /**
   * Moves to the next row.
   *
   * @return false when there are no more rows
   * @throws FormatException when the data is malformed; the message names the object key and
   *     the line or byte offset
   */
  boolean moveNext();

  /**
   * The current row. The array belongs to the caller: the cursor does not reuse it.
   */
  Object[] current();

  /** Stops reading and releases connections and buffers. */
  @Override
  void close();
}
