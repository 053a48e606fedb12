package dev.bucketsql.calcite.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The tables of one schema of a listing: the URL root, or a folder that is not a table. */
public final class CatalogSchema {
  private final String name;
  private final String folder;
  private final Map<String, CatalogTable> tables;
  private final Map<String, CatalogTable> byLowerName;

  CatalogSchema(String name, String folder, Map<String, CatalogTable> tables) {
    this.name = requireNonNull(name, "name is null");
    this.folder = requireNonNull(folder, "folder is null");
    this.tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    Map<String, CatalogTable> lower = new LinkedHashMap<>();
    for (CatalogTable t : tables.values()) {
      lower.putIfAbsent(t.name().toLowerCase(Locale.ROOT), t);
    }
    this.byLowerName = lower;
  }

  /** The schema name: empty for the URL root, else the folder path without the last slash. */
  public String name() {
    return name;
  }

  /** The folder, relative to the URL root: empty, or ending in {@code /}. */
  public String folder() {
    return folder;
  }

  /** The tables by name, in name order. */
  public Map<String, CatalogTable> tables() {
    return tables;
  }

  /** The table named exactly {@code tableName}, else the first named so in another case. */
  public CatalogTable table(String tableName, boolean caseSensitive) {
    CatalogTable t = tables.get(tableName);
    if (t != null || caseSensitive) {
      return t;
    }
    return byLowerName.get(tableName.toLowerCase(Locale.ROOT));
  }
}
