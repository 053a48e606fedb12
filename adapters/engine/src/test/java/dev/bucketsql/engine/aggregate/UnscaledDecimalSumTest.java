package dev.bucketsql.engine.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.aggregate.AggregateCall.Function;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SUM, AVG and $SUM0 of decimals whose batches come as unscaled longs ({@link
 * ColumnBatch#decimalScale}), mixed with batches of {@code BigDecimal}s and batches of other
 * scales, against sums of the {@code BigDecimal}s written out plainly: the same values and the same
 * scales, with long sums that overflow (values near the ends of {@code long}) and NULLs.
 */
class UnscaledDecimalSumTest {
  private static final List<ColumnType> TYPES = List.of(ColumnType.INTEGER, ColumnType.DECIMAL);
  private static final List<AggregateCall> CALLS =
      List.of(
          AggregateCall.of(Function.SUM, 1),
          AggregateCall.of(Function.AVG, 1),
          AggregateCall.of(Function.SUM0, 1),
          AggregateCall.countStar());

  @Test
  void sumsOfUnscaledBatchesEqualSumsOfTheirBigDecimals() {
    int unscaledBatches = 0;
    for (long seed = 1; seed <= 40; seed++) {
      Random random = new Random(seed);
      List<Batch> batches = new ArrayList<>();
      int count = random.nextInt(12);
      for (int b = 0; b < count; b++) {
        batches.add(Batch.random(random));
        unscaledBatches += batches.get(b).unscaled ? 1 : 0;
      }
      for (int[] keys : new int[][] {{}, {0}}) {
        List<Object[]> actual =
            Rows.collect(
                new HashAggregate(
                    new Source(batches), keys, CALLS, TestData.context(64), "its input"));
        assertThat(TestData.multiset(actual))
            .as("seed %d keys %d", seed, keys.length)
            .isEqualTo(TestData.multiset(reference(batches, keys.length > 0)));
      }
    }
    assertThat(unscaledBatches).as("both forms are exercised").isBetween(50, 250);
  }

  private static List<Object[]> reference(List<Batch> batches, boolean grouped) {
    Map<Object, List<BigDecimal>> groups = new LinkedHashMap<>();
    Map<Object, Long> rows = new LinkedHashMap<>();
    for (Batch b : batches) {
      for (int r = 0; r < b.keys.length; r++) {
        Object key = grouped ? b.keys[r] : "all";
        List<BigDecimal> values = groups.computeIfAbsent(key, k -> new ArrayList<>());
        rows.merge(key, 1L, Long::sum);
        if (!b.nulls[r]) {
          values.add(BigDecimal.valueOf(b.unscaledValues[r], b.scale));
        }
      }
    }
    if (!grouped && groups.isEmpty()) {
      groups.put("all", List.of());
      rows.put("all", 0L);
    }
    List<Object[]> out = new ArrayList<>();
    for (Map.Entry<Object, List<BigDecimal>> e : groups.entrySet()) {
      BigDecimal sum = null;
      for (BigDecimal v : e.getValue()) {
        sum = sum == null ? v : sum.add(v);
      }
      BigDecimal avg =
          sum == null
              ? null
              : sum.divide(BigDecimal.valueOf(e.getValue().size()), MathContext.DECIMAL128);
      Object[] result = {sum, avg, sum == null ? BigDecimal.ZERO : sum, rows.get(e.getKey())};
      if (grouped) {
        Object[] withKey = new Object[5];
        withKey[0] = e.getKey();
        System.arraycopy(result, 0, withKey, 1, 4);
        result = withKey;
      }
      out.add(result);
    }
    return out;
  }

  /** One batch's rows: a key, and a decimal of the batch's scale. */
  private record Batch(
      int[] keys, long[] unscaledValues, boolean[] nulls, int scale, boolean unscaled) {
    static Batch random(Random random) {
      int n = 1 + random.nextInt(40);
      int[] keys = new int[n];
      long[] values = new long[n];
      boolean[] nulls = new boolean[n];
      for (int r = 0; r < n; r++) {
        keys[r] = random.nextInt(3);
        nulls[r] = random.nextInt(10) == 0;
        values[r] =
            switch (random.nextInt(5)) {
              case 0 -> Long.MAX_VALUE - random.nextInt(5);
              case 1 -> Long.MIN_VALUE + random.nextInt(5);
              default -> random.nextInt(20_000) - 10_000;
            };
      }
      return new Batch(
          keys, values, nulls, new int[] {0, 2, 3}[random.nextInt(3)], random.nextInt(3) > 0);
    }
  }

  /** Yields the batches, each as unscaled longs or as {@code BigDecimal}s as it says. */
  private static final class Source implements Operator {
    private final List<Batch> batches;
    private final ColumnBatch out = new ColumnBatch(TYPES.toArray(ColumnType[]::new), 64);
    private int next;

    Source(List<Batch> batches) {
      this.batches = batches;
    }

    @Override
    public List<ColumnType> types() {
      return TYPES;
    }

    @Override
    public ColumnBatch next() {
      if (next == batches.size()) {
        return null;
      }
      Batch b = batches.get(next++);
      out.clear();
      for (int r = 0; r < b.keys.length; r++) {
        out.longs(0)[r] = b.keys[r];
        out.nulls(0)[r] = false;
        out.nulls(1)[r] = b.nulls[r];
        if (b.unscaled) {
          out.decimalLongs(1)[r] = b.unscaledValues[r];
        } else {
          out.objects(1)[r] = b.nulls[r] ? null : BigDecimal.valueOf(b.unscaledValues[r], b.scale);
        }
      }
      out.setSize(b.keys.length);
      if (b.unscaled) {
        out.setDecimalScale(1, b.scale);
      }
      return out;
    }

    @Override
    public void close() {}
  }
}
