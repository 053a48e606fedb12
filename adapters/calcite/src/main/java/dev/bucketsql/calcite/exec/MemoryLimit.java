package dev.bucketsql.calcite.exec;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.calcite.pushdown.ScanRegistry;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.QueryProvider;

/**
 * The memory one operator of a query may hold, read from the connection when the query runs,
 * and the connection setting it comes from, for the error.
 *
 * @param bytes the limit
 * @param key the setting to raise: {@code queryMemory}, or {@code joinMemory} for a join when
 *     it was given
 */
public record MemoryLimit(long bytes, String key) {
  /** Checks the arguments. */
  public MemoryLimit {
    requireNonNull(key, "key is null");
  }

  /** The limit of the connection running {@code root} for an operator of kind {@code by}. */
  public static MemoryLimit of(DataContext root, HeldBy by) {
    QueryProvider connection = root.getQueryProvider();
    ScanRegistry registry = connection == null ? null : ScanRegistry.of(connection);
    if (by == HeldBy.JOIN) {
      return registry == null
          ? new MemoryLimit(ScanRegistry.DEFAULT_JOIN_MEMORY, ScanRegistry.DEFAULT_JOIN_MEMORY_KEY)
          : new MemoryLimit(registry.joinMemory(), registry.joinMemoryKey());
    }
    return new MemoryLimit(
        registry == null ? ScanRegistry.DEFAULT_QUERY_MEMORY : registry.queryMemory(),
        ScanRegistry.QUERY_MEMORY_KEY);
  }

  /** How many items of {@code bytesEach} fit, at least 1. */
  long items(long bytesEach) {
    return Math.max(1, bytes / Math.max(1, bytesEach));
  }

  /**
   * The error for an operator of kind {@code by} that would need more than this limit for its
   * first {@code count} rows or groups.
   *
   * @param subject what it holds: {@code table 'dim'}, {@code tables 'a', 'b'} or {@code its
   *     input}
   */
  MemoryLimitExceededException exceeded(HeldBy by, String subject, long count) {
    return new MemoryLimitExceededException(by, subject, this, count, 0);
  }

  /** As {@link #exceeded(HeldBy, String, long)}, when the operator also keeps {@code values} values. */
  MemoryLimitExceededException exceeded(HeldBy by, String subject, long count, long values) {
    return new MemoryLimitExceededException(by, subject, this, count, values);
  }
}
