package dev.bucketsql.csv;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.DataFile;
import dev.bucketsql.format.RowCursor;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds CSV tables in the real S3 test server and reads them back whole. */
final class CsvTestFiles {
  private CsvTestFiles() {}

  static CsvDataFile file(String key, String content) {
    return file(key, content.getBytes(UTF_8), CsvOptions.defaults());
  }

  static CsvDataFile file(String key, String content, CsvOptions options) {
    return file(key, content.getBytes(UTF_8), options);
  }

  /** Uploads {@code content} to the real S3 test server and reads it through S3ObjectStore. */
  static CsvDataFile file(String key, byte[] content, CsvOptions options) {
    // Tests run one at a time; a reused key is pinned to this version by its ETag.
    CsvS3.server().putObject(CsvS3.BUCKET, key, content);
    ObjectInfo info = CsvS3.store().head(key);
    return new CsvDataFile(CsvS3.store(), info, options);
  }

  /** Every row, every column. */
  static List<List<Object>> rows(DataFile file) {
    return rows(file, ScanSpec.allColumns(file.schema(), new IoStats()));
  }

  /** Every row, the given columns. */
  static List<List<Object>> rows(DataFile file, int... projection) {
    return rows(file, new ScanSpec(projection, new IoStats()));
  }

  static List<List<Object>> rows(DataFile file, ScanSpec spec) {
    List<List<Object>> rows = new ArrayList<>();
    try (RowCursor cursor = file.scan(spec)) {
      while (cursor.moveNext()) {
        rows.add(Arrays.asList(cursor.current()));
      }
    }
    return rows;
  }

  /**
   * Every row of a scan read in column batches of {@code capacity} rows ({@link
   * RowCursor#nextBatch}), each value as the row path gives it ({@link ColumnBatch#value}).
   */
  static List<List<Object>> batchRows(DataFile file, int[] projection, int capacity) {
    ColumnType[] types = new ColumnType[projection.length];
    for (int i = 0; i < projection.length; i++) {
      types[i] = file.schema().column(projection[i]).type();
    }
    List<List<Object>> rows = new ArrayList<>();
    try (RowCursor cursor = file.scan(new ScanSpec(projection, new IoStats()))) {
      ColumnBatch batch = new ColumnBatch(types, capacity);
      for (int n; (n = cursor.nextBatch(batch)) > 0; ) {
        for (int r = 0; r < n; r++) {
          Object[] row = new Object[projection.length];
          for (int c = 0; c < row.length; c++) {
            row[c] = batch.value(c, r);
          }
          rows.add(Arrays.asList(row));
        }
      }
    }
    return rows;
  }

  /** The row count of a scan without columns, as {@code COUNT(*)} runs it. */
  static long count(DataFile file) {
    long n = 0;
    try (RowCursor cursor = file.scan(new ScanSpec(new int[0], new IoStats()))) {
      while (cursor.moveNext()) {
        if (cursor.current().length != 0) {
          throw new AssertionError("a count scan produced values");
        }
        n++;
      }
    }
    return n;
  }
}
