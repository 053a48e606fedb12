package dev.bucketsql.calcite;

import dev.bucketsql.format.DataFile;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.ObjectStore;
import java.util.Optional;

/** Decides whether an object is a table and, if so, how to read it. */
@FunctionalInterface
public interface DataFileOpener {
  /**
   * Returns the data file for {@code object}, or empty when the object is not a table (for example
   * a key whose extension names no known format). Must not fetch object data: schemas are read
   * lazily by {@link DataFile#schema()}.
   */
  Optional<DataFile> open(ObjectStore store, ObjectInfo object);
}
