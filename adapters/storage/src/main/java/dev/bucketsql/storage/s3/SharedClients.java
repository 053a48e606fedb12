package dev.bucketsql.storage.s3;

import dev.bucketsql.storage.ChangedObjects;
import dev.bucketsql.storage.config.S3Settings;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The SDK clients of this JVM, one per distinct settings, counted by the stores using them: a
 * server's many connections to one bucket share one client, one HTTP connection pool and one record
 * of changed objects, and the client closes when the last store on it closes.
 */
final class SharedClients {
  private static final Map<Key, Entry> ENTRIES = new HashMap<>();

  private SharedClients() {}

  /** The client for {@code settings}, made when no store holds one; call {@link #release} once. */
  static synchronized Entry acquire(S3Settings settings) {
    Key key = Key.of(settings);
    Entry entry = ENTRIES.get(key);
    if (entry == null) {
      entry = new Entry(key, S3ClientFactory.create(settings));
      ENTRIES.put(key, entry);
    }
    entry.references++;
    return entry;
  }

  /** Gives back a client from {@link #acquire}; the last release closes it. */
  static void release(Entry entry) {
    synchronized (SharedClients.class) {
      if (--entry.references > 0) {
        return;
      }
      ENTRIES.remove(entry.key, entry);
    }
    if (entry.cache != null) {
      entry.cache.clear();
    }
    entry.client.close();
  }

  /** A range cache of {@code bytes} ({@code dataCache}), or null when it is 0. */
  static RangeCache cacheFor(long bytes) {
    return bytes > 0 ? new RangeCache(bytes) : null;
  }

  /** How many distinct clients are open, for tests and the server's status. */
  static synchronized int open() {
    return ENTRIES.size();
  }

  /** One shared client and what goes with it. */
  static final class Entry {
    private final Key key;
    final S3Client client;
    final ChangedObjects changes = new ChangedObjects();
    final RangeCache cache;
    private int references;

    /** Whether a store on this client passed {@link S3ObjectStore#check()}. */
    volatile boolean checked;

    private Entry(Key key, S3Client client) {
      this.key = key;
      this.client = client;
      this.cache = cacheFor(key.dataCacheBytes);
    }
  }

  /** Every setting that shapes the client or the store: equal keys make interchangeable stores. */
  private record Key(
      URI endpoint,
      String region,
      Boolean pathStyle,
      String bucket,
      String prefix,
      String accessKeyId,
      String secretAccessKey,
      String sessionToken,
      int maxConnections,
      Duration connectTimeout,
      Duration socketTimeout,
      int maxAttempts,
      Duration retryBaseDelay,
      long dataCacheBytes) {
    static Key of(S3Settings s) {
      return new Key(
          s.endpoint(),
          s.region(),
          s.pathStyle(),
          s.bucket(),
          s.prefix(),
          s.accessKeyId(),
          s.secretAccessKey(),
          s.sessionToken(),
          s.maxConnections(),
          s.connectTimeout(),
          s.socketTimeout(),
          s.maxAttempts(),
          s.retryBaseDelay(),
          s.dataCacheBytes());
    }

    @Override
    public String toString() {
      return "Key{" + bucket + "/" + prefix + " at " + endpoint + "}"; // never the secret
    }
  }
}
