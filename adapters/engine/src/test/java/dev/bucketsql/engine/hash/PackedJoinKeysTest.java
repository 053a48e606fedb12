package dev.bucketsql.engine.hash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.engine.RowStore;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PackedJoinKeys}: whether ranges fit at the boundary of 63 bits, and, over random batches
 * of values inside and outside the built ranges with NULLs, that a probe row is a miss exactly when
 * a value is NULL or outside its column's range, that the packed keys of the rows that are not
 * misses are equal exactly when their values are (against a map of value lists), and that a probe
 * batch packs as the stored rows pack one by one.
 */
class PackedJoinKeysTest {
  private static final int[] COLUMNS = {0, 1, 2};

  @Test
  void rangesFitUpTo63BitsTogether() {
    assertThat(fits(0, (1L << 31) - 1, 0, (1L << 32) - 2)).isTrue(); // 2^31 x (2^32 - 1)
    assertThat(fits(0, (1L << 31) - 1, 0, (1L << 32) - 1)).isFalse(); // 2^31 x 2^32 = 2^63
    assertThat(fits(-5, -5, Long.MIN_VALUE, Long.MAX_VALUE - 1)).isFalse();
    assertThat(fits(-5, -5, Long.MIN_VALUE, -2)).isTrue(); // one value by 2^63 - 1
    assertThat(fits(-5, -4, Long.MIN_VALUE, -2)).isFalse();
    assertThat(fits(Long.MAX_VALUE - 2, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 9))
        .isTrue();
  }

  private static boolean fits(long min0, long max0, long min1, long max1) {
    PackedJoinKeys p = new PackedJoinKeys(2);
    ColumnBatch b = new ColumnBatch(new ColumnType[] {ColumnType.BIGINT, ColumnType.BIGINT}, 2);
    b.set(0, 0, min0);
    b.set(1, 0, min1);
    b.set(0, 1, max0);
    b.set(1, 1, max1);
    b.setSize(2);
    p.observe(b, new int[] {0, 1}, 2);
    return p.fit();
  }

  @Test
  void packedKeysAreEqualExactlyWhereTheValuesAre() {
    Random random = new Random(31);
    long[][] ranges = {
      {-20, 20, 0, 4, 1_000_000, 1_000_100},
      {Long.MAX_VALUE - 10, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 3, -1, 1},
      {0, (1L << 30) - 1, 0, (1L << 20) - 1, 0, (1L << 12) - 1},
    };
    for (long[] range : ranges) {
      ColumnType[] types = {ColumnType.BIGINT, ColumnType.BIGINT, ColumnType.BIGINT};
      RowStore store = new RowStore(List.of(types));
      PackedJoinKeys packed = new PackedJoinKeys(3);
      for (int round = 0; round < 5; round++) {
        ColumnBatch b = batch(random, types, range, 0, 500);
        packed.observe(b, COLUMNS, b.size());
        store.appendAll(b, 0, b.size());
      }
      assertThat(packed.fit()).isTrue();
      // the ranges built: every non-null value, with a NULL in another column or not
      long[] lo = new long[3];
      long[] hi = new long[3];
      for (int c = 0; c < 3; c++) {
        lo[c] = Long.MAX_VALUE;
        hi[c] = Long.MIN_VALUE;
        for (int row = 0; row < store.size(); row++) {
          if (!store.isNull(c, row)) {
            lo[c] = Math.min(lo[c], store.longAt(c, row));
            hi[c] = Math.max(hi[c], store.longAt(c, row));
          }
        }
      }
      Map<Long, String> valuesOf = new HashMap<>();
      Map<String, Long> keyOf = new HashMap<>();
      for (int round = 0; round < 20; round++) {
        // probe values up to 3 past each end of the range
        ColumnBatch b = batch(random, types, range, 3, 1 + random.nextInt(300));
        long[] keys = new long[b.size()];
        boolean[] miss = new boolean[b.size()];
        packed.packAll(b, COLUMNS, b.size(), keys, miss);
        for (int r = 0; r < b.size(); r++) {
          boolean outside = false;
          StringBuilder values = new StringBuilder();
          for (int c = 0; c < 3; c++) {
            long v = b.longs(c)[r];
            outside |= b.nulls(c)[r] || v < lo[c] || v > hi[c];
            values.append(v).append(',');
          }
          assertThat(miss[r]).as("row %s", values).isEqualTo(outside);
          if (outside) {
            continue;
          }
          String was = valuesOf.putIfAbsent(keys[r], values.toString());
          assertThat(was == null ? values.toString() : was).isEqualTo(values.toString());
          Long key = keyOf.putIfAbsent(values.toString(), keys[r]);
          assertThat(key == null ? keys[r] : key).isEqualTo(keys[r]);
        }
      }
      // a stored row packs as the same values probed
      ColumnBatch one = new ColumnBatch(types, 1);
      for (int row = 0; row < store.size(); row++) {
        if (store.isNull(0, row) || store.isNull(1, row) || store.isNull(2, row)) {
          continue;
        }
        one.clear();
        for (int c = 0; c < 3; c++) {
          one.set(c, 0, store.longAt(c, row));
        }
        one.setSize(1);
        long[] key = new long[1];
        boolean[] miss = new boolean[1];
        packed.packAll(one, COLUMNS, 1, key, miss);
        assertThat(miss[0]).isFalse();
        assertThat(packed.pack(store, COLUMNS, row)).isEqualTo(key[0]);
      }
    }
  }

  @Test
  void withoutAKeyEveryProbeMisses() {
    PackedJoinKeys packed = new PackedJoinKeys(2);
    ColumnBatch b = new ColumnBatch(new ColumnType[] {ColumnType.BIGINT, ColumnType.BIGINT}, 2);
    b.set(0, 0, 7L);
    b.set(1, 0, null);
    b.set(0, 1, null);
    b.set(1, 1, 3L);
    b.setSize(2);
    packed.observe(b, new int[] {0, 1}, 2);
    assertThat(packed.fit()).isTrue();
    long[] keys = new long[2];
    boolean[] miss = new boolean[2];
    b.set(1, 0, 3L);
    packed.packAll(b, new int[] {0, 1}, 1, keys, miss);
    // (7, 3) is inside both ranges, and no built row has both: the index answers it, -1
    assertThat(miss[0]).isFalse();
    PackedJoinKeys none = new PackedJoinKeys(2);
    assertThat(none.fit()).isTrue();
    none.packAll(b, new int[] {0, 1}, 1, keys, miss);
    assertThat(miss[0]).isTrue();
  }

  /** A batch of values of each column's range widened by {@code past} at each end, 1 in 30 NULL. */
  private static ColumnBatch batch(
      Random random, ColumnType[] types, long[] range, long past, int n) {
    ColumnBatch b = new ColumnBatch(types, n);
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < 3; c++) {
        long lo = range[2 * c];
        long hi = range[2 * c + 1];
        long v;
        int pick = random.nextInt(10);
        if (pick == 0) {
          // wraps past the extremes of a long: values far from the range
          v = lo - 1 - random.nextInt((int) past + 1);
        } else if (pick == 1) {
          v = hi + 1 + random.nextInt((int) past + 1);
        } else {
          v = lo + (long) (random.nextDouble() * ((double) hi - lo + 1));
          v = Math.max(lo, Math.min(hi, v));
        }
        if (past == 0) {
          v = Math.max(lo, Math.min(hi, v));
        }
        b.set(c, r, random.nextInt(30) == 0 ? null : (Object) v);
      }
    }
    b.setSize(n);
    return b;
  }
}
