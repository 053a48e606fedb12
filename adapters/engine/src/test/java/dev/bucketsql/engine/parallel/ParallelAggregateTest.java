package dev.bucketsql.engine.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.aggregate.AggregateCall;
import dev.bucketsql.engine.aggregate.AggregateCall.Function;
import dev.bucketsql.engine.aggregate.HashAggregate;
import dev.bucketsql.engine.memory.MemoryLimit;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import dev.bucketsql.format.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ParallelAggregate} against the serial {@link HashAggregate} over the same rows: the same
 * groups, values and group order for 1 to 4 workers, keys of every kind, every mergeable call (with
 * FILTER), NULLs, empty pieces; and the calls that must stay serial.
 */
class ParallelAggregateTest {
  private static final List<ColumnType> TYPES =
      List.of(
          ColumnType.INTEGER,
          ColumnType.VARCHAR,
          ColumnType.DOUBLE,
          ColumnType.BIGINT,
          ColumnType.DECIMAL,
          ColumnType.BOOLEAN);
  private static final int[][] KEYS = {{}, {0}, {1}, {2}, {4}, {0, 1}, {1, 2, 4}};
  private static final List<AggregateCall> CALLS =
      List.of(
          AggregateCall.countStar(),
          AggregateCall.of(Function.COUNT, 1),
          AggregateCall.of(Function.COUNT, 2),
          AggregateCall.of(Function.SUM, 4),
          AggregateCall.of(Function.SUM0, 4),
          AggregateCall.of(Function.MIN, 1),
          AggregateCall.of(Function.MAX, 1),
          AggregateCall.of(Function.MIN, 2),
          AggregateCall.of(Function.MAX, 2),
          AggregateCall.of(Function.MIN, 3),
          AggregateCall.of(Function.MAX, 4),
          AggregateCall.of(Function.SUM, 4).withFilter(5),
          AggregateCall.countStar().withFilter(5));

  @AfterEach
  void noWorkerOutlivesItsAggregate() {
    assertThat(Exchange.runningWorkers()).isZero();
  }

  @Test
  void givesTheSerialGroupsInTheSerialOrder() {
    for (long seed = 1; seed <= 30; seed++) {
      Random random = new Random(seed);
      List<Object[]> rows = TestData.rows(random, TYPES, random.nextInt(500), 15);
      int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
      Pieces pieces = new Pieces(TYPES, rows, random, batchSize);
      for (int[] keys : KEYS) {
        ExecContext context = TestData.context(batchSize);
        List<Object[]> expected =
            Rows.collect(
                new HashAggregate(
                    TestData.source(TYPES, rows, batchSize), keys, CALLS, context, "table 't'"));
        long s = seed;
        sameOnOneToFourThreads(
            expected,
            threads ->
                ParallelAggregate.of(
                    pieces, pieces.count(), threads, TYPES, keys, CALLS, context, "table 't'"),
            "seed %d, keys %s".formatted(s, Arrays.toString(keys)));
      }
    }
  }

