package dev.bucketsql.storage.s3;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.storage.ChangedObjects;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectChangedException;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.ObjectInput;
import dev.bucketsql.storage.ObjectNotFoundException;
import dev.bucketsql.storage.ObjectStore;
import dev.bucketsql.storage.StorageException;
import dev.bucketsql.storage.VersionChecks;
import dev.bucketsql.storage.config.S3Settings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Bucket;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The object store on one S3 bucket (optionally rooted at a key prefix), through the AWS SDK v2
 * with the Apache 5 HTTP client. Keys it lists and accepts are relative to the prefix.
 *
 * <p>Every request (each attempt, each page) is counted in {@link #stats()}. Transient failures are
 * retried by the SDK's retry strategy, with our rules (exponential backoff and jitter, up to {@link
 * S3Settings#maxAttempts()} attempts, see {@code Retrier}); a body cut mid-way is resumed from the
 * byte reached. Errors become {@link StorageException}s that say what to fix. Thread-safe.
 */
public final class S3ObjectStore implements ObjectStore {
  private static final Logger LOG = LoggerFactory.getLogger(S3ObjectStore.class);

  private final S3Settings settings;
  private final S3Client client;
  private final IoStats stats = new IoStats();
  private final Retrier retrier;
  private final S3Errors errors;
  private final ChangedObjects changes;

  /** The shared client this store holds a reference to, or null when it owns its client. */
  private final SharedClients.Entry shared;

  /** Ranges read before, shared like the client; null when {@code dataCache} is 0. */
  private final RangeCache cache;

  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * The checks started ahead on this store that have not ended: closing the store aborts them, so
   * that none goes on (or retries) on a client being closed, whatever became of its query.
   */
  private final Set<RequestAbort> checksAhead = ConcurrentHashMap.newKeySet();

  private S3ObjectStore(S3Settings settings, SharedClients.Entry shared) {
    this.settings = settings;
    this.shared = shared;
    this.client = shared != null ? shared.client : S3ClientFactory.create(settings);
    this.changes = shared != null ? shared.changes : new ChangedObjects();
    this.cache = shared != null ? shared.cache : SharedClients.cacheFor(settings.dataCacheBytes());
    this.retrier = new Retrier(settings.maxAttempts(), settings.retryBaseDelay());
    this.errors = new S3Errors(settings);
  }

  /** A store on the settings' bucket with a client of its own, without contacting the server. */
  public static S3ObjectStore create(S3Settings settings) {
    return new S3ObjectStore(requireNonNull(settings, "settings is null"), null);
  }

  /**
   * A store on the settings' bucket that shares its SDK client (one HTTP connection pool) and its
   * record of {@link #changes() changed objects} with every other shared store of equal settings in
   * this JVM; its request counters ({@link #stats()}) are its own. The first store on a client is
   * checked with {@link #check()}; later ones are not, since the same settings already passed. The
   * client closes when the last store on it closes.
   *
   * @throws StorageException when the check fails; the message says what to fix
   */
  public static S3ObjectStore connectShared(S3Settings settings) {
    requireNonNull(settings, "settings is null");
    SharedClients.Entry entry = SharedClients.acquire(settings);
    S3ObjectStore store = new S3ObjectStore(settings, entry);
    if (entry.checked) {
      return store;
    }
    try {
      store.check();
      entry.checked = true;
      return store;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * An object that is the same for exactly the stores sharing one SDK client ({@link
   * #connectShared} with equal settings) while any of them is open, for callers that share what
   * they build on top of a client (a catalog and its listing); a store with a client of its own is
   * its own identity. Opaque: only its identity means anything.
   */
  public Object sharingIdentity() {
    return shared != null ? shared : this;
  }

  /** The range cache of this store's settings, or null when {@code dataCache} is 0; for tests. */
  RangeCache rangeCache() {
    return cache;
  }

  /** How many shared SDK clients (HTTP connection pools) this JVM holds open now. */
  public static int sharedClients() {
    return SharedClients.open();
  }

  /**
   * A store on the settings' bucket, checked once with {@link #check()}.
   *
   * @throws StorageException when the check fails; the message says what to fix
   */
  public static S3ObjectStore connect(S3Settings settings) {
    S3ObjectStore store = create(settings);
    try {
      store.check();
      return store;
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Checks endpoint, credentials, region and bucket with one cheap request (a LIST of at most one
   * key). On failure the message names the cause and the fix: unresolvable host, nothing listening,
   * timeout, unknown key id, wrong secret, wrong region (with the region the server expects when it
   * says), or a missing bucket (with the buckets the key can see).
   *
   * @throws StorageException when the bucket cannot be listed
   */
  public void check() {
    ListObjectsV2Response probe;
    Attempts attempts = attempts("checking " + location(), IoStats::recordList);
    try {
      probe =
          client.listObjectsV2(
              b ->
                  b.bucket(settings.bucket())
                      .prefix(settings.prefix())
                      .maxKeys(1)
                      .overrideConfiguration(attempts.config()));
    } catch (RuntimeException e) {
      throw errors.translate(e, "checking " + location(), this::bucketNames);
    }
    refuseNonS3(probe);
    LOG.info("connected to {} at {}", location(), settings.endpointForMessages());
  }

  /**
   * Refuses an answer to the probe that is no S3 listing: a web server (or a proxy's login page)
   * answers 200 with HTML, which the SDK would read as an empty bucket.
   */
  private void refuseNonS3(ListObjectsV2Response probe) {
    String type = probe.sdkHttpResponse().firstMatchingHeader("Content-Type").orElse(null);
    boolean xml = type == null || type.toLowerCase(java.util.Locale.ROOT).contains("xml");
    if (xml && probe.name() != null) {
      return;
    }
    throw new StorageException(
        "the server at "
            + settings.endpointForMessages()
            + " answered a bucket listing with HTTP "
            + probe.sdkHttpResponse().statusCode()
            + " "
            + (type == null ? "and no Content-Type" : type)
            + ", not an S3 XML listing (while checking "
            + location()
            + "); it is not an S3 API endpoint:"
            + " check the endpoint URL and port (Garage: the S3 API port, 3900 by default, not the web port)");
  }

  private List<String> bucketNames() {
    return client.listBuckets().buckets().stream().map(Bucket::name).sorted().toList();
  }

  /** The settings this store was made with. */
  public S3Settings settings() {
    return settings;
  }

  @Override
  public String location() {
    return "s3://" + settings.bucket() + "/" + settings.prefix();
  }

  @Override
  public List<ObjectInfo> list(String prefix) {
    requireNonNull(prefix, "prefix is null");
    String fullPrefix = settings.prefix() + prefix;
    String what = "listing " + location() + prefix;
    List<ObjectInfo> result = new ArrayList<>();
    String token = null;
    do {
      Attempts attempts = attempts(what, IoStats::recordList);
      ListObjectsV2Request.Builder request =
          ListObjectsV2Request.builder()
              .bucket(settings.bucket())
              .prefix(fullPrefix)
              .overrideConfiguration(attempts.config());
      if (token != null) {
        request.continuationToken(token);
      }
      ListObjectsV2Request r = request.build();
      ListObjectsV2Response page;
      try {
        page = client.listObjectsV2(r);
      } catch (RuntimeException e) {
        throw errors.translate(e, what);
      }
      for (S3Object o : page.contents()) {
        result.add(toInfo(o));
      }
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
      if (Boolean.TRUE.equals(page.isTruncated()) && token == null) {
        // Stopping here would silently drop the rest of the listing.
        throw new StorageException(
            what
                + ": the server said the listing is truncated but sent no continuation token"
                + " after "
                + result.size()
                + " objects; the server is not S3-compatible enough");
      }
    } while (token != null);
    return result;
  }

  private ObjectInfo toInfo(S3Object o) {
    String key = relative(o.key());
    if (o.eTag() == null) {
      throw new StorageException(
          "the server listed object '"
              + key
              + "' in "
              + location()
              + " without an ETag;"
              + " reads cannot be pinned to a version");
    }
    Instant modified = o.lastModified() != null ? o.lastModified() : Instant.EPOCH;
    return new ObjectInfo(key, o.size() == null ? 0 : o.size(), o.eTag(), modified);
  }

  @Override
  public ObjectInfo head(String key) {
    return head(key, new IoStats[0]);
  }

  /** {@link #head(String)}, counted in {@code more} too (a query's counters). */
  ObjectInfo head(String key, IoStats... more) {
    requireNonNull(key, "key is null");
    String what = "reading metadata of '" + key + "' in " + location();
    HeadObjectResponse r;
    Attempts attempts = attempts(what, IoStats::recordHead, more);
    try {
      r =
          client.headObject(
              b ->
                  b.bucket(settings.bucket())
                      .key(settings.prefix() + key)
                      .overrideConfiguration(attempts.config()));
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        throw new ObjectNotFoundException(location(), key);
      }
      throw errors.translate(e, what);
    } catch (RuntimeException e) {
      throw errors.translate(e, what);
    }
    if (r.eTag() == null) {
      throw new StorageException(
          "the server sent no ETag for object '"
              + key
              + "' in "
              + location()
              + "; reads cannot be pinned to a version");
    }
    return new ObjectInfo(
        key,
        r.contentLength() == null ? 0 : r.contentLength(),
        r.eTag(),
        r.lastModified() != null ? r.lastModified() : Instant.EPOCH);
  }

  @Override
  public ObjectInput open(ObjectInfo object, IoStats queryStats) {
    requireNonNull(object, "object is null");
    requireNonNull(queryStats, "queryStats is null");
    return new S3Input(this, object, queryStats, cache);
  }

  /**
   * Starts the query's check of {@code object}'s version on the {@link VersionCheckPool} when the
   * range cache holds bytes of that version (only then would a read ask the server before using
   * them); an object the cache does not hold is read with GETs pinned to the version, which need no
   * check. {@code queryStats} owns the check: {@link VersionChecks#cancelStarted} with it ends it.
   */
  @Override
  public void checkAhead(ObjectInfo object, IoStats queryStats) {
    requireNonNull(object, "object is null");
    requireNonNull(queryStats, "queryStats is null");
    VersionChecks checks = queryStats.versionChecks();
    if (cache == null
        || checks == null
        || closed.get()
        || !cache.holds(object.key(), object.etag())) {
      return;
    }
    RequestAbort abort = new RequestAbort();
    checksAhead.add(abort);
    checks.start(
        object.key(),
        object.etag(),
        () -> {
          try {
            abort.run(() -> confirmVersion(object, 0, queryStats, abort));
          } finally {
            checksAhead.remove(abort);
          }
        },
        () -> {
          checksAhead.remove(abort);
          abort.abort();
        },
        VersionCheckPool.EXECUTOR,
        queryStats);
  }

  /**
   * Fails with {@link ObjectChangedException} (dropping the object's cached ranges and recording
   * the change) when the server no longer holds version {@code object} (one HEAD, counted in {@code
   * queryStats} too); {@code position} is the read's offset, for the message.
   */
  void confirmVersion(ObjectInfo object, long position, IoStats queryStats) {
    confirmVersion(object, position, queryStats, null);
  }

  /**
   * As {@link #confirmVersion(ObjectInfo, long, IoStats)}, for a check whose query may end first:
   * once {@code abort} is aborted, an answer arriving late records nothing.
   */
  private void confirmVersion(
      ObjectInfo object, long position, IoStats queryStats, RequestAbort abort) {
    String now;
    try {
      now = head(object.key(), queryStats).etag();
    } catch (ObjectNotFoundException e) {
      now = null;
    }
    if (abort != null && abort.aborted()) {
      throw new java.util.concurrent.CancellationException(
          "the version check of object '" + object.key() + "' ended with its query");
    }
    if (!object.etag().equals(now)) {
      if (cache != null) {
        cache.drop(object.key());
      }
      changes.record(object.key());
      throw new ObjectChangedException(object.key(), object.etag(), position);
    }
  }

  @Override
  public IoStats stats() {
    return stats;
  }

  @Override
  public ChangedObjects changes() {
    return changes;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (RequestAbort abort : checksAhead) {
      abort.abort();
    }
    if (shared != null) {
      SharedClients.release(shared);
    } else {
      if (cache != null) {
        cache.clear();
      }
      client.close();
    }
  }

  S3Client client() {
    return client;
  }

  /** Counts the attempts of one request of this store in its {@link #stats()} and {@code more}. */
  Attempts attempts(String what, Consumer<IoStats> kind, IoStats... more) {
    IoStats[] all = new IoStats[more.length + 1];
    all[0] = stats;
    System.arraycopy(more, 0, all, 1, more.length);
    return new Attempts(what, kind, settings.maxAttempts(), all);
  }

  Retrier retrier() {
    return retrier;
  }

  S3Errors errors() {
    return errors;
  }

  String fullKey(String key) {
    return settings.prefix() + key;
  }

  private String relative(String fullKey) {
    return fullKey.substring(settings.prefix().length());
  }

  @Override
  public String toString() {
    return "S3ObjectStore{" + location() + " at " + settings.endpointForMessages() + "}";
  }
}
