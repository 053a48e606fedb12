package dev.bucketsql.engine.spill;

import dev.bucketsql.engine.Cells;
import dev.bucketsql.engine.RowStore;
import dev.bucketsql.format.ColumnBatch;
import java.util.Arrays;

/**
 * Which of {@link #FANOUT} partitions a row goes to by the hash of its key columns, at a given
 * spill level: SQL-equal keys (-0.0 and 0.0, 1.0 and 1.00, an INTEGER and a BIGINT of one value)
 * hash alike on either side of a join, and each level mixes the hash with its own seed, so a
 * partition split again spreads over new partitions instead of landing in one.
 */
public final class Partitions {
  /** Partitions a spilled input is split into at each level. */
  public static final int FANOUT = 8;

  /** Levels of splitting before an operator gives up: 8^4 partitions of its input. */
  public static final int MAX_LEVEL = 4;

  private Partitions() {}

  /** The partition of row {@code r} of {@code batch} by columns {@code keys} at {@code level}. */
  public static int of(ColumnBatch batch, int[] keys, int r, int level) {
    long h = 0;
    for (int c : keys) {
      long v;
      if (batch.nulls(c)[r]) {
        v = 0x5bd1e995L;
      } else {
        v =
            switch (batch.kind(c)) {
              case LONG -> batch.longs(c)[r];
              case DOUBLE -> Cells.keyBits(batch.doubles(c)[r]);
              default -> objectHash(batch.objects(c)[r]);
            };
      }
      h = h * 0x100000001B3L + v;
    }
    return spread(h, level);
  }

  /** As {@link #of(ColumnBatch, int[], int, int)} for row {@code row} of {@code store}. */
  public static int of(RowStore store, int[] keys, int row, int level) {
    long h = 0;
    for (int c : keys) {
      long v;
      if (store.isNull(c, row)) {
        v = 0x5bd1e995L;
      } else {
        v =
            switch (store.kind(c)) {
              case LONG -> store.longAt(c, row);
              case DOUBLE -> Cells.keyBits(store.doubleAt(c, row));
              default -> objectHash(store.objectAt(c, row));
            };
      }
      h = h * 0x100000001B3L + v;
    }
    return spread(h, level);
  }

  private static long objectHash(Object o) {
    return o instanceof byte[] b ? Arrays.hashCode(b) : Cells.normalize(o).hashCode();
  }

  private static int spread(long h, int level) {
    long x = h + (level + 1) * 0x9E3779B97F4A7C15L;
    x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
    x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
    x ^= x >>> 31;
    return (int) ((x >>> 33) % FANOUT);
  }
}
