package dev.bucketsql.engine.join;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.expr.Expr;
import dev.bucketsql.engine.expr.Exprs;
import dev.bucketsql.engine.join.HashJoin.Build;
import dev.bucketsql.engine.spill.Spilling;
import dev.bucketsql.format.ColumnType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HashJoin#emitOnly}: a join told which output columns its consumer reads gives, in those
 * columns, the rows of the same join writing every column (which {@code HashJoinTest} checks
 * against a nested-loop reference), for every join type, both build sides, keys of one column (the
 * index) and of several (packed, and the key table), NULL and duplicate keys, empty sides, one row,
 * batches down to one row, with a residual, in memory and spilled. A column nobody reads comes out
 * NULL where the join writes pairs. SEMI, ANTI and MARK building the right side hold only the keys,
 * with or without the flags.
 */
class ColumnsReadJoinTest {
  private static final List<ColumnType> LEFT =
      List.of(ColumnType.INTEGER, ColumnType.VARCHAR, ColumnType.DOUBLE, ColumnType.BIGINT);
  private static final List<ColumnType> RIGHT =
      List.of(
          ColumnType.INTEGER,
          ColumnType.VARCHAR,
          ColumnType.DOUBLE,
          ColumnType.BIGINT,
          ColumnType.DECIMAL);
  private static final int[][] KEYS = {{0}, {1}, {2}, {0, 3}, {0, 1}};

  @TempDir Path dir;

  /** How many of the joins told which columns are read spilled. */
  private int spilled;

  @Test
  void readColumnsMatchTheJoinWritingEveryColumn() {
    for (long seed = 1; seed <= 4; seed++) {
      Random random = new Random(seed);
      for (int[] sizes : new int[][] {{0, 0}, {0, 9}, {9, 0}, {1, 1}, {40, 25}, {150, 220}}) {
        List<Object[]> left = TestData.rows(random, LEFT, sizes[0], 12);
        List<Object[]> right = TestData.rows(random, RIGHT, sizes[1], 12);
        for (int[] keys : KEYS) {
          for (boolean residual : new boolean[] {false, true}) {
            checkEveryType(random, left, right, keys, residual, null);
          }
        }
      }
    }
  }

  @Test
  void readColumnsMatchWhenTheJoinSpills() {
    Random random = new Random(7);
    List<Object[]> left = TestData.rows(random, LEFT, 400, 8);
    List<Object[]> right = TestData.rows(random, RIGHT, 600, 8);
    for (int[] keys : KEYS) {
      for (boolean residual : new boolean[] {false, true}) {
        checkEveryType(random, left, right, keys, residual, 20_000 + random.nextInt(10_000));
      }
    }
    assertThat(spilled).isPositive();
    assertThat(Spilling.leftUnder(dir)).isEmpty();
  }

  @Test
  void aColumnNobodyReadsIsNullInThePairs() {
    List<Object[]> left = List.of(new Object[] {1, "a", 1.5, 10L}, new Object[] {2, "b", 2.5, 20L});
    List<Object[]> right =
        List.of(
            new Object[] {1, "x", 0.5, 100L, null},
            new Object[] {1, "y", 0.5, 200L, null},
            new Object[] {3, "z", 0.5, 300L, null});
    boolean[] read = {true, false, true, false, false, true, false, false, false};
    for (Build build : Build.values()) {
      HashJoin join = join(left, right, new int[] {0}, JoinType.INNER, build, false, 2, null);
      join.emitOnly(read);
      assertThat(TestData.multiset(Rows.collect(join)))
          .as("building %s", build)
          .containsExactlyInAnyOrderElementsOf(
              TestData.multiset(
                  List.of(
                      new Object[] {1, null, 1.5, null, null, "x", null, null, null},
                      new Object[] {1, null, 1.5, null, null, "y", null, null, null})));
    }
  }

  private void checkEveryType(
      Random random,
      List<Object[]> left,
      List<Object[]> right,
      int[] keys,
      boolean residual,
      Integer memory) {
    for (JoinType type : JoinType.values()) {
      for (Build build : Build.values()) {
        if (type == JoinType.MARK && build == Build.LEFT) {
          continue;
        }
        int width = LEFT.size() + (type.outputsRight() ? RIGHT.size() : 0);
        width += type == JoinType.MARK ? 1 : 0;
        boolean[] read = new boolean[width];
        int pick = random.nextInt(4);
        for (int c = 0; c < width; c++) {
          read[c] = pick == 1 || pick > 1 && random.nextBoolean();
        }
        int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
        List<Object[]> expected =
            Rows.collect(join(left, right, keys, type, build, residual, batchSize, null));
        HashJoin pruned = join(left, right, keys, type, build, residual, batchSize, memory);
        pruned.emitOnly(read);
        List<Object[]> actual = Rows.collect(pruned);
        assertThat(TestData.multiset(only(actual, read)))
            .as(
                "sizes %d/%d, keys %s, %s building %s, residual %s, read %s, batches of %d,"
                    + " memory %s",
                left.size(),
                right.size(),
                Arrays.toString(keys),
                type,
                build,
                residual,
                Arrays.toString(read),
                batchSize,
                memory)
            .isEqualTo(TestData.multiset(only(expected, read)));
        spilled += pruned.spilled() ? 1 : 0;
        assertThat(pruned.reservedBytes()).isZero();
      }
    }
  }

  /** The rows with the columns nobody reads set to NULL. */
  private static List<Object[]> only(List<Object[]> rows, boolean[] read) {
    List<Object[]> out = new ArrayList<>();
    for (Object[] row : rows) {
      Object[] r = row.clone();
      for (int c = 0; c < r.length; c++) {
        if (!read[c]) {
          r[c] = null;
        }
      }
      out.add(r);
    }
    return out;
  }

  private HashJoin join(
      List<Object[]> left,
      List<Object[]> right,
      int[] keys,
      JoinType type,
      Build build,
      boolean residual,
      int batchSize,
      Integer memory) {
    ExecContext context =
        memory == null
            ? TestData.context(batchSize)
            : Spilling.context(dir, memory, Math.max(batchSize, 3));
    Supplier<Expr> condition =
        () ->
            Exprs.lt(
                Exprs.column(3, ColumnType.BIGINT),
                Exprs.column(LEFT.size() + 3, ColumnType.BIGINT));
    int[] rightKeys = keys.clone();
    return residual
        ? new HashJoin(
            TestData.source(LEFT, left, batchSize),
            TestData.source(RIGHT, right, batchSize),
            keys,
            rightKeys,
            new boolean[keys.length],
            condition,
            type,
            build,
            context,
            "table 'r'")
        : new HashJoin(
            TestData.source(LEFT, left, batchSize),
            TestData.source(RIGHT, right, batchSize),
            keys,
            rightKeys,
            type,
            build,
            context,
            "table 'r'");
  }
}
