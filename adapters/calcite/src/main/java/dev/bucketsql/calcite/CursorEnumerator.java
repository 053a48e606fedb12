package dev.bucketsql.calcite;

import dev.bucketsql.format.DataFile;
import dev.bucketsql.format.RowCursor;
import dev.bucketsql.format.ScanSpec;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Adapts a format's {@link RowCursor} to Calcite's {@link Enumerator}. The scan starts on the
 * first {@link #moveNext()}, so building a plan fetches nothing.
 */
final class CursorEnumerator implements Enumerator<Object[]> {
  private final DataFile file;
  private final ScanSpec spec;
  private RowCursor cursor;
  private Object[] current;

  CursorEnumerator(DataFile file, ScanSpec spec) {
    this.file = file;
    this.spec = spec;
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public boolean moveNext() {
    if (cursor == null) {
      cursor = file.scan(spec);
    }
    if (cursor.moveNext()) {
      current = cursor.current();
      return true;
    }
    current = null;
    return false;
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
