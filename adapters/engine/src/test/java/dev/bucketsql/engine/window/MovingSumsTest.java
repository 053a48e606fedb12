package dev.bucketsql.engine.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.aggregate.AggregateCall;
import dev.bucketsql.engine.aggregate.AggregateCall.Function;
import dev.bucketsql.engine.sort.SortKey;
import dev.bucketsql.format.SqlStateException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * COUNT, SUM, $SUM0 and AVG of integers and decimals over ROWS frames with an offset start, which
 * take the rows leaving the frame out ({@link MovingSums}), against {@link WindowTest}'s reference
 * that sums each frame afresh: many frame widths and offsets, frames wider than their partition,
 * empty frames, partitions of one row, peers, NULLs, decimals of several scales, BIGINT sums out of
 * range on the way but not in any frame, and out of range in a frame.
 */
class MovingSumsTest {
  private static final long MAX = Long.MAX_VALUE;
  private static final long[] OFFSETS = {-40, -9, -3, -2, -1, 0, 1, 2, 3, 7, 50};

  @Test
  void exactMovingAggregatesMatchTheReference() {
    for (long seed = 1; seed <= 60; seed++) {
      Random random = new Random(seed);
      int[] counts = {1, 2, 3, 17, 250, 700};
      List<Object[]> rows =
          TestData.rows(random, WindowTest.TYPES, counts[random.nextInt(counts.length)], 15);
      if (random.nextInt(3) > 0) {
        // mostly BIGINT sums in range, so that values are compared and not only the error
        for (Object[] r : rows) {
          r[4] = r[4] == null ? null : (long) random.nextInt(1000) - 500;
        }
      }
      long lower = OFFSETS[random.nextInt(OFFSETS.length)];
      long upper =
          random.nextInt(6) == 0
              ? Frame.UNBOUNDED_FOLLOWING
              : OFFSETS[random.nextInt(OFFSETS.length)];
      if (upper != Frame.UNBOUNDED_FOLLOWING && lower > upper && random.nextInt(4) > 0) {
        long t = lower;
        lower = upper;
        upper = t;
      }
      int[][] partitions = {{}, {0}, {4}, {1, 0}};
      List<SortKey> order = new ArrayList<>();
      for (int i = random.nextInt(3); i > 0; i--) {
        order.add(new SortKey(random.nextInt(5), random.nextBoolean(), random.nextBoolean()));
      }
      List<WindowFunction> functions = new ArrayList<>();
      for (int i = 1 + random.nextInt(4); i > 0; i--) {
        functions.add(randomFunction(random));
      }
      WindowTest.Spec spec =
          new WindowTest.Spec(
              partitions[random.nextInt(partitions.length)],
              order,
              Frame.rows(lower, upper),
              functions);
      int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
      WindowTest.check(spec, rows, TestData.context(batchSize), "seed " + seed + " " + spec);
    }
  }

  @Test
  void aBigintSumOutOfRangeOnTheWayButInNoFrameIsNoError() {
    // frames of three rows each hold one -MAX and two MAX: MAX; the two MAX left once the -MAX
    // before them leaves the frame are out of range until the next -MAX comes in
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      rows.add(row(i, i % 3 == 0 ? -MAX : MAX, null));
    }
    List<Object[]> out = collect(rows, Frame.rows(-2, 0), AggregateCall.of(Function.SUM, 4));
    assertThat(out.get(0)[5]).isEqualTo(-MAX);
    assertThat(out.get(1)[5]).isEqualTo(0L);
    for (int i = 2; i < out.size(); i++) {
      assertThat(out.get(i)[5]).as("row %d", i).isEqualTo(MAX);
    }
    WindowTest.check(spec(Frame.rows(-2, 0), AggregateCall.of(Function.SUM, 4)), rows, ctx(), "");
  }

  @Test
  void aBigintSumOutOfRangeInAFrameIsTheAggregatesError() {
    // the first frame of two rows sums to MAX + 1 and fails, though a later one is back in range
    List<Object[]> rows = List.of(row(0, MAX, null), row(1, 1L, null), row(2, -MAX, null));
    assertThatThrownBy(() -> collect(rows, Frame.rows(-1, 0), AggregateCall.of(Function.SUM, 4)))
        .isInstanceOfSatisfying(
            SqlStateException.class,
            e -> assertThat(e.sqlState()).isEqualTo(SqlStateException.NUMERIC_OUT_OF_RANGE))
        .hasMessageContaining("= 9223372036854775808 is out of range for BIGINT");
    // AVG of the same frames divides the exact sum as a double: no error
    List<Object[]> avg = collect(rows, Frame.rows(-1, 0), AggregateCall.of(Function.AVG, 4));
    assertThat(avg.get(1)[5]).isEqualTo(((double) MAX + 1) / 2);
    assertThat(avg.get(2)[5]).isEqualTo((1.0 - MAX) / 2);
  }

  @Test
  void aDecimalSumHasTheLargestScaleOfItsFramesValues() {
    String[] values = {"1.00", "2.0", "3.0", "4.0", "5.000", "6", "7.0"};
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      rows.add(row(i, null, new BigDecimal(values[i])));
    }
    List<Object[]> out = collect(rows, Frame.rows(-1, 0), AggregateCall.of(Function.SUM, 3));
    List<String> sums = out.stream().map(r -> r[5].toString()).toList();
    assertThat(sums).containsExactly("1.00", "3.00", "5.0", "7.0", "9.000", "11.000", "13.0");
    for (Function f : new Function[] {Function.SUM, Function.SUM0, Function.AVG}) {
      for (Frame frame : new Frame[] {Frame.rows(-1, 0), Frame.rows(-2, 1), Frame.rows(1, 3)}) {
        WindowTest.check(spec(frame, AggregateCall.of(f, 3)), rows, ctx(), f + " " + frame);
      }
    }
  }

  private static WindowFunction randomFunction(Random random) {
    int[] exact = {0, 3, 4};
    int arg = exact[random.nextInt(exact.length)];
    return switch (random.nextInt(8)) {
      case 0 -> WindowFunction.of(AggregateCall.countStar());
      case 1 -> WindowFunction.of(AggregateCall.of(Function.COUNT, random.nextInt(5)));
      case 2, 3 -> WindowFunction.of(AggregateCall.of(Function.SUM, arg));
      case 4 -> WindowFunction.of(AggregateCall.of(Function.SUM0, arg));
      case 5 -> WindowFunction.of(AggregateCall.of(Function.AVG, arg));
      // beside the sums that are computed again and the extremes of their own
      case 6 -> WindowFunction.of(AggregateCall.of(Function.SUM, 2));
      default -> WindowFunction.of(AggregateCall.of(Function.MAX, random.nextInt(5)));
    };
  }

  /** A row ordered by its INTEGER column {@code i}, with a BIGINT and a DECIMAL value. */
  private static Object[] row(int i, Long bigint, BigDecimal decimal) {
    return new Object[] {i, "x", 0.5, decimal, bigint};
  }

  private static WindowTest.Spec spec(Frame frame, AggregateCall call) {
    return new WindowTest.Spec(
        new int[0], List.of(SortKey.asc(0)), frame, List.of(WindowFunction.of(call)));
  }

  private static ExecContext ctx() {
    return TestData.context(2);
  }

  private static List<Object[]> collect(List<Object[]> rows, Frame frame, AggregateCall call) {
    Window w = spec(frame, call).open(rows, ctx());
    try {
      return Rows.collect(w);
    } finally {
      w.close();
    }
  }
}
