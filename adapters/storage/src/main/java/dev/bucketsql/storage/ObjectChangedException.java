package dev.bucketsql.storage;

/**
 * The object was rewritten while it was being read: its ETag no longer matches the version the read
 * started on. Rerunning the query reads the new version whole.
 */
public final class ObjectChangedException extends StorageException {
  private static final long serialVersionUID = 1L;

  /** The object {@code key} changed from {@code etag} while it was read at {@code offset}. */
  public ObjectChangedException(String key, String etag, long offset) {
    super(
        "object '"
            + key
            + "' changed while it was being read (expected ETag "
            + etag
            + ", at byte offset "
            + offset
            + "); rerun the query to read the new version");
  }
}
