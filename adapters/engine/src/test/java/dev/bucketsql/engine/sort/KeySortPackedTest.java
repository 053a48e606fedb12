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
 * {@link KeySort} over integer, date-like and double keys only, where it packs the keys of a row
 * into one long when they fit: the order against the comparison sort ({@link IndexSort} by {@link
 * RowOrder}, stable), and the packed keys against the comparison of the rows they stand for (equal
 * on the first k keys exactly where the rows are). Columns narrow and wide (a key spanning all 64
 * bits cannot be packed with another, nor with a NULL), NULLs first and last, DESC, -0.0 and NaN,
 * one value repeated, empty and one-row stores.
 */
class KeySortPackedTest {
  private static final List<ColumnType> TYPES =
      List.of(
          ColumnType.BIGINT,
          ColumnType.INTEGER,
          ColumnType.DOUBLE,
          ColumnType.BIGINT,
          ColumnType.DATE,
          ColumnType.INTEGER);

  @Test
  void ordersAndComparesAsTheRowsDo() {
    Random random = new Random(11);
    int packed = 0;
    int unpacked = 0;
    for (int n : new int[] {0, 1, 2, 17, 300, 5000, 30_000}) {
      for (int trial = 0; trial < 12; trial++) {
        RowStore store = store(random, n, random.nextInt(3) == 0 ? 0 : random.nextInt(30));
        List<SortKey> keys = new ArrayList<>();
        for (int i = 0, k = 1 + random.nextInt(4); i < k; i++) {
          keys.add(
              new SortKey(
                  random.nextInt(TYPES.size()), random.nextBoolean(), random.nextBoolean()));
        }
        String what = "n " + n + " keys " + keys;
        int[] expected = IntStream.range(0, n).toArray();
        RowOrder order = new RowOrder(keys, TYPES);
        IndexSort.sort(expected, (a, b) -> order.compare(store, a, b));
        KeySort sort = KeySort.of(store, keys.toArray(new SortKey[0]), TYPES);
        int[] actual = sort.sort(() -> {});
        assertThat(actual).as(what).containsExactly(expected);
        long[] packedKeys = sort.sortedKeys();
        if (packedKeys == null) {
          unpacked++;
          continue;
        }
        packed++;
        for (int first = 0; first <= keys.size(); first++) {
          RowOrder prefix = new RowOrder(keys.subList(0, first), TYPES);
          for (int i = 1; i < n; i++) {
            boolean equal = prefix.compare(store, actual[i - 1], actual[i]) == 0;
            assertThat(sort.equalOnFirst(packedKeys[i - 1], packedKeys[i], first))
                .as("%s rows %d and %d on %d keys", what, i - 1, i, first)
                .isEqualTo(equal);
          }
        }
      }
    }
    assertThat(packed).as("sorts with packed keys").isGreaterThan(20);
    assertThat(unpacked).as("sorts whose keys did not fit 64 bits").isGreaterThan(5);
  }

  /** {@code n} rows of {@link #TYPES}: column 0 spans all longs, the rest are narrow or tied. */
  private static RowStore store(Random random, int n, int nullPercent) {
    int days = 1 + random.nextInt(20_000);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Object[] row = new Object[TYPES.size()];
      row[0] = random.nextInt(3) == 0 ? random.nextLong() : (long) random.nextInt(50);
      row[1] = TestData.value(random, ColumnType.INTEGER);
      row[2] = TestData.value(random, ColumnType.DOUBLE);
      row[3] = 2_000_000_000L + random.nextInt(1 << 20);
      row[4] = random.nextInt(days);
      row[5] = 7;
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
      store.appendAll(b, 0, b.size());
    }
    return store;
  }
}
