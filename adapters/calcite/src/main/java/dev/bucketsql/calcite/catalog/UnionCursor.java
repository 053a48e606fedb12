package dev.bucketsql.calcite.catalog;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.DataFile;
import dev.bucketsql.format.RowCursor;
import dev.bucketsql.format.ScanSpec;
import java.util.List;

/**
 * Reads the files of a {@link UnionDataFile} one after the other, mapping each file's rows to the
 * table's columns. Only one file is open at a time; closing the cursor closes it, which aborts its
 * requests.
 */
final class UnionCursor implements RowCursor {
  private final List<MemberScan> scans;
  private int next;
  private MemberScan scan;
  private RowCursor cursor;
  private Object[] current;

  UnionCursor(List<MemberScan> scans) {
    this.scans = scans;
  }

  @Override
  public boolean moveNext() {
    while (true) {
      if (cursor == null) {
        if (next >= scans.size()) {
          current = null;
          return false;
        }
        scan = scans.get(next++);
        cursor = scan.file().scan(scan.spec());
      }
      if (cursor.moveNext()) {
        current = scan.map(cursor.current());
        return true;
      }
      RowCursor done = cursor;
      cursor = null;
      done.close();
    }
  }

  /**
   * Fills {@code batch} from the current file: through the file's own {@link RowCursor#nextBatch}
   * (its typed decoding) when the file's columns are the table's as they are, else row by row with
   * the mapping. A batch never spans two files.
   */
  @Override
  public int nextBatch(ColumnBatch batch) {
    while (true) {
      if (cursor == null) {
        if (next >= scans.size()) {
          batch.clear();
          return 0;
        }
        scan = scans.get(next++);
        cursor = scan.file().scan(scan.spec());
      }
      int n;
      if (scan.identity()) {
        n = cursor.nextBatch(batch);
      } else {
        batch.clear();
        while (batch.size() < batch.capacity() && cursor.moveNext()) {
          batch.addRow(scan.map(cursor.current()));
        }
        n = batch.size();
      }
      if (n > 0) {
        return n;
      }
      RowCursor done = cursor;
      cursor = null;
      done.close();
    }
  }

  @Override
  public Object[] current() {
    return current;
  }

  @Override
  public void close() {
    next = scans.size();
    if (cursor != null) {
      RowCursor c = cursor;
      cursor = null;
      c.close();
    }
  }

  /**
   * How one file is read for a scan of the table.
   *
   * @param sources for each output column, its position in the file's projected row, or -1
   * @param constants for each output column without a source, its value (partition value or null)
   * @param convert for each output column, the type to convert the file's value to, or null
   */
  record MemberScan(
      DataFile file, ScanSpec spec, int[] sources, Object[] constants, ColumnType[] convert) {
    /** Whether the file's projected row is the table's row as is: no constant, no conversion. */
    boolean identity() {
      for (int p = 0; p < sources.length; p++) {
        if (sources[p] != p || convert[p] != null) {
          return false;
        }
      }
      return true;
    }

    Object[] map(Object[] row) {
      if (row.length == sources.length && identity()) {
        return row;
      }
      Object[] out = new Object[sources.length];
      for (int p = 0; p < out.length; p++) {
        int s = sources[p];
        if (s < 0) {
          out[p] = constants[p];
        } else {
          Object v = row[s];
          out[p] = convert[p] == null || v == null ? v : UnionSchema.convert(v, convert[p]);
        }
      }
      return out;
    }
  }
}
