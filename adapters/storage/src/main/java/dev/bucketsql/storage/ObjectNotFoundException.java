package dev.bucketsql.storage;

/** The key names no object. */
public final class ObjectNotFoundException extends StorageException {
  private static final long serialVersionUID = 1L;

  /** No object under {@code key} in {@code location}. */
  public ObjectNotFoundException(String location, String key) {
    super("no object '" + key + "' in " + location);
  }
}
