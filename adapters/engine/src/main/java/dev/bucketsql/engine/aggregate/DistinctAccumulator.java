package dev.bucketsql.engine.aggregate;

import dev.bucketsql.engine.Cells;
import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.hash.KeyTable;
import dev.bucketsql.engine.memory.MemoryBudget;
import dev.bucketsql.engine.spill.Partitions;
import dev.bucketsql.engine.spill.SpillFile;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.List;

/**
 * The DISTINCT form of a call: a {@link KeyTable} of the (group, value) pairs seen passes each
 * non-null value to the plain accumulator once per group. The pairs count in the aggregate's memory
 * budget.
 *
 * <p>When the pairs outgrow their share of the budget (so that the aggregate's groups keep the
 * rest) and the query may spill, the table stops growing: a pair it holds is a repeat, and every
 * other pair is written to disk, partitioned by its hash. Each pair is thus either in the table or
 * only on disk. Before the results are written ({@link #finish}) the table is dropped and each
 * partition is made distinct on its own (split again when it is still too big) and its new pairs
 * passed to the plain accumulator: exactly the values it would have seen in memory.
 */
final class DistinctAccumulator extends Accumulator {
  private static final int[] PAIR = {0, 1};

  private final Accumulator inner;
  private final int column;
  private final MemoryBudget budget;
  private final ExecContext context;
  private final int level;
  private final long share;
  private final List<ColumnType> inputTypes;
  private final ColumnType[] pairTypes;
  private KeyTable seen;
  private long seenBytes;
  private SpillFile[] spilled;
  private ColumnBatch pairs;
  private int[] newGroups = new int[0];
  private int[] newRows = new int[0];

  DistinctAccumulator(
      Accumulator inner,
      int column,
      List<ColumnType> inputTypes,
      MemoryBudget budget,
      ExecContext context,
      int level,
      long share) {
    this.share = share;
    this.inner = inner;
    this.column = column;
    this.budget = budget;
    this.context = context;
    this.level = level;
    this.inputTypes = inputTypes;
    this.pairTypes = new ColumnType[] {ColumnType.BIGINT, inputTypes.get(column)};
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
      int hash = seen.hash(pairs, PAIR, i);
      if (seen.find(pairs, PAIR, i, hash) >= 0) {
        continue;
      }
      long bytes = seen.bytesOfNewKey(pairs, PAIR, i);
      if (spilled != null || ((seenBytes + bytes > share || !budget.fits(bytes)) && maySpill())) {
        spill(pairs, i);
        continue;
      }
      budget.reserve(bytes, seen.size() + 1L);
      seenBytes += bytes;
      seen.add(pairs, PAIR, i, hash);
      newGroups[m] = groups[i];
      newRows[m] = r;
      m++;
    }
    inner.add(batch, newGroups, newRows, m);
  }

  private boolean maySpill() {
    return context.spill().enabled() && level < Partitions.MAX_LEVEL;
  }

  private void spill(ColumnBatch pairBatch, int i) {
    if (spilled == null) {
      spilled = new SpillFile[Partitions.FANOUT];
    }
    int p = Partitions.of(pairBatch, PAIR, i, level);
    if (spilled[p] == null) {
      spilled[p] = context.spill().newFile(budget);
    }
    spilled[p].write(pairBatch, i);
  }

  /**
   * Passes the spilled pairs to the plain accumulator, partition by partition, once each: called
   * once after the last {@link #add} and before any {@link #write}.
   */
  @Override
  void finish() {
    if (spilled == null) {
      return;
    }
    seen = null;
    budget.release(seenBytes);
    seenBytes = 0;
    SpillFile[] files = spilled;
    spilled = null;
    try {
      for (int p = 0; p < files.length; p++) {
        if (files[p] != null) {
          distinctOf(files[p], level + 1);
          files[p] = null;
        }
      }
    } finally {
      for (SpillFile f : files) {
        if (f != null) {
          f.delete();
        }
      }
    }
  }

  /**
   * Makes the pairs of {@code file} distinct, splitting the rest at {@code nextLevel} once full.
   */
  private void distinctOf(SpillFile file, int nextLevel) {
    KeyTable table = new KeyTable(List.of(pairTypes));
    long reserved = 0;
    SpillFile[] split = null;
    ColumnBatch wide = new ColumnBatch(inputTypes.toArray(new ColumnType[0]), context.batchSize());
    int[] g = new int[context.batchSize()];
    int[] rows = new int[context.batchSize()];
    try (Operator in = file.reader(List.of(pairTypes), context, true)) {
      for (ColumnBatch b = in.next(); b != null; b = in.next()) {
        int m = 0;
        wide.clear();
        for (int i = 0; i < b.size(); i++) {
          int hash = table.hash(b, PAIR, i);
          if (table.find(b, PAIR, i, hash) >= 0) {
            continue;
          }
          long bytes = table.bytesOfNewKey(b, PAIR, i);
          boolean full = reserved + bytes > share || !budget.fits(bytes);
          if (split != null || (full && nextLevel < Partitions.MAX_LEVEL)) {
            if (split == null) {
              split = new SpillFile[Partitions.FANOUT];
            }
            int p = Partitions.of(b, PAIR, i, nextLevel);
            if (split[p] == null) {
              split[p] = context.spill().newFile(budget);
            }
            split[p].write(b, i);
            continue;
          }
          budget.reserve(bytes, table.size() + 1L);
          reserved += bytes;
          table.add(b, PAIR, i, hash);
          g[m] = (int) b.longs(0)[i];
          Cells.copy(b, 1, i, wide, column, m);
          rows[m] = m;
          m++;
        }
        wide.setSize(m);
        inner.add(wide, g, rows, m);
      }
    } finally {
      budget.release(reserved);
    }
    if (split != null) {
      try {
        for (int p = 0; p < split.length; p++) {
          if (split[p] != null) {
            distinctOf(split[p], nextLevel + 1);
            split[p] = null;
          }
        }
      } finally {
        for (SpillFile f : split) {
          if (f != null) {
            f.delete();
          }
        }
      }
    }
  }

  @Override
  void release() {
    if (spilled != null) {
      for (SpillFile f : spilled) {
        if (f != null) {
          f.delete();
        }
      }
      spilled = null;
    }
  }

  @Override
  void write(int g, ColumnBatch out, int c, int r) {
    inner.write(g, out, c, r);
  }
}
