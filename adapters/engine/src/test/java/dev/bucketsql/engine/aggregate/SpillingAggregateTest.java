package dev.bucketsql.engine.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.aggregate.AggregateCall.Function;
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
 * A {@link HashAggregate} over a tiny memory limit spills rows of new keys (and DISTINCT pairs) to
 * partitions, several levels deep, and returns exactly the groups of the in-memory aggregate:
 * integer averages whose running sum leaves BIGINT (kept exactly), DISTINCT calls over one huge
 * group and over many, MIN/MAX of strings and decimals, doubles summed in the same order.
 */
class SpillingAggregateTest {
  private static final List<ColumnType> TYPES =
      List.of(
          ColumnType.BIGINT,
          ColumnType.VARCHAR,
          ColumnType.DOUBLE,
          ColumnType.DECIMAL,
          ColumnType.INTEGER);

  @TempDir Path dir;

  private static final List<AggregateCall> CALLS =
      List.of(
          AggregateCall.countStar(),
          AggregateCall.of(Function.SUM, 4),
          AggregateCall.of(Function.AVG, 0),
          AggregateCall.distinct(Function.AVG, 0),
          AggregateCall.of(Function.SUM, 2),
          AggregateCall.of(Function.MIN, 1),
          AggregateCall.of(Function.MAX, 3),
          AggregateCall.distinct(Function.COUNT, 1),
          AggregateCall.distinct(Function.SUM, 4),
          AggregateCall.distinct(Function.AVG, 3),
          AggregateCall.argExtreme(Function.ARG_MAX, 1, 4, "ARG_MAX(#1, #4)"),
          AggregateCall.argExtreme(Function.ARG_MIN, 2, 3, "ARG_MIN(#2, #3)"));

  @Test
  void spilledAggregatesMatchTheInMemoryAggregate() {
    for (long seed = 1; seed <= 2; seed++) {
      Random random = new Random(seed);
      List<Object[]> rows = rows(random, 2000);
      for (int[] keys : new int[][] {{}, {4}, {1}, {0, 4}, {1, 3}}) {
        int batchSize = TestData.BATCH_SIZES[1 + random.nextInt(3)];
        List<Object[]> expected =
            Rows.collect(
                new HashAggregate(
                    TestData.source(TYPES, rows, batchSize),
                    keys,
                    CALLS,
                    TestData.context(batchSize),
                    "its input"));
        long memory = 40_000 + random.nextInt(40_000);
        ExecContext context = Spilling.context(dir, memory, batchSize);
        HashAggregate aggregate =
            new HashAggregate(
                TestData.source(TYPES, rows, batchSize), keys, CALLS, context, "its input");
        List<Object[]> actual = Rows.collect(aggregate);
        assertThat(TestData.multiset(actual))
            .as("seed %d keys %s memory %d", seed, Arrays.toString(keys), memory)
            .isEqualTo(TestData.multiset(expected));
        assertThat(context.spill().peakBytes()).as("it spilled").isPositive();
        assertThat(Spilling.leftUnder(dir)).isEmpty();
        assertThat(aggregate.reservedBytes()).isZero();
      }
    }
  }

  /** Many keys (so groups outgrow memory), big longs (so sums leave a long's range). */
  private static List<Object[]> rows(Random random, int count) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Object[] r = TestData.rows(random, TYPES.subList(0, 4), 1, 10).get(0);
      if (r[0] != null && random.nextInt(3) == 0) {
        r[0] =
            random.nextBoolean()
                ? Long.MAX_VALUE - random.nextInt(3)
                : Long.MIN_VALUE + random.nextInt(3);
      }
      if (r[1] != null) {
        r[1] = r[1] + "#" + random.nextInt(300);
      }
      r = Arrays.copyOf(r, 5);
      r[4] = random.nextInt(10) == 0 ? null : random.nextInt(700);
      rows.add(r);
    }
    return rows;
  }
}
