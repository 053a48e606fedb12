package dev.bucketsql.engine.aggregate;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.BatchWriter;
import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.hash.KeyTable;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryBudget;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;

/**
 * GROUP BY over any key columns (strings, decimals, several columns; NULL is a group of its own)
 * with COUNT, SUM, MIN, MAX, AVG and their DISTINCT forms. Without key columns it returns one
 * row, even over no input. Output: the key columns, then one column per call, groups in order
 * of first appearance.
 *
 * <p>Each new group reserves its estimated bytes (key, accumulators) in the operator's memory
 * budget before it is added; DISTINCT calls reserve each new (group, value) pair.
 */
public final class HashAggregate implements Operator {
  private final Operator input;
  private final int[] keys;
  private final ExecContext context;
  private final MemoryBudget budget;
  private final List<ColumnType> types;
  private final KeyTable groups;
  private final Accumulator[] accumulators;
  private final long bytesPerGroupOfCalls;
  private int groupCount;
  private int capacity;
  private int[] rowGroups = new int[0];
  private int[] rowNumbers = new int[0];
  private BatchWriter out;
  private int emitted;
  private boolean closed;

  /**
   * @param input the rows to aggregate
   * @param keys the group key columns of the input, none for one group over all rows
   * @param calls the aggregate calls
   * @param subject what the groups come from, for the memory error ({@code table 'x'})
   */
  public HashAggregate(
      Operator input, int[] keys, List<AggregateCall> calls, ExecContext context, String subject) {
    this.input = requireNonNull(input, "input is null");
    this.keys = keys.clone();
    this.context = requireNonNull(context, "context is null");
    this.budget = context.budget(HeldBy.AGGREGATE, subject);
    List<ColumnType> in = input.types();
    List<ColumnType> t = new ArrayList<>();
    List<ColumnType> keyTypes = new ArrayList<>();
    for (int k : this.keys) {
      keyTypes.add(in.get(k));
    }
    t.addAll(keyTypes);
    accumulators = new Accumulator[calls.size()];
    long perGroup = 0;
    for (int i = 0; i < accumulators.length; i++) {
      AggregateCall call = calls.get(i);
      ColumnType argType = call.column() < 0 ? null : in.get(call.column());
      t.add(call.resultType(argType));
      Accumulator a = Accumulators.of(call, argType);
      accumulators[i] = call.distinct() ? new DistinctAccumulator(a, call.column(), argType, budget) : a;
      perGroup += accumulators[i].bytesPerGroup();
    }
    bytesPerGroupOfCalls = perGroup;
    types = List.copyOf(t);
    groups = keyTypes.isEmpty() ? null : new KeyTable(keyTypes);
    if (groups == null) {
      // the single group exists before any row: SELECT COUNT(*) over nothing is 0
      groupCount = 1;
      ensureCapacity(1);
    }
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
    if (out == null) {
      consume();
      out = new BatchWriter(types, context.batchSize());
    }
    context.checkCancelled();
    ColumnBatch batch = out.batch();
    while (emitted < groupCount && !out.full()) {
      int r = out.row();
      if (groups != null) {
        groups.copyKey(emitted, batch, r, 0);
      }
      for (int i = 0; i < accumulators.length; i++) {
        accumulators[i].write(emitted, batch, keys.length + i, r);
      }
      out.commit();
      emitted++;
    }
    return out.take();
  }

  private void consume() {
    for (ColumnBatch b = input.next(); b != null; b = input.next()) {
      context.checkCancelled();
      int n = b.size();
      if (rowGroups.length < n) {
        rowGroups = new int[n];
        rowNumbers = new int[n];
        for (int i = 0; i < n; i++) {
          rowNumbers[i] = i;
        }
      }
      for (int r = 0; r < n; r++) {
        rowGroups[r] = groups == null ? 0 : groupOf(b, r);
      }
      for (Accumulator a : accumulators) {
        a.add(b, rowGroups, rowNumbers, n);
      }
    }
    input.close();
  }

  private int groupOf(ColumnBatch b, int r) {
    int g = groups.find(b, keys, r);
    if (g >= 0) {
      return g;
    }
    budget.reserve(groups.bytesOfNewKey(b, keys, r) + bytesPerGroupOfCalls, groupCount + 1L);
    g = groups.add(b, keys, r);
    groupCount++;
    ensureCapacity(groupCount);
    return g;
  }

  private void ensureCapacity(int needed) {
    if (needed > capacity) {
      capacity = Accumulator.capacity(capacity, needed);
      for (Accumulator a : accumulators) {
        a.grow(capacity);
      }
    }
  }

  /** Bytes reserved now (for tests and EXPLAIN ANALYZE). */
  public long reservedBytes() {
    return budget.reserved();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      budget.releaseAll();
      input.close();
    }
  }
}
