package dev.bucketsql.engine.join;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.join.HashJoin.Build;
import dev.bucketsql.engine.spill.Spilling;
import dev.bucketsql.format.ColumnType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HashJoin} on one BIGINT or DOUBLE key, which goes through the join index, against {@link
 * JoinReference} (a map from key to rows), over key sets that give each form of the index: few
 * dense keys (an array by key), keys scattered over the whole range of a long with negatives and
 * the extremes (a hash table), and tens of thousands of keys every few values, whose tables are
 * large enough for a bitmap of the keys in front of them, with most probe keys missing. NULL keys,
 * null-safe keys, duplicates, empty sides and batch boundaries; in memory and spilled to disk.
 */
class IndexedJoinTest {
  private static final List<ColumnType> LEFT = List.of(ColumnType.BIGINT, ColumnType.INTEGER);
  private static final List<ColumnType> RIGHT = List.of(ColumnType.BIGINT, ColumnType.DOUBLE);

  /** Batch sizes for many rows: boundaries still fall anywhere, at a bearable cost. */
  private static final int[] WIDE_BATCH_SIZES = {7, 64, 1000};

  /** The one key, column 0 of both sides. */
  private static final int[] KEY = {0};

  private static final long[] EXTREMES = {Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, 1};

  @TempDir Path dir;

  @Test
  void everyFormOfTheIndexMatchesTheReference() {
    Random random = new Random(11);
    check(random, "dense", 300, 200, () -> random.nextInt(40), 0);
    check(random, "sparse", 300, 200, () -> sparse(random), 0);
    check(random, "one side empty", 0, 50, () -> random.nextInt(5), 0);
    check(random, "other side empty", 50, 0, () -> random.nextInt(5), 0);
    // about 50,000 keys every fifth value: a 2 MB table, and a bitmap in front of it
    check(random, "wide, hashed", 60_000, 50_000, () -> 5L * random.nextInt(200_000), 0);
    // about 40,000 keys scattered over the whole range of a long, four probe keys in ten held: a
    // table with no bitmap, probed a batch at a time with misses, hits and collisions mixed
    check(random, "wide, scattered", 60_000, 50_000, () -> scattered(random), 0);
    // an array by key of 400 KB, no bitmap
    check(random, "wide, by key", 60_000, 80_000, () -> random.nextInt(100_000), 0);
    // built right: an array by key of 1.2 MB and a bitmap; built left: a table and a bitmap
    check(random, "wider, by key", 60_000, 300_000, () -> random.nextInt(300_000), 0);
  }

  @Test
  void spilledJoinsMatchTheReference() {
    Random random = new Random(12);
    check(random, "dense, spilled", 400, 600, () -> random.nextInt(60), 6_000);
    check(random, "sparse, spilled", 400, 600, () -> sparse(random), 6_000);
  }

  @Test
  void doubleKeysMatchAsSqlEquals() {
    Random random = new Random(13);
    double[] values = {0.0, -0.0, Double.NaN, 1.5, -7.0, Double.POSITIVE_INFINITY, 1e300};
    for (int round = 0; round < 3; round++) {
      List<Object[]> left = new ArrayList<>();
      List<Object[]> right = new ArrayList<>();
      for (int i = 0; i < 150; i++) {
        left.add(new Object[] {maybe(random, values[random.nextInt(values.length)]), i});
        right.add(new Object[] {maybe(random, values[random.nextInt(values.length)]), (double) i});
      }
      List<ColumnType> types = List.of(ColumnType.DOUBLE, ColumnType.INTEGER);
      List<ColumnType> rightTypes = List.of(ColumnType.DOUBLE, ColumnType.DOUBLE);
      for (JoinType type : JoinType.values()) {
        for (Build build : Build.values()) {
          if (type == JoinType.MARK && build == Build.LEFT) {
            continue;
          }
          int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
          HashJoin join =
              new HashJoin(
                  TestData.source(types, left, batchSize),
                  TestData.source(rightTypes, right, batchSize),
                  new int[] {0},
                  new int[] {0},
                  type,
                  build,
                  TestData.context(batchSize),
                  "table 'r'");
          JoinReference.assertSameRows(
              type + " building " + build,
              Rows.collect(join),
              JoinReference.join(left, 2, right, 2, KEY, type));
        }
      }
    }
  }

