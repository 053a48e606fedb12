package dev.bucketsql.calcite.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fused sum of integers as a DECIMAL(38,0) against a {@link BigInteger} reference, over random
 * values near the BIGINT edges (so running sums overflow a {@code long} both ways), with NULLs and
 * several groups, added a row at a time and a batch at a time.
 */
class WideSumTest {
  private static final int ROWS = 3_000;
  private static final int GROUPS = 5;

  @Test
  void sumsPastBigintEqualTheExactSum() {
    SplittableRandom random = new SplittableRandom(11);
    long[] values = new long[ROWS];
    boolean[] nulls = new boolean[ROWS];
    int[] groups = new int[ROWS];
    int[] rows = new int[ROWS];
    BigInteger[] expected = new BigInteger[GROUPS];
    for (int r = 0; r < ROWS; r++) {
      rows[r] = r;
      groups[r] = random.nextInt(GROUPS);
      nulls[r] = random.nextInt(10) == 0;
      values[r] =
          switch (random.nextInt(4)) {
            case 0 -> Long.MAX_VALUE - random.nextInt(100);
            case 1 -> Long.MIN_VALUE + random.nextInt(100);
            case 2 -> random.nextLong();
            default -> random.nextInt(-5, 5);
          };
      if (!nulls[r]) {
        BigInteger e = expected[groups[r]];
        expected[groups[r]] = (e == null ? BigInteger.ZERO : e).add(BigInteger.valueOf(values[r]));
      }
    }
    Frame frame = new Frame();
    frame.columns[Frame.PROBE] =
        new Frame.Columns() {
          @Override
          public long[] longs(int c) {
            return values;
          }

          @Override
          public double[] doubles(int c) {
            throw new UnsupportedOperationException();
          }

          @Override
          public Object[] objects(int c) {
            throw new UnsupportedOperationException();
          }

          @Override
          public boolean[] nulls(int c) {
            return nulls;
          }
        };
    Operand column = Operand.column(Frame.PROBE, 0, Repr.LONG, "v");
    for (boolean batched : List.of(false, true)) {
      AggregateSpec spec =
          AggregateSpec.of(AggregateSpec.Function.SUM, List.of(column), Repr.OBJECT);
      assertThat(spec).isNotNull();
      AggregateSpec.Accumulator sum = spec.newAccumulator();
      sum.grow(GROUPS + 1);
      if (batched) {
        sum.addRows(groups, rows, null, ROWS, frame);
      } else {
        for (int r = 0; r < ROWS; r++) {
          frame.rows[Frame.PROBE] = r;
          sum.add(groups[r], frame);
        }
      }
      for (int g = 0; g < GROUPS; g++) {
        assertThat((BigDecimal) sum.result(g))
            .as("group %d, batched %s", g, batched)
            .isEqualByComparingTo(new BigDecimal(expected[g]));
      }
      assertThat(sum.result(GROUPS)).as("a group without rows").isNull();
    }
  }
}
