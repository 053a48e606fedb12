package dev.bucketsql.calcite.exec;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.calcite.BucketTable;
import dev.bucketsql.format.ColumnType;
import java.util.List;
import org.apache.calcite.rex.RexNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a fused join-aggregate computes, fixed at planning time and shared by its executions: the
 * two inputs (which one is held in memory), the join key of each, the group operands and the
 * aggregate calls. Operands read columns of the inputs by their position in {@link Input#types()}.
 *
 * @param build the input held in memory (the smaller one by the planner's estimate)
 * @param probe the input streamed past it
 * @param buildIsLeft whether the build input is the join's left input
 * @param groups the GROUP BY values, in the aggregate's order
 * @param aggregates the aggregate calls, in the aggregate's order
 * @param groupsOnBuild whether every group operand reads only the build side (then each build row's
 *     group is found once, while building)
 * @param storedBuildColumns which build columns the probe phase reads
 */
public record JoinAggregatePlan(
    Input build,
    Input probe,
    boolean buildIsLeft,
    List<Operand> groups,
    List<AggregateSpec> aggregates,
    boolean groupsOnBuild,
    boolean[] storedBuildColumns) {
  /** Checks and copies the arguments. */
  public JoinAggregatePlan {
    requireNonNull(build, "build is null");
    requireNonNull(probe, "probe is null");
    groups = List.copyOf(groups);
    aggregates = List.copyOf(aggregates);
    storedBuildColumns = storedBuildColumns.clone();
  }

  /**
   * One input of the join.
   *
   * @param name the table's name, for EXPLAIN and errors
   * @param table the table read directly in column batches, or null when the input's rows come from
   *     Calcite's code for it (an input with a filter)
   * @param pushed the scan's pushed filter conjuncts (table read directly)
   * @param fileColumns the file columns read (table read directly), one per entry of {@code types}
   * @param types the type of each column of the input
   * @param key the column holding the join key, an integral type; -1 for a scan-aggregate
   */
  public record Input(
      String name,
      @Nullable BucketTable table,
      List<RexNode> pushed,
      int[] fileColumns,
      ColumnType[] types,
      int key) {
    /** Copies the arguments. */
    public Input {
      requireNonNull(name, "name is null");
      pushed = List.copyOf(pushed);
      fileColumns = fileColumns.clone();
      types = types.clone();
    }
  }
}
