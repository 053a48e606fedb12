package dev.bucketsql.storage;

import java.io.Closeable;
import java.util.List;

/**
 * A flat namespace of immutable objects, addressed by key: an S3 bucket, or a map in memory for
 * tests. Knows nothing of formats or SQL.
 *
 * <p>Every request the store makes is counted in {@link #stats()}; reads made through an {@link
 * ObjectInput} are also counted in the {@link IoStats} given to {@link #open}, so a query can
 * report what it alone fetched.
 */
public interface ObjectStore extends Closeable {
  /**
   * Where this store points, for messages, e.g. {@code s3://mangetamain/} or {@code
   * memory://test/}. Never contains a secret.
   */
  String location();

  /**
   * Lists every object whose key starts with {@code prefix}, following all pages, in key order.
   * Keys that end in {@code /} (folder markers) are included as they are.
   *
   * @param prefix key prefix, empty for the whole store
   * @throws StorageException when the listing fails; the message says what to fix
   */
  List<ObjectInfo> list(String prefix);

  /**
   * Returns the current size, ETag and modification time of {@code key}.
   *
   * @throws ObjectNotFoundException when there is no such object
   * @throws StorageException on any other failure
   */
  ObjectInfo head(String key);

  /**
   * Opens the version of the object described by {@code object} for reading. Reads through the
   * returned input are pinned to {@code object.etag()}: if the object is rewritten meanwhile, reads
   * fail with {@link ObjectChangedException} rather than mixing versions.
   *
   * @param object the object as listed or returned by {@link #head}
   * @param stats where this input's requests and bytes are counted, in addition to {@link #stats()}
   */
  ObjectInput open(ObjectInfo object, IoStats stats);

  /**
   * Tells the store that a query (whose counters are {@code queryStats}, a {@link
   * IoStats#forQuery()} node or below one) is about to read {@code object}. A store that confirms
   * versions before it answers from bytes it keeps (the S3 store's range cache) may start that
   * confirmation now, in the background, so that the checks of all the objects of a query overlap;
   * the reads still wait for it and fail as they would have. Returns at once; the default does
   * nothing.
   */
  default void checkAhead(ObjectInfo object, IoStats queryStats) {}

  /** Requests and bytes of everything done through this store since it was created. */
  IoStats stats();

  /**
   * The keys whose reads failed with {@link ObjectChangedException}, so that a cached listing can
   * look them up again.
   */
  ChangedObjects changes();

  /** Releases connections and threads. Inputs opened from this store must not be used after. */
  @Override
  void close();
}
