package dev.bucketsql.format;

/**
 * One object read as a table: a CSV or Parquet file. Implementations read through the storage layer
 * and know nothing of SQL; the Calcite binding turns them into tables.
 */
public interface DataFile {
  /** The object key this file is read from. */
  String key();

  /** The columns, as found or inferred; computing them may read the object's head or footer. */
  TableSchema schema();

  /** Starts a scan. Nothing is fetched beyond what the first {@link RowCursor#moveNext} needs. */
  RowCursor scan(ScanSpec spec);
}
