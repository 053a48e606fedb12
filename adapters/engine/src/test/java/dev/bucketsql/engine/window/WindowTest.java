package dev.bucketsql.engine.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.aggregate.AggregateCall;
import dev.bucketsql.engine.aggregate.AggregateCall.Function;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryLimit;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import dev.bucketsql.engine.sort.SortKey;
import dev.bucketsql.engine.spill.Spilling;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.SqlStateException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Window} against a plain reference over random rows: the reference sorts stably by the
 * partition keys (ASC NULLS LAST) and the order keys, then computes every value from its definition
 * over the whole sorted partition (ranks by counting earlier rows and peer groups, aggregates over
 * the frame's rows in order). NULL keys, ties, NaN, -0.0, decimals of several scales, empty input,
 * one row, batch sizes that cut partitions and peer groups, BIGINT sums out of range (the same
 * 22003 as the aggregate), a tiny memory limit with and without spilling.
 */
class WindowTest {
  static final List<ColumnType> TYPES =
      List.of(
          ColumnType.INTEGER,
          ColumnType.VARCHAR,
          ColumnType.DOUBLE,
          ColumnType.DECIMAL,
          ColumnType.BIGINT);

  @TempDir Path spillDir;

  @Test
  void matchesTheReference() {
    for (long seed = 1; seed <= 12; seed++) {
      Random random = new Random(seed);
      for (int count : new int[] {0, 1, 2, 40, 300}) {
        List<Object[]> rows = TestData.rows(random, TYPES, count, 15);
        for (int trial = 0; trial < 6; trial++) {
          Spec spec = Spec.random(random);
          int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
          check(spec, rows, TestData.context(batchSize), "seed " + seed + " " + spec);
        }
      }
    }
  }

  @Test
  void spillsItsSortUnderATinyLimitAndGivesTheSameRows() {
    Random random = new Random(77);
    // many small partitions: the sort spills, each held group of peers fits
    List<Object[]> rows = new ArrayList<>();
    for (Object[] r : TestData.rows(random, TYPES, 3000, 10)) {
      r[4] = (long) random.nextInt(1000);
      rows.add(r);
    }
    Spec spec =
        new Spec(
            new int[] {4},
            List.of(new SortKey(0, true, false), SortKey.asc(1)),
            Frame.RANGE_TO_CURRENT,
            List.of(
                WindowFunction.ranking(WindowFunction.Kind.ROW_NUMBER),
                WindowFunction.ranking(WindowFunction.Kind.RANK),
                WindowFunction.of(AggregateCall.countStar()),
                WindowFunction.of(AggregateCall.of(Function.SUM, 3)),
                WindowFunction.of(AggregateCall.of(Function.MAX, 1))));
    check(spec, rows, Spilling.context(spillDir, 16 * 1024, 64), "spilling");
    assertThat(Spilling.leftUnder(spillDir)).isEmpty();
  }

  @Test
  void aWindowOverRowsSortedAlikeGivesWhatItGivesSortingThem() {
    for (long seed = 1; seed <= 10; seed++) {
      Random random = new Random(seed);
      List<Object[]> rows = TestData.rows(random, TYPES, 300, 15);
      Spec first = Spec.random(random);
      Spec other = Spec.random(random);
      int[] reversed = first.partition().clone();
      for (int i = 0; i < reversed.length / 2; i++) {
        int t = reversed[i];
        reversed[i] = reversed[reversed.length - 1 - i];
        reversed[reversed.length - 1 - i] = t;
      }
      // the same keys (the partition columns in another order), another frame and functions
      Spec second = new Spec(reversed, first.order(), other.frame(), other.functions());
      assertThat(Window.sortsAlike(first.partition(), first.order(), reversed, first.order()))
          .isTrue();
      int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
      List<List<Object[]>> results = new ArrayList<>();
      for (boolean presorted : new boolean[] {false, true}) {
        ExecContext context = TestData.context(batchSize);
        Window w =
            new Window(
                first.open(rows, context),
                second.partition(),
                second.order(),
                second.frame(),
                second.functions(),
                context,
                "table 't'",
                presorted);
        results.add(Rows.collect(w));
        w.close();
      }
      assertThat(TestData.multiset(results.get(1)))
          .as("seed %d %s then %s", seed, first, second)
          .isEqualTo(TestData.multiset(results.get(0)));
    }
    List<SortKey> byOne = List.of(SortKey.asc(1));
    assertThat(Window.sortsAlike(new int[] {0, 2}, byOne, new int[] {2, 0}, byOne)).isTrue();
    assertThat(Window.sortsAlike(new int[] {0}, byOne, new int[] {0, 2}, byOne)).isFalse();
    assertThat(Window.sortsAlike(new int[] {0}, byOne, new int[] {0}, List.of(SortKey.desc(1))))
        .isFalse();
    assertThat(Window.sortsAlike(new int[] {0}, byOne, new int[] {0}, List.of())).isFalse();
  }

  @Test
  void aPartitionHeldBeyondTheLimitIsTheWindowsMemoryError() {
    List<Object[]> rows = TestData.rows(new Random(5), TYPES, 2000, 0);
    ExecContext tiny =
        new ExecContext(new MemoryLimit(16 * 1024, MemoryLimit.QUERY_MEMORY), 64, () -> false);
    // no keys: no sort, one partition held whole for its SUM
    Window whole =
        new Window(
            TestData.source(TYPES, rows, 64),
            new int[0],
            List.of(),
            Frame.PARTITION,
            List.of(WindowFunction.of(AggregateCall.of(Function.SUM, 3))),
            tiny,
            "table 't'");
    assertThatThrownBy(() -> Rows.collect(whole))
        .isInstanceOfSatisfying(
            MemoryLimitExceededException.class,
            e -> assertThat(e.heldBy()).isEqualTo(HeldBy.WINDOW))
        .hasMessageContaining("window (OVER)")
        .hasMessageContaining("table 't'");
    whole.close();
    assertThat(whole.reservedBytes()).isZero();
    // with keys and no spilling the sort below fails first, naming the window as well
    Window sorted =
        new Window(
            TestData.source(TYPES, rows, 64),
            new int[] {0},
            List.of(SortKey.asc(1)),
            Frame.ROWS_TO_CURRENT,
            List.of(WindowFunction.ranking(WindowFunction.Kind.ROW_NUMBER)),
            tiny,
            "table 't'");
    assertThatThrownBy(() -> Rows.collect(sorted)).hasMessageContaining("window (OVER)");
    sorted.close();
  }

  @Test
  void aMovingFrameHoldsOnlyTheRowsItReaches() {
    List<Object[]> rows = TestData.rows(new Random(9), TYPES, 5000, 10);
    ExecContext tiny =
        new ExecContext(new MemoryLimit(32 * 1024, MemoryLimit.QUERY_MEMORY), 64, () -> false);
    // no keys: no sort, one partition of 5,000 rows that a whole-partition frame could not hold
    Spec moving =
        new Spec(
            new int[0],
            List.of(),
            Frame.rows(-3, 2),
            List.of(
                WindowFunction.of(AggregateCall.of(Function.SUM, 3)),
                WindowFunction.of(AggregateCall.of(Function.MAX, 1)),
                WindowFunction.shift(WindowFunction.Kind.LAG, 1, 5, null),
                WindowFunction.shift(WindowFunction.Kind.LEAD, 0, 7, 0),
                WindowFunction.value(WindowFunction.Kind.FIRST_VALUE, 1),
                WindowFunction.value(WindowFunction.Kind.LAST_VALUE, 3)));
    check(moving, rows, tiny, "moving frame");
    Spec whole =
        new Spec(
            new int[0],
            List.of(),
            Frame.rows(-3, Frame.UNBOUNDED_FOLLOWING),
            List.of(WindowFunction.of(AggregateCall.of(Function.SUM, 3))));
    Window w = whole.open(rows, tiny);
    assertThatThrownBy(() -> Rows.collect(w)).isInstanceOf(MemoryLimitExceededException.class);
    w.close();
  }

  @Test
  void ntileCutsThePartitionIntoTilesWhoseSizesDifferByOne() {
    // 10 rows in 4 tiles: 3, 3, 2, 2; 2 rows in 5 tiles: 1, 2
    long[] ten = new long[10];
    for (int p = 0; p < 10; p++) {
      ten[p] = RowValues.ntile(p, 10, 4);
    }
    assertThat(ten).containsExactly(1, 1, 1, 2, 2, 2, 3, 3, 4, 4);
    assertThat(RowValues.ntile(1, 2, 5)).isEqualTo(2);
  }

  @Test
  void ranksOverAWholePartitionAreRefused() {
    assertThatThrownBy(
            () ->
                new Window(
                    TestData.source(TYPES, List.of(), 4),
                    new int[0],
                    List.of(SortKey.asc(0)),
                    Frame.PARTITION,
                    List.of(WindowFunction.ranking(WindowFunction.Kind.RANK)),
                    TestData.context(4),
                    "t"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static void check(Spec spec, List<Object[]> rows, ExecContext context, String what) {
    List<Object[]> expected;
    try {
      expected = reference(spec, rows);
    } catch (ArithmeticException overflow) {
      Window w = spec.open(rows, context);
      assertThatThrownBy(() -> Rows.collect(w))
          .as(what)
          .isInstanceOfSatisfying(
              SqlStateException.class,
              e -> assertThat(e.sqlState()).isEqualTo(SqlStateException.NUMERIC_OUT_OF_RANGE));
      w.close();
      return;
    }
    Window w = spec.open(rows, context);
    List<Object[]> actual = Rows.collect(w);
    w.close();
    assertThat(TestData.sequence(actual)).as(what).isEqualTo(TestData.sequence(expected));
  }

  /** One window: partition columns, order keys, frame and functions. */
  record Spec(int[] partition, List<SortKey> order, Frame frame, List<WindowFunction> functions) {
    static Spec random(Random random) {
      int[] partition = new int[random.nextInt(3)];
      for (int i = 0; i < partition.length; i++) {
        partition[i] = random.nextInt(TYPES.size());
      }
      List<SortKey> order = new ArrayList<>();
      int orderCount = random.nextInt(3);
      for (int i = 0; i < orderCount; i++) {
        order.add(
            new SortKey(random.nextInt(TYPES.size()), random.nextBoolean(), random.nextBoolean()));
      }
      Frame frame = randomFrame(random);
      List<WindowFunction> functions = new ArrayList<>();
      int n = 1 + random.nextInt(4);
      for (int i = 0; i < n; i++) {
        functions.add(randomFunction(random, frame));
      }
      return new Spec(partition, order, frame, functions);
    }

    /** The three frames from the partition's start half the time, else any ROWS bounds. */
    private static Frame randomFrame(Random random) {
      Frame[] fixed = {Frame.ROWS_TO_CURRENT, Frame.RANGE_TO_CURRENT, Frame.PARTITION};
      if (random.nextBoolean()) {
        return fixed[random.nextInt(fixed.length)];
      }
      long lower = randomBound(random, Frame.UNBOUNDED_PRECEDING);
      long upper = randomBound(random, Frame.UNBOUNDED_FOLLOWING);
      if (random.nextInt(4) > 0
          && lower != Frame.UNBOUNDED_PRECEDING
          && upper != Frame.UNBOUNDED_FOLLOWING
          && lower > upper) {
        // mostly frames that hold rows; sometimes an empty one
        long t = lower;
        lower = upper;
        upper = t;
      }
      return Frame.rows(lower, upper);
    }

    private static long randomBound(Random random, long unbounded) {
      return switch (random.nextInt(5)) {
        case 0 -> unbounded;
        case 1 -> 0;
        case 2 -> -1 - random.nextInt(4);
        case 3 -> 1 + random.nextInt(4);
        default -> random.nextInt(60) - 30;
      };
    }

    private static WindowFunction randomFunction(Random random, Frame frame) {
      boolean ranks = frame.fromStart() && frame.upper() == 0;
      int pick = random.nextInt(ranks ? 19 : 17);
      int[] numeric = {0, 2, 3, 4};
      int arg = numeric[random.nextInt(numeric.length)];
      int any = random.nextInt(5);
      return switch (pick) {
        case 0 -> WindowFunction.ranking(WindowFunction.Kind.ROW_NUMBER);
        case 1 -> WindowFunction.of(AggregateCall.countStar());
        case 2 -> WindowFunction.of(AggregateCall.of(Function.COUNT, random.nextInt(5)));
        case 3, 4 -> WindowFunction.of(AggregateCall.of(Function.SUM, arg));
        case 5 -> WindowFunction.of(AggregateCall.of(Function.SUM0, arg));
        case 6 -> WindowFunction.of(AggregateCall.of(Function.AVG, arg));
        case 7 -> WindowFunction.of(AggregateCall.of(Function.MIN, random.nextInt(5)));
        case 8, 9 -> WindowFunction.of(AggregateCall.of(Function.MAX, random.nextInt(5)));
        case 10 -> WindowFunction.ntile(1 + random.nextInt(random.nextBoolean() ? 5 : 400));
        case 11, 12 ->
            WindowFunction.shift(
                random.nextBoolean() ? WindowFunction.Kind.LAG : WindowFunction.Kind.LEAD,
                any,
                random.nextInt(4) == 0 ? random.nextInt(100) : random.nextInt(4),
                random.nextBoolean() ? null : TestData.rows(random, TYPES, 1, 0).get(0)[any]);
        case 13, 14 -> WindowFunction.value(WindowFunction.Kind.FIRST_VALUE, any);
        case 15, 16 -> WindowFunction.value(WindowFunction.Kind.LAST_VALUE, any);
        case 17 -> WindowFunction.ranking(WindowFunction.Kind.RANK);
        default -> WindowFunction.ranking(WindowFunction.Kind.DENSE_RANK);
      };
    }

    Window open(List<Object[]> rows, ExecContext context) {
      return new Window(
          TestData.source(TYPES, rows, context.batchSize()),
          partition,
          order,
          frame,
          functions,
          context,
          "table 't'");
    }

    @Override
    public String toString() {
      return Arrays.toString(partition)
          + " order "
          + order
          + " "
          + frame
          + " "
          + functions.stream().map(WindowFunction::name).toList();
    }
  }

  /** The window's rows by definition; an ArithmeticException where a BIGINT sum is out of range. */
  static List<Object[]> reference(Spec spec, List<Object[]> rows) {
    Comparator<Object[]> byPartition = keys(spec.partition(), null);
    Comparator<Object[]> byOrder = keys(null, spec.order());
    List<Object[]> sorted = new ArrayList<>(rows);
    sorted.sort(byPartition.thenComparing(byOrder));
    List<Object[]> out = new ArrayList<>();
    int start = 0;
    while (start < sorted.size()) {
      int end = start;
      while (end < sorted.size() && byPartition.compare(sorted.get(start), sorted.get(end)) == 0) {
        end++;
      }
      List<Object[]> part = sorted.subList(start, end);
      for (int i = 0; i < part.size(); i++) {
        Object[] row = Arrays.copyOf(part.get(i), TYPES.size() + spec.functions().size());
        for (int f = 0; f < spec.functions().size(); f++) {
          row[TYPES.size() + f] = value(spec, spec.functions().get(f), part, i, byOrder);
        }
        out.add(row);
      }
      start = end;
    }
    return out;
  }

  private static Object value(
      Spec spec, WindowFunction f, List<Object[]> part, int i, Comparator<Object[]> byOrder) {
    switch (f.kind()) {
      case ROW_NUMBER:
        return (long) i + 1;
      case RANK:
        {
          long before = 0;
          for (Object[] r : part) {
            before += byOrder.compare(r, part.get(i)) < 0 ? 1 : 0;
          }
          return before + 1;
        }
      case DENSE_RANK:
        {
          Set<List<Object>> groups = new HashSet<>();
          for (Object[] r : part) {
            if (byOrder.compare(r, part.get(i)) < 0) {
              List<Object> key = new ArrayList<>();
              spec.order().forEach(k -> key.add(TestData.keyOf(r[k.column()])));
              groups.add(key);
            }
          }
          return groups.size() + 1L;
        }
      case NTILE:
        {
          // tile t holds the rows whose place, scaled, falls in [t - 1, t): sizes differ by one
          long n = part.size();
          long tiles = f.offset();
          long size = n / tiles;
          long bigger = n % tiles;
          long t = 1;
          long begin = 0;
          while (begin + size + (t <= bigger ? 1 : 0) <= i) {
            begin += size + (t <= bigger ? 1 : 0);
            t++;
          }
          return t;
        }
      case LAG:
      case LEAD:
        {
          long j = f.kind() == WindowFunction.Kind.LAG ? i - f.offset() : i + f.offset();
          return j >= 0 && j < part.size() ? part.get((int) j)[f.column()] : f.defaultValue();
        }
      default:
        List<Object[]> frame = new ArrayList<>();
        for (int j = 0; j < part.size(); j++) {
          if (inFrame(spec.frame(), part, i, j, byOrder)) {
            frame.add(part.get(j));
          }
        }
        if (f.kind() == WindowFunction.Kind.FIRST_VALUE) {
          return frame.isEmpty() ? null : frame.get(0)[f.column()];
        }
        if (f.kind() == WindowFunction.Kind.LAST_VALUE) {
          return frame.isEmpty() ? null : frame.get(frame.size() - 1)[f.column()];
        }
        return aggregate(f.aggregate(), frame);
    }
  }

  /** Whether row j of the partition is in row i's frame, by the frame's definition. */
  private static boolean inFrame(
      Frame frame, List<Object[]> part, int i, int j, Comparator<Object[]> byOrder) {
    if (!frame.rows()) {
      return byOrder.compare(part.get(j), part.get(i)) <= 0;
    }
    boolean afterStart = frame.fromStart() || j >= i + frame.lower();
    boolean beforeEnd = frame.toEnd() || j <= i + frame.upper();
    return afterStart && beforeEnd;
  }

  private static Object aggregate(AggregateCall call, List<Object[]> frame) {
    List<Object> values = new ArrayList<>();
    for (Object[] r : frame) {
      Object v = call.column() < 0 ? "row" : r[call.column()];
      if (v != null) {
        values.add(v);
      }
    }
    ColumnType type = call.column() < 0 ? null : TYPES.get(call.column());
    switch (call.function()) {
      case COUNT_STAR:
      case COUNT:
        return (long) values.size();
      case MIN:
      case MAX:
        {
          Object best = null;
          for (Object v : values) {
            int c = best == null ? 0 : TestData.sqlCompare(v, best);
            if (best == null || (call.function() == Function.MAX ? c > 0 : c < 0)) {
              best = v;
            }
          }
          return best;
        }
      default:
        boolean zero = call.function() == Function.SUM0;
        boolean average = call.function() == Function.AVG;
        if (values.isEmpty()) {
          if (!zero) {
            return null;
          }
          return type == ColumnType.DOUBLE
              ? (Object) 0.0
              : type == ColumnType.DECIMAL ? BigDecimal.ZERO : 0L;
        }
        if (type == ColumnType.DOUBLE) {
          double s = 0.0;
          for (Object v : values) {
            s += (Double) v;
          }
          return average ? s / values.size() : s;
        }
        if (type == ColumnType.DECIMAL) {
          BigDecimal s = null;
          for (Object v : values) {
            s = s == null ? (BigDecimal) v : s.add((BigDecimal) v);
          }
          return average ? s.divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL128) : s;
        }
        BigInteger s = BigInteger.ZERO;
        for (Object v : values) {
          s = s.add(BigInteger.valueOf(((Number) v).longValue()));
        }
        if (average) {
          return s.doubleValue() / values.size();
        }
        return s.longValueExact();
    }
  }

  /** Partition columns ASC NULLS LAST, or the order keys as they say. */
  private static Comparator<Object[]> keys(int[] partition, List<SortKey> order) {
    List<SortKey> keys = new ArrayList<>();
    if (partition != null) {
      for (int c : partition) {
        keys.add(SortKey.asc(c));
      }
    } else {
      keys.addAll(order);
    }
    return (a, b) -> {
      for (SortKey k : keys) {
        Object x = a[k.column()];
        Object y = b[k.column()];
        int c;
        if (x == null || y == null) {
          c = x == y ? 0 : (x == null) == k.nullsFirst() ? -1 : 1;
        } else {
          c = TestData.sqlCompare(x, y);
          c = k.descending() ? -c : c;
        }
        if (c != 0) {
          return c;
        }
      }
      return 0;
    };
  }
}
