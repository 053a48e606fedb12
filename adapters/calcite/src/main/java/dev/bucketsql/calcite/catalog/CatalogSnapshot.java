package dev.bucketsql.calcite.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One listing of the bucket, turned into schemas and tables by {@link CatalogBuilder}. Immutable,
 * apart from the SQL tables it makes on first use.
 */
public final class CatalogSnapshot {
  private final Map<String, CatalogSchema> schemas;
  private final Map<String, CatalogFile> files;
  private final Map<String, CatalogTable> keyTables = new ConcurrentHashMap<>();
  private final Map<String, CatalogTable> references = new ConcurrentHashMap<>();
  private final long objectCount;

  CatalogSnapshot(
      Map<String, CatalogSchema> schemas, Map<String, CatalogFile> files, long objectCount) {
    this.schemas =
        Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(schemas, "schemas")));
    this.files = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(files, "files")));
    this.objectCount = objectCount;
  }

  /**
   * The schemas by name: the URL root under the empty name, then every folder that is not a table,
   * by its path without the last slash ({@code results}, {@code archive/2024}).
   */
  public Map<String, CatalogSchema> schemas() {
    return schemas;
  }

  /** The schema named {@code name}, or null. */
  public CatalogSchema schema(String name, boolean caseSensitive) {
    CatalogSchema s = schemas.get(name);
    if (s != null || caseSensitive) {
      return s;
    }
    for (CatalogSchema candidate : schemas.values()) {
      if (candidate.name().equalsIgnoreCase(name)) {
        return candidate;
      }
    }
    return null;
  }

  /** Every data object a format recognises, by key relative to the URL root. */
  public Map<String, CatalogFile> files() {
    return files;
  }

  /** How many objects the listing returned, ignored ones included. */
  public long objectCount() {
    return objectCount;
  }

  /**
   * The single-file table for the object at {@code key} (relative to the URL root), whether or not
   * a listed table reads it; null when no recognised data object has that key. An exact match wins;
   * otherwise a key matching in another case is taken when it is the only one.
   */
  public CatalogTable keyTable(String key, boolean caseSensitive) {
    String found = files.containsKey(key) ? key : null;
    if (found == null && !caseSensitive) {
      for (String candidate : files.keySet()) {
        if (candidate.equalsIgnoreCase(key)) {
          if (found != null) {
            return null;
          }
          found = candidate;
        }
      }
    }
    if (found == null) {
      return null;
    }
    CatalogFile file = files.get(found);
    return keyTables.computeIfAbsent(
        found, k -> new CatalogTable(k, file.object(), file, java.util.List.of()));
  }

  /** The table of a file reference, made once per listing by {@code make}. */
  CatalogTable reference(String text, java.util.function.Function<String, CatalogTable> make) {
    return references.computeIfAbsent(text, make);
  }
}
