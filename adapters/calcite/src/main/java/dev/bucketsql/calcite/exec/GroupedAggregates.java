package dev.bucketsql.calcite.exec;

import dev.bucketsql.calcite.exec.AggregateSpec.Accumulator;
import dev.bucketsql.engine.memory.MemoryLimit;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import dev.bucketsql.format.ColumnBatch.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The groups of a fused aggregate and the accumulators of its calls, and the rows they give: what
 * the fused join-aggregate and the fused scan-aggregate share. Groups are numbered by {@link
 * #groups()}; {@link #addRows} adds input rows to their groups. Groups are held in memory up to the
 * connection's {@code queryMemory}, at {@link #bytesPerGroup} each: one group more fails the query,
 * naming the tables ({@link MemoryLimitExceededException}).
 */
final class GroupedAggregates {
  private final GroupIndex groups;
  private final int groupCount;
  private final Accumulator[] accumulators;
  private boolean[] hit;
  private int capacity;

  /**
   * @param limit the connection's limit on the groups' memory
   * @param subject the tables the groups come from, for the error
   */
  GroupedAggregates(
      List<Operand> groupOperands,
      List<AggregateSpec> aggregates,
      MemoryLimit limit,
      String subject) {
    long bytesPerGroup = bytesPerGroup(groupOperands, aggregates);
    groups =
        GroupIndex.of(
            groupOperands, new GroupIndex.GroupLimit(limit.items(bytesPerGroup), limit, subject));
    groupCount = groupOperands.size();
    accumulators = new Accumulator[aggregates.size()];
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i] = aggregates.get(i).newAccumulator();
    }
    reserve();
  }

  /**
   * The estimated memory of one group: its entry in the group index, its accumulators (arrays grown
   * by half, so 1.5 times their slot) and its row of the result, built at the end.
   */
  static long bytesPerGroup(List<Operand> groupOperands, List<AggregateSpec> aggregates) {
    long bytes = GroupIndex.bytesPerGroup(groupOperands) + 2; // + the hit flag
    for (AggregateSpec a : aggregates) {
      // a count, sum or extreme: 8 bytes and a flag; a string extreme: the reference and the string
      bytes += a.result().kind() == Kind.OBJECT ? 12 + 88 : 16;
    }
    int columns = groupOperands.size() + aggregates.size();
    return bytes + 16 + 4L * columns + 24L * columns;
  }

  /** Numbers the groups. */
  GroupIndex groups() {
    return groups;
  }

  /** Makes room for the groups numbered so far (at least 16). */
  void reserve() {
    capacity = Math.max(groups.size(), 16);
    hit = new boolean[capacity];
    for (Accumulator a : accumulators) {
      a.grow(capacity);
    }
  }

  /**
   * Adds {@code m} joined rows at once (see {@link Accumulator#addRows}): row i is row {@code
   * probeRows[i]} of the probe side and {@code buildRows[i]} of the build side (null without one),
   * in group {@code groups[i]}, or group 0 when {@code groups} is null (no GROUP BY). Each call
   * runs one loop over them.
   */
  void addRows(
      int @Nullable [] groups, int[] probeRows, int @Nullable [] buildRows, int m, Frame f) {
    if (m == 0) {
      return;
    }
    int top = 0;
    if (groups != null) {
      for (int i = 0; i < m; i++) {
        top = Math.max(top, groups[i]);
      }
    }
    if (top >= capacity) {
      capacity = Accumulator.capacity(capacity, top + 1);
      hit = Arrays.copyOf(hit, capacity);
      for (Accumulator a : accumulators) {
        a.grow(capacity);
      }
    }
    if (groups == null) {
      hit[0] = true;
    } else {
      for (int i = 0; i < m; i++) {
        hit[groups[i]] = true;
      }
    }
    for (Accumulator a : accumulators) {
      a.addRows(groups, probeRows, buildRows, m, f);
    }
  }

  /**
   * One row per group, group values then call results in Calcite's Java representation: a group is
   * there when a row fell in it; with no GROUP BY, always once.
   */
  List<Object[]> rows() {
    List<Object[]> result = new ArrayList<>();
    for (int g = 0; g < groups.size(); g++) {
      if (groupCount > 0 && !hit[g]) {
        continue;
      }
      Object[] row = new Object[groupCount + accumulators.length];
      groups.keys(g, row);
      for (int i = 0; i < accumulators.length; i++) {
        row[groupCount + i] = accumulators[i].result(g);
      }
      result.add(row);
    }
    return result;
  }
}
