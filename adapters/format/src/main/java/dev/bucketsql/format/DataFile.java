package dev.bucketsql.format;

import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectStore;
import java.util.List;

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

  /**
   * Tells the file that a query whose counters are {@code queryStats} is about to scan it, so that
   * the store may start confirming the versions of the objects it reads ({@link
   * ObjectStore#checkAhead}) before the scan asks. Returns at once; the default does nothing.
   */
  default void checkAhead(IoStats queryStats) {}

  /**
   * Independent pieces of a scan of this file by {@code spec}, for scans that run on several
   * threads: each piece is scanned on its own with the same spec (its own pruning, pushed filter
   * and cursor), and the pieces' rows, in list order, are the rows of {@link #scan}. A piece has
   * this file's schema and key. The default is one piece, the file itself; a Parquet object splits
   * into its row groups, a folder table into its objects' pieces. A piece that cannot hold matching
   * rows may be left out, never one that can.
   */
  default List<DataFile> splits(ScanSpec spec) {
    return List.of(this);
  }

  /**
   * Whether a scan of this file leaves out the rows a {@link
   * dev.bucketsql.format.predicate.RuntimeKeyFilter} attached to its spec rules out (Parquet); a
   * file that does not (the default) reads them as if it were not attached.
   */
  default boolean filtersRuntimeKeys() {
    return false;
  }
}
