package dev.bucketsql.engine.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.join.HashJoin.Build;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link HashJoin} against {@link JoinReference} over random rows, for every join type, both build
 * sides, keys of one and several columns of integers, strings and doubles (NaN, -0.0), NULL keys,
 * duplicate keys, empty sides and batch boundaries. The mark join is checked against SQL's
 * three-valued {@code IN} evaluated row by row.
 */
class HashJoinTest {
  private static final List<ColumnType> LEFT =
      List.of(ColumnType.INTEGER, ColumnType.VARCHAR, ColumnType.DOUBLE, ColumnType.BIGINT);
  private static final List<ColumnType> RIGHT =
      List.of(ColumnType.INTEGER, ColumnType.VARCHAR, ColumnType.DOUBLE, ColumnType.DECIMAL);
  private static final int[][] KEYS = {{0}, {1}, {2}, {0, 1}, {1, 2}, {0, 1, 2}};

  @Test
  void matchesTheNestedLoopReference() {
    for (long seed = 1; seed <= 5; seed++) {
      Random random = new Random(seed);
      for (int[] sizes : new int[][] {{0, 0}, {0, 9}, {9, 0}, {1, 1}, {40, 25}, {120, 200}}) {
        List<Object[]> left = TestData.rows(random, LEFT, sizes[0], 12);
        List<Object[]> right = TestData.rows(random, RIGHT, sizes[1], 12);
        for (int[] keys : KEYS) {
          for (JoinType type : JoinType.values()) {
            for (Build build : Build.values()) {
              if (type == JoinType.MARK && build == Build.LEFT) {
                continue;
              }
              int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
              List<Object[]> actual = run(left, right, keys, type, build, batchSize);
              assertThat(TestData.multiset(actual))
                  .as(
                      "seed %d, sizes %s, keys %s, %s building %s, batches of %d",
                      seed, Arrays.toString(sizes), Arrays.toString(keys), type, build, batchSize)
                  .isEqualTo(
                      TestData.multiset(
                          JoinReference.join(left, LEFT.size(), right, RIGHT.size(), keys, type)));
            }
          }
        }
      }
    }
  }

  @Test
  void markIsNullWhenTheListHasANullAndFalseOnlyWhenNothingCouldMatch() {
    List<Object[]> left =
        List.of(
            new Object[] {1, "a", 0.0, 1L},
            new Object[] {null, "a", 0.0, 2L},
            new Object[] {5, "a", 0.0, 3L});
    List<Object[]> right = new ArrayList<>();
    right.add(new Object[] {1, "a", 0.0, null});
    right.add(new Object[] {null, "a", 0.0, null});
    List<Object[]> out = run(left, right, new int[] {0}, JoinType.MARK, Build.RIGHT, 2);
    assertThat(TestData.sequence(out))
        .containsExactly("[1, a, 0.0, 1, true]", "[null, a, 0.0, 2, null]", "[5, a, 0.0, 3, null]");
    // without the NULL in the list, 5 IN (1) is FALSE; NULL IN (1) stays NULL; NULL IN () is FALSE
    out = run(left, right.subList(0, 1), new int[] {0}, JoinType.MARK, Build.RIGHT, 2);
    assertThat(TestData.sequence(out))
        .containsExactly(
            "[1, a, 0.0, 1, true]", "[null, a, 0.0, 2, null]", "[5, a, 0.0, 3, false]");
    out = run(left, List.of(), new int[] {0}, JoinType.MARK, Build.RIGHT, 2);
    assertThat(out).extracting(r -> r[4]).containsExactly(false, false, false);
  }

  @Test
  void refusesKeysOfDifferentKindsAndAMarkJoinBuildingItsLeft() {
    assertThatThrownBy(
            () ->
                new HashJoin(
                    TestData.source(LEFT, List.of(), 4),
                    TestData.source(RIGHT, List.of(), 4),
                    new int[] {3},
                    new int[] {3},
                    JoinType.INNER,
                    Build.RIGHT,
                    TestData.context(4),
                    "its input"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("compares BIGINT with DECIMAL");
    assertThatThrownBy(
            () ->
                new HashJoin(
                    TestData.source(LEFT, List.of(), 4),
                    TestData.source(RIGHT, List.of(), 4),
                    new int[] {0},
                    new int[] {0},
                    JoinType.MARK,
                    Build.LEFT,
                    TestData.context(4),
                    "its input"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static List<Object[]> run(
      List<Object[]> left,
      List<Object[]> right,
      int[] keys,
      JoinType type,
      Build build,
      int batchSize) {
    return Rows.collect(
        new HashJoin(
            TestData.source(LEFT, left, batchSize),
            TestData.source(RIGHT, right, batchSize),
            keys,
            keys,
            type,
            build,
            TestData.context(batchSize),
            "table 'r'"));
  }
}
