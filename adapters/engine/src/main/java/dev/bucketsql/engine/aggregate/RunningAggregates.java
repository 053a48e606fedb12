package dev.bucketsql.engine.aggregate;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;

/**
 * Aggregate calls over one group of rows at a time, emptied again by {@link #reset}: what a window
 * computes its COUNT, SUM, $SUM0, MIN, MAX and AVG with, so that they have exactly {@link
 * HashAggregate}'s result types, values and overflow errors (the same accumulators). DISTINCT and
 * FILTER are refused: a window call has neither here.
 */
public final class RunningAggregates {
  private static final int[] GROUP = {0};

  private final Accumulator[] accumulators;
  private final List<ColumnType> types;
  private final long bytes;
  private final int[] row = new int[1];

  /**
   * @param calls the calls, none DISTINCT or filtered
   * @param input the types of the input columns the calls read
   */
  public RunningAggregates(List<AggregateCall> calls, List<ColumnType> input) {
    requireNonNull(calls, "calls is null");
    requireNonNull(input, "input is null");
    accumulators = new Accumulator[calls.size()];
    List<ColumnType> t = new ArrayList<>();
    long b = 0;
    for (int i = 0; i < accumulators.length; i++) {
      AggregateCall call = calls.get(i);
      if (call.distinct() || call.filter() >= 0) {
        throw new IllegalArgumentException(
            call.name() + ": a running aggregate has no DISTINCT or FILTER form");
      }
      ColumnType arg = call.column() < 0 ? null : input.get(call.column());
      t.add(call.resultType(arg));
      accumulators[i] = Accumulators.of(call, arg, input);
      accumulators[i].grow(1);
      b += accumulators[i].bytesPerGroup();
    }
    types = List.copyOf(t);
    bytes = b;
  }

  /**
   * Whether {@link #remove} takes a row out of {@code call} exactly: COUNT, and SUM, $SUM0 and AVG
   * of integers (an exact sum in a long, else a BigInteger) or decimals. Not MIN, MAX, ARG_MIN and
   * ARG_MAX, and not a sum of doubles, whose last digits depend on the order of its additions.
   */
  public static boolean removable(AggregateCall call, List<ColumnType> input) {
    return switch (call.function()) {
      case COUNT_STAR, COUNT -> true;
      case SUM, SUM0, AVG ->
          switch (input.get(call.column())) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL -> true;
            default -> false;
          };
      case MIN, MAX, ARG_MIN, ARG_MAX, STRING_AGG, FOLD -> false;
    };
  }

  /** The result type of each call. */
  public List<ColumnType> types() {
    return types;
  }

  /** The bytes the state of the calls holds (a value of MIN or MAX may hold more). */
  public long bytes() {
    return bytes;
  }

  /** Empties the group: the next value of each call is over the rows added after this. */
  public void reset() {
    for (Accumulator a : accumulators) {
      a.reset(0);
    }
  }

  /** Adds row {@code r} of {@code batch}. */
  public void add(ColumnBatch batch, int r) {
    row[0] = r;
    for (Accumulator a : accumulators) {
      a.add(batch, GROUP, row, 1);
    }
  }

  /**
   * Takes row {@code r} of {@code batch}, added before, out of the group again: the calls must all
   * be {@link #removable}.
   *
   * @return false when a value is no longer known exactly (a DECIMAL sum whose last value of the
   *     largest scale left, so the scale of the others' sum is not known): then {@link #reset} and
   *     add the rows again
   */
  public boolean remove(ColumnBatch batch, int r) {
    boolean exact = true;
    for (Accumulator a : accumulators) {
      exact &= a.remove(batch, 0, r);
    }
    return exact;
  }

  /**
   * Writes the value of each call over the rows added since the last reset to row {@code r} of
   * {@code out}, columns from {@code firstColumn}.
   *
   * @throws dev.bucketsql.format.SqlStateException when a SUM leaves its type's range
   */
  public void write(ColumnBatch out, int firstColumn, int r) {
    for (int i = 0; i < accumulators.length; i++) {
      accumulators[i].write(0, out, firstColumn + i, r);
    }
  }
}
