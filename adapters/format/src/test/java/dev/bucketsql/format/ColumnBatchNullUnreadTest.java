package dev.bucketsql.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link ColumnBatch#nullUnread}: the columns a consumer does not read are NULL in every row of the
 * batch's capacity, the others untouched; no flags, no change.
 */
class ColumnBatchNullUnreadTest {
  private static final ColumnType[] TYPES = {
    ColumnType.BIGINT, ColumnType.DOUBLE, ColumnType.VARCHAR, ColumnType.BIGINT
  };

  @Test
  void onlyTheColumnsNotReadBecomeNull() {
    ColumnBatch b = new ColumnBatch(TYPES, 37);
    b.nulls(0)[5] = true;
    b.nullUnread(new boolean[] {true, false, true, false});
    for (int c = 0; c < TYPES.length; c++) {
      boolean[] nulls = b.nulls(c);
      for (int r = 0; r < 37; r++) {
        boolean expected = c == 1 || c == 3 || c == 0 && r == 5;
        assertThat(nulls[r]).as("column %d, row %d", c, r).isEqualTo(expected);
      }
    }
  }

  @Test
  void withoutFlagsNothingChanges() {
    ColumnBatch b = new ColumnBatch(TYPES, 9);
    b.nullUnread(null);
    b.nullUnread(new boolean[] {true, true, true, true});
    for (int c = 0; c < TYPES.length; c++) {
      for (boolean n : b.nulls(c)) {
        assertThat(n).isFalse();
      }
    }
  }
}