  /** One of 100,000 values spread over the whole range of a long by an odd multiplier. */
  private static long scattered(Random random) {
    return random.nextInt(100_000) * 0x9E3779B97F4A7C15L;
  }

  private static Object maybe(Random random, Object value) {
    return random.nextInt(10) == 0 ? null : value;
  }

  /**
   * About one key in 20 NULL, at most about 20 of a side: null-safe NULLs all match each other, and
   * thousands on each side would make millions of rows.
   */
  private static boolean nullKey(Random random, int rows) {
    return random.nextInt(Math.max(20, rows / 20)) == 0;
  }

  private static long sparse(Random random) {
    return random.nextInt(5) == 0
        ? EXTREMES[random.nextInt(EXTREMES.length)]
        : random.nextInt(50) * 0x9E3779B97F4A7C15L;
  }

  private void check(
      Random random, String what, int leftRows, int rightRows, LongSupplier key, long memory) {
    List<Object[]> left = new ArrayList<>();
    for (int i = 0; i < leftRows; i++) {
      left.add(new Object[] {nullKey(random, leftRows) ? null : key.getAsLong(), i});
    }
    List<Object[]> right = new ArrayList<>();
    for (int i = 0; i < rightRows; i++) {
      right.add(new Object[] {nullKey(random, rightRows) ? null : key.getAsLong(), (double) i});
    }
    compare(random, what, left, right, memory);
  }

  /**
   * Builds with no key twice (a primary key), so that each probe row finds at most one build row:
   * dense and scattered keys, probes that half miss, NULL keys on both sides, output batches that
   * end within a probe batch.
   */
  @Test
  void uniqueBuildKeysMatchTheReference() {
    Random random = new Random(14);
    for (int rows : new int[] {0, 1, 255, 256, 257, 3_000, 12_000}) {
      uniqueKeys(random, "unique dense " + rows, rows, i -> 3L * i);
      uniqueKeys(random, "unique scattered " + rows, rows, i -> i * 0x9E3779B97F4A7C15L - 5);
    }
  }

  private void uniqueKeys(
      Random random, String what, int rows, java.util.function.IntToLongFunction keyOf) {
    List<Object[]> left = new ArrayList<>();
    List<Object[]> right = new ArrayList<>();
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, random);
    for (int i = 0; i < rows; i++) {
      Long k = nullKey(random, rows) ? null : keyOf.applyAsLong(order.get(i));
      left.add(new Object[] {k, i});
    }
    for (int i = 0; i < rows * 2 + 3; i++) {
      // half the probe keys held, half not (the odd positions fall between held keys)
      long at = random.nextInt(2 * rows + 2);
      Long k =
          nullKey(random, rows)
              ? null
              : at % 2 == 0 ? keyOf.applyAsLong((int) (at / 2)) : keyOf.applyAsLong(-1 - (int) at);
      right.add(new Object[] {k, (double) i});
    }
    compare(random, what, left, right, 0);
  }

  private void compare(
      Random random, String what, List<Object[]> left, List<Object[]> right, long memory) {
    int leftRows = left.size();
    int rightRows = right.size();
    for (JoinType type : JoinType.values()) {
      for (Build build : Build.values()) {
        for (boolean nullSafe : new boolean[] {false, true}) {
          if (type == JoinType.MARK && (build == Build.LEFT || nullSafe)) {
            continue;
          }
          int[] sizes = leftRows + rightRows > 2_000 ? WIDE_BATCH_SIZES : TestData.BATCH_SIZES;
          int batchSize = sizes[random.nextInt(sizes.length)];
          ExecContext context =
              memory > 0
                  ? Spilling.context(dir, memory + random.nextInt(2_000), batchSize)
                  : TestData.context(batchSize);
          HashJoin join =
              new HashJoin(
                  TestData.source(LEFT, left, batchSize),
                  TestData.source(RIGHT, right, batchSize),
                  new int[] {0},
                  new int[] {0},
                  new boolean[] {nullSafe},
                  type,
                  build,
                  context,
                  "table 'r'");
          String as =
              String.format("%s: %s building %s, null-safe %s", what, type, build, nullSafe);
          JoinReference.assertSameRows(
              as,
              Rows.collect(join),
              JoinReference.join(left, 2, right, 2, KEY, new boolean[] {nullSafe}, type));
          if (memory > 0) {
            assertThat(join.spilled()).as(as).isTrue();
          }
        }
      }
    }
  }
}
