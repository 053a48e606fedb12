package dev.bucketsql.calcite;

import dev.bucketsql.format.DataFile;
import dev.bucketsql.format.RowCursor;
import dev.bucketsql.format.ScanSpec;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.linq4j.Enumerator;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Adapts a format's {@link RowCursor} to Calcite's {@link Enumerator}. The scan starts on the first
 * {@link #moveNext()}, so building a plan fetches nothing.
 *
 * <p>Every row checks the statement's cancel flag and deadline: {@code Statement.cancel()} and
 * {@code setQueryTimeout} stop the scan at the next row, closing the cursor, which aborts the HTTP
 * requests in flight.
 */
final class CursorEnumerator implements Enumerator<Object[]> {
  private final DataFile file;
  private final ScanSpec spec;
  private final ScanGuard guard;
  private volatile RowCursor cursor;
  private volatile RowCursor lastCursor;
  private volatile long rows;
  private Object[] current;

  /**
   * @param cancelFlag the statement's cancel flag, or null
   * @param timeoutMillis the statement's timeout, or 0 for none
   */
  CursorEnumerator(
      DataFile file, ScanSpec spec, @Nullable AtomicBoolean cancelFlag, long timeoutMillis) {
    this.file = file;
    this.spec = spec;
    this.guard = new ScanGuard(file, cancelFlag, timeoutMillis, this::close);
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public boolean moveNext() {
    guard.check();
    if (cursor == null) {
      cursor = file.scan(spec);
      lastCursor = cursor;
    }
    if (cursor.moveNext()) {
      current = cursor.current();
      rows++;
      return true;
    }
    current = null;
    return false;
  }

  /** The cursor of the latest scan, null before the first {@link #moveNext()}. */
  RowCursor cursor() {
    return lastCursor;
  }

  /** Rows produced so far. */
  long rows() {
    return rows;
  }

  @Override
  public void reset() {
    close();
  }

  @Override
  public void close() {
    if (cursor != null) {
      RowCursor c = cursor;
      cursor = null;
      c.close();
    }
  }
}
