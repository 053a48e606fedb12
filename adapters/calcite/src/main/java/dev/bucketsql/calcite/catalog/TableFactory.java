package dev.bucketsql.calcite.catalog;

import dev.bucketsql.format.DataFile;
import dev.bucketsql.storage.ObjectInfo;
import org.apache.calcite.schema.Table;

/** Makes the SQL table for a catalog entry: the Calcite binding's table over a data file. */
@FunctionalInterface
public interface TableFactory {
  /**
   * The table reading {@code file}.
   *
   * @param object the object, or for a folder table the folder as one object (see {@link
   *     UnionDataFile#folderObject()})
   */
  Table create(ObjectInfo object, DataFile file);
}
