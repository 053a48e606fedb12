package dev.bucketsql.calcite.catalog;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.TableSchema;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Inferred schemas of object versions, shared by every connection of the JVM: a BI tool that syncs
 * again, or opens another connection, sees the same columns without reading the objects again. An
 * entry is keyed by store location, key, ETag and reader scope; an ETag names the content, so an
 * entry is never stale, and a rewritten object simply gets a new entry. The least recently used
 * entries are dropped beyond the capacity.
 *
 * <p>Thread-safe. Two threads missing the same entry may both infer it; both results are equal.
 */
public final class SchemaCache {
  /** The cache every catalog of this JVM uses. */
  public static final SchemaCache SHARED = new SchemaCache(20_000);

  private final int capacity;
  private final Map<Key, TableSchema> entries = new LinkedHashMap<>(64, 0.75f, true);
  private long loads;

  /** A cache holding at most {@code capacity} schemas. */
  public SchemaCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * The schema cached under the given object version and scope, else {@code loader}'s result, which
   * is then cached.
   */
  public TableSchema get(
      String location, String key, String etag, String scope, Supplier<TableSchema> loader) {
    requireNonNull(loader, "loader is null");
    Key k = new Key(location, key, etag, scope);
    synchronized (this) {
      TableSchema cached = entries.get(k);
      if (cached != null) {
        return cached;
      }
    }
    TableSchema loaded = requireNonNull(loader.get(), "loader returned null");
    synchronized (this) {
      loads++;
      entries.put(k, loaded);
      if (entries.size() > capacity) {
        Iterator<Key> eldest = entries.keySet().iterator();
        eldest.next();
        eldest.remove();
      }
    }
    return loaded;
  }

  /** Schemas cached now. */
  public synchronized int size() {
    return entries.size();
  }

  /** How many schemas were inferred (cache misses) since this cache was created. */
  public synchronized long loads() {
    return loads;
  }

  /** Drops every entry. */
  public synchronized void clear() {
    entries.clear();
  }

  private record Key(String location, String key, String etag, String scope) {}
}
