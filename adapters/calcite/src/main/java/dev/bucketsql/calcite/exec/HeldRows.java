package dev.bucketsql.calcite.exec;

import dev.bucketsql.calcite.pushdown.ScanRegistry;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.QueryProvider;

/**
 * Counts the rows a join holds in memory (the input Calcite's hash and nested-loop joins keep
 * whole) against the connection's {@code joinMemory}, at an estimated size a row, and fails the
 * query with {@link JoinMemoryExceededException} when they would need more: an error that names
 * the setting, instead of an OutOfMemoryError. Called by the code Calcite generates for {@link
 * dev.bucketsql.calcite.rel.BucketMemoryGuard}; public for that reason only.
 */
public final class HeldRows {
  private HeldRows() {}

  /**
   * {@code rows}, passed through unchanged, failing once more than the connection's limit would
   * be held.
   *
   * @param bytesPerRow the estimated memory of one held row
   * @param what the tables the rows come from, for the message
   */
  public static <T> Enumerable<T> guard(
      Enumerable<T> rows, DataContext root, long bytesPerRow, String what) {
    QueryProvider connection = root.getQueryProvider();
    ScanRegistry registry = connection == null ? null : ScanRegistry.of(connection);
    long limit = registry == null ? ScanRegistry.DEFAULT_JOIN_MEMORY : registry.joinMemory();
    long maxRows = Math.max(1, limit / Math.max(1, bytesPerRow));
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<T> enumerator() {
        Enumerator<T> in = rows.enumerator();
        return new Enumerator<>() {
          private long count;

          @Override
          public T current() {
            return in.current();
          }

          @Override
          public boolean moveNext() {
            if (!in.moveNext()) {
              return false;
            }
            if (++count > maxRows) {
              throw new JoinMemoryExceededException(what, limit, count, "joinMemory");
            }
            return true;
          }

          @Override
          public void reset() {
            in.reset();
            count = 0;
          }

          @Override
          public void close() {
            in.close();
          }
        };
      }
    };
  }
}
