package dev.bucketsql.storage;

/**
 * A failure talking to the object store. The message names the object key (and the byte offset
 * where one applies) and says what to fix; it never contains a secret.
 */
public class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with a message that says what to fix. */
  public StorageException(String message) {
    super(message);
  }

  /** A failure with a message that says what to fix, and its cause. */
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
