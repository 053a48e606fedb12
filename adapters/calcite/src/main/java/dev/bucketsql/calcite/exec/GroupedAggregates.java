package dev.bucketsql.calcite.exec;

import dev.bucketsql.calcite.exec.AggregateSpec.Accumulator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The groups of a fused aggregate and the accumulators of its calls, and the rows they give:
 * what the fused join-aggregate and the fused scan-aggregate share. Groups are numbered by
 * {@link #groups()}; {@link #add} adds one input row to its group. Groups are held in memory,
 * without a bound.
 */
final class GroupedAggregates {
  private final GroupIndex groups;
  private final int groupCount;
  private final Accumulator[] accumulators;
  private boolean[] hit;
  private int capacity;

  GroupedAggregates(List<Operand> groupOperands, List<AggregateSpec> aggregates) {
    groups = GroupIndex.of(groupOperands);
    groupCount = groupOperands.size();
    accumulators = new Accumulator[aggregates.size()];
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i] = aggregates.get(i).newAccumulator();
    }
    reserve();
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

  /** Adds the row {@code f} to group {@code g}. */
  void add(int g, Frame f) {
    if (g >= capacity) {
      capacity = Accumulator.capacity(capacity, g + 1);
      hit = Arrays.copyOf(hit, capacity);
      for (Accumulator a : accumulators) {
        a.grow(capacity);
      }
    }
    hit[g] = true;
    for (Accumulator a : accumulators) {
      a.add(g, f);
    }
  }

  /**
   * One row per group, group values then call results in Calcite's Java representation: a
   * group is there when a row fell in it; with no GROUP BY, always once.
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
