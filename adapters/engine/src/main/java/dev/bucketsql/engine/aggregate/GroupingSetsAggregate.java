package dev.bucketsql.engine.aggregate;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryBudget;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * GROUP BY over several grouping sets ({@code ROLLUP}, {@code CUBE}, {@code GROUPING SETS}): the
 * groups of every set, each row with the key columns of its set and NULL in the others, the calls
 * over the group's rows, and {@code GROUPING(...)} columns telling which keys a row rolled up.
 * Output: every key column of any set, then one column per call, then one BIGINT column per
 * grouping.
 *
 * <p>The input is read once, each batch added to one {@link HashAggregate} per set, so every set
 * counts the same rows (reading the input again per set could see an object changed in between and
 * give totals that disagree with their groups). The empty set {@code ()} is one row even over no
 * input; another set has a row per group it saw. The sets' aggregates reserve in one budget, this
 * operator's; each plans with an equal share of the memory limit, spills its own rows beyond that
 * share as {@link HashAggregate} does, and is closed (its memory released) once its groups are out,
 * before the next set's come.
 */
public final class GroupingSetsAggregate implements Operator {
  private final Operator input;
  private final int[] keys;
  private final int[][] setKeys;

  /** Per set, per key column of the output: its column in the set's aggregate, or -1 (NULL). */
  private final int[][] keyColumns;

  private final long[][] groupingValues;
  private final int callCount;
  private final List<ColumnType> types;
  private final ExecContext context;
  private final MemoryBudget budget;
  private final HashAggregate[] sets;
  private int current = -1;
  private ColumnBatch out;
  private boolean closed;

  /**
   * @param input the rows to aggregate
   * @param keys the key columns of the input that any set groups by, as the output gives them
   * @param sets each set's key columns, each among {@code keys}, no set twice
   * @param calls the aggregate calls
   * @param groupings the input columns of each {@code GROUPING(a, b, ...)} column, each among
   *     {@code keys}: its value has a bit per argument, the first the most significant, set where
   *     the row's set does not group by that column; 0 for every row when there is one set
   * @param subject what the groups come from, for the memory error ({@code table 'x'})
   */
  public GroupingSetsAggregate(
      Operator input,
      int[] keys,
      List<int[]> sets,
      List<AggregateCall> calls,
      List<int[]> groupings,
      ExecContext context,
      String subject) {
    this.input = requireNonNull(input, "input is null");
    this.context = requireNonNull(context, "context is null");
    this.keys = keys.clone();
    if (sets.isEmpty()) {
      throw new IllegalArgumentException("an aggregate has at least one grouping set");
    }
    List<ColumnType> in = input.types();
    setKeys = new int[sets.size()][];
    keyColumns = new int[sets.size()][];
    groupingValues = new long[sets.size()][groupings.size()];
    for (int s = 0; s < setKeys.length; s++) {
      setKeys[s] = sets.get(s).clone();
      keyColumns[s] = new int[this.keys.length];
      Arrays.fill(keyColumns[s], -1);
      for (int p = 0; p < setKeys[s].length; p++) {
        keyColumns[s][position(this.keys, setKeys[s][p], "grouping set key")] = p;
      }
      for (int t = 0; t < s; t++) {
        if (Arrays.equals(sortedCopy(setKeys[t]), sortedCopy(setKeys[s]))) {
          throw new IllegalArgumentException(
              "grouping set " + Arrays.toString(setKeys[s]) + " is given twice");
        }
      }
      for (int g = 0; g < groupings.size(); g++) {
        int[] args = groupings.get(g);
        long value = 0;
        for (int a = 0; a < args.length; a++) {
          int k = position(this.keys, args[a], "GROUPING argument");
          boolean rolledUp = keyColumns[s][k] < 0;
          if (rolledUp && sets.size() > 1) {
            value |= 1L << (args.length - 1 - a);
          }
        }
        groupingValues[s][g] = value;
      }
    }
    callCount = calls.size();
    List<ColumnType> t = new ArrayList<>();
    for (int k : this.keys) {
      t.add(in.get(k));
    }
    budget = context.budget(HeldBy.AGGREGATE, subject);
    long share = context.memory().bytes() / setKeys.length;
    this.sets = new HashAggregate[setKeys.length];
    for (int s = 0; s < setKeys.length; s++) {
      this.sets[s] = HashAggregate.fed(in, setKeys[s], calls, context, budget, share);
    }
    List<ColumnType> setTypes = this.sets[0].types();
    t.addAll(setTypes.subList(setKeys[0].length, setTypes.size()));
    for (int g = 0; g < groupings.size(); g++) {
      t.add(ColumnType.BIGINT);
    }
    types = List.copyOf(t);
  }

