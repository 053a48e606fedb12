package dev.bucketsql.calcite.catalog;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.DataFile;
import dev.bucketsql.storage.ObjectInfo;
import java.util.List;
import org.apache.calcite.schema.Table;

/**
 * One table of a listing: its name, where it comes from, and the SQL table, made once per listing
 * so that every lookup of one statement sees the same object.
 */
public final class CatalogTable {
  private final String name;
  private final ObjectInfo object;
  private final DataFile file;
  private final List<String> shadowed;
  private volatile Table table;

  CatalogTable(String name, ObjectInfo object, DataFile file, List<String> shadowed) {
    this.name = requireNonNull(name, "name is null");
    this.object = requireNonNull(object, "object is null");
    this.file = requireNonNull(file, "file is null");
    this.shadowed = List.copyOf(shadowed);
  }

  /** The table name. */
  public String name() {
    return name;
  }

  /** The object, or the folder as one object. */
  public ObjectInfo object() {
    return object;
  }

  /** The data file: a {@link CatalogFile} or a {@link UnionDataFile}. */
  public DataFile file() {
    return file;
  }

  /** Keys (or folders) that map to the same name and lost to this table. */
  public List<String> shadowed() {
    return shadowed;
  }

  /** The SQL table, made by {@code factory} on first use. */
  public Table table(TableFactory factory) {
    Table t = table;
    if (t == null) {
      synchronized (this) {
        t = table;
        if (t == null) {
          t = factory.create(object, file);
          table = t;
        }
      }
    }
    return t;
  }
}
