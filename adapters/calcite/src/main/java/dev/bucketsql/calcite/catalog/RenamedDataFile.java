package dev.bucketsql.calcite.catalog;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.Column;
import dev.bucketsql.format.DataFile;
import dev.bucketsql.format.RowCursor;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.format.TableSchema;
import dev.bucketsql.storage.IoStats;
import java.util.ArrayList;
import java.util.List;

/**
 * A data file whose columns carry other names, in the same order: DuckDB's {@code read_csv(...,
 * columns = {'a': 'INTEGER', ...})}. Scans address columns by position, so they go to the file
 * unchanged.
 */
final class RenamedDataFile implements DataFile {
  private final DataFile file;
  private final List<String> names;

  RenamedDataFile(DataFile file, List<String> names) {
    this.file = requireNonNull(file, "file is null");
    this.names = List.copyOf(names);
  }

  @Override
  public String key() {
    return file.key();
  }

  @Override
  public TableSchema schema() {
    List<Column> columns = file.schema().columns();
    if (columns.size() != names.size()) {
      throw new IllegalStateException(
          "'"
              + file.key()
              + "' has "
              + columns.size()
              + " columns, not the "
              + names.size()
              + " named");
    }
    List<Column> renamed = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      renamed.add(
          new Column(names.get(i), c.type(), c.nullable(), c.precision(), c.scale(), c.children()));
    }
    return new TableSchema(renamed);
  }

  @Override
  public void checkAhead(IoStats queryStats) {
    file.checkAhead(queryStats);
  }

  @Override
  public RowCursor scan(ScanSpec spec) {
    return file.scan(spec);
  }

  /** The columns keep their places: the file's own answer. */
  @Override
  public boolean filtersRuntimeKeys() {
    return file.filtersRuntimeKeys();
  }
}
