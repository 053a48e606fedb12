package dev.bucketsql.engine.window;

import dev.bucketsql.engine.Cells;
import dev.bucketsql.engine.aggregate.AggregateCall;
import dev.bucketsql.engine.aggregate.RunningAggregates;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.List;

/**
 * COUNT, and SUM, $SUM0 and AVG of integers and decimals, over a ROWS frame whose start is an
 * offset: as the frame slides, the rows leaving it are taken out of the sums and the rows entering
 * added, so a row costs O(1) whatever the frame's width (adding the frame's w rows again costs w).
 *
 * <p>The sums are exact ({@link RunningAggregates#removable}), so each value, and each overflow
 * error, is the one a fresh aggregate over the frame gives: a BIGINT sum fails where a frame's sum
 * is out of range, not where a sum on the way there was. Where a value cannot be taken out exactly
 * (a DECIMAL sum losing its last value of the largest scale, which set the sum's scale) the frame's
 * rows are added again, from an empty group.
 */
final class MovingSums {
  private final RunningAggregates sums;
  private final int[] columns;
  private final ColumnBatch scratch;
  private final ColumnBatch values;

  /** The rows in the sums: the partition's positions from {@code from} to {@code to} - 1. */
  private long from;

  private long to;

  /** Whether {@link #values} are the sums of the rows from {@code from} to {@code to} - 1. */
  private boolean written;

  /**
   * @param calls the calls, each {@link RunningAggregates#removable}
   * @param input the types of the window's input columns
   */
  MovingSums(List<AggregateCall> calls, List<ColumnType> input) {
    sums = new RunningAggregates(calls, input);
    columns =
        calls.stream().mapToInt(AggregateCall::column).filter(c -> c >= 0).distinct().toArray();
    scratch = new ColumnBatch(input.toArray(new ColumnType[0]), 1);
    values = new ColumnBatch(sums.types().toArray(new ColumnType[0]), 1);
  }

  /** Empties the sums for a new partition. */
  void reset() {
    sums.reset();
    from = 0;
    to = 0;
    written = false;
  }

  /** The first position still needed held: the rows to take out when the frame moves on. */
  long keepFrom() {
    return from;
  }

  /** Bytes of the sums' state. */
  long bytes() {
    return sums.bytes();
  }

  /**
   * Makes the values the sums over the partition's rows {@code lo} to {@code hi} (none when {@code
   * lo > hi}), all held from {@link #keepFrom()} on. Within a partition neither bound moves back.
   *
   * @throws dev.bucketsql.format.SqlStateException when a BIGINT sum is out of range
   */
  void moveTo(HeldRows held, long lo, long hi) {
    long end = Math.max(lo, hi + 1);
    if (written && from == lo && to == end) {
      return;
    }
    boolean exact = lo < to;
    for (; exact && from < lo; from++) {
      exact = sums.remove(row(held, from), 0);
    }
    if (!exact) {
      sums.reset();
      from = lo;
      to = lo;
    }
    for (; to < end; to++) {
      sums.add(row(held, to), 0);
    }
    written = false;
    sums.write(values, 0, 0);
    written = true;
  }

  /** Copies the value of call {@code i} to row {@code o}, column {@code c}, of {@code out}. */
  void copy(int i, ColumnBatch out, int c, int o) {
    Cells.copy(values, i, 0, out, c, o);
  }

  private ColumnBatch row(HeldRows held, long p) {
    for (int c : columns) {
      held.copyCell(p, c, scratch, c, 0);
    }
    return scratch;
  }
}
