package dev.bucketsql.engine.aggregate;

import dev.bucketsql.engine.Cells;
import dev.bucketsql.engine.memory.MemoryBudget;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnBatch.Kind;
import dev.bucketsql.format.ColumnType;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A {@link GroupFold} per group: a state made at the group's first row whose arguments are all
 * non-null, each such row folded into it in input order, the result read once the input ended.
 *
 * <p>The states keep their values (a quantile holds every value of its group), so each value added
 * is reserved in the aggregate's budget before it is folded: 16 bytes for a number, date or time
 * (its slot in an array that doubles), 16 more than the object's estimate for a string or decimal.
 * One reservation per batch. When the aggregate spills, only the groups it holds keep states; the
 * rows of every other group go to disk and are folded by the aggregate of their partition, so a
 * state never mixes rows from memory and from disk. A held group whose values outgrow the memory is
 * the aggregate's memory error (53200, naming its groups and values): a state cannot be written out
 * and merged again.
 */
final class FoldAccumulator extends Accumulator {
  /** A state's own header and arrays before its first value. */
  private static final long STATE_BYTES = 96;

  private final GroupFold fold;
  private final int[] arguments;
  private final Kind valueKind;
  private final MemoryBudget budget;
  private final LongSupplier groupCount;
  private Object[] states = new Object[0];
  private long[] rowBytes = new long[0];
  private long values;

  /**
   * @param groupCount the groups the aggregate holds, as the memory error counts them
   */
  FoldAccumulator(
      AggregateCall.Fold fold,
      List<ColumnType> input,
      MemoryBudget budget,
      LongSupplier groupCount) {
    this.fold = fold.function();
    this.arguments = fold.arguments();
    this.valueKind = Kind.of(input.get(arguments[0]));
    this.budget = budget;
    this.groupCount = groupCount;
  }

  @Override
  void grow(int groups) {
    states = grown(states, groups);
  }

  @Override
  long bytesPerGroup() {
    return 12 + STATE_BYTES;
  }

  @Override
  void add(ColumnBatch batch, int[] groups, int[] rows, int n) {
    if (rowBytes.length < n) {
      rowBytes = new long[n];
    }
    long bytes = 0;
    long count = 0;
    Object[] objects = valueKind == Kind.OBJECT ? batch.objects(arguments[0]) : null;
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      long b = !passes(batch, r) ? 0 : objects == null ? 16 : 16 + Cells.bytesOf(objects[r]);
      rowBytes[i] = b;
      bytes += b;
      count += b > 0 ? 1 : 0;
    }
    if (count == 0) {
      return;
    }
    values = HeldValues.reserve(budget, bytes, rowBytes, n, groupCount.getAsLong(), values);
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      if (rowBytes[i] > 0) {
        int g = groups[i];
        if (states[g] == null) {
          states[g] = fold.start();
        }
        fold.add(states[g], batch, r);
      }
    }
  }

  /** Whether no argument of row {@code r} is NULL: the SQL layer's strict aggregates skip it. */
  private boolean passes(ColumnBatch batch, int r) {
    for (int a : arguments) {
      if (batch.nulls(a)[r]) {
        return false;
      }
    }
    return true;
  }

  @Override
  void write(int g, ColumnBatch out, int c, int r) {
    out.set(c, r, states[g] == null ? null : fold.result(states[g]));
  }
}
