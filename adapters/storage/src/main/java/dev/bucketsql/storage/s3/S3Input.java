package dev.bucketsql.storage.s3;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.ObjectInput;
import dev.bucketsql.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * One object version of an {@link S3ObjectStore}. Positional reads are one ranged GET each (a
 * single {@code bytes=a-b} range, pinned with {@code If-Match}), read through a {@link RangeStream}
 * so that a connection broken mid-read resumes where it stopped.
 */
final class S3Input implements ObjectInput {
  private final S3ObjectStore store;
  private final ObjectInfo object;
  private final IoStats queryStats;

  S3Input(S3ObjectStore store, ObjectInfo object, IoStats queryStats) {
    this.store = store;
    this.object = object;
    this.queryStats = queryStats;
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
    try (InputStream in = new RangeStream(store, object, queryStats, position, position + length)) {
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
    return new RangeStream(store, object, queryStats, start, end);
  }
}
