package dev.bucketsql.engine.window;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.aggregate.AggregateCall;
import dev.bucketsql.engine.aggregate.AggregateCall.Function;
import dev.bucketsql.engine.sort.SortKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Windows whose functions are known as each row is read (ROW_NUMBER, RANK, DENSE_RANK, aggregates
 * from the partition's start to the current row), which pass their sorted batches through with the
 * functions' columns ({@link RunningRows}), against {@link WindowTest}'s reference: partitions and
 * groups of peers cut by every batch size, NULL keys, partitions of one row, no keys at all, BIGINT
 * sums out of range.
 */
class RunningRowsTest {
  @Test
  void runningFunctionsMatchTheReference() {
    for (long seed = 1; seed <= 60; seed++) {
      Random random = new Random(seed);
      int[] counts = {0, 1, 2, 9, 300, 700};
      List<Object[]> rows =
          TestData.rows(random, WindowTest.TYPES, counts[random.nextInt(counts.length)], 15);
      int[][] partitions = {{}, {0}, {4}, {1, 0}, {3}};
      List<SortKey> order = new ArrayList<>();
      for (int i = random.nextInt(3); i > 0; i--) {
        order.add(new SortKey(random.nextInt(5), random.nextBoolean(), random.nextBoolean()));
      }
      boolean ranksOnly = random.nextInt(3) == 0;
      List<WindowFunction> functions = new ArrayList<>();
      for (int i = 1 + random.nextInt(4); i > 0; i--) {
        functions.add(randomFunction(random, ranksOnly));
      }
      // ranks alone take the default RANGE frame as well: they ignore it
      Frame frame =
          ranksOnly && random.nextBoolean() ? Frame.RANGE_TO_CURRENT : Frame.ROWS_TO_CURRENT;
      WindowTest.Spec spec =
          new WindowTest.Spec(
              partitions[random.nextInt(partitions.length)], order, frame, functions);
      int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
      Window w = spec.open(rows, TestData.context(batchSize));
      assertThat(w.holdsNoRow()).as(spec.toString()).isTrue();
      w.close();
      WindowTest.check(spec, rows, TestData.context(batchSize), "seed " + seed + " " + spec);
    }
  }

  @Test
  void functionsThatNeedOtherRowsStillHoldThem() {
    WindowFunction rowNumber = WindowFunction.ranking(WindowFunction.Kind.ROW_NUMBER);
    WindowFunction sum = WindowFunction.of(AggregateCall.of(Function.SUM, 4));
    assertThat(RunningRows.handles(List.of(rowNumber, sum), Frame.ROWS_TO_CURRENT)).isTrue();
    assertThat(RunningRows.handles(List.of(rowNumber), Frame.PARTITION)).isTrue();
    // a RANGE frame waits for the row's last peer, a wider frame for the rows after it
    assertThat(RunningRows.handles(List.of(rowNumber, sum), Frame.RANGE_TO_CURRENT)).isFalse();
    assertThat(RunningRows.handles(List.of(sum), Frame.rows(Frame.UNBOUNDED_PRECEDING, 1)))
        .isFalse();
    assertThat(RunningRows.handles(List.of(sum), Frame.rows(-1, 0))).isFalse();
    assertThat(
            RunningRows.handles(
                List.of(rowNumber, WindowFunction.shift(WindowFunction.Kind.LAG, 0, 1, null)),
                Frame.ROWS_TO_CURRENT))
        .isFalse();
    assertThat(RunningRows.handles(List.of(WindowFunction.ntile(3)), Frame.ROWS_TO_CURRENT))
        .isFalse();
  }

  private static WindowFunction randomFunction(Random random, boolean ranksOnly) {
    int[] numeric = {0, 2, 3, 4};
    int arg = numeric[random.nextInt(numeric.length)];
    return switch (random.nextInt(ranksOnly ? 3 : 10)) {
      case 0 -> WindowFunction.ranking(WindowFunction.Kind.ROW_NUMBER);
      case 1 -> WindowFunction.ranking(WindowFunction.Kind.RANK);
      case 2 -> WindowFunction.ranking(WindowFunction.Kind.DENSE_RANK);
      case 3 -> WindowFunction.of(AggregateCall.countStar());
      case 4 -> WindowFunction.of(AggregateCall.of(Function.COUNT, random.nextInt(5)));
      case 5, 6 -> WindowFunction.of(AggregateCall.of(Function.SUM, arg));
      case 7 -> WindowFunction.of(AggregateCall.of(Function.AVG, arg));
      case 8 -> WindowFunction.of(AggregateCall.of(Function.MIN, random.nextInt(5)));
      default -> WindowFunction.of(AggregateCall.of(Function.MAX, random.nextInt(5)));
    };
  }
}
