package dev.bucketsql.engine.aggregate;

import dev.bucketsql.engine.Cells;
import dev.bucketsql.engine.hash.KeyTable;
import dev.bucketsql.engine.memory.MemoryBudget;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.List;

/**
 * The DISTINCT form of a call: a {@link KeyTable} of the (group, value) pairs seen passes each
 * non-null value to the plain accumulator once per group. The pairs count in the aggregate's
 * memory budget.
 */
final class DistinctAccumulator extends Accumulator {
  private static final int[] PAIR = {0, 1};

  private final Accumulator inner;
  private final int column;
  private final MemoryBudget budget;
  private final KeyTable seen;
  private final ColumnType[] pairTypes;
  private ColumnBatch pairs;
  private int[] newGroups = new int[0];
  private int[] newRows = new int[0];

  DistinctAccumulator(Accumulator inner, int column, ColumnType input, MemoryBudget budget) {
    this.inner = inner;
    this.column = column;
    this.budget = budget;
    this.pairTypes = new ColumnType[] {ColumnType.BIGINT, input};
    this.seen = new KeyTable(List.of(pairTypes));
  }

  @Override
  void grow(int groups) {
    inner.grow(groups);
  }

  @Override
  long bytesPerGroup() {
    return inner.bytesPerGroup();
  }

  @Override
  void add(ColumnBatch batch, int[] groups, int[] rows, int n) {
    if (pairs == null || pairs.capacity() < n) {
      pairs = new ColumnBatch(pairTypes, Math.max(n, 16));
      newGroups = new int[pairs.capacity()];
      newRows = new int[pairs.capacity()];
    }
    boolean[] nulls = batch.nulls(column);
    int m = 0;
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      if (nulls[r]) {
        continue;
      }
      pairs.nulls(0)[i] = false;
      pairs.longs(0)[i] = groups[i];
      Cells.copy(batch, column, r, pairs, 1, i);
      pairs.setSize(Math.max(pairs.size(), i + 1));
      if (seen.find(pairs, PAIR, i) < 0) {
        budget.reserve(seen.bytesOfNewKey(pairs, PAIR, i), seen.size() + 1L);
        seen.add(pairs, PAIR, i);
        newGroups[m] = groups[i];
        newRows[m] = r;
        m++;
      }
    }
    inner.add(batch, newGroups, newRows, m);
  }

  @Override
  void write(int g, ColumnBatch out, int c, int r) {
    inner.write(g, out, c, r);
  }
}
