package dev.bucketsql.calcite.exec;

import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryLimit;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.function.EqualityComparer;
import org.apache.calcite.linq4j.function.Function0;
import org.apache.calcite.linq4j.function.Function2;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Counts the groups one of Calcite's aggregates holds against the connection's {@code queryMemory},
 * at an estimated size a group, and fails the query with {@link MemoryLimitExceededException} when
 * they would need more. Calcite's hash aggregation creates a group's accumulator exactly once, so
 * {@link #initializer} sees every new group and nothing else: no cost a row. Calls that keep their
 * values (median, LISTAGG, ordered calls) are counted a row at a time through {@link #adder}. One
 * per execution of the aggregate; called by the code Calcite generates for {@link
 * dev.bucketsql.calcite.rel.BucketGroupGuard}, public for that reason only.
 */
public final class HeldGroups {
  private final MemoryLimit limit;
  private final String subject;
  private final long bytesPerGroup;
  private final long bytesPerValue;
  private long remaining;
  private long groups;
  private long values;

  private HeldGroups(MemoryLimit limit, String subject, long bytesPerGroup, long bytesPerValue) {
    this.limit = limit;
    this.subject = subject;
    this.bytesPerGroup = Math.max(1, bytesPerGroup);
    this.bytesPerValue = bytesPerValue;
    this.remaining = limit.bytes();
  }

  /**
   * The count for one execution of an aggregate.
   *
   * @param bytesPerGroup the estimated memory of one group: key, map entry, accumulators
   * @param bytesPerValue the estimated memory its calls keep a row, 0 when they keep nothing
   * @param subject the tables the groups come from ({@link MemoryLimitExceededException#subject})
   */
  public static HeldGroups of(
      DataContext root, long bytesPerGroup, long bytesPerValue, String subject) {
    return new HeldGroups(
        ConnectionMemory.limit(root, HeldBy.AGGREGATE), subject, bytesPerGroup, bytesPerValue);
  }

  /** {@code init}, counting a group each time it makes an accumulator. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public Function0 initializer(Function0 init) {
    return () -> {
      groups++;
      if ((remaining -= bytesPerGroup) < 0) {
        throw exceeded();
      }
      return init.apply();
    };
  }

  /** {@code adder}, counting a kept value each time it adds a row to a group. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public Function2 adder(Function2 adder) {
    return (accumulator, row) -> {
      values++;
      if ((remaining -= bytesPerValue) < 0) {
        throw exceeded();
      }
      return adder.apply(accumulator, row);
    };
  }

  private MemoryLimitExceededException exceeded() {
    return limit.exceeded(HeldBy.AGGREGATE, subject, groups, values);
  }

  /**
   * The distinct rows of {@code rows} (Calcite's plan for a {@code DISTINCT} or a {@code GROUP BY}
   * of every column without calls), failing once they would take more than {@code queryMemory} at
   * {@code bytesPerRow} each.
   *
   * @param comparer how rows compare (arrays by their elements), or null for {@code equals}
   */
  @SuppressWarnings("rawtypes")
  public static Enumerable distinct(
      Enumerable rows,
      @Nullable EqualityComparer comparer,
      DataContext root,
      long bytesPerRow,
      String subject) {
    return HeldSets.distinct(rows, comparer, root, HeldBy.AGGREGATE, bytesPerRow, subject);
  }
}