  @Test
  void callsThatDoNotMergeAggregateTheWorkersRowsInTheSerialOrder() {
    List<AggregateCall> calls =
        List.of(
            AggregateCall.of(Function.AVG, 2),
            AggregateCall.of(Function.AVG, 4),
            AggregateCall.of(Function.SUM, 3),
            AggregateCall.distinct(Function.COUNT, 1),
            AggregateCall.distinct(Function.SUM, 4),
            AggregateCall.countStar());
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      List<Object[]> rows = TestData.rows(random, TYPES, random.nextInt(500), 15);
      // no BIGINT extremes: a serial sum past BIGINT's range fails either way
      rows.forEach(r -> r[3] = r[3] == null ? null : ((Long) r[3]) % 1000);
      int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
      Pieces pieces = new Pieces(TYPES, rows, random, batchSize);
      for (int[] keys : KEYS) {
        ExecContext context = TestData.context(batchSize);
        List<Object[]> expected =
            Rows.collect(
                new HashAggregate(
                    TestData.source(TYPES, rows, batchSize), keys, calls, context, "table 't'"));
        long s = seed;
        sameOnOneToFourThreads(
            expected,
            threads ->
                ParallelAggregate.ofRows(
                    pieces, pieces.count(), threads, TYPES, keys, calls, context, "table 't'"),
            "seed %d, keys %s".formatted(s, Arrays.toString(keys)));
      }
    }
  }

  @Test
  void aGroupLimitStillFailsWithTheMemoryError() {
    Random random = new Random(5);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      rows.add(new Object[] {i, "v" + i, 0.0, (long) i, BigDecimal.ONE, true});
    }
    Pieces pieces = new Pieces(TYPES, rows, random, 64);
    ExecContext context =
        new ExecContext(new MemoryLimit(20_000, MemoryLimit.QUERY_MEMORY), 64, () -> false);
    for (int threads = 1; threads <= 4; threads++) {
      int t = threads;
      assertThatThrownBy(
              () ->
                  Rows.collect(
                      ParallelAggregate.of(
                          pieces,
                          pieces.count(),
                          t,
                          TYPES,
                          new int[] {1},
                          List.of(AggregateCall.countStar()),
                          context,
                          "table 't'")))
          .isInstanceOf(MemoryLimitExceededException.class);
    }
  }

  @Test
  void aFloatingSumIsTheSumOfItsPiecesSumsForAnyNumberOfThreads() {
    List<ColumnType> types = List.of(ColumnType.INTEGER, ColumnType.DOUBLE);
    List<AggregateCall> calls =
        List.of(
            AggregateCall.of(Function.SUM, 1),
            AggregateCall.of(Function.SUM0, 1),
            AggregateCall.countStar());
    assertThat(ParallelAggregate.byPiece(calls, types)).isTrue();
    for (long seed = 1; seed <= 30; seed++) {
      Random random = new Random(seed);
      List<Object[]> rows = new ArrayList<>();
      int n = random.nextInt(600);
      for (int i = 0; i < n; i++) {
        Integer key = random.nextInt(8) == 0 ? null : random.nextInt(5);
        // magnitudes far apart, so the order of additions shows in the last digits
        Double value =
            random.nextInt(6) == 0
                ? null
                : (random.nextBoolean() ? -1 : 1)
                    * random.nextDouble()
                    * Math.pow(10, random.nextInt(30) - 10);
        rows.add(new Object[] {key, value});
      }
      int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
      Pieces pieces = new Pieces(types, rows, random, batchSize);
      for (int[] keys : new int[][] {{}, {0}}) {
        List<Object[]> expected = sumsOfPieceSums(pieces, keys.length == 1);
        long s = seed;
        sameOnOneToFourThreads(
            expected,
            threads ->
                ParallelAggregate.of(
                    pieces,
                    pieces.count(),
                    threads,
                    types,
                    keys,
                    calls,
                    TestData.context(batchSize),
                    "table 't'"),
            "seed %d, keys %s".formatted(s, Arrays.toString(keys)));
      }
    }
  }

  /** What {@code aggregate} gives on 1 to 4 threads is {@code expected}, row for row in order. */
  private static void sameOnOneToFourThreads(
      List<Object[]> expected,
      java.util.function.IntFunction<dev.bucketsql.engine.Operator> aggregate,
      String what) {
    for (int threads = 1; threads <= 4; threads++) {
      List<Object[]> actual = Rows.collect(aggregate.apply(threads));
      assertThat(TestData.sequence(actual))
          .as("%s, %d threads", what, threads)
          .isEqualTo(TestData.sequence(expected));
    }
  }

  /**
   * SUM, $SUM0 and COUNT(*) of column 1, grouped by column 0 or not at all: each piece's values
   * added in order from 0.0, then the pieces' sums added in piece order from 0.0; groups in the
   * order they first appear.
   */
  private static List<Object[]> sumsOfPieceSums(Pieces pieces, boolean grouped) {
    java.util.Map<Object, double[]> total = new java.util.LinkedHashMap<>();
    if (!grouped) {
      total.put("all", new double[3]);
    }
    for (List<Object[]> piece : pieces.pieces) {
      java.util.Map<Object, double[]> sums = new java.util.LinkedHashMap<>();
      for (Object[] row : piece) {
        Object key = grouped ? java.util.Optional.ofNullable(row[0]) : "all";
        double[] s = sums.computeIfAbsent(key, k -> new double[3]);
        if (row[1] != null) {
          s[0] += (Double) row[1];
          s[1]++;
        }
        s[2]++;
      }
      sums.forEach(
          (key, s) -> {
            double[] t = total.computeIfAbsent(key, k -> new double[3]);
            if (s[1] > 0) {
              t[0] += s[0];
              t[1] += s[1];
            }
            t[2] += s[2];
          });
    }
    List<Object[]> out = new ArrayList<>();
    total.forEach(
        (key, t) -> {
          Double sum = t[1] > 0 ? t[0] : null;
          Object[] row =
              grouped
                  ? new Object[] {
                    ((java.util.Optional<?>) key).orElse(null), sum, t[0], (long) t[2]
                  }
                  : new Object[] {sum, t[0], (long) t[2]};
          out.add(row);
        });
    return out;
  }

  @Test
  void callsThatCannotBeMergedStaySerial() {
    assertThat(ParallelAggregate.mergeable(CALLS, TYPES)).isTrue();
    assertThat(ParallelAggregate.byPiece(CALLS, TYPES)).isFalse();
    assertThat(ParallelAggregate.mergeable(List.of(AggregateCall.of(Function.SUM, 2)), TYPES))
        .isTrue();
    assertThat(ParallelAggregate.byPiece(List.of(AggregateCall.of(Function.SUM0, 2)), TYPES))
        .isTrue();
    assertThat(ParallelAggregate.mergeable(List.of(AggregateCall.of(Function.SUM, 3)), TYPES))
        .isFalse();
    assertThat(ParallelAggregate.mergeable(List.of(AggregateCall.of(Function.AVG, 4)), TYPES))
        .isFalse();
    assertThat(
            ParallelAggregate.mergeable(List.of(AggregateCall.distinct(Function.COUNT, 1)), TYPES))
        .isFalse();
    assertThat(ParallelAggregate.byPiece(List.of(AggregateCall.distinct(Function.SUM, 2)), TYPES))
        .isFalse();
  }
}
