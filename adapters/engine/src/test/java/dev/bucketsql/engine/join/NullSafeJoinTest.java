package dev.bucketsql.engine.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.join.HashJoin.Build;
import dev.bucketsql.engine.spill.Spilling;
import dev.bucketsql.format.ColumnType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HashJoin} with keys compared as {@code IS NOT DISTINCT FROM} (NULL matches NULL on those
 * keys, not on the others) against a nested-loop reference over random rows with many NULL keys,
 * for every join type but MARK, both build sides, in memory and spilled to disk.
 */
class NullSafeJoinTest {
  private static final List<ColumnType> LEFT =
      List.of(ColumnType.INTEGER, ColumnType.VARCHAR, ColumnType.DOUBLE, ColumnType.BIGINT);
  private static final List<ColumnType> RIGHT =
      List.of(ColumnType.INTEGER, ColumnType.VARCHAR, ColumnType.DOUBLE, ColumnType.DECIMAL);
  private static final int[][] KEYS = {{0}, {1}, {2}, {0, 1}, {1, 2}};

  @TempDir Path dir;

  @Test
  void nullsMatchOnNullSafeKeysOnly() {
    for (long seed = 1; seed <= 2; seed++) {
      Random random = new Random(seed);
      int[][] all = {{0, 7}, {7, 0}, {1, 1}, {60, 45}, {300, 200}};
      // spilled (the last sizes) for the first seed only: the reference is a nested loop
      for (int[] sizes : seed == 1 ? all : Arrays.copyOf(all, all.length - 1)) {
        List<Object[]> left = TestData.rows(random, LEFT, sizes[0], 6);
        List<Object[]> right = TestData.rows(random, RIGHT, sizes[1], 6);
        for (int[] keys : KEYS) {
          boolean[] nullSafe = new boolean[keys.length];
          for (int i = 0; i < keys.length; i++) {
            nullSafe[i] = keys.length == 1 || random.nextBoolean();
          }
          for (JoinType type : JoinType.values()) {
            if (type == JoinType.MARK) {
              continue;
            }
            for (Build build : Build.values()) {
              int batchSize = TestData.BATCH_SIZES[1 + random.nextInt(3)];
              boolean spill = sizes[0] == 300;
              ExecContext context =
                  spill
                      ? Spilling.context(dir, 12_000 + random.nextInt(4_000), batchSize)
                      : TestData.context(batchSize);
              HashJoin join =
                  new HashJoin(
                      TestData.source(LEFT, left, batchSize),
                      TestData.source(RIGHT, right, batchSize),
                      keys,
                      keys,
                      nullSafe,
                      type,
                      build,
                      context,
                      "table 'r'");
              List<Object[]> actual = Rows.collect(join);
              String what =
                  String.format(
                      "seed %d, sizes %s, keys %s null-safe %s, %s building %s",
                      seed,
                      Arrays.toString(sizes),
                      Arrays.toString(keys),
                      Arrays.toString(nullSafe),
                      type,
                      build);
              assertThat(TestData.multiset(actual))
                  .as(what)
                  .isEqualTo(TestData.multiset(reference(left, right, keys, nullSafe, type)));
              // SEMI and ANTI building the right side hold only its keys, which fit in memory
              boolean holdsRows = type.outputsRight() || build == Build.LEFT;
              if (spill && holdsRows) {
                assertThat(join.spilled()).as(what).isTrue();
              }
              if (spill) {
                assertThat(Spilling.leftUnder(dir)).as(what).isEmpty();
              }
            }
          }
        }
      }
    }
  }

  @Test
  void refusesNullSafeKeysForAMarkJoin() {
    assertThatThrownBy(
            () ->
                new HashJoin(
                    TestData.source(LEFT, List.of(), 4),
                    TestData.source(RIGHT, List.of(), 4),
                    new int[] {0},
                    new int[] {0},
                    new boolean[] {true},
                    JoinType.MARK,
                    Build.RIGHT,
                    TestData.context(4),
                    "its input"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Whether the rows agree on every key: SQL equality, or both NULL on a null-safe key. */
  private static boolean matches(Object[] l, Object[] r, int[] keys, boolean[] nullSafe) {
    for (int i = 0; i < keys.length; i++) {
      Object a = l[keys[i]];
      Object b = r[keys[i]];
      if (a == null || b == null) {
        if (!(nullSafe[i] && a == null && b == null)) {
          return false;
        }
      } else if (!TestData.sqlEquals(a, b)) {
        return false;
      }
    }
    return true;
  }

  private static List<Object[]> reference(
      List<Object[]> left, List<Object[]> right, int[] keys, boolean[] nullSafe, JoinType type) {
    List<Object[]> out = new ArrayList<>();
    boolean[] rightMatched = new boolean[right.size()];
    for (Object[] l : left) {
      boolean matched = false;
      for (int j = 0; j < right.size(); j++) {
        if (matches(l, right.get(j), keys, nullSafe)) {
          matched = true;
          rightMatched[j] = true;
          if (type.outputsRight()) {
            out.add(concat(l, right.get(j)));
          }
        }
      }
      if ((type == JoinType.LEFT || type == JoinType.FULL) && !matched) {
        out.add(concat(l, new Object[RIGHT.size()]));
      } else if (type == JoinType.SEMI && matched || type == JoinType.ANTI && !matched) {
        out.add(l);
      }
    }
    if (type == JoinType.RIGHT || type == JoinType.FULL) {
      for (int j = 0; j < right.size(); j++) {
        if (!rightMatched[j]) {
          out.add(concat(new Object[LEFT.size()], right.get(j)));
        }
      }
    }
    return out;
  }

  private static Object[] concat(Object[] a, Object[] b) {
    Object[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
