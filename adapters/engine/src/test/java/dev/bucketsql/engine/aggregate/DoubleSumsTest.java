package dev.bucketsql.engine.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.aggregate.AggregateCall.Function;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SUM, $SUM0 and AVG calls of DOUBLE and REAL arguments added together ({@link DoubleSums}) against
 * each call computed by an aggregate of its own (where nothing is fused), bit for bit: values whose
 * sums depend on the order of addition (1e16 and 1.0), NaN, infinities and -0.0, NULLs, groups
 * without a value, a DISTINCT and a filtered call beside the fused ones, no key (one group over
 * possibly no row), empty input and batch sizes down to 1.
 */
class DoubleSumsTest {
  private static final List<ColumnType> TYPES =
      List.of(
          ColumnType.INTEGER,
          ColumnType.DOUBLE,
          ColumnType.DOUBLE,
          ColumnType.REAL,
          ColumnType.BOOLEAN,
          ColumnType.BIGINT);
  private static final double[] VALUES = {
    1e16, 1.0, -1e16, 0.1, 0.2, -0.0, 3.5, Double.NaN, Double.POSITIVE_INFINITY, 1e-300
  };
  private static final List<AggregateCall> CALLS =
      List.of(
          AggregateCall.of(Function.SUM0, 1),
          AggregateCall.of(Function.SUM, 2),
          AggregateCall.of(Function.AVG, 1),
          AggregateCall.countStar(),
          AggregateCall.of(Function.SUM, 3),
          AggregateCall.of(Function.AVG, 3),
          AggregateCall.distinct(Function.SUM, 2),
          AggregateCall.of(Function.SUM0, 2).withFilter(4),
          AggregateCall.of(Function.AVG, 5),
          AggregateCall.of(Function.SUM0, 2));

  @Test
  void fusedSumsEqualEachCallAlone() {
    for (long seed = 1; seed <= 30; seed++) {
      Random random = new Random(seed);
      List<Object[]> rows = rows(random, new int[] {0, 1, 5, 200, 3000}[random.nextInt(5)]);
      int batchSize = new int[] {1, 3, 7, 64, 4096}[random.nextInt(5)];
      for (int[] keys : new int[][] {{}, {0}}) {
        List<Object[]> fused = run(rows, keys, CALLS, batchSize);
        List<List<Object>> alone = new ArrayList<>();
        for (AggregateCall call : CALLS) {
          List<Object[]> one = run(rows, keys, List.of(call), batchSize);
          for (int g = 0; g < one.size(); g++) {
            if (alone.size() <= g) {
              alone.add(new ArrayList<>(Arrays.asList(one.get(g)).subList(0, keys.length)));
            }
            alone.get(g).add(one.get(g)[keys.length]);
          }
        }
        assertThat(fused).hasSameSizeAs(alone);
        for (int g = 0; g < fused.size(); g++) {
          // Double.equals compares bits: NaN equals NaN, -0.0 differs from 0.0
          assertThat(Arrays.asList(fused.get(g)))
              .as("seed %d, keys %s, batches of %d, group %d", seed, keys.length, batchSize, g)
              .isEqualTo(alone.get(g));
        }
      }
    }
  }

  @Test
  void anyNumberOfFusedSumsEqualsEachCallAlone() {
    Function[] functions = {Function.SUM0, Function.SUM, Function.AVG};
    for (int k = 2; k <= 9; k++) {
      // k calls fused, added a few to a loop: every split of them into loops is run
      List<AggregateCall> calls = new ArrayList<>();
      for (int j = 0; j < k; j++) {
        calls.add(AggregateCall.of(functions[j % 3], 1 + (j * 7 + k) % 3));
      }
      Random random = new Random(k);
      // finite values, so that no NaN or infinity hides a wrong addition; small batches, so that
      // the values under NULLs are left from earlier rows and a NULL added would show
      List<Object[]> rows = rows(random, 2000);
      for (Object[] row : rows) {
        for (int c = 1; c <= 3; c++) {
          if (row[c] instanceof Double d && !Double.isFinite(d)) {
            row[c] = 2.5;
          } else if (row[c] instanceof Float f && !Float.isFinite(f)) {
            row[c] = 2.5f;
          }
        }
      }
      int batchSize = new int[] {1, 7, 64, 100}[k % 4];
      for (int[] keys : new int[][] {{}, {0}}) {
        List<Object[]> fused = run(rows, keys, calls, batchSize);
        for (int j = 0; j < k; j++) {
          List<Object[]> alone = run(rows, keys, List.of(calls.get(j)), batchSize);
          assertThat(alone).hasSameSizeAs(fused);
          for (int g = 0; g < fused.size(); g++) {
            assertThat(fused.get(g)[keys.length + j])
                .as("%d calls, call %d, keys %s, group %d", k, j, keys.length, g)
                .isEqualTo(alone.get(g)[keys.length]);
          }
        }
      }
    }
  }

  private static List<Object[]> run(
      List<Object[]> rows, int[] keys, List<AggregateCall> calls, int batchSize) {
    return Rows.collect(
        new HashAggregate(
            TestData.source(TYPES, rows, batchSize),
            keys,
            calls,
            TestData.context(batchSize),
            "its input"));
  }

  private static List<Object[]> rows(Random random, int count) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double a = VALUES[random.nextInt(VALUES.length)];
      double b = VALUES[random.nextInt(VALUES.length)];
      rows.add(
          new Object[] {
            random.nextInt(6) == 0 ? null : random.nextInt(5),
            random.nextInt(8) == 0 ? null : a,
            random.nextInt(3) == 0 ? null : b,
            random.nextInt(8) == 0 ? null : (float) (a / 3),
            random.nextInt(5) == 0 ? null : random.nextBoolean(),
            random.nextInt(5) == 0 ? null : (long) random.nextInt(100)
          });
    }
    return rows;
  }
}
