package dev.bucketsql.engine.memory;

import static java.util.Objects.requireNonNull;

/**
 * The memory one operator of a query may hold, and the connection setting it comes from, for the
 * error that names it.
 *
 * @param bytes the limit
 * @param key the setting to raise: {@code queryMemory}, or {@code joinMemory} for a join when it
 *     was given
 */
public record MemoryLimit(long bytes, String key) {
  /** The setting that bounds each operator of a query, unless a more specific one applies. */
  public static final String QUERY_MEMORY = "queryMemory";

  /** Checks the arguments. */
  public MemoryLimit {
    requireNonNull(key, "key is null");
    if (bytes < 0) {
      throw new IllegalArgumentException("a memory limit is not negative: " + bytes);
    }
  }

  /** How many items of {@code bytesEach} fit, at least 1. */
  public long items(long bytesEach) {
    return Math.max(1, bytes / Math.max(1, bytesEach));
  }

  /**
   * The error for an operator of kind {@code by} that would need more than this limit for its first
   * {@code count} rows or groups.
   *
   * @param subject what it holds: {@code table 'dim'}, {@code tables 'a', 'b'} or {@code its input}
   */
  public MemoryLimitExceededException exceeded(HeldBy by, String subject, long count) {
    return new MemoryLimitExceededException(by, subject, this, count, 0);
  }

  /**
   * As {@link #exceeded(HeldBy, String, long)}, when the operator also keeps {@code values} values.
   */
  public MemoryLimitExceededException exceeded(HeldBy by, String subject, long count, long values) {
    return new MemoryLimitExceededException(by, subject, this, count, values);
  }
}
