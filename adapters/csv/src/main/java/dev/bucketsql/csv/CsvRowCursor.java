package dev.bucketsql.csv;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.RowCursor;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of a sequential scan; with no converter, rows without values (a count). Only projected
 * fields are converted; a value that does not fit its column's type fails the scan rather than
 * becoming NULL, unless the options are lenient.
 */
final class CsvRowCursor implements RowCursor {
  /** Rows without values hold nothing a caller could change, so one array serves all. */
  private static final Object[] NO_VALUES = new Object[0];

  private final CsvRecordSource reader;
  private final CsvByteRecordReader bytes;
  private final boolean counting;
  private final CsvRowConverter converter;
  private final CsvScanReport report;
  private final AutoCloseable resource;
  private final List<CsvReject> nulled = new ArrayList<>();
  private boolean headerPending;
  private Object[] current;
  private boolean closed;

  /**
   * @param resource closed with the cursor (the object input), after the reader
   * @param header whether the first record is a header to skip
   */
  CsvRowCursor(
      CsvRecordSource reader,
      CsvRowConverter converter,
      CsvScanReport report,
      AutoCloseable resource,
      boolean header) {
    this.reader = reader;
    this.bytes = reader instanceof CsvByteRecordReader r ? r : null;
    this.counting = converter == null;
    this.converter = converter;
    this.report = report;
    this.resource = resource;
    this.headerPending = header;
  }

  @Override
  public boolean moveNext() {
    if (closed) {
      return false;
    }
    try {
      if (headerPending) {
        headerPending = false;
        reader.next();
      }
      if (bytes != null) {
        return nextFromBytes();
      }
      String[] row = reader.next();
      if (row == null) {
        return ended();
      }
      if (counting) {
        current = NO_VALUES;
        return true;
      }
      current = converter.convert(row, reader.recordLine(), nulled);
      reportNulled();
      return true;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The byte reader's path: typed values straight from the bytes where they are plain. */
  private boolean nextFromBytes() {
    if (!bytes.advance()) {
      return ended();
    }
    if (counting) {
      current = NO_VALUES;
      return true;
    }
    current = converter.convert(bytes, bytes.recordLine(), nulled);
    reportNulled();
    return true;
  }

  /**
   * On the byte reader's path, rows go straight into the batch's arrays (see {@link
   * CsvRowConverter#fill}); a count only counts. Other readers fill it row by row.
   */
  @Override
  public int nextBatch(ColumnBatch batch) {
    if (bytes == null) {
      return RowCursor.super.nextBatch(batch);
    }
    batch.clear();
    if (closed) {
      return 0;
    }
    try {
      if (headerPending) {
        headerPending = false;
        reader.next();
      }
      int capacity = batch.capacity();
      int r = 0;
      while (r < capacity) {
        if (!bytes.advance()) {
          ended();
          break;
        }
        if (!counting) {
          converter.fill(bytes, bytes.recordLine(), batch, r, nulled);
          reportNulled();
        }
        r++;
      }
      batch.setSize(r);
      return r;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The end of the rows: closes the scan. */
  private boolean ended() {
    close();
    current = null;
    return false;
  }

  /** Moves the values the lenient mode nulled in this row into the scan report. */
  private void reportNulled() {
    if (!nulled.isEmpty()) {
      report.addAll(nulled, 0);
      nulled.clear();
    }
  }

  @Override
  public Object[] current() {
    if (current == null) {
      throw new IllegalStateException("no current row: call moveNext() first");
    }
    return current;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        reader.close();
      } finally {
        CsvScanReport.closeQuietly(resource);
        report.finish();
      }
    }
  }
}
