package dev.bucketsql.engine.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.aggregate.AggregateCall.Function;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.SqlStateException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link HashAggregate} against a plain reference over random rows: keys of every kind (none,
 * integers, strings, doubles with NaN and -0.0, decimals of different scales, two columns), every
 * call and its DISTINCT form ($SUM0, zero over no value, included), NULLs, empty input, batch
 * boundaries; keys in increasing order; and SUM's overflow.
 */
class HashAggregateTest {
  private static final List<ColumnType> TYPES =
      List.of(
          ColumnType.INTEGER,
          ColumnType.VARCHAR,
          ColumnType.DOUBLE,
          ColumnType.BIGINT,
          ColumnType.DECIMAL);
  private static final int[][] KEYS = {{}, {0}, {1}, {2}, {4}, {0, 1}, {1, 2, 4}};

  /** Calls whose results never overflow. */
  private static final List<AggregateCall> CALLS =
      List.of(
          AggregateCall.countStar(),
          AggregateCall.of(Function.COUNT, 1),
          AggregateCall.of(Function.SUM, 0),
          AggregateCall.of(Function.SUM, 2),
          AggregateCall.of(Function.SUM, 4),
          AggregateCall.of(Function.MIN, 1),
          AggregateCall.of(Function.MAX, 1),
          AggregateCall.of(Function.MIN, 2),
          AggregateCall.of(Function.MAX, 2),
          AggregateCall.of(Function.MIN, 3),
          AggregateCall.of(Function.MAX, 4),
          AggregateCall.of(Function.AVG, 0),
          AggregateCall.of(Function.AVG, 2),
          AggregateCall.of(Function.AVG, 3),
          AggregateCall.of(Function.AVG, 4),
          AggregateCall.distinct(Function.COUNT, 1),
          AggregateCall.distinct(Function.COUNT, 2),
          AggregateCall.distinct(Function.SUM, 0),
          AggregateCall.distinct(Function.SUM, 2),
          AggregateCall.distinct(Function.SUM, 4),
          AggregateCall.distinct(Function.COUNT, 4),
          AggregateCall.of(Function.SUM0, 0),
          AggregateCall.of(Function.SUM0, 2),
          AggregateCall.of(Function.SUM0, 4),
          AggregateCall.distinct(Function.SUM0, 4));

  @Test
  void matchesTheReferenceOnRandomRows() {
    for (long seed = 1; seed <= 6; seed++) {
      Random random = new Random(seed);
      for (int count : new int[] {0, 1, 17, 300}) {
        List<Object[]> rows = TestData.rows(random, TYPES, count, 15);
        for (int[] keys : KEYS) {
          int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
          List<Object[]> actual = run(rows, keys, CALLS, batchSize);
          assertThat(TestData.multiset(actual))
              .as(
                  "seed %d, %d rows, keys %s, batches of %d",
                  seed, count, java.util.Arrays.toString(keys), batchSize)
              .isEqualTo(TestData.multiset(reference(rows, keys, CALLS)));
        }
      }
    }
  }

