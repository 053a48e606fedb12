package dev.bucketsql.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What the store knows of one object version without reading it.
 *
 * @param key the object key, without the bucket
 * @param size length in bytes
 * @param etag the entity tag as the server sent it (quotes included), identifying this version
 * @param lastModified when this version was written
 */
public record ObjectInfo(String key, long size, String etag, Instant lastModified) {
  /** Checks the arguments. */
  public ObjectInfo {
    requireNonNull(key, "key is null");
    requireNonNull(etag, "etag is null");
    requireNonNull(lastModified, "lastModified is null");
    if (size < 0) {
      throw new IllegalArgumentException("size is negative: " + size);
    }
  }
}
