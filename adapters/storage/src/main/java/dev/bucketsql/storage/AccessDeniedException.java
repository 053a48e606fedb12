package dev.bucketsql.storage;

/**
 * The object store refused the credentials: an unknown key id, a secret that does not match, or a
 * key without permission on the bucket. The JDBC layer reports it with SQLSTATE 28000.
 */
public final class AccessDeniedException extends StorageException {
  private static final long serialVersionUID = 1L;

  /** A refusal with a message that names the (masked) key id and what to check. */
  public AccessDeniedException(String message, Throwable cause) {
    super(message, cause);
  }
}
