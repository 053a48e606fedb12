package dev.bucketsql.engine.join;

import static dev.bucketsql.engine.join.NestedLoopJoinTest.LEFT;
import static dev.bucketsql.engine.join.NestedLoopJoinTest.RIGHT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.QueryCancelledException;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.expr.Exprs;
import dev.bucketsql.engine.join.NestedLoopJoinTest.Condition;
import dev.bucketsql.engine.memory.MemoryLimit;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import dev.bucketsql.engine.spill.SpillSettings;
import dev.bucketsql.engine.spill.SpillSpace;
import dev.bucketsql.engine.spill.Spilling;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link NestedLoopJoin} whose right side outgrows a tiny memory limit holds it a chunk at a time
 * and re-reads its left input from a spill file per chunk: for every join type and condition (TRUE,
 * FALSE and NULL pairs; NULLs and duplicates on both sides; empty sides) it returns the rows of the
 * same join with ample memory and of the row-at-a-time reference, leaves no file behind (also after
 * a cancel, an early close and the spill limit), and without spilling fails with the memory error
 * as before.
 */
class NestedLoopJoinSpillTest {
  private static final long SMALL = 6_000;

  @TempDir Path dir;

  @Test
  void spillingMatchesTheJoinInMemoryAndTheReference() {
    for (long seed = 1; seed <= 2; seed++) {
      Random random = new Random(seed);
      for (int[] sizes : new int[][] {{0, 300}, {200, 0}, {1, 300}, {150, 400}}) {
        List<Object[]> left = TestData.rows(random, LEFT, sizes[0], 10);
        List<Object[]> right = TestData.rows(random, RIGHT, sizes[1], 10);
        for (Condition condition : NestedLoopJoinTest.conditions()) {
          for (JoinType type : JoinType.values()) {
            if (type == JoinType.MARK) {
              continue;
            }
            int batchSize = TestData.BATCH_SIZES[1 + random.nextInt(3)];
            String what =
                String.format(
                    "seed %d, sizes %s, %s, %s, batches of %d",
                    seed, Arrays.toString(sizes), condition.name(), type, batchSize);
            List<Object[]> inMemory =
                Rows.collect(join(left, right, condition, type, TestData.context(batchSize)));
            NestedLoopJoin spilling =
                join(left, right, condition, type, Spilling.context(dir, SMALL, batchSize));
            List<Object[]> actual = Rows.collect(spilling);
            assertThat(TestData.multiset(actual)).as(what).isEqualTo(TestData.multiset(inMemory));
            assertThat(TestData.multiset(actual))
                .as(what)
                .isEqualTo(
                    TestData.multiset(NestedLoopJoinTest.reference(left, right, condition, type)));
            if (sizes[1] > 0) {
              assertThat(spilling.spilled()).as(what).isTrue();
            }
            if (sizes[1] == 400 && sizes[0] > 0 && type == JoinType.INNER) {
              // every chunk meets the left rows (SEMI and ANTI may stop once all are decided)
              assertThat(spilling.chunks()).as(what).isGreaterThanOrEqualTo(4);
            }
            assertThat(Spilling.leftUnder(dir)).as(what).isEmpty();
            assertThat(spilling.reservedBytes()).as(what).isZero();
          }
        }
      }
    }
  }

  @Test
  void aCancelWhileSpilledRemovesTheFiles() {
    Random random = new Random(5);
    AtomicBoolean cancelled = new AtomicBoolean();
    NestedLoopJoin join =
        new NestedLoopJoin(
            TestData.source(LEFT, TestData.rows(random, LEFT, 500, 5), 10),
            TestData.source(RIGHT, TestData.rows(random, RIGHT, 500, 5), 10),
            null,
            JoinType.FULL,
            Spilling.context(dir, SMALL, 1L << 30, 10, cancelled::get),
            "table 'r'");
    assertThat(join.next()).isNotNull();
    assertThat(Spilling.leftUnder(dir)).isNotEmpty();
    cancelled.set(true);
    assertThatThrownBy(() -> Rows.collect(join)).isInstanceOf(QueryCancelledException.class);
    assertThat(Spilling.leftUnder(dir)).isEmpty();
    join.close();
    assertThat(join.reservedBytes()).isZero();
  }

  @Test
  void closingEarlyRemovesTheFiles() {
    Random random = new Random(6);
    NestedLoopJoin join =
        new NestedLoopJoin(
            TestData.source(LEFT, TestData.rows(random, LEFT, 300, 5), 16),
            TestData.source(RIGHT, TestData.rows(random, RIGHT, 300, 5), 16),
            Exprs.lt(Exprs.column(0, LEFT.get(0)), Exprs.column(LEFT.size(), RIGHT.get(0))),
            JoinType.LEFT,
            Spilling.context(dir, SMALL, 16),
            "table 'r'");
    assertThat(join.next()).isNotNull();
    assertThat(join.spilled()).isTrue();
    join.close();
    assertThat(Spilling.leftUnder(dir)).isEmpty();
    assertThat(join.reservedBytes()).isZero();
  }

  @Test
  void pastTheSpillLimitItIsTheMemoryErrorNamingBothSettings() {
    Random random = new Random(8);
    NestedLoopJoin join =
        new NestedLoopJoin(
            TestData.source(LEFT, TestData.rows(random, LEFT, 100, 5), 16),
            TestData.source(RIGHT, TestData.rows(random, RIGHT, 3_000, 5), 16),
            null,
            JoinType.INNER,
            Spilling.context(dir, SMALL, 2_000, 16, () -> false),
            "table 'r'");
    assertThatThrownBy(() -> Rows.collect(join))
        .isInstanceOf(MemoryLimitExceededException.class)
        .hasMessageStartingWith("the join holds table 'r' in memory and spill files")
        .hasMessageContaining("queryMemory=6000 and spillLimit=2000");
    assertThat(Spilling.leftUnder(dir)).isEmpty();
    assertThat(join.reservedBytes()).isZero();
  }

  @Test
  void withSpillingOffItIsTheMemoryError() {
    Random random = new Random(9);
    ExecContext off =
        new ExecContext(
            new MemoryLimit(SMALL, MemoryLimit.QUERY_MEMORY),
            16,
            () -> false,
            new SpillSpace(new SpillSettings(false, dir, 1L << 30)));
    NestedLoopJoin join =
        new NestedLoopJoin(
            TestData.source(LEFT, TestData.rows(random, LEFT, 100, 5), 16),
            TestData.source(RIGHT, TestData.rows(random, RIGHT, 1_000, 5), 16),
            null,
            JoinType.ANTI,
            off,
            "table 'r'");
    assertThatThrownBy(() -> Rows.collect(join))
        .isInstanceOf(MemoryLimitExceededException.class)
        .hasMessageStartingWith("the join holds table 'r' in memory and needs more than 6000 bytes")
        .hasMessageContaining("queryMemory=6000");
    assertThat(Spilling.leftUnder(dir)).isEmpty();
    assertThat(join.reservedBytes()).isZero();
  }

  private static NestedLoopJoin join(
      List<Object[]> left,
      List<Object[]> right,
      Condition condition,
      JoinType type,
      ExecContext context) {
    return new NestedLoopJoin(
        TestData.source(LEFT, left, context.batchSize()),
        TestData.source(RIGHT, right, context.batchSize()),
        condition.expr(),
        type,
        context,
        "table 'r'");
  }
}
