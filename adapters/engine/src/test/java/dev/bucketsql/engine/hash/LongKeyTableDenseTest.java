package dev.bucketsql.engine.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LongKeyTable}'s direct form, for keys dense in their range, against a {@code HashMap}:
 * random keys of a small range (the table goes direct), a range that widens below and above as keys
 * come, keys far apart (back to slots, and direct again once dense), ranges at the ends of a long
 * (no overflow), entries numbered without a key, and every key asked for before and after it is
 * added, on tables hashed from the start and for grouping.
 */
class LongKeyTableDenseTest {
  @Test
  void randomKeysOfASmallRangeGoDirect() {
    for (boolean grouping : new boolean[] {false, true}) {
      LongKeyTable table = grouping ? LongKeyTable.forGroups() : new LongKeyTable();
      Map<Long, Integer> reference = new HashMap<>();
      Random random = new Random(7);
      for (int i = 0; i < 100_000; i++) {
        put(table, reference, 1 + random.nextInt(150_000));
      }
      assertThat(table.isDirect()).isTrue();
      check(table, reference, 0, 150_001);
    }
  }

  @Test
  void aRangeWidensBothWaysAndFallsBackToSlots() {
    for (long seed = 1; seed <= 8; seed++) {
      for (long base : new long[] {0, -5_000, Long.MIN_VALUE, Long.MAX_VALUE - 20_000}) {
        LongKeyTable table = seed % 2 == 0 ? LongKeyTable.forGroups() : new LongKeyTable();
        Map<Long, Integer> reference = new HashMap<>();
        Random random = new Random(seed);
        boolean wentDirect = false;
        int[] nullId = {-1};
        for (int i = 0; i < 30_000; i++) {
          long key;
          int pick = random.nextInt(100);
          if (pick == 0 && i >= 15_000) {
            // a key far away, which a direct range cannot take: after the table went direct
            key = random.nextLong();
          } else if (pick < 60) {
            key = offset(base, random.nextInt(1 + i / 2));
          } else {
            // growing toward the other end of the range
            key = offset(base, 20_000 - random.nextInt(1 + i));
          }
          if (pick == 1 && nullId[0] < 0) {
            nullId[0] = table.addUnkeyed();
            assertThat(nullId[0]).isEqualTo(reference.size() + 0);
            reference.put(null, nullId[0]);
            continue;
          }
          put(table, reference, key);
          wentDirect |= table.isDirect();
          if (i % 997 == 0) {
            check(table, reference, base, 20_001);
          }
        }
        check(table, reference, base, 20_001);
        assertThat(wentDirect).as("seed %s base %s", seed, base).isTrue();
        assertThat(table.isDirect()).isFalse();
      }
    }
  }

  @Test
  void aKeyAddedTwiceIsRefusedInTheDirectForm() {
    LongKeyTable table = new LongKeyTable();
    for (long k = 0; k < 1000; k++) {
      table.add(k * 2);
    }
    assertThat(table.isDirect()).isTrue();
    assertThatThrownBy(() -> table.add(10)).isInstanceOf(IllegalArgumentException.class);
    assertThat(table.find(10)).isEqualTo(5);
    assertThat(table.find(11)).isEqualTo(-1);
    assertThat(table.find(-2)).isEqualTo(-1);
    assertThat(table.find(Long.MAX_VALUE)).isEqualTo(-1);
    assertThat(table.find(Long.MIN_VALUE)).isEqualTo(-1);
  }

  /** {@code base + d}, wrapping at the ends of a long as the keys' range then does not. */
  private static long offset(long base, long d) {
    return base == Long.MAX_VALUE - 20_000 || base == Long.MIN_VALUE
        ? base + Math.max(0, d)
        : base + d;
  }

  private static void put(LongKeyTable table, Map<Long, Integer> reference, long key) {
    Integer expected = reference.get(key);
    assertThat(table.find(key)).as("key %s", key).isEqualTo(expected == null ? -1 : expected);
    if (expected == null) {
      int id = table.add(key);
      assertThat(id).isEqualTo(reference.size());
      reference.put(key, id);
      assertThat(table.find(key)).isEqualTo(id);
    }
  }

  /** Every key of the reference, and every value of {@code [base - 10, base + span + 10]}. */
  private static void check(
      LongKeyTable table, Map<Long, Integer> reference, long base, long span) {
    assertThat(table.size()).isEqualTo(reference.size());
    for (Map.Entry<Long, Integer> e : reference.entrySet()) {
      if (e.getKey() != null) {
        assertThat(table.find(e.getKey())).isEqualTo(e.getValue());
        assertThat(table.key(e.getValue())).isEqualTo(e.getKey());
      }
    }
    for (long d = -10; d < span + 10; d++) {
      long key = base + d;
      Integer expected = reference.get(key);
      assertThat(table.find(key)).as("key %s", key).isEqualTo(expected == null ? -1 : expected);
    }
    long[] values = new long[64];
    boolean[] nulls = new boolean[64];
    int[] ids = new int[64];
    Random random = new Random(span);
    for (int r = 0; r < 64; r++) {
      values[r] = base + random.nextInt((int) span);
    }
    table.findAll(values, nulls, 64, -1, ids);
    for (int r = 0; r < 64; r++) {
      Integer expected = reference.get(values[r]);
      assertThat(ids[r]).isEqualTo(expected == null ? -1 : expected);
    }
  }
}
