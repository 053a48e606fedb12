package dev.bucketsql.engine.sort;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.RowStore;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link KeySort} against {@link IndexSort} with {@link RowOrder} (the comparison sort it stands in
 * for) over the same store: LONG and DOUBLE keys, one to three of them, ASC and DESC, NULLS FIRST
 * and LAST, extremes (Long.MIN_VALUE and MAX_VALUE, so a key spans all 64 bits), NaN, -0.0 and
 * infinities, wide and narrow value ranges, columns all NULL, and row counts from none to enough
 * for every digit pass.
 */
class KeySortTest {
  private static final List<ColumnType> TYPES =
      List.of(ColumnType.BIGINT, ColumnType.DOUBLE, ColumnType.INTEGER, ColumnType.DATE);

  @Test
  void ordersAsTheComparisonSortDoes() {
    Random random = new Random(5);
    for (int n : new int[] {0, 1, 2, 17, 300, 5000, 40_000}) {
      for (int trial = 0; trial < 6; trial++) {
        RowStore store = store(random, n, random.nextInt(4) == 0 ? 0 : random.nextInt(40));
        List<SortKey> keys = new ArrayList<>();
        for (int i = 0, k = 1 + random.nextInt(3); i < k; i++) {
          keys.add(
              new SortKey(
                  random.nextInt(TYPES.size()), random.nextBoolean(), random.nextBoolean()));
        }
        int[] expected = IntStream.range(0, n).toArray();
        RowOrder order = new RowOrder(keys, TYPES);
        IndexSort.sort(expected, (a, b) -> order.compare(store, a, b));
        KeySort sort = KeySort.of(store, keys.toArray(new SortKey[0]));
        int[] passes = new int[1];
        int[] actual = sort.sort(() -> passes[0]++);
        assertThat(actual).as("n %d keys %s", n, keys).containsExactly(expected);
        assertThat(passes[0]).as("cancel checks").isPositive();
      }
    }
  }

  @Test
  void takesOnlyLongAndDoubleKeys() {
    RowStore store = new RowStore(List.of(ColumnType.BIGINT, ColumnType.VARCHAR));
    assertThat(KeySort.of(store, new SortKey[] {SortKey.asc(0)})).isNotNull();
    assertThat(KeySort.of(store, new SortKey[] {SortKey.asc(0), SortKey.asc(1)})).isNull();
    assertThat(KeySort.of(store, new SortKey[0])).isNull();
  }

  @Test
  void ordersDoublesAsSqlDoes() {
    double[] ordered = {
      Double.NEGATIVE_INFINITY,
      -1e300,
      -1.5,
      -Double.MIN_VALUE,
      0.0,
      Double.MIN_VALUE,
      2.5,
      Double.POSITIVE_INFINITY,
      Double.NaN
    };
    for (int i = 1; i < ordered.length; i++) {
      assertThat(KeySort.sortable(ordered[i - 1])).isLessThan(KeySort.sortable(ordered[i]));
    }
    assertThat(KeySort.sortable(-0.0)).isEqualTo(KeySort.sortable(0.0));
    assertThat(KeySort.sortable(Double.longBitsToDouble(0x7ff0000000000abcL)))
        .isEqualTo(KeySort.sortable(Double.NaN));
  }

  /** {@code n} rows of {@link #TYPES}, some columns narrow, some wide, some all NULL. */
  private static RowStore store(Random random, int n, int nullPercent) {
    int shape = random.nextInt(3);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Object[] row = new Object[TYPES.size()];
      row[0] = shape == 2 ? random.nextLong() : TestData.value(random, ColumnType.BIGINT);
      row[1] = TestData.value(random, ColumnType.DOUBLE);
      row[2] = shape == 1 ? null : (int) (random.nextInt(1 << 20) - (1 << 19));
      row[3] = (long) random.nextInt(shape == 0 ? 3 : 30_000);
      for (int c = 0; c < row.length; c++) {
        if (random.nextInt(100) < nullPercent) {
          row[c] = null;
        }
      }
      rows.add(row);
    }
    RowStore store = new RowStore(TYPES);
    Operator source = TestData.source(TYPES, rows, 64);
    for (ColumnBatch b = source.next(); b != null; b = source.next()) {
      for (int r = 0; r < b.size(); r++) {
        store.append(b, r);
      }
    }
    return store;
  }
}
