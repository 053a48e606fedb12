package dev.bucketsql.engine.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link JoinIndex} against a map of lists: dense keys (the direct array), sparse and negative keys
 * (the hash table), duplicates chained last row first, keys never added, and the memory bound of
 * each form.
 */
class JoinIndexTest {
  @Test
  void findsEveryRowOfEveryKeyInBothForms() {
    Random random = new Random(5);
    check(random, 50_000, 40, 100_000, true); // ids with gaps: dense
    check(random, 50_000, 1, 1L << 40, false); // sparse
    check(random, 20_000, -500, 5_000, true); // negative, many duplicates
    check(random, 0, 0, 10, true); // nothing added
  }

  private static void check(Random random, int rows, long from, long span, boolean dense) {
    JoinIndex index = new JoinIndex();
    Map<Long, List<Integer>> expected = new HashMap<>();
    for (int row = 0; row < rows; row++) {
      long key = from + (long) (random.nextDouble() * span);
      index.add(key, row);
      expected.computeIfAbsent(key, k -> new ArrayList<>()).add(0, row);
    }
    long before = index.bytes();
    assertThat(index.seal(Long.MAX_VALUE / 4)).isTrue();
    if (rows > 0) {
      // The direct array holds 4 bytes a value of the span; the table 12 a slot.
      long directBytes =
          rows * 4L
              + ((expected.keySet().stream().mapToLong(k -> k).max().orElse(0)
                      - expected.keySet().stream().mapToLong(k -> k).min().orElse(0)
                      + 1)
                  * 4L);
      assertThat(index.bytes() == directBytes).as("dense form").isEqualTo(dense);
    }
    assertThat(before).isPositive();
    for (Map.Entry<Long, List<Integer>> e : expected.entrySet()) {
      List<Integer> found = new ArrayList<>();
      for (int b = index.first(e.getKey()); b >= 0; b = index.next(b)) {
        found.add(b);
      }
      assertThat(found).as("rows of key %d", e.getKey()).isEqualTo(e.getValue());
    }
    for (int i = 0; i < 1000; i++) {
      long key = random.nextLong();
      if (!expected.containsKey(key)) {
        assertThat(index.first(key)).isEqualTo(-1);
      }
    }
    assertThat(index.first(from - 1)).isEqualTo(-1);
  }

  @Test
  void keylessRowsAreNeverFoundAndBatchLookupsAgreeWithOneByOne() {
    Random random = new Random(8);
    for (long span : new long[] {50, 1L << 40, 1_000_000}) {
      JoinIndex index = new JoinIndex();
      int rows = 60_000;
      long[] keys = new long[rows];
      boolean[] keyless = new boolean[rows];
      for (int row = 0; row < rows; row++) {
        keyless[row] = random.nextInt(10) == 0;
        keys[row] = -7 + (long) (random.nextDouble() * span);
        if (keyless[row]) {
          index.addKeyless(row);
        } else {
          index.add(keys[row], row);
        }
      }
      assertThat(index.seal(index.sealBytes())).isTrue();
      int[] chains = index.chains();
      for (int row = 0; row < rows; row++) {
        if (keyless[row]) {
          assertThat(chains[row]).as("span %d, row %d", span, row).isEqualTo(-1);
          for (int b = index.first(keys[row]); b >= 0; b = index.next(b)) {
            assertThat(b).isNotEqualTo(row);
          }
        }
      }
      long[] probe = new long[500];
      boolean[] nulls = new boolean[probe.length];
      for (int i = 0; i < probe.length; i++) {
        // runs of one key, keys held, keys absent inside and beyond the span, NULLs
        probe[i] =
            i > 0 && random.nextBoolean()
                ? probe[i - 1]
                : random.nextInt(3) == 0 ? random.nextLong() : keys[random.nextInt(rows)];
        nulls[i] = random.nextInt(8) == 0;
      }
      int[] found = new int[probe.length];
      index.firstAll(probe, nulls, probe.length, found);
      for (int i = 0; i < probe.length; i++) {
        assertThat(found[i]).isEqualTo(nulls[i] ? -1 : index.first(probe[i]));
      }
    }
  }

  @Test
  void aBitmapFrontsAnIndexLargerThanACache() {
    // 300,000 dense keys: chains and an array by key of 1.2 MB each, and a bit per key
    JoinIndex dense = index(300_000, 1);
    long sealBytes = dense.sealBytes();
    assertThat(sealBytes).isEqualTo(300_000 * 4L + 300_000 * 4L + (300_000 / 64 + 1) * 8L);
    assertThat(dense.seal(sealBytes)).isTrue();
    // without the room for the bitmap, the index alone
    JoinIndex bare = index(300_000, 1);
    assertThat(bare.seal(2_400_000)).isTrue();
    assertThat(bare.bytes()).isEqualTo(2_400_000);
    for (long key = -3; key < 300_003; key++) {
      assertThat(dense.first(key)).isEqualTo(bare.first(key));
    }
    // a few keys: no bitmap
    assertThat(index(1000, 1).sealBytes()).isEqualTo(8000);
  }

  @Test
  void sealingFailsWhenTheIndexDoesNotFit() {
    // Chains alone need 4 bytes a row; the direct array 4 a value of the span.
    assertThat(index(100_000, 1).seal(399_999)).isFalse();
    assertThat(index(100_000, 1).seal(800_000)).isTrue();
    // A table over 100,000 sparse keys needs 262,144 slots of 16 bytes.
    assertThat(index(100_000, 1_000_003).seal(400_000 + 262_144 * 16 - 1)).isFalse();
    assertThat(index(100_000, 1_000_003).seal(400_000 + 262_144 * 16)).isTrue();
  }

  /** Rows 0 to n - 1, row r with key r * step. */
  private static JoinIndex index(int n, long step) {
    JoinIndex index = new JoinIndex();
    for (int row = 0; row < n; row++) {
      index.add(row * step, row);
    }
    return index;
  }
}
