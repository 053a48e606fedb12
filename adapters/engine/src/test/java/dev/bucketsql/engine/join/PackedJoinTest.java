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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HashJoin} on two or three integer keys, which packs them into one key of the join index
 * when the built ranges fit in 63 bits together and keeps the general key table when they do not,
 * against {@link JoinReference} (a map from the key values to rows, SQL's three-valued {@code IN}
 * for MARK worked out row by row): every join type, both build sides, NULLs in any key, negative
 * values, probe values below, inside and above the built range of each column and at the extremes
 * of a long, tables large enough for the index's bitmap, empty sides and batch boundaries; in
 * memory, spilled to disk, and one table shared by probing threads. Each case also asserts which
 * path the join took, so that neither path goes untested unnoticed.
 */
class PackedJoinTest {
  private static final List<ColumnType> LEFT =
      List.of(ColumnType.BIGINT, ColumnType.INTEGER, ColumnType.BIGINT, ColumnType.INTEGER);
  private static final List<ColumnType> RIGHT =
      List.of(ColumnType.BIGINT, ColumnType.INTEGER, ColumnType.BIGINT, ColumnType.DOUBLE);
  private static final int[] TWO = {0, 1};
  private static final int[] THREE = {0, 1, 2};
  private static final int[] WIDE_BATCH_SIZES = {7, 64, 1000};

  @TempDir Path dir;

  /** Draws one row's key values; the two sides may draw from different ranges. */
  private interface Keys {
    Object[] draw(Random random);
  }

  @Test
  void keysThatFitArePackedAndMatchTheReference() {
    Random random = new Random(21);
    // an array by packed key: 40 x 5 values
    Keys dense = r -> new Object[] {(long) r.nextInt(40), r.nextInt(5), 0L};
    check(random, "dense", TWO, 300, 200, dense, dense, true, 0);
    // negative values, the probe side also below and above each column's built range
    Keys negative = r -> new Object[] {(long) r.nextInt(100) - 50, r.nextInt(10) - 1000, 0L};
    Keys around = r -> new Object[] {(long) r.nextInt(140) - 70, r.nextInt(30) - 1010, 0L};
    check(random, "negative, probes outside", TWO, 300, 250, around, negative, true, 0);
    check(random, "negative, probes outside, left", TWO, 250, 300, negative, around, true, 0);
    // three columns, the last of a wide range: a hash table
    Keys three = r -> new Object[] {(long) r.nextInt(6), r.nextInt(4), r.nextInt(30) * 1_000_003L};
    check(random, "three columns", THREE, 300, 300, three, three, true, 0);
    // at the extremes of a long, ranges of 4 values: probe values just outside wrap around
    Keys edges =
        r ->
            new Object[] {
              Long.MAX_VALUE - r.nextInt(4), r.nextInt(3), Long.MIN_VALUE + r.nextInt(4)
            };
    Keys nearEdges =
        r ->
            new Object[] {
              r.nextBoolean() ? Long.MAX_VALUE - r.nextInt(6) : Long.MIN_VALUE + r.nextInt(3),
              r.nextInt(5) - 1,
              r.nextBoolean() ? Long.MIN_VALUE + r.nextInt(6) : Long.MAX_VALUE - r.nextInt(3)
            };
    // built left, the values near both ends of a long do not fit
    check(random, "extremes", THREE, 300, 200, nearEdges, edges, false, true, 0);
    // ranges whose product is just under 2^63: 2^40 by 2^22 - 1 values
    Keys justFits =
        r ->
            new Object[] {
              r.nextBoolean() ? 0L : (1L << 40) - 1 - r.nextInt(3),
              r.nextInt(3) * ((1 << 21) - 1),
              0L
            };
    check(random, "just fits", TWO, 200, 200, justFits, justFits, true, 0);
    // q05's shape: many dense keys beside a code of 25 values, half the probe keys held; a table
    // with the bitmap in front of it
    Keys customers = r -> new Object[] {(long) r.nextInt(100_000), r.nextInt(25), 0L};
    Keys heldCustomers = r -> new Object[] {(long) r.nextInt(50_000) * 2, r.nextInt(25), 0L};
    check(random, "wide, bitmap", TWO, 60_000, 50_000, customers, heldCustomers, true, 0);
    check(random, "one side empty", TWO, 0, 50, dense, dense, true, 0);
    check(random, "other side empty", TWO, 50, 0, dense, dense, true, 0);
  }

  @Test
  void keysThatDoNotFitKeepTheKeyTable() {
    Random random = new Random(22);
    // one column over the whole range of a long
    Keys scattered = r -> new Object[] {r.nextInt(50) * 0x9E3779B97F4A7C15L, r.nextInt(3), 0L};
    check(random, "scattered", TWO, 300, 200, scattered, scattered, false, 0);
    // 2^40 by 2^23 values: one bit too many
    Keys justOver =
        r -> new Object[] {r.nextBoolean() ? 0L : 1L << 40, r.nextInt(3) * (1 << 22), 0L};
    check(random, "just over", TWO, 200, 200, justOver, justOver, false, 0);
    Keys extremes =
        r ->
            new Object[] {
              r.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE, r.nextInt(3), (long) r.nextInt(4)
            };
    check(random, "extremes", THREE, 200, 200, extremes, extremes, false, 0);
    Keys wide = r -> new Object[] {r.nextInt(40_000) * 0x9E3779B97F4A7C15L, r.nextInt(4), 0L};
    check(random, "wide", TWO, 30_000, 30_000, wide, wide, false, 0);
  }

