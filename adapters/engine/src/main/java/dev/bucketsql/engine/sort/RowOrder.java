package dev.bucketsql.engine.sort;

import dev.bucketsql.engine.Cells;
import dev.bucketsql.engine.RowStore;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.List;

/**
 * Orders rows, of a {@link RowStore} or of batches, by sort keys, as {@link Cells} orders values;
 * two rows compare equal when every key is NULL in both or equal in both.
 */
public final class RowOrder {
  private final SortKey[] keys;

  /**
   * @throws IllegalArgumentException when a key is no column of {@code types} or cannot be ordered
   */
  public RowOrder(List<SortKey> keys, List<ColumnType> types) {
    this.keys = keys.toArray(new SortKey[0]);
    for (SortKey k : this.keys) {
      if (k.column() >= types.size()) {
        throw new IllegalArgumentException(
            "no sort column " + k.column() + " in " + types.size() + " columns");
      }
      Cells.checkComparable(types.get(k.column()), "sort", k.column());
    }
  }

  /** Negative, zero or positive as row {@code a} sorts before, with or after row {@code b}. */
  int compare(RowStore store, int a, int b) {
    for (SortKey k : keys) {
      int c = k.column();
      boolean na = store.isNull(c, a);
      boolean nb = store.isNull(c, b);
      int cmp;
      if (na || nb) {
        if (na && nb) {
          continue;
        }
        cmp = na == k.nullsFirst() ? -1 : 1;
      } else {
        cmp = store.compare(c, a, b);
        if (k.descending()) {
          cmp = -cmp;
        }
      }
      if (cmp != 0) {
        return cmp;
      }
    }
    return 0;
  }

  /**
   * As {@link #compare(RowStore, int, int)} for row {@code ra} of {@code a} and {@code rb} of
   * {@code b}.
   */
  public int compare(ColumnBatch a, int ra, ColumnBatch b, int rb) {
    for (SortKey k : keys) {
      int c = k.column();
      boolean na = a.nulls(c)[ra];
      boolean nb = b.nulls(c)[rb];
      int cmp;
      if (na || nb) {
        if (na && nb) {
          continue;
        }
        cmp = na == k.nullsFirst() ? -1 : 1;
      } else {
        cmp =
            switch (a.kind(c)) {
              case LONG -> Long.compare(a.longs(c)[ra], b.longs(c)[rb]);
              case DOUBLE -> Cells.compareDoubles(a.doubles(c)[ra], b.doubles(c)[rb]);
              default -> Cells.compareObjects(a.objects(c)[ra], b.objects(c)[rb]);
            };
        if (k.descending()) {
          cmp = -cmp;
        }
      }
      if (cmp != 0) {
        return cmp;
      }
    }
    return 0;
  }
}