  private static int position(int[] keys, int column, String what) {
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] == column) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        what + " #" + column + " is not a key column " + Arrays.toString(keys));
  }

  private static int[] sortedCopy(int[] a) {
    int[] c = a.clone();
    Arrays.sort(c);
    return c;
  }

  @Override
  public List<ColumnType> types() {
    return types;
  }

  @Override
  public ColumnBatch next() {
    if (closed) {
      return null;
    }
    try {
      if (current < 0) {
        consume();
        current = 0;
      }
      while (current < sets.length) {
        ColumnBatch b = sets[current].next();
        if (b != null) {
          return output(current, b);
        }
        // this set's groups are out: its memory and spill files go before the next set's come
        sets[current].close();
        current++;
      }
      return null;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Reads the input once, every batch added to every set. */
  private void consume() {
    for (ColumnBatch b = input.next(); b != null; b = input.next()) {
      for (HashAggregate set : sets) {
        set.add(b);
      }
    }
    input.close();
    for (HashAggregate set : sets) {
      set.endInput();
    }
  }

  /** The rows of {@code b}, groups of set {@code s}, in the output's columns. */
  private ColumnBatch output(int s, ColumnBatch b) {
    int n = b.size();
    if (out == null || out.capacity() < n) {
      out = new ColumnBatch(types.toArray(new ColumnType[0]), Math.max(n, context.batchSize()));
    }
    out.clear();
    int[] columns = keyColumns[s];
    for (int k = 0; k < keys.length; k++) {
      if (columns[k] < 0) {
        Arrays.fill(out.nulls(k), 0, n, true);
      } else {
        copy(b, columns[k], out, k, n);
      }
    }
    int from = setKeys[s].length;
    for (int c = 0; c < callCount; c++) {
      copy(b, from + c, out, keys.length + c, n);
    }
    long[] values = groupingValues[s];
    for (int g = 0; g < values.length; g++) {
      int c = keys.length + callCount + g;
      Arrays.fill(out.longs(c), 0, n, values[g]);
      Arrays.fill(out.nulls(c), 0, n, false);
    }
    out.setSize(n);
    return out;
  }

  private static void copy(ColumnBatch from, int fc, ColumnBatch to, int tc, int n) {
    System.arraycopy(from.nulls(fc), 0, to.nulls(tc), 0, n);
    switch (from.kind(fc)) {
      case LONG -> System.arraycopy(from.longs(fc), 0, to.longs(tc), 0, n);
      case DOUBLE -> System.arraycopy(from.doubles(fc), 0, to.doubles(tc), 0, n);
      default -> System.arraycopy(from.objects(fc), 0, to.objects(tc), 0, n);
    }
  }

  /** Bytes reserved now by all sets (for tests). */
  public long reservedBytes() {
    return budget.reserved();
  }

  /** Input rows the sets' aggregates wrote to disk, not counting their partitions' own. */
  public long spilledRows() {
    long rows = 0;
    for (HashAggregate set : sets) {
      rows += set.spilledRows();
    }
    return rows;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      try {
        for (HashAggregate set : sets) {
          set.close();
        }
      } finally {
        budget.releaseAll();
        input.close();
      }
    }
  }
}
