package dev.bucketsql.calcite.catalog;

import java.util.Optional;

/**
 * A table's data file that can describe itself for a BI tool: the REMARKS of {@code
 * DatabaseMetaData.getTables} and {@code getColumns}. Describing never reads object data.
 */
public interface Remarked {
  /** Where the table comes from: its key or folder, the number of files and their size. */
  String remarks();

  /** A note on column {@code name}, for example that its values come from the key path. */
  Optional<String> columnRemarks(String name);
}
