package dev.bucketsql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link RowStore#removeFirst}: the rows after the dropped ones keep their values in order, and the
 * bytes of the dropped objects leave the count. {@link RowStore#appendAll} holds and counts what
 * appending row by row holds and counts; {@link RowStore#gather} reads what {@link RowStore#copyTo}
 * reads, also from a later row of the batch and with absent rows written as NULLs.
 */
class RowStoreTest {
  private static final List<ColumnType> TYPES =
      List.of(ColumnType.INTEGER, ColumnType.VARCHAR, ColumnType.DOUBLE, ColumnType.DECIMAL);

  @Test
  void removeFirstKeepsTheOtherRowsInOrder() {
    Random random = new Random(3);
    for (int count : new int[] {0, 1, 5, 40}) {
      List<Object[]> rows = TestData.rows(random, TYPES, count, 20);
      for (int drop = 0; drop <= count; drop += 1 + count / 4) {
        RowStore store = filled(rows);
        store.removeFirst(drop);
        assertThat(TestData.sequence(read(store)))
            .as("%d of %d", drop, count)
            .isEqualTo(TestData.sequence(rows.subList(drop, count)));
      }
      // dropping every row leaves no object bytes counted, as clearing does
      RowStore none = filled(rows);
      none.removeFirst(count);
      RowStore cleared = filled(rows);
      cleared.clear();
      assertThat(none.bytes()).isEqualTo(cleared.bytes());
    }
  }

  @Test
  void appendingABatchAtOnceIsAppendingItRowByRow() {
    Random random = new Random(8);
    for (int count : new int[] {0, 1, 7, 300}) {
      for (int nullPercent : new int[] {0, 20}) {
        List<Object[]> rows = TestData.rows(random, TYPES, count, nullPercent);
        RowStore byRow = filled(rows);
        RowStore byBatch = new RowStore(TYPES);
        // the objects counted once and handed over, every other batch
        RowStore counted = new RowStore(TYPES);
        Operator source = TestData.source(TYPES, rows, 64);
        boolean handOver = false;
        for (ColumnBatch b = source.next(); b != null; b = source.next()) {
          long expected = byBatch.bytesAfterAppend(b, 0, b.size());
          byBatch.appendAll(b, 0, b.size());
          assertThat(byBatch.bytes()).isEqualTo(expected);
          long objects = counted.objectBytes(b, 0, b.size());
          assertThat(counted.bytesAfterAppend(b.size(), objects))
              .isEqualTo(counted.bytesAfterAppend(b, 0, b.size()));
          if (handOver) {
            counted.appendAll(b, 0, b.size(), objects);
          } else {
            counted.appendAll(b, 0, b.size());
          }
          handOver = !handOver;
          assertThat(counted.bytes()).isEqualTo(expected);
        }
        assertThat(TestData.sequence(read(counted))).isEqualTo(TestData.sequence(rows));
        assertThat(TestData.sequence(read(byBatch))).isEqualTo(TestData.sequence(rows));
        assertThat(byBatch.bytes()).isEqualTo(byRow.bytes());
        for (int c = 0; c < TYPES.size(); c++) {
          boolean anyNull = false;
          for (Object[] r : rows) {
            anyNull |= r[c] == null;
          }
          assertThat(byBatch.mayHoldNull(c)).isEqualTo(anyNull);
          assertThat(byRow.mayHoldNull(c)).isEqualTo(anyNull);
        }

        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
          order[i] = count - 1 - i;
        }
        ColumnBatch out = new ColumnBatch(TYPES.toArray(new ColumnType[0]), Math.max(1, count));
        byBatch.gather(order, 0, count, out, 0);
        out.setSize(count);
        List<Object[]> reversed = new ArrayList<>(rows);
        Collections.reverse(reversed);
        List<Object[]> gathered = new ArrayList<>();
        for (int r = 0; r < count; r++) {
          gathered.add(Rows.row(out, r));
        }
        assertThat(TestData.sequence(gathered)).isEqualTo(TestData.sequence(reversed));

        // after rows already written, with absent rows (-1) among them: NULLs there
        if (count > 0) {
          int at = 3;
          int[] some = new int[count];
          List<Object[]> expected = new ArrayList<>();
          for (int i = 0; i < count; i++) {
            some[i] = i % 3 == 1 ? -1 : count - 1 - i;
            expected.add(some[i] < 0 ? new Object[TYPES.size()] : rows.get(some[i]));
          }
          ColumnBatch wide = new ColumnBatch(TYPES.toArray(new ColumnType[0]), count + at);
          for (int r = 0; r < at; r++) {
            wide.addRow(rows.get(0));
          }
          byRow.gather(some, 0, count, wide, at, 0, true);
          wide.setSize(count + at);
          List<Object[]> after = new ArrayList<>();
          for (int r = at; r < count + at; r++) {
            after.add(Rows.row(wide, r));
          }
          assertThat(TestData.sequence(after)).isEqualTo(TestData.sequence(expected));
          assertThat(TestData.sequence(List.<Object[]>of(Rows.row(wide, at - 1))))
              .isEqualTo(TestData.sequence(rows.subList(0, 1)));
        }
      }
    }
  }

  @Test
  void removingMoreThanItHoldsIsRefused() {
    RowStore store = filled(TestData.rows(new Random(1), TYPES, 3, 0));
    assertThatThrownBy(() -> store.removeFirst(4)).isInstanceOf(IllegalArgumentException.class);
  }

  private static RowStore filled(List<Object[]> rows) {
    RowStore store = new RowStore(TYPES);
    Operator source = TestData.source(TYPES, rows, 7);
    for (ColumnBatch b = source.next(); b != null; b = source.next()) {
      for (int r = 0; r < b.size(); r++) {
        store.append(b, r);
      }
    }
    return store;
  }

  private static List<Object[]> read(RowStore store) {
    ColumnBatch out = new ColumnBatch(TYPES.toArray(new ColumnType[0]), 1);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < store.size(); i++) {
      store.copyTo(i, out, 0, 0);
      out.setSize(1);
      rows.add(Rows.row(out, 0));
    }
    return rows;
  }
}
