package dev.bucketsql.engine.sort;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.Cells;
import dev.bucketsql.engine.RowStore;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.List;

/**
 * A limit per partition on a {@link Sort}'s rows: the sort keys' first {@code partitionKeys} keys
 * make the partitions, the rest order a partition's rows, and only the rows whose {@link Measure}
 * within their partition is at most {@code limit} come out. Each partition's rows kept are a prefix
 * of its sorted rows (the measures only grow along a partition), and a RANK or DENSE_RANK limit
 * keeps or drops whole groups of peers, so a window computing ROW_NUMBER, RANK or DENSE_RANK over
 * the rows kept gives each of them the value it has over all rows: {@code ROW_NUMBER() ... <= k}
 * becomes a sort that leaves the other rows in its store instead of copying them out.
 *
 * <p>Partitions and peers are told apart as {@link RowOrder} orders rows (SQL equality, NULLs one
 * partition), as the window tells them.
 */
public final class PartitionLimit {
  /** What is counted in a partition. */
  public enum Measure {
    /** 1, 2, 3, ... in sorted order. */
    ROW_NUMBER,
    /** 1 + the rows before the row's first peer. */
    RANK,
    /** 1 + the groups of peers before the row's. */
    DENSE_RANK
  }

  private final int partitionKeys;
  private final Measure measure;
  private final long limit;

  /**
   * @param partitionKeys how many of the sort's first keys make the partitions (0: one partition)
   * @param measure what is counted
   * @param limit the largest measure kept (below 1: no row)
   */
  public PartitionLimit(int partitionKeys, Measure measure, long limit) {
    if (partitionKeys < 0) {
      throw new IllegalArgumentException("partitionKeys < 0: " + partitionKeys);
    }
    this.partitionKeys = partitionKeys;
    this.measure = requireNonNull(measure, "measure is null");
    this.limit = limit;
  }

  public int partitionKeys() {
    return partitionKeys;
  }

  public Measure measure() {
    return measure;
  }

  public long limit() {
    return limit;
  }

  @Override
  public String toString() {
    return measure + " <= " + limit;
  }

  /**
   * The state of one pass over sorted rows, for a sort by {@code keys} of rows of {@code types}.
   */
  Counter counter(List<SortKey> keys, List<ColumnType> types) {
    if (partitionKeys > keys.size()) {
      throw new IllegalArgumentException(
          partitionKeys + " partition keys among " + keys.size() + " sort keys");
    }
    return new Counter(keys, types);
  }

  /** Counts sorted rows in their partitions, keeping the previous row's keys across batches. */
  final class Counter {
    private final RowOrder partitions;
    private final RowOrder peers;
    private final int[] keyColumns;
    private final ColumnType[] types;
    private ColumnBatch last;
    private boolean started;
    private long rowNumber;
    private long rank;
    private long denseRank;

    private Counter(List<SortKey> keys, List<ColumnType> types) {
      partitions = new RowOrder(keys.subList(0, partitionKeys), types);
      peers = new RowOrder(keys.subList(partitionKeys, keys.size()), types);
      // a row number looks at the partition keys alone: the order keys are not copied out
      List<SortKey> read = measure == Measure.ROW_NUMBER ? keys.subList(0, partitionKeys) : keys;
      keyColumns = read.stream().mapToInt(SortKey::column).distinct().toArray();
      this.types = types.toArray(new ColumnType[0]);
    }

    /**
     * Moves the rows of {@code sorted[0, count)} (store row numbers in sorted order) that are kept
     * to its front, in order, and returns how many.
     *
     * @param cancel checked every {@code every} rows
     */
    int select(RowStore store, int[] sorted, int count, Runnable cancel, int every) {
      // the key columns of a run of sorted rows are copied out first, a column at a time: their
      // scattered loads overlap there, where comparing row with row waits on each in turn
      int chunk = Math.max(1, Math.min(every, count));
      ColumnBatch keys = new ColumnBatch(types, chunk);
      int[] rows = new int[chunk];
      int kept = 0;
      for (int from = 0; from < count; from += chunk) {
        cancel.run();
        int n = Math.min(chunk, count - from);
        for (int c : keyColumns) {
          store.gatherColumn(c, sorted, from, n, keys, 0, c);
        }
        keys.setSize(n);
        int k = select(keys, rows);
        for (int j = 0; j < k; j++) {
          // kept <= from + rows[j]: no row number is overwritten before it is read
          sorted[kept++] = sorted[from + rows[j]];
        }
      }
      return kept;
    }

    /**
     * As {@link #select(RowStore, int[], int, Runnable, int)}, telling partitions and peers apart
     * by the packed keys of {@code sort} ({@link KeySort#sortedKeys()}, in the order of {@code
     * sorted}), which reads no row.
     */
    int select(KeySort sort, int[] sorted, Runnable cancel, int every) {
      long[] keys = sort.sortedKeys();
      int kept = 0;
      for (int i = 0; i < sorted.length; i++) {
        if (i % every == 0) {
          cancel.run();
        }
        boolean newPartition;
        boolean newPeers = false;
        if (i == 0) {
          // the whole sorted store in one call: its first row starts the first partition
          newPartition = true;
        } else {
          newPartition = !sort.equalOnFirst(keys[i - 1], keys[i], partitionKeys);
          if (!newPartition && wantsPeers()) {
            newPeers = keys[i - 1] != keys[i];
          }
        }
        if (advance(newPartition, newPeers)) {
          sorted[kept++] = sorted[i];
        }
      }
      return kept;
    }

    /**
     * Puts the numbers of the rows of {@code batch} (the next sorted rows) that are kept in {@code
     * rows}, in order, and returns how many.
     */
    int select(ColumnBatch batch, int[] rows) {
      int n = batch.size();
      int kept = 0;
      for (int r = 0; r < n; r++) {
        boolean newPartition;
        boolean newPeers = false;
        if (!started) {
          started = true;
          newPartition = true;
        } else {
          ColumnBatch pb = r > 0 ? batch : last;
          int pr = r > 0 ? r - 1 : 0;
          newPartition = partitions.compare(pb, pr, batch, r) != 0;
          if (!newPartition && wantsPeers()) {
            newPeers = peers.compare(pb, pr, batch, r) != 0;
          }
        }
        if (advance(newPartition, newPeers)) {
          rows[kept++] = r;
        }
      }
      if (n > 0) {
        if (last == null) {
          last = new ColumnBatch(types, 1);
        }
        for (int c : keyColumns) {
          Cells.copy(batch, c, n - 1, last, c, 0);
        }
      }
      return kept;
    }

    /**
     * Whether the next row's peers matter: for a rank still within the limit (past it the measure
     * of the partition's later rows is past it too).
     */
    private boolean wantsPeers() {
      return measure != Measure.ROW_NUMBER && value() <= limit;
    }

    /** Counts the next row; whether it is kept. */
    private boolean advance(boolean newPartition, boolean newPeers) {
      if (newPartition) {
        rowNumber = 1;
        rank = 1;
        denseRank = 1;
      } else {
        rowNumber++;
        if (newPeers) {
          rank = rowNumber;
          denseRank++;
        }
      }
      return value() <= limit;
    }

    private long value() {
      return switch (measure) {
        case ROW_NUMBER -> rowNumber;
        case RANK -> rank;
        case DENSE_RANK -> denseRank;
      };
    }
  }
}
