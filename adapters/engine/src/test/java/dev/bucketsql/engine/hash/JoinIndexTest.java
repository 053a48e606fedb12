package dev.bucketsql.engine.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link JoinIndex} against a map of lists: dense keys (the direct array), sparse and negative keys
 * (the hash table), duplicates chained last row first, keys never added, and the memory bound of
 * each form; {@link IndexProbe}'s batch lookups in each form, with and without the bitmap, and
 * through a tiny table whose probes collide and wrap around.
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

  /**
   * Runs of one key (clustered input) of every length across the build's blocks of home slots, keys
   * coming back after other runs, keyless rows among them; and whether the index is unique.
   */
  @Test
  void runsAcrossBuildBlocksKeepEveryRow() {
    Random random = new Random(9);
    for (int round = 0; round < 20; round++) {
      JoinIndex index = new JoinIndex();
      Map<Long, List<Integer>> expected = new HashMap<>();
      int rows = random.nextInt(3 * JoinIndex.BUILD_BLOCK);
      boolean runs = round % 4 != 0;
      long key = 0;
      for (int row = 0; row < rows; row++) {
        if (random.nextInt(12) == 0) {
          index.addKeyless(row);
          continue;
        }
        if (!runs || random.nextInt(1 + random.nextInt(JoinIndex.BUILD_BLOCK)) == 0) {
          // sparse keys: the hash table; after the first rounds, keys that come back
          key = runs ? random.nextInt(40) * 0x9E3779B97F4A7C15L : (row + 1L) * 0x9E3779B97F4A7C15L;
        }
        index.add(key, row);
        expected.computeIfAbsent(key, k -> new ArrayList<>()).add(0, row);
      }
      assertThat(index.unique()).isFalse();
      assertThat(index.seal(Long.MAX_VALUE / 4)).isTrue();
      boolean unique = expected.values().stream().allMatch(l -> l.size() == 1);
      assertThat(index.unique()).as("unique, round %d", round).isEqualTo(unique);
      for (Map.Entry<Long, List<Integer>> e : expected.entrySet()) {
        List<Integer> found = new ArrayList<>();
        for (int b = index.first(e.getKey()); b >= 0; b = index.next(b)) {
          found.add(b);
        }
        assertThat(found).as("rows of key %d, round %d", e.getKey(), round).isEqualTo(e.getValue());
      }
      assertThat(index.first(12345)).isEqualTo(-1);
    }
  }

  @Test
  void uniqueInTheDirectForm() {
    JoinIndex unique = new JoinIndex();
    JoinIndex twice = new JoinIndex();
    for (int row = 0; row < 100; row++) {
      unique.add(99 - row, row);
      twice.add(row / 2, row);
    }
    unique.seal(Long.MAX_VALUE / 4);
    twice.seal(Long.MAX_VALUE / 4);
    assertThat(unique.unique()).isTrue();
    assertThat(twice.unique()).isFalse();
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
      new IndexProbe().firstAll(index, probe, nulls, probe.length, found);
      for (int i = 0; i < probe.length; i++) {
        assertThat(found[i]).isEqualTo(nulls[i] ? -1 : index.first(probe[i]));
      }
    }
  }

  @Test
  void batchLookupsMatchTheReferenceInEveryForm() {
    Random random = new Random(21);
    // one probe for every index and batch size: its arrays grow and shrink between calls
    IndexProbe probe = new IndexProbe();
    // 200 keys in 0..999: an array by key, no bitmap
    batches(random, probe, 200, () -> random.nextInt(1000), false, true);
    // 300,000 keys in 0..999,999: an array by key of 4 MB, the bitmap in front
    batches(random, probe, 300_000, () -> random.nextInt(1_000_000), true, true);
    // keys over the whole range of a long: a table, no bitmap
    batches(
        random, probe, 50_000, () -> random.nextInt(100_000) * 0x9E3779B97F4A7C15L, false, false);
    // 50,000 keys every seventh value: a table of 2 MB, the bitmap in front
    batches(random, probe, 50_000, () -> 7L * random.nextInt(100_000) - 350_000, true, false);
    // a few keys: a table of 16 slots
    batches(random, probe, 40, () -> random.nextInt(6) * 0x9E3779B97F4A7C15L, false, false);
  }

  @Test
  void batchLookupsWalkPastCollisionsInATinyTable() {
    // seven keys in sixteen slots, five of them at home in the last slot, so the probes wrap
    // around to slot 0, and two at home in the slot before: every lookup but one collides
    List<Long> held = new ArrayList<>();
    List<Long> absent = new ArrayList<>();
    Random random = new Random(22);
    int atLast = 0;
    int beforeLast = 0;
    while (atLast < 5 || beforeLast < 2 || absent.size() < 20) {
      long key = random.nextLong();
      int home = JoinIndex.hash(key) & 15;
      if (home == 15 && atLast < 5) {
        held.add(key);
        atLast++;
      } else if (home == 14 && beforeLast < 2) {
        held.add(key);
        beforeLast++;
      } else if (home >= 14 || home == 0) {
        absent.add(key);
      }
    }
    JoinIndex index = new JoinIndex();
    Map<Long, Integer> last = new HashMap<>();
    // each key in one run of rows: seven runs, so the table has sixteen slots
    int row = 0;
    for (long key : held) {
      for (int times = 1 + random.nextInt(4); times > 0; times--) {
        index.add(key, row);
        last.put(key, row);
        row++;
      }
    }
    assertThat(index.seal(index.sealBytes())).isTrue();
    assertThat(index.bytes()).as("chains and 16 slots").isEqualTo(row * 4L + 16 * 16);
    IndexProbe probe = new IndexProbe();
    for (int round = 0; round < 50; round++) {
      int n = random.nextInt(200);
      long[] keys = new long[n];
      boolean[] nulls = new boolean[n];
      for (int i = 0; i < n; i++) {
        List<Long> from = random.nextBoolean() ? held : absent;
        keys[i] = from.get(random.nextInt(from.size()));
        nulls[i] = random.nextInt(10) == 0;
      }
      agree(index, last, probe, keys, nulls, n);
    }
  }

  /**
   * Builds an index of {@code rows} rows, keys from {@code key} with a tenth keyless, checks its
   * form, then looks up batches of every size in it against the last row of each key: keys held, in
   * runs and not, keys absent inside the span, below its least key and above its greatest, the
   * extremes of a long, and NULLs.
   */
  private static void batches(
      Random random,
      IndexProbe probe,
      int rows,
      java.util.function.LongSupplier key,
      boolean bitmap,
      boolean direct) {
    JoinIndex index = new JoinIndex();
    Map<Long, Integer> last = new HashMap<>();
    long[] keys = new long[rows];
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int row = 0; row < rows; row++) {
      if (random.nextInt(10) == 0) {
        index.addKeyless(row);
        keys[row] = key.getAsLong();
        continue;
      }
      keys[row] = key.getAsLong();
      index.add(keys[row], row);
      last.put(keys[row], row);
      min = Math.min(min, keys[row]);
      max = Math.max(max, keys[row]);
    }
    assertThat(index.seal(index.sealBytes())).isTrue();
    assertThat(index.present != null).as("bitmap, %d rows", rows).isEqualTo(bitmap);
    assertThat(index.direct != null).as("array by key, %d rows", rows).isEqualTo(direct);
    long[] outside = {min - 1, max + 1, min - 64, max + 64, Long.MIN_VALUE, Long.MAX_VALUE, 0};
    for (int n : new int[] {0, 1, 2, 63, 64, 65, 1024, 4096, 700}) {
      long[] probeKeys = new long[n];
      boolean[] nulls = new boolean[n];
      for (int i = 0; i < n; i++) {
        int kind = random.nextInt(10);
        probeKeys[i] =
            kind < 2 && i > 0
                ? probeKeys[i - 1]
                : kind < 6
                    ? keys[random.nextInt(rows)]
                    : kind < 8 ? key.getAsLong() : outside[random.nextInt(outside.length)];
        nulls[i] = random.nextInt(12) == 0;
      }
      agree(index, last, probe, probeKeys, nulls, n);
    }
  }

  /** A batch lookup against the reference and against {@link JoinIndex#first} row by row. */
  private static void agree(
      JoinIndex index,
      Map<Long, Integer> last,
      IndexProbe probe,
      long[] keys,
      boolean[] nulls,
      int n) {
    // room past n, which the lookup must leave as it was
    int[] found = new int[n + 3];
    Arrays.fill(found, -7);
    probe.firstAll(index, keys, nulls, n, found);
    for (int i = 0; i < n; i++) {
      int expected = nulls[i] ? -1 : last.getOrDefault(keys[i], -1);
      assertThat(found[i]).as("row %d of %d, key %d", i, n, keys[i]).isEqualTo(expected);
      if (!nulls[i]) {
        assertThat(index.first(keys[i])).as("one by one, key %d", keys[i]).isEqualTo(expected);
      }
    }
    for (int i = n; i < found.length; i++) {
      assertThat(found[i]).isEqualTo(-7);
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
