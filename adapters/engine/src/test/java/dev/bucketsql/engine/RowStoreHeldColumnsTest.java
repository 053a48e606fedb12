package dev.bucketsql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A {@link RowStore} leaving columns out: every way in ({@link RowStore#append}, {@link
 * RowStore#appendAll}, {@link RowStore#set}) and out ({@link RowStore#copyTo}, {@link
 * RowStore#gather} with and without absent rows, {@link RowStore#isNull}) gives the full store's
 * values in the columns held and NULL in the others; the columns left out cost no bytes; dropping
 * rows and clearing keep them out.
 */
class RowStoreHeldColumnsTest {
  private static final List<ColumnType> TYPES =
      List.of(ColumnType.INTEGER, ColumnType.VARCHAR, ColumnType.DOUBLE, ColumnType.DECIMAL);

  @Test
  void heldColumnsReadAsTheFullStoreAndTheOthersAsNull() {
    Random random = new Random(11);
    for (int count : new int[] {0, 1, 7, 300}) {
      for (int mask = 0; mask < 16; mask++) {
        boolean[] held = new boolean[TYPES.size()];
        for (int c = 0; c < held.length; c++) {
          held[c] = (mask & (1 << c)) != 0;
        }
        List<Object[]> rows = TestData.rows(random, TYPES, count, 20);
        RowStore full = new RowStore(TYPES);
        RowStore byBatch = new RowStore(TYPES, held);
        RowStore byRow = new RowStore(TYPES, held);
        Operator source = TestData.source(TYPES, rows, 64);
        for (ColumnBatch b = source.next(); b != null; b = source.next()) {
          full.appendAll(b, 0, b.size());
          long expected = byBatch.bytesAfterAppend(b, 0, b.size());
          byBatch.appendAll(b, 0, b.size());
          assertThat(byBatch.bytes()).isEqualTo(expected);
          for (int r = 0; r < b.size(); r++) {
            byRow.append(b, r);
          }
        }
        List<Object[]> expected = only(read(full), held);
        String what = count + " rows, held " + mask;
        assertThat(TestData.sequence(read(byBatch)))
            .as(what)
            .isEqualTo(TestData.sequence(expected));
        assertThat(TestData.sequence(read(byRow))).as(what).isEqualTo(TestData.sequence(expected));
        assertThat(TestData.sequence(gathered(byBatch, count, false)))
            .as(what)
            .isEqualTo(TestData.sequence(expected));
        assertThat(TestData.sequence(gathered(byBatch, count, true)))
            .as(what)
            .isEqualTo(TestData.sequence(withAbsent(expected)));
        assertThat(byBatch.bytes()).as(what).isEqualTo(byRow.bytes());
        if (mask != 15 && count > 0) {
          assertThat(byBatch.bytes()).as(what).isLessThan(full.bytes());
        }
        for (int c = 0; c < TYPES.size(); c++) {
          assertThat(byBatch.holds(c)).isEqualTo(held[c]);
          if (!held[c]) {
            assertThat(byBatch.mayHoldNull(c)).isTrue();
            for (int r = 0; r < count; r++) {
              assertThat(byBatch.isNull(c, r)).isTrue();
            }
          }
        }
        if (count > 1) {
          // overwriting a row, dropping the first, clearing: the columns stay out
          Operator again = TestData.source(TYPES, rows, 64);
          ColumnBatch b = again.next();
          byRow.set(0, b, 1);
          List<Object[]> afterSet = new ArrayList<>(expected);
          afterSet.set(0, expected.get(1));
          assertThat(TestData.sequence(read(byRow))).isEqualTo(TestData.sequence(afterSet));
          byRow.removeFirst(1);
          assertThat(TestData.sequence(read(byRow)))
              .isEqualTo(TestData.sequence(afterSet.subList(1, count)));
          byRow.clear();
          byRow.append(b, 0);
          assertThat(TestData.sequence(read(byRow)))
              .isEqualTo(TestData.sequence(expected.subList(0, 1)));
        }
      }
    }
  }

  @Test
  void refusesFlagsOfAnotherWidth() {
    assertThatThrownBy(() -> new RowStore(TYPES, new boolean[3]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<Object[]> only(List<Object[]> rows, boolean[] held) {
    List<Object[]> out = new ArrayList<>();
    for (Object[] row : rows) {
      Object[] r = row.clone();
      for (int c = 0; c < r.length; c++) {
        r[c] = held[c] ? r[c] : null;
      }
      out.add(r);
    }
    return out;
  }

  /** Rows 0, absent, 1, absent, ...: each row then an absent one, when asked. */
  private static List<Object[]> withAbsent(List<Object[]> rows) {
    List<Object[]> out = new ArrayList<>();
    for (Object[] row : rows) {
      out.add(row);
      out.add(new Object[TYPES.size()]);
    }
    return out;
  }

  private static List<Object[]> read(RowStore store) {
    ColumnBatch out = new ColumnBatch(TYPES.toArray(new ColumnType[0]), Math.max(1, store.size()));
    // poison the cells first: a column left out must be written as NULL
    poison(out);
    for (int r = 0; r < store.size(); r++) {
      store.copyTo(r, out, r, 0);
    }
    out.setSize(store.size());
    return rowsOf(out);
  }

  private static List<Object[]> gathered(RowStore store, int count, boolean absent) {
    int n = absent ? 2 * count : count;
    int[] rows = new int[n + 1];
    for (int i = 0; i < n; i++) {
      rows[i + 1] = absent ? (i % 2 == 0 ? i / 2 : -1) : i;
    }
    ColumnBatch out = new ColumnBatch(TYPES.toArray(new ColumnType[0]), Math.max(1, n + 2));
    poison(out);
    // from row 1 of the list, to row 2 of the batch
    store.gather(rows, 1, n, out, 2, 0, absent);
    ColumnBatch shifted = new ColumnBatch(TYPES.toArray(new ColumnType[0]), Math.max(1, n));
    int[] at = new int[n];
    for (int i = 0; i < n; i++) {
      at[i] = i + 2;
    }
    out.setSize(n + 2);
    for (int c = 0; c < TYPES.size(); c++) {
      shifted.gather(out, c, at, n, c);
    }
    shifted.setSize(n);
    return rowsOf(shifted);
  }

  private static void poison(ColumnBatch out) {
    for (int r = 0; r < out.capacity(); r++) {
      out.set(0, r, 99);
      out.set(1, r, "poison");
      out.set(2, r, 9.5);
      out.set(3, r, new java.math.BigDecimal("9.9"));
    }
  }

  private static List<Object[]> rowsOf(ColumnBatch b) {
    List<Object[]> out = new ArrayList<>();
    for (int r = 0; r < b.size(); r++) {
      Object[] row = new Object[TYPES.size()];
      for (int c = 0; c < row.length; c++) {
        row[c] = b.value(c, r);
      }
      out.add(row);
    }
    return out;
  }
}
