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
 * {@link RowStore#removeFirst}: the rows after the dropped ones keep their values in order, and the
 * bytes of the dropped objects leave the count.
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
