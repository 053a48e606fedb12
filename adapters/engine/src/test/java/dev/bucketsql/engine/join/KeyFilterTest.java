package dev.bucketsql.engine.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.join.HashJoin.Build;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A hash join whose probe input passes through a {@link KeyFiltered} fed by the join's own {@link
 * KeyFilter} gives what the join alone gives, for every join type that may publish its keys, both
 * build sides, keys in a narrow range (a bitmap) and a wide one (a table), NULL keys, an empty
 * built side and random batch sizes; and the filter does drop rows. Joins that keep unmatched probe
 * rows refuse to publish. As the runtime key set a scan reads, it keeps exactly the rows whose
 * value some built row has (never a NULL), every row before it is published, and a table built for
 * sharing publishes too.
 */
class KeyFilterTest {
  private static final List<ColumnType> LEFT = List.of(ColumnType.BIGINT, ColumnType.VARCHAR);
  private static final List<ColumnType> RIGHT = List.of(ColumnType.BIGINT, ColumnType.INTEGER);

  @Test
  void aFilteredProbeJoinsAsTheJoinAlone() {
    Random random = new Random(61);
    for (int round = 0; round < 120; round++) {
      long spread = round % 2 == 0 ? 50 : 1L << 40;
      int buildRows = round % 10 == 0 ? 0 : 1 + random.nextInt(30);
      List<Object[]> left = rows(random, 300, spread, true);
      List<Object[]> right = rows(random, buildRows, spread, false);
      int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
      for (JoinType type : List.of(JoinType.INNER, JoinType.SEMI, JoinType.LEFT, JoinType.RIGHT)) {
        for (Build build : Build.values()) {
          boolean probeLeft = build == Build.RIGHT;
          boolean keepsProbe =
              probeLeft ? type == JoinType.LEFT : type == JoinType.RIGHT || type == JoinType.SEMI;
          if (keepsProbe) {
            continue;
          }
          List<Object[]> plain = run(left, right, type, build, batchSize, false);
          KeyFiltered[] filtered = new KeyFiltered[1];
          List<Object[]> withFilter = run(left, right, type, build, batchSize, true, filtered);
          String what = type + " building " + build + " over " + buildRows + " rows";
          assertThat(TestData.multiset(withFilter)).as(what).isEqualTo(TestData.multiset(plain));
          // the right side is the small one: built, its few keys leave most left rows out
          if (probeLeft && spread == 50 && buildRows > 0 && buildRows < 10) {
            assertThat(filtered[0].dropped()).as("rows dropped, " + what).isPositive();
          }
        }
      }
    }
  }

