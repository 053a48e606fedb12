package dev.bucketsql.csv;

import dev.bucketsql.format.RowCursor;
import dev.bucketsql.storage.StorageException;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * Rows of a scan that projects no column, for charsets other than UTF-8 (UTF-8 objects are counted
 * by {@link CsvByteRecordReader} through {@link CsvRowCursor}): records are counted
 * by the quote-aware {@link CsvCharSource} without splitting them into fields, so a record with
 * quoted line breaks counts once. Malformed records fail it as they fail a full scan.
 */
final class CsvCountCursor implements RowCursor {
  /** Rows without values hold nothing a caller could change, so one array serves all. */
  private static final Object[] NO_VALUES = new Object[0];

  private final String key;
  private final AutoCloseable input;
  private final CsvScanReport report;
  private final Supplier<CsvCharSource> opener;
  private CsvCharSource source;
  private final int headerRecords;
  private final char[] buffer = new char[16 * 1024];
  private long returned;
  private boolean onRow;
  private boolean closed;

  CsvCountCursor(
      String key,
      AutoCloseable input,
      Supplier<CsvCharSource> opener,
      int headerRecords,
      CsvScanReport report) {
    this.key = key;
    this.report = report;
    this.input = input;
    this.opener = opener;
    this.headerRecords = headerRecords;
  }

  @Override
  public boolean moveNext() {
    onRow = false;
    if (closed) {
      return false;
    }
    try {
      if (source == null) {
        source = opener.get();
      }
      while (source.records() - headerRecords <= returned) {
        if (source.read(buffer, 0, buffer.length) < 0) {
          close();
          return false;
        }
      }
    } catch (IOException e) {
      close();
      throw new StorageException("CSV object '" + key + "': reading failed: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    returned++;
    onRow = true;
    return true;
  }

  @Override
  public Object[] current() {
    if (!onRow) {
      throw new IllegalStateException("no current row: call moveNext() first");
    }
    return NO_VALUES;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        if (source != null) {
          source.close();
        }
      } catch (IOException e) {
        throw new StorageException("CSV object '" + key + "': closing the stream failed", e);
      } finally {
        CsvScanReport.closeQuietly(input);
        report.finish();
      }
    }
  }
}