  @Test
  void spilledJoinsMatchTheReference() {
    Random random = new Random(23);
    Keys dense = r -> new Object[] {(long) r.nextInt(60), r.nextInt(7) - 3, 0L};
    check(random, "dense, spilled", TWO, 400, 600, dense, dense, true, 6_000);
    Keys scattered = r -> new Object[] {r.nextInt(60) * 0x9E3779B97F4A7C15L, r.nextInt(7), 0L};
    check(random, "scattered, spilled", TWO, 400, 600, scattered, scattered, false, 6_000);
  }

  @Test
  void workersProbingOneSharedTableGiveTheRowsOfOneJoin() throws Exception {
    Random random = new Random(24);
    Keys held = r -> new Object[] {(long) r.nextInt(300), r.nextInt(4), 0L};
    Keys probes = r -> new Object[] {(long) r.nextInt(400) - 50, r.nextInt(6) - 1, 0L};
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      for (boolean fits : new boolean[] {true, false}) {
        Keys built = fits ? held : r -> scatter(held.draw(r));
        Keys probed = fits ? probes : r -> scatter(probes.draw(r));
        for (JoinType type : JoinType.values()) {
          for (Build build : Build.values()) {
            if (type == JoinType.MARK && build == Build.LEFT) {
              continue;
            }
            // the built side is the smaller
            boolean buildLeft = build == Build.LEFT;
            List<Object[]> left =
                rows(random, buildLeft ? 700 : 3_000, buildLeft ? built : probed, LEFT);
            List<Object[]> right =
                rows(random, buildLeft ? 3_000 : 700, buildLeft ? probed : built, RIGHT);
            List<Object[]> probeRows = buildLeft ? right : left;
            List<ColumnType> probeTypes = buildLeft ? RIGHT : LEFT;
            int batchSize = 64;
            ExecContext context = TestData.context(batchSize);
            HashJoin leader =
                new HashJoin(
                    TestData.source(LEFT, left, batchSize),
                    TestData.source(RIGHT, right, batchSize),
                    TWO,
                    TWO,
                    type,
                    build,
                    context,
                    "table 'r'");
            assertThat(leader.buildShared()).isTrue();
            String as = String.format("fits %s, %s building %s, shared", fits, type, build);
            assertThat(leader.packedKeys()).as(as).isEqualTo(fits);
            List<Future<List<Object[]>>> pieces = new ArrayList<>();
            int count = 3;
            for (int p = 0; p < count; p++) {
              List<Object[]> piece =
                  probeRows.subList(
                      p * probeRows.size() / count, (p + 1) * probeRows.size() / count);
              HashJoin probing =
                  leader.probing(TestData.source(probeTypes, piece, batchSize), context);
              pieces.add(pool.submit(() -> Rows.collect(probing)));
            }
            List<Object[]> actual = new ArrayList<>();
            for (Future<List<Object[]>> f : pieces) {
              actual.addAll(f.get());
            }
            if (leader.tracksMatches()) {
              actual.addAll(Rows.collect(leader.afterProbes(count, context)));
            }
            leader.close();
            JoinReference.assertSameRows(
                as, actual, JoinReference.join(left, LEFT.size(), right, RIGHT.size(), TWO, type));
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** The values of a row's keys spread over the whole range of a long: they no longer pack. */
  private static Object[] scatter(Object[] keys) {
    keys[0] = (Long) keys[0] * 0x9E3779B97F4A7C15L;
    return keys;
  }

  private static List<Object[]> rows(Random random, int count, Keys keys, List<ColumnType> types) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Object[] k = keys.draw(random);
      Object[] row = new Object[4];
      for (int c = 0; c < 3; c++) {
        // about one key value in 40 NULL, in any column
        row[c] = random.nextInt(40) == 0 ? null : k[c];
      }
      row[3] = types.get(3) == ColumnType.DOUBLE ? (Object) (double) i : (Object) i;
      rows.add(row);
    }
    return rows;
  }

  private void check(
      Random random,
      String what,
      int[] keys,
      int leftRows,
      int rightRows,
      Keys leftKeys,
      Keys rightKeys,
      boolean packs,
      long memory) {
    check(random, what, keys, leftRows, rightRows, leftKeys, rightKeys, packs, packs, memory);
  }

  /** As above, packing expected or not by the side built. */
  private void check(
      Random random,
      String what,
      int[] keys,
      int leftRows,
      int rightRows,
      Keys leftKeys,
      Keys rightKeys,
      boolean packsLeft,
      boolean packsRight,
      long memory) {
    List<Object[]> left = rows(random, leftRows, leftKeys, LEFT);
    List<Object[]> right = rows(random, rightRows, rightKeys, RIGHT);
    for (JoinType type : JoinType.values()) {
      for (Build build : Build.values()) {
        if (type == JoinType.MARK && build == Build.LEFT) {
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
                keys,
                keys,
                type,
                build,
                context,
                "table 'r'");
        String as = String.format("%s: %s building %s", what, type, build);
        List<Object[]> actual = Rows.collect(join);
        JoinReference.assertSameRows(
            as, actual, JoinReference.join(left, LEFT.size(), right, RIGHT.size(), keys, type));
        if (memory > 0) {
          assertThat(join.spilled()).as(as).isTrue();
          assertThat(Spilling.leftUnder(dir)).as(as).isEmpty();
        } else {
          boolean empty = (build == Build.LEFT ? left : right).isEmpty();
          // an empty build side packs trivially
          boolean packs = build == Build.LEFT ? packsLeft : packsRight;
          assertThat(join.packedKeys()).as(as).isEqualTo(packs || empty);
        }
      }
    }
  }
}