  @Test
  void asAScanReadsItKeepsTheRowsWhoseValueWasBuilt() {
    Random random = new Random(67);
    for (int round = 0; round < 60; round++) {
      long spread = round % 3 == 0 ? 50 : round % 3 == 1 ? 1L << 40 : 1L << 20;
      int buildRows = round % 10 == 0 ? 0 : 1 + random.nextInt(round % 3 == 2 ? 70_000 : 40);
      List<Object[]> right = rows(random, buildRows, spread, false);
      Set<Long> built = new HashSet<>();
      for (Object[] row : right) {
        if (row[0] != null) {
          built.add((Long) row[0]);
        }
      }
      KeyFilter keys = new KeyFilter();
      assertThat(keys.ready()).isFalse();
      long[] values = new long[600];
      boolean[] nulls = new boolean[600];
      for (int i = 0; i < values.length; i++) {
        // built keys, their neighbours, values anywhere, the extremes
        Object[] some =
            right.isEmpty() ? new Object[] {null} : right.get(random.nextInt(right.size()));
        int pick = random.nextInt(20);
        values[i] =
            pick < 8 && some[0] != null
                ? (Long) some[0] + (pick < 6 ? 0 : pick == 6 ? 1 : -1)
                : pick < 16
                    ? (long) (random.nextDouble() * spread) - 3
                    : pick < 18 ? random.nextLong() : pick == 18 ? Long.MIN_VALUE : Long.MAX_VALUE;
        nulls[i] = random.nextInt(8) == 0;
      }
      int from = random.nextInt(50);
      int[] rows = new int[values.length - from];
      int k = 0;
      for (int i = 0; i < rows.length; i++) {
        if (random.nextInt(3) != 0) {
          rows[k++] = i;
        }
      }
      int[] before = rows.clone();
      // not yet published: every row stays
      assertThat(keys.retain(values, nulls, from, rows, k)).isEqualTo(k);
      HashJoin join =
          new HashJoin(
              TestData.source(LEFT, List.of(), 64),
              TestData.source(RIGHT, right, 64),
              new int[] {0},
              new int[] {0},
              JoinType.INNER,
              Build.RIGHT,
              TestData.context(64),
              "table 'r'");
      join.publishKeys(keys, 0);
      Rows.collect(join);
      // more distinct keys over a wide range than a table holds: never published
      assertThat(keys.ready()).as("round " + round).isEqualTo(built.size() <= KeyFilter.MAX_KEYS);
      if (!keys.ready()) {
        continue;
      }
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        int r = before[i];
        if (!nulls[from + r] && built.contains(values[from + r])) {
          expected.add(r);
        }
      }
      int kept = keys.retain(values, nulls, from, rows, k);
      List<Integer> actual = new ArrayList<>();
      for (int i = 0; i < kept; i++) {
        actual.add(rows[i]);
      }
      assertThat(actual).as("round " + round + ", " + built.size() + " keys").isEqualTo(expected);
    }
  }

  @Test
  void aTableBuiltForSharingPublishesItsKeys() {
    List<Object[]> right = List.of(new Object[] {5L, 1}, new Object[] {null, 2});
    HashJoin join =
        new HashJoin(
            TestData.source(LEFT, List.of(), 4),
            TestData.source(RIGHT, right, 4),
            new int[] {0},
            new int[] {0},
            JoinType.INNER,
            Build.RIGHT,
            TestData.context(4),
            "table 'r'");
    KeyFilter keys = new KeyFilter();
    join.publishKeys(keys, 0);
    assertThat(join.buildShared()).isTrue();
    assertThat(keys.ready()).isTrue();
    int[] rows = {0, 1, 2};
    int kept = keys.retain(new long[] {5, 6, 5}, new boolean[] {false, false, true}, 0, rows, 3);
    assertThat(kept).isEqualTo(1);
    assertThat(rows[0]).isZero();
    join.close();
  }

  @Test
  void joinsThatKeepUnmatchedProbeRowsDoNotPublish() {
    for (JoinType type : List.of(JoinType.ANTI, JoinType.LEFT, JoinType.FULL)) {
      HashJoin join =
          new HashJoin(
              TestData.source(LEFT, List.of(), 4),
              TestData.source(RIGHT, List.of(), 4),
              new int[] {0},
              new int[] {0},
              type,
              Build.RIGHT,
              TestData.context(4),
              "table 'r'");
      assertThatThrownBy(() -> join.publishKeys(new KeyFilter(), 0))
          .as(type.toString())
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static List<Object[]> rows(Random random, int n, long spread, boolean left) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Long key = random.nextInt(10) == 0 ? null : (long) (random.nextDouble() * spread) - 3;
      rows.add(new Object[] {key, left ? "l" + i : (Object) random.nextInt(5)});
    }
    return rows;
  }

  private static List<Object[]> run(
      List<Object[]> left,
      List<Object[]> right,
      JoinType type,
      Build build,
      int batchSize,
      boolean filter,
      KeyFiltered... made) {
    KeyFilter keys = new KeyFilter();
    boolean probeLeft = build == Build.RIGHT;
    var l = TestData.source(LEFT, left, batchSize);
    var r = TestData.source(RIGHT, right, batchSize);
    if (filter) {
      KeyFiltered f = new KeyFiltered(probeLeft ? l : r, 0, keys, TestData.context(batchSize));
      made[0] = f;
      if (probeLeft) {
        l = f;
      } else {
        r = f;
      }
    }
    HashJoin join =
        new HashJoin(
            l,
            r,
            new int[] {0},
            new int[] {0},
            type,
            build,
            TestData.context(batchSize),
            "table 'r'");
    if (filter) {
      join.publishKeys(keys, 0);
    }
    return Rows.collect(join);
  }
}
