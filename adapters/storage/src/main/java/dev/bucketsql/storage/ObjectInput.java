package dev.bucketsql.storage;

import java.io.Closeable;
import java.io.InputStream;

/**
 * Random and sequential access to one version of one object.
 *
 * <p>Positional reads issue one ranged GET each (exactly one range per request: some S3-compatible
 * servers answer a multi-range request with the whole object); callers that make many small reads
 * buffer or merge them. Instances are safe for concurrent positional reads.
 */
public interface ObjectInput extends Closeable {
  /** The object version this input reads. */
  ObjectInfo object();

  /** The object's length in bytes. */
  default long length() {
    return object().size();
  }

  /**
   * Reads exactly {@code length} bytes starting at {@code position} into {@code buffer}.
   *
   * @throws StorageException if the range is outside the object or the read fails after retries;
   *     the message names the key and the offset
   * @throws ObjectChangedException if the object was rewritten since it was opened
   */
  void readFully(long position, byte[] buffer, int offset, int length);

  /** Reads exactly {@code buffer.length} bytes starting at {@code position}. */
  default void readFully(long position, byte[] buffer) {
    readFully(position, buffer, 0, buffer.length);
  }

  /**
   * Reads the last {@code length} bytes of the object (all of it if it is shorter), in one request.
   * Meant for footers.
   */
  byte[] readTail(int length);

  /**
   * Opens a sequential stream over the bytes {@code [position, object size)}. The stream resumes by
   * itself from the byte it reached if the connection breaks, still pinned to the object's ETag.
   * Closing it before the end aborts the HTTP request, so the rest of the object is not downloaded.
   */
  InputStream openStream(long position);

  /**
   * Opens a sequential stream over the bytes {@code [start, end)}; see {@link #openStream(long)}.
   */
  InputStream openStream(long start, long end);

  /** Releases resources held by this input; open streams stay usable until closed. */
  @Override
  default void close() {}
}
