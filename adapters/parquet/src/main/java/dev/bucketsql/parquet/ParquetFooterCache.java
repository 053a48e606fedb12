package dev.bucketsql.parquet;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.storage.ObjectInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Decoded footers of recently read Parquet objects, keyed by store location, key and ETag, so
 * planning ({@code schema()}) and every scan of an unchanged object read its footer once. A
 * rewritten object has a new ETag and so a new entry; the least recently used entries are dropped
 * beyond the capacity.
 *
 * <p>Thread-safe. Two threads missing the same entry at once may both read the footer; both get
 * equal results, so that rare duplicate read is cheaper than holding a lock across a request.
 */
public final class ParquetFooterCache {
  private final int capacity;
  private final Map<CacheKey, ParquetFooter> entries;

  /** A cache holding at most {@code capacity} footers. */
  public ParquetFooterCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(16, 0.75f, true);
  }

  /** Footers cached now. */
  public synchronized int size() {
    return entries.size();
  }

  /** Drops every entry. */
  public synchronized void clear() {
    entries.clear();
  }

  ParquetFooter get(String location, ObjectInfo object, Supplier<ParquetFooter> loader) {
    requireNonNull(loader, "loader is null");
    CacheKey key = new CacheKey(location, object.key(), object.etag());
    synchronized (this) {
      ParquetFooter cached = entries.get(key);
      if (cached != null) {
        return cached;
      }
    }
    ParquetFooter loaded = loader.get();
    synchronized (this) {
      entries.put(key, loaded);
      if (entries.size() > capacity) {
        var eldest = entries.keySet().iterator();
        eldest.next();
        eldest.remove();
      }
    }
    return loaded;
  }

  @Override
  public synchronized String toString() {
    return "ParquetFooterCache{" + entries.size() + "/" + capacity + "}";
  }

  private record CacheKey(String location, String key, String etag) {}
}