  /**
   * Keys that come in increasing order, as a table sorted by its key hands them on, which the key
   * table numbers without hashing until a key below the last (here a NULL key or a random tail)
   * arrives: the groups, their values and their order are the reference's.
   */
  @Test
  void increasingKeysMatchTheReferenceInOrder() {
    for (long seed = 1; seed <= 8; seed++) {
      Random random = new Random(seed);
      for (int count : new int[] {0, 1, 17, 300, 2_000}) {
        List<Object[]> rows = TestData.rows(random, TYPES, count, 15);
        int tail = seed % 4 == 0 ? count : count - random.nextInt(count / 3 + 1);
        long next = seed % 2 == 0 ? Long.MIN_VALUE : -5;
        for (int i = 0; i < tail; i++) {
          Object[] row = rows.get(i);
          boolean nullKey = seed % 3 == 0 && random.nextInt(200) == 0;
          row[0] = nullKey ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(next, 1 << 30));
          row[3] = nullKey ? null : next;
          // ties (runs of a key), steps of one and gaps
          int step = random.nextInt(4);
          next += step == 3 ? 1 + random.nextInt(100) : step == 2 ? 0 : 1;
        }
        for (int[] keys : new int[][] {{0}, {3}}) {
          int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
          assertThat(TestData.sequence(run(rows, keys, CALLS, batchSize)))
              .as("seed %d, %d rows, keys %s, batches of %d", seed, count, keys[0], batchSize)
              .isEqualTo(TestData.sequence(reference(rows, keys, CALLS)));
        }
      }
    }
  }

  @Test
  void minAndMaxOfBooleansOrderFalseBeforeTrue() {
    List<ColumnType> types = List.of(ColumnType.INTEGER, ColumnType.BOOLEAN);
    List<AggregateCall> calls =
        List.of(
            AggregateCall.of(Function.MIN, 1),
            AggregateCall.of(Function.MAX, 1),
            AggregateCall.distinct(Function.MAX, 1),
            AggregateCall.of(Function.COUNT, 1));
    for (long seed = 1; seed <= 10; seed++) {
      Random random = new Random(seed);
      // a NULL in about a third of the values, so some groups have none but NULLs
      List<Object[]> rows = TestData.rows(random, types, random.nextInt(60), 35);
      for (int[] keys : new int[][] {{}, {0}}) {
        int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
        List<Object[]> actual =
            Rows.collect(
                new HashAggregate(
                    TestData.source(types, rows, batchSize),
                    keys,
                    calls,
                    TestData.context(batchSize),
                    "its input"));
        assertThat(TestData.multiset(actual))
            .as("seed %d keys %s", seed, java.util.Arrays.toString(keys))
            .isEqualTo(TestData.multiset(reference(rows, keys, calls)));
      }
    }
  }

  @Test
  void argMinAndArgMaxTakeTheFirstRowWithTheExtremeValue() {
    List<AggregateCall> calls =
        List.of(
            AggregateCall.argExtreme(Function.ARG_MIN, 1, 0, "ARG_MIN(#1, #0)"),
            AggregateCall.argExtreme(Function.ARG_MAX, 2, 3, "ARG_MAX(#2, #3)"),
            AggregateCall.argExtreme(Function.ARG_MIN, 4, 4, "ARG_MIN(#4, #4)"),
            AggregateCall.argExtreme(Function.ARG_MAX, 1, 4, "ARG_MAX(#1, #4)"),
            AggregateCall.argExtreme(Function.ARG_MIN, 3, 0, "ARG_MIN(#3, #0)"));
    for (long seed = 1; seed <= 10; seed++) {
      Random random = new Random(seed);
      // few distinct ordering values: ties, which the first row wins
      List<Object[]> rows = TestData.rows(random, TYPES, random.nextInt(80), 20);
      for (int[] keys : new int[][] {{}, {0}, {1}, {1, 2}}) {
        int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
        assertThat(TestData.sequence(run(rows, keys, calls, batchSize)))
            .as("seed %d keys %s", seed, java.util.Arrays.toString(keys))
            .isEqualTo(TestData.sequence(reference(rows, keys, calls)));
      }
    }
    assertThatThrownBy(
            () ->
                run(
                    List.of(),
                    new int[0],
                    List.of(AggregateCall.argExtreme(Function.ARG_MIN, 0, 2, "ARG_MIN(#0, #2)")),
                    4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not order by a DOUBLE column");
  }

  @Test
  void sumOfBigintsFailsExactlyWhenTheResultIsOutOfRange() {
    List<AggregateCall> calls =
        List.of(
            AggregateCall.of(Function.SUM, 3),
            AggregateCall.of(Function.AVG, 3),
            AggregateCall.distinct(Function.SUM, 3));
    int failures = 0;
    for (long seed = 11; seed <= 30; seed++) {
      Random random = new Random(seed);
      List<Object[]> rows = TestData.rows(random, TYPES, 1 + random.nextInt(40), 10);
      int[] keys = KEYS[random.nextInt(3)];
      List<Object[]> expected = reference(rows, keys, calls);
      if (expected == null) {
        failures++;
        assertThatThrownBy(() -> run(rows, keys, calls, 5))
            .isInstanceOf(SqlStateException.class)
            .hasMessageContaining("is out of range for BIGINT")
            .hasMessageContaining("SUM(")
            .satisfies(e -> assertThat(((SqlStateException) e).sqlState()).isEqualTo("22003"));
      } else {
        assertThat(TestData.multiset(run(rows, keys, calls, 5)))
            .isEqualTo(TestData.multiset(expected));
      }
    }
    assertThat(failures).as("some seeds overflow, some do not").isBetween(1, 19);
  }

  @Test
  void anIntermediateOverflowThatSumsBackIntoRangeIsNoError() {
    List<Object[]> rows = new ArrayList<>();
    for (long v : new long[] {Long.MAX_VALUE, 10, -20, Long.MIN_VALUE, 5}) {
      rows.add(new Object[] {1, "x", 0.0, v, BigDecimal.ONE});
    }
    List<Object[]> out = run(rows, new int[0], List.of(AggregateCall.of(Function.SUM, 3)), 2);
    assertThat(out).hasSize(1);
    assertThat(out.get(0)[0]).isEqualTo(Long.MAX_VALUE + 10 - 20 + Long.MIN_VALUE + 5);
  }

  @Test
  void sumPastTheLargestBigintNamesTheSum() {
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {1, "x", 0.0, Long.MAX_VALUE, BigDecimal.ONE});
    rows.add(new Object[] {1, "x", 0.0, 1L, BigDecimal.ONE});
    assertThatThrownBy(
            () -> run(rows, new int[] {0}, List.of(AggregateCall.of(Function.SUM, 3)), 1))
        .isInstanceOf(SqlStateException.class)
        .hasMessageContaining("SUM(#3) = 9223372036854775808 is out of range for BIGINT");
  }

  static List<Object[]> run(
      List<Object[]> rows, int[] keys, List<AggregateCall> calls, int batchSize) {
    return Rows.collect(
        new HashAggregate(
            TestData.source(TYPES, rows, batchSize),
            keys,
            calls,
            TestData.context(batchSize),
            "its input"));
  }

  /** Groups and calls computed row by row; null when a SUM of BIGINTs is out of range. */
  static List<Object[]> reference(List<Object[]> rows, int[] keys, List<AggregateCall> calls) {
    Map<List<Object>, List<Object[]>> groups = new LinkedHashMap<>();
    Map<List<Object>, Object[]> firstKeys = new LinkedHashMap<>();
    if (keys.length == 0) {
      groups.put(List.of(), new ArrayList<>());
      firstKeys.put(List.of(), new Object[0]);
    }
    for (Object[] row : rows) {
      List<Object> key = new ArrayList<>();
      Object[] values = new Object[keys.length];
      for (int i = 0; i < keys.length; i++) {
        values[i] = row[keys[i]];
        key.add(row[keys[i]] == null ? "NULL" : TestData.keyOf(row[keys[i]]));
      }
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
      firstKeys.putIfAbsent(key, values);
    }
    List<Object[]> out = new ArrayList<>();
    for (Map.Entry<List<Object>, List<Object[]>> g : groups.entrySet()) {
      Object[] row = new Object[keys.length + calls.size()];
      System.arraycopy(firstKeys.get(g.getKey()), 0, row, 0, keys.length);
      for (int i = 0; i < calls.size(); i++) {
        Object[] result = {null};
        if (!compute(calls.get(i), g.getValue(), result)) {
          return null;
        }
        row[keys.length + i] = result[0];
      }
      out.add(row);
    }
    return out;
  }

  private static boolean compute(AggregateCall call, List<Object[]> rows, Object[] result) {
    if (call.function() == Function.COUNT_STAR) {
      result[0] = (long) rows.size();
      return true;
    }
    if (call.function() == Function.ARG_MIN || call.function() == Function.ARG_MAX) {
      // the first row with the extreme ordering value, among rows where neither value is NULL
      Object best = null;
      Object bestBy = null;
      for (Object[] r : rows) {
        Object v = r[call.column()];
        Object by = r[call.by()];
        if (v == null || by == null) {
          continue;
        }
        int c = bestBy == null ? 0 : TestData.sqlCompare(by, bestBy);
        if (bestBy == null || (call.function() == Function.ARG_MAX ? c > 0 : c < 0)) {
          best = v;
          bestBy = by;
        }
      }
      result[0] = best;
      return true;
    }
    List<Object> values = new ArrayList<>();
    Set<Object> seen = new HashSet<>();
    for (Object[] r : rows) {
      Object v = r[call.column()];
      if (v != null && (!call.distinct() || seen.add(TestData.keyOf(v)))) {
        values.add(v);
      }
    }
    ColumnType type = TYPES.get(call.column());
    switch (call.function()) {
      case COUNT -> result[0] = (long) values.size();
      case MIN, MAX -> {
        Object best = null;
        for (Object v : values) {
          int c = best == null ? 0 : TestData.sqlCompare(v, best);
          if (best == null || (call.function() == Function.MAX ? c > 0 : c < 0)) {
            best = v;
          }
        }
        result[0] = best;
      }
      default -> {
        if (values.isEmpty()) {
          // $SUM0 starts from a zero of its type: 0, 0.0, a DECIMAL 0 of scale 0
          if (call.function() == Function.SUM0) {
            result[0] =
                type == ColumnType.DOUBLE
                    ? (Object) 0.0
                    : type == ColumnType.DECIMAL ? BigDecimal.ZERO : (Object) 0L;
          }
          return true;
        }
        boolean avg = call.function() == Function.AVG;
        if (type == ColumnType.DOUBLE) {
          double s = 0;
          for (Object v : values) {
            s += (Double) v;
          }
          result[0] = avg ? s / values.size() : s;
        } else if (type == ColumnType.DECIMAL) {
          BigDecimal s = null;
          for (Object v : values) {
            s = s == null ? (BigDecimal) v : s.add((BigDecimal) v);
          }
          result[0] = avg ? s.divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL128) : s;
        } else {
          BigInteger s = BigInteger.ZERO;
          for (Object v : values) {
            s = s.add(BigInteger.valueOf(((Number) v).longValue()));
          }
          if (avg) {
            result[0] = s.doubleValue() / values.size();
          } else if (s.bitLength() > 63) {
            return false;
          } else {
            result[0] = s.longValue();
          }
        }
      }
    }
    return true;
  }
}
