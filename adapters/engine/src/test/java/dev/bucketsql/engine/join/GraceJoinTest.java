package dev.bucketsql.engine.join;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.join.HashJoin.Build;
import dev.bucketsql.engine.spill.Spilling;
import dev.bucketsql.format.ColumnType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link HashJoin} whose build side outgrows a tiny memory limit becomes a grace hash join,
 * several levels deep, and returns exactly the rows of the in-memory join for every join type and
 * build side: NULL keys on either side, an empty side, and the mark join's NULLs, which depend on
 * the whole build side and not on one partition of it.
 */
class GraceJoinTest {
  private static final List<ColumnType> LEFT =
      List.of(ColumnType.INTEGER, ColumnType.VARCHAR, ColumnType.DOUBLE, ColumnType.BIGINT);
  private static final List<ColumnType> RIGHT =
      List.of(ColumnType.INTEGER, ColumnType.VARCHAR, ColumnType.DOUBLE, ColumnType.DECIMAL);
  private static final int[][] KEYS = {{1}, {0, 1}, {1, 2}};

  @TempDir Path dir;

  @Test
  void graceJoinsMatchTheInMemoryJoin() {
    for (long seed = 1; seed <= 1; seed++) {
      Random random = new Random(seed);
      for (int[] sizes : new int[][] {{300, 0}, {0, 300}, {400, 600}}) {
        List<Object[]> left = TestData.rows(random, LEFT, sizes[0], 8);
        List<Object[]> right = TestData.rows(random, RIGHT, sizes[1], 8);
        for (int[] keys : KEYS) {
          for (JoinType type : JoinType.values()) {
            for (Build build : Build.values()) {
              if (type == JoinType.MARK && build == Build.LEFT) {
                continue;
              }
              int batchSize = TestData.BATCH_SIZES[1 + random.nextInt(3)];
              List<Object[]> expected =
                  join(left, right, keys, type, build, TestData.context(batchSize));
              long memory = 20_000 + random.nextInt(10_000);
              ExecContext context = Spilling.context(dir, memory, batchSize);
              HashJoin spilling = newJoin(left, right, keys, type, build, context);
              List<Object[]> actual = Rows.collect(spilling);
              String what =
                  String.format(
                      "seed %d, sizes %s, keys %s, %s building %s, memory %d",
                      seed, Arrays.toString(sizes), Arrays.toString(keys), type, build, memory);
              assertThat(TestData.multiset(actual)).as(what).isEqualTo(TestData.multiset(expected));
              if (sizes[0] == 400) {
                assertThat(spilling.spilled()).as(what).isTrue();
              }
              assertThat(Spilling.leftUnder(dir)).as(what).isEmpty();
              assertThat(spilling.reservedBytes()).isZero();
            }
          }
        }
      }
    }
  }

  private static HashJoin newJoin(
      List<Object[]> left,
      List<Object[]> right,
      int[] keys,
      JoinType type,
      Build build,
      ExecContext context) {
    return new HashJoin(
        TestData.source(LEFT, left, context.batchSize()),
        TestData.source(RIGHT, right, context.batchSize()),
        keys,
        keys,
        type,
        build,
        context,
        "table 'r'");
  }

  private static List<Object[]> join(
      List<Object[]> left,
      List<Object[]> right,
      int[] keys,
      JoinType type,
      Build build,
      ExecContext context) {
    return Rows.collect(newJoin(left, right, keys, type, build, context));
  }
}
