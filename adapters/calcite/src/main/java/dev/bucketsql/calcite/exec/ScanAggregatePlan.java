package dev.bucketsql.calcite.exec;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.calcite.exec.JoinAggregatePlan.Input;
import java.util.List;

/**
 * What a fused scan-aggregate computes, fixed at planning time and shared by its executions: the
 * table read (its pushed filter and columns), the group operands and the aggregate calls. Operands
 * read the scan's columns as the {@link Operand#PROBE} side, by their position in {@link
 * Input#types()}.
 *
 * @param input the table read directly in column batches (no key: {@code key} is -1)
 * @param groups the GROUP BY values, in the aggregate's order
 * @param aggregates the aggregate calls, in the aggregate's order
 */
public record ScanAggregatePlan(Input input, List<Operand> groups, List<AggregateSpec> aggregates) {
  /** Checks and copies the arguments. */
  public ScanAggregatePlan {
    requireNonNull(input, "input is null");
    requireNonNull(input.table(), "input.table is null");
    groups = List.copyOf(groups);
    aggregates = List.copyOf(aggregates);
  }
}
