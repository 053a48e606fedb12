package dev.bucketsql.storage.s3;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.ObjectInput;
import dev.bucketsql.storage.StorageException;
import dev.bucketsql.storage.VersionChecks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One object version of an {@link S3ObjectStore}. Positional reads are one ranged GET each (a
 * single {@code bytes=a-b} range, pinned with {@code If-Match}), read through a {@link RangeStream}
 * so that a connection broken mid-read resumes where it stopped.
 *
 * <p>With a {@link RangeCache} (the {@code dataCache} setting), reads take the bytes the cache
 * holds of this version and fetch only the gaps between them. Before the first bytes it takes from
 * the cache, the input asks the server once (HEAD) whether the object is still this version, so a
 * rewritten object fails the read with {@link ObjectChangedException} as a GET pinned to the old
 * ETag would; the inputs of one query ask once between them ({@link VersionChecks}), and an input
 * whose results wait for the query's checks ({@link IoStats#deferringChecks()}) reads while the
 * check started ahead is under way.
 */
final class S3Input implements ObjectInput {
  private final S3ObjectStore store;
  private final ObjectInfo object;
  private final IoStats queryStats;
  private final RangeCache cache;
  private final AtomicBoolean current = new AtomicBoolean();

  S3Input(S3ObjectStore store, ObjectInfo object, IoStats queryStats, RangeCache cache) {
    this.store = store;
    this.object = object;
    this.queryStats = queryStats;
    this.cache = cache;
  }

  @Override
  public ObjectInfo object() {
    return object;
  }

  @Override
  public void readFully(long position, byte[] buffer, int offset, int length) {
    requireNonNull(buffer, "buffer is null");
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (position < 0 || position + length > object.size()) {
      throw new StorageException(
          "read of "
              + length
              + " bytes at byte offset "
              + position
              + " is outside object '"
              + object.key()
              + "' of "
              + object.size()
              + " bytes");
    }
    if (length == 0) {
      return;
    }
    try (InputStream in = stream(position, position + length)) {
      int n = in.readNBytes(buffer, offset, length);
      if (n != length) {
        // RangeStream resumes or fails; a short read here would be a bug, never a result.
        throw new StorageException(
            "read of object '"
                + object.key()
                + "' ended at byte offset "
                + (position + n)
                + " instead of "
                + (position + length));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public byte[] readTail(int length) {
    if (length < 0) {
      throw new IllegalArgumentException("length is negative: " + length);
    }
    int n = (int) Math.min(length, object.size());
    byte[] tail = new byte[n];
    readFully(object.size() - n, tail, 0, n);
    return tail;
  }

  @Override
  public InputStream openStream(long position) {
    return openStream(position, object.size());
  }

  @Override
  public InputStream openStream(long start, long end) {
    if (start < 0 || end > object.size() || start > end) {
      throw new StorageException(
          "range ["
              + start
              + ", "
              + end
              + ") is outside object '"
              + object.key()
              + "' of "
              + object.size()
              + " bytes");
    }
    return stream(start, end);
  }

  private InputStream stream(long start, long end) {
    if (cache == null) {
      return new RangeStream(store, object, queryStats, start, end);
    }
    List<RangeCache.Piece> pieces = cache.overlapping(object.key(), object.etag(), start, end);
    if (!pieces.isEmpty()) {
      checkCurrent(start);
    }
    return new CachedRangeStream(store, object, queryStats, cache, pieces, start, end);
  }

  /**
   * Fails when the object is no longer the version this input reads; asks once per input, or once
   * per query when the input's counters belong to one ({@link IoStats#forQuery()}).
   */
  private void checkCurrent(long position) {
    if (current.get()) {
      return;
    }
    VersionChecks checks = queryStats.versionChecks();
    if (checks == null) {
      askServer(position);
    } else if (queryStats.defersChecks()
        && checks.deferRead(object.key(), object.etag(), () -> askServer(position))) {
      // the reader's results wait for the check's answer (VersionChecks.awaitStarted)
      return;
    } else {
      checks.once(object.key(), object.etag(), () -> askServer(position));
    }
    current.set(true);
  }

  private void askServer(long position) {
    store.confirmVersion(object, position, queryStats);
  }
}
