package dev.bucketsql.calcite.exec;

import dev.bucketsql.calcite.pushdown.ScanRegistry;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryLimit;
import dev.bucketsql.engine.spill.SpillSettings;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.QueryProvider;

/**
 * Reads the memory limit of an operator, and where it may spill, from the connection running a
 * query: the glue between Calcite's {@link DataContext} and the engine's {@link MemoryLimit} and
 * {@link SpillSettings}.
 */
public final class ConnectionMemory {
  private ConnectionMemory() {}

  /** The limit of the connection running {@code root} for an operator of kind {@code by}. */
  public static MemoryLimit limit(DataContext root, HeldBy by) {
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

  /**
   * The spill settings of the connection running {@code root}, for the {@code SpillSpace} of an
   * engine query: the defaults ({@link SpillSettings#defaults()}) when there is no connection.
   */
  public static SpillSettings spill(DataContext root) {
    QueryProvider connection = root.getQueryProvider();
    ScanRegistry registry = connection == null ? null : ScanRegistry.of(connection);
    return registry == null ? SpillSettings.defaults() : registry.spill();
  }
}
