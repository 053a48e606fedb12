package dev.bucketsql.format;

/**
 * The content of an object cannot be read as its format says: malformed CSV, a corrupt Parquet
 * footer, an unsupported type. The message names the object key and, where one applies, the line or
 * byte offset, and hints at the fix.
 */
public class FormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A failure with a message naming the key and position. */
  public FormatException(String message) {
    super(message);
  }

  /** A failure with a message naming the key and position, and its cause. */
  public FormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
