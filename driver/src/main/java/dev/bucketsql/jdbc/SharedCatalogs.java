package dev.bucketsql.jdbc;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.calcite.BucketSchema;
import dev.bucketsql.calcite.Formats;
import dev.bucketsql.calcite.catalog.BucketCatalog;
import dev.bucketsql.calcite.catalog.CatalogOptions;
import dev.bucketsql.csv.CsvRejectLog;
import dev.bucketsql.csv.CsvSettings;
import dev.bucketsql.storage.config.S3Settings;
import dev.bucketsql.storage.s3.S3ObjectStore;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The catalogs of this JVM, one per distinct bucket settings, CSV settings and catalog options,
 * counted by the connections using them: a server's many connections to one bucket share one
 * listing (and its TTL), one set of tables and the schemas inferred for them, and the catalog
 * closes with the last connection on it. What is per connection stays with the connection: its CSV
 * reject log travels with each scan, its request counters are per statement, and its root schema
 * (the user's view, {@code csv_rejects}, {@code information_schema}) is its own.
 */
final class SharedCatalogs {
  private static final Map<Key, Entry> ENTRIES = new HashMap<>();

  private SharedCatalogs() {}

  /**
   * The catalog for a connection holding {@code store} (from {@link S3ObjectStore#connectShared}),
   * made when no connection holds one of equal settings; close the lease once, when the connection
   * closes.
   *
   * @param settings the connection's merged settings; its {@code csv.} keys shape the tables
   */
  static Lease acquire(
      S3ObjectStore store,
      S3Settings s3,
      Map<String, String> settings,
      CsvSettings csv,
      CatalogOptions options) {
    requireNonNull(store, "store is null");
    Key key = new Key(store.sharingIdentity(), csvKeys(settings), options);
    synchronized (SharedCatalogs.class) {
      Entry entry = ENTRIES.get(key);
      if (entry == null) {
        // The catalog holds a store of its own on the same client, so it outlives the
        // connection that made it; equal settings already passed the connect check.
        S3ObjectStore own = S3ObjectStore.connectShared(s3);
        // Scans bring their connection's reject log; this one only catches scans without one.
        BucketCatalog catalog =
            BucketSchema.catalog(own, "", Formats.csv(csv, new CsvRejectLog()), options);
        entry = new Entry(key, catalog, own);
        ENTRIES.put(key, entry);
      }
      entry.references++;
      return new Lease(entry);
    }
  }

  /** How many distinct catalogs are open, for tests. */
  static synchronized int open() {
    return ENTRIES.size();
  }

  private static Map<String, String> csvKeys(Map<String, String> settings) {
    Map<String, String> csv = new TreeMap<>();
    settings.forEach(
        (k, v) -> {
          if (k.startsWith(CsvSettings.PREFIX)) {
            csv.put(k, v);
          }
        });
    return csv;
  }

  private static void release(Entry entry) {
    synchronized (SharedCatalogs.class) {
      if (--entry.references > 0) {
        return;
      }
      ENTRIES.remove(entry.key, entry);
    }
    entry.store.close();
  }

  /** A connection's hold on a shared catalog. */
  static final class Lease implements AutoCloseable {
    private final Entry entry;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Lease(Entry entry) {
      this.entry = entry;
    }

    BucketCatalog catalog() {
      return entry.catalog;
    }

    /** Gives the catalog back; the last lease closes it and its store. */
    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        release(entry);
      }
    }
  }

  private static final class Entry {
    private final Key key;
    private final BucketCatalog catalog;
    private final S3ObjectStore store;
    private int references;

    private Entry(Key key, BucketCatalog catalog, S3ObjectStore store) {
      this.key = key;
      this.catalog = catalog;
      this.store = store;
    }
  }

  /** The shared client (its identity), the CSV keys and the catalog options. */
  private record Key(Object client, Map<String, String> csv, CatalogOptions options) {}
}
