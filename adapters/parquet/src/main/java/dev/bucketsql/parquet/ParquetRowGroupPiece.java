package dev.bucketsql.parquet;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.DataFile;
import dev.bucketsql.format.RowCursor;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.format.TableSchema;

/**
 * One row group of a Parquet object as a piece of a parallel scan ({@link DataFile#splits}): its
 * scan prunes that row group by the scan's predicate and reads it alone. Not a summary of the
 * object: row counts and statistics stay with {@link ParquetDataFile}.
 */
final class ParquetRowGroupPiece implements DataFile {
  private final ParquetDataFile file;
  private final int rowGroup;

  ParquetRowGroupPiece(ParquetDataFile file, int rowGroup) {
    this.file = requireNonNull(file, "file is null");
    this.rowGroup = rowGroup;
  }

  @Override
  public String key() {
    return file.key();
  }

  @Override
  public TableSchema schema() {
    return file.schema();
  }

  @Override
  public RowCursor scan(ScanSpec spec) {
    return file.scan(spec, rowGroup, rowGroup + 1);
  }

  @Override
  public boolean filtersRuntimeKeys() {
    return file.filtersRuntimeKeys();
  }

  @Override
  public String toString() {
    return "ParquetRowGroupPiece{" + file + ", row group " + rowGroup + "}";
  }
}
