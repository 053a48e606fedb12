package dev.bucketsql.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A column held as dictionary numbers alone ({@link ColumnBatch#setDictionaryValues}) reads as the
 * same column filled with the dictionary's objects, through every way a batch is read, copied,
 * gathered, appended, written and cleared; random columns with NULLs, batches of several sizes.
 */
class ColumnBatchDictionaryValuesTest {
  private static final ColumnType[] TYPES = {ColumnType.VARCHAR, ColumnType.BIGINT};

  @Test
  void numbersAloneReadAsTheObjectsTheyName() {
    Random random = new Random(5);
    for (int round = 0; round < 500; round++) {
      int capacity = 1 + random.nextInt(40);
      int n = random.nextInt(capacity + 1);
      Object[] dictionary = new Object[1 + random.nextInt(5)];
      for (int i = 0; i < dictionary.length; i++) {
        dictionary[i] = new String("v" + i);
      }
      int[] ids = new int[n];
      for (int r = 0; r < n; r++) {
        ids[r] = random.nextInt(5) == 0 ? -1 : random.nextInt(dictionary.length);
      }
      ColumnBatch lazy = filled(capacity, dictionary, ids, true);
      ColumnBatch eager = filled(capacity, dictionary, ids, false);
      assertThat(lazy.dictionaryValueRows(0)).isEqualTo(n);
      int step = random.nextInt(7);
      switch (step) {
        case 0 -> assertSame(lazy, eager, n);
        case 1 -> {
          int[] rows = new int[random.nextInt(n + 1)];
          for (int i = 0; i < rows.length; i++) {
            rows[i] = random.nextInt(n);
          }
          ColumnBatch a = new ColumnBatch(TYPES, capacity);
          ColumnBatch b = new ColumnBatch(TYPES, capacity);
          // a target that held objects before: the gathered rows replace them
          a.objects(0)[0] = "old";
          a.gather(lazy, 0, rows, rows.length, 0);
          b.gather(eager, 0, rows, rows.length, 0);
          a.setSize(rows.length);
          b.setSize(rows.length);
          assertSame(a, b, rows.length);
        }
        case 2 -> {
          ColumnBatch a = new ColumnBatch(TYPES, capacity);
          ColumnBatch b = new ColumnBatch(TYPES, capacity);
          a.copyColumn(lazy, 0, n, 0);
          b.copyColumn(eager, 0, n, 0);
          a.setSize(n);
          b.setSize(n);
          assertThat(a.dictionaryValueRows(0)).isEqualTo(n);
          assertSame(a, b, n);
        }
        case 3 -> {
          ColumnBatch a = new ColumnBatch(TYPES, 2 * capacity);
          ColumnBatch b = new ColumnBatch(TYPES, 2 * capacity);
          a.append(eager, 0, n);
          b.append(eager, 0, n);
          a.append(lazy, 0, n);
          b.append(eager, 0, n);
          assertSame(a, b, 2 * n);
        }
        case 4 -> {
          if (n > 0) {
            int r = random.nextInt(n);
            lazy.set(0, r, "set");
            eager.set(0, r, "set");
          }
          assertSame(lazy, eager, n);
        }
        case 5 -> {
          // the numbers end, or name another dictionary: the objects are those of the first
          if (random.nextBoolean()) {
            lazy.dropDictionary(0);
          } else {
            lazy.setDictionary(0, new Object[] {"other"});
          }
          assertThat(lazy.dictionaryValueRows(0)).isZero();
          assertThat(Arrays.copyOf(lazy.objects(0), n))
              .isEqualTo(Arrays.copyOf(eager.objects(0), n));
        }
        default -> {
          // a clear drops every object written, and a batch filled again reads right
          if (random.nextBoolean()) {
            lazy.objects(0);
          }
          lazy.clear();
          assertThat(lazy.objects(0)).containsOnlyNulls();
          lazy.clear();
          ColumnBatch again = filled(capacity, dictionary, ids, false);
          int[] reversed = new int[n];
          for (int r = 0; r < n; r++) {
            reversed[r] = ids[n - 1 - r];
          }
          ColumnBatch refilled = filled(lazy, dictionary, reversed, true);
          ColumnBatch expected = filled(again, dictionary, reversed, false);
          assertSame(refilled, expected, n);
        }
      }
    }
  }

  private static void assertSame(ColumnBatch lazy, ColumnBatch eager, int n) {
    for (int r = 0; r < n; r++) {
      assertThat(lazy.nulls(0)[r]).isEqualTo(eager.nulls(0)[r]);
      assertThat(lazy.value(0, r)).isSameAs(eager.value(0, r));
    }
    Object[] objects = lazy.objects(0);
    for (int r = 0; r < n; r++) {
      assertThat(objects[r]).isSameAs(eager.objects(0)[r]);
    }
    assertThat(lazy.dictionaryValueRows(0)).isZero();
  }

  private static ColumnBatch filled(int capacity, Object[] dictionary, int[] ids, boolean lazy) {
    return filled(new ColumnBatch(TYPES, capacity), dictionary, ids, lazy);
  }

  /** {@code b} cleared and filled with {@code ids}' values, as numbers alone or as objects. */
  private static ColumnBatch filled(ColumnBatch b, Object[] dictionary, int[] ids, boolean lazy) {
    b.clear();
    int n = ids.length;
    for (int r = 0; r < n; r++) {
      b.dictionaryIds(0)[r] = ids[r];
      b.nulls(0)[r] = ids[r] < 0;
      b.longs(1)[r] = r;
    }
    if (lazy) {
      b.setDictionaryValues(0, dictionary, n);
    } else {
      Object[] values = b.objects(0);
      for (int r = 0; r < n; r++) {
        values[r] = ids[r] < 0 ? null : dictionary[ids[r]];
      }
      b.setDictionary(0, dictionary);
    }
    b.setSize(n);
    return b;
  }
}
