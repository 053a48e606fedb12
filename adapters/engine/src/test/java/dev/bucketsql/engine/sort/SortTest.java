package dev.bucketsql.engine.sort;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Sort}, {@link TopN} and {@link Limit} against {@code List.sort} (stable) and {@code
 * subList} over random rows: several keys, ASC and DESC, NULLS FIRST and LAST, ties (the row number
 * column shows that ties keep input order), NaN, -0.0, non-ASCII strings, decimals.
 */
class SortTest {
  private static final List<ColumnType> TYPES =
      List.of(
          ColumnType.INTEGER,
          ColumnType.VARCHAR,
          ColumnType.DOUBLE,
          ColumnType.DECIMAL,
          ColumnType.BIGINT);

  @Test
  void sortAndTopNMatchAStableSort() {
    for (long seed = 1; seed <= 8; seed++) {
      Random random = new Random(seed);
      for (int count : new int[] {0, 1, 2, 50, 400}) {
        List<Object[]> rows = numbered(TestData.rows(random, TYPES.subList(0, 4), count, 15));
        for (int trial = 0; trial < 6; trial++) {
          List<SortKey> keys = randomKeys(random);
          int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
          List<Object[]> expected = new ArrayList<>(rows);
          expected.sort(reference(keys));
          List<Object[]> sorted =
              Rows.collect(
                  new Sort(
                      source(rows, batchSize), keys, TestData.context(batchSize), "its input"));
          assertThat(TestData.sequence(sorted))
              .as("seed %d keys %s", seed, keys)
              .isEqualTo(TestData.sequence(expected));

          long offset = random.nextInt(4) == 0 ? 0 : random.nextInt(count + 3);
          long fetch = random.nextInt(count + 5);
          List<Object[]> top =
              Rows.collect(
                  new TopN(
                      source(rows, batchSize),
                      keys,
                      offset,
                      fetch,
                      TestData.context(batchSize),
                      "its input"));
          assertThat(TestData.sequence(top))
              .as("seed %d keys %s offset %d fetch %d", seed, keys, offset, fetch)
              .isEqualTo(TestData.sequence(slice(expected, offset, fetch)));

          List<Object[]> limited =
              Rows.collect(
                  new Limit(source(rows, batchSize), offset, fetch, TestData.context(batchSize)));
          assertThat(TestData.sequence(limited))
              .isEqualTo(TestData.sequence(slice(rows, offset, fetch)));
        }
      }
    }
  }

  @Test
  void limitStopsReadingItsInputOnceItHasItsRows() {
    List<Object[]> rows = numbered(TestData.rows(new Random(3), TYPES.subList(0, 4), 1000, 0));
    int[] pulled = {0};
    Operator counting =
        new Operator() {
          final Operator inner = source(rows, 10);

          @Override
          public List<ColumnType> types() {
            return inner.types();
          }

          @Override
          public dev.bucketsql.format.ColumnBatch next() {
            pulled[0]++;
            return inner.next();
          }

          @Override
          public void close() {}
        };
    assertThat(Rows.collect(new Limit(counting, 5, 12, TestData.context(10)))).hasSize(12);
    assertThat(pulled[0]).isEqualTo(2);
  }

  private static List<Object[]> numbered(List<Object[]> rows) {
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Object[] r = java.util.Arrays.copyOf(rows.get(i), 5);
      r[4] = (long) i;
      out.add(r);
    }
    return out;
  }

  private static Operator source(List<Object[]> rows, int batchSize) {
    return TestData.source(TYPES, rows, batchSize);
  }

  private static List<Object[]> slice(List<Object[]> rows, long offset, long fetch) {
    int from = (int) Math.min(offset, rows.size());
    int to = (int) Math.min(offset + fetch, rows.size());
    return rows.subList(from, to);
  }

  private static List<SortKey> randomKeys(Random random) {
    List<SortKey> keys = new ArrayList<>();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      keys.add(new SortKey(random.nextInt(4), random.nextBoolean(), random.nextBoolean()));
    }
    return keys;
  }

  private static Comparator<Object[]> reference(List<SortKey> keys) {
    return (a, b) -> {
      for (SortKey k : keys) {
        Object x = a[k.column()];
        Object y = b[k.column()];
        int c;
        if (x == null && y == null) {
          c = 0;
        } else if (x == null) {
          c = k.nullsFirst() ? -1 : 1;
        } else if (y == null) {
          c = k.nullsFirst() ? 1 : -1;
        } else {
          c = TestData.sqlCompare(x, y);
          if (k.descending()) {
            c = -c;
          }
        }
        if (c != 0) {
          return c;
        }
      }
      return 0;
    };
  }
}
