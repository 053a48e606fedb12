package dev.bucketsql.calcite.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.calcite.engine.Quantiles.Kind;
import dev.bucketsql.calcite.engine.Quantiles.Values;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * The quantile arithmetic on its own, against answers DuckDB 2.0 gives for the same values (the SQL
 * differential tests check it end to end).
 */
class QuantilesTest {
  private static Values group(Kind kind, int scale, boolean descending, boolean percentile) {
    return Quantiles.group("q", kind.ordinal(), scale, descending, percentile);
  }

  @Test
  void discreteIndexIsTheFirstValueReachingTheFraction() {
    // DuckDB: quantile_disc over 1..10 at 0.1, 0.3, 0.7, 0.9 and -0.3 is 1, 3, 7, 9 and 8
    double[] fractions = {0.1, 0.3, 0.7, 0.9, -0.3, 0, 1, -1};
    long[] expected = {1, 3, 7, 9, 8, 1, 10, 1};
    for (int f = 0; f < fractions.length; f++) {
      Values v = group(Kind.INTEGER, 0, false, false);
      for (long i = 10; i >= 1; i--) {
        v.addLong(i, fractions[f]);
      }
      assertThat(v.discrete()).as("q=%s", fractions[f]).isEqualTo((int) expected[f]);
    }
  }

  @Test
  void descendingCountsFromTheLargest() {
    // PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY x DESC) over 1..4 is 3; PERCENTILE_CONT(0) is 4
    Values disc = group(Kind.BIGINT, 0, true, true);
    Values cont = group(Kind.BIGINT, 0, true, true);
    for (long i = 1; i <= 4; i++) {
      disc.addLong(i, 0.5);
      cont.addLong(i, 0);
    }
    assertThat(disc.discrete()).isEqualTo(3L);
    assertThat(cont.contDouble()).isEqualTo(4.0);
  }

  @Test
  void decimalsTruncateToTheirScale() {
    // median of -0.02 and 0.01 is 0.00, of 1.50 and 2.25 is 1.87 (not 1.88)
    Values a = group(Kind.DECIMAL, 2, false, false);
    a.addObject(new BigDecimal("-0.02"), 0.5);
    a.addObject(new BigDecimal("0.01"), 0.5);
    assertThat(a.contDecimal()).isEqualTo(new BigDecimal("0.00"));
    Values b = group(Kind.DECIMAL, 2, false, false);
    b.addObject(new BigDecimal("1.50"), 0.5);
    b.addObject(new BigDecimal("2.25"), 0.5);
    assertThat(b.contDecimal()).isEqualTo(new BigDecimal("1.87"));
  }

  @Test
  void datesInterpolateAsTimestamps() {
    // quantile_cont of 2020-01-01, 2020-01-02, 2020-01-05 at 0.33 is 2020-01-01 15:50:24
    Values v = group(Kind.DATE, 0, false, false);
    for (int day : new int[] {18262, 18263, 18266}) {
      v.addLong(day, 0.33);
    }
    assertThat(v.contTimestamp())
        .isEqualTo(18262L * 86_400_000L + (15 * 3600 + 50 * 60 + 24) * 1000L);
  }

  @Test
  void bigIntegersInterpolateAsDoubles() {
    // DuckDB: median(9007199254740993, 9007199254740995) is 9.007199254740994E15
    Values v = group(Kind.BIGINT, 0, false, false);
    v.addLong(9007199254740993L, 0.5);
    v.addLong(9007199254740995L, 0.5);
    assertThat(v.contDouble()).isEqualTo(9.007199254740994E15);
  }

  @Test
  void aGroupWithoutValuesIsNull() {
    Values v = group(Kind.DOUBLE, 0, false, false);
    assertThat(v.contDouble()).isNull();
    assertThat(v.discrete()).isNull();
  }

  @Test
  void fractionMustStayInRangeAndTheSame() {
    Values percentile = group(Kind.DOUBLE, 0, false, true);
    assertThatThrownBy(() -> percentile.addDouble(1, -0.5))
        .hasMessage("q: the fraction must be between 0 and 1, not -0.5");
    Values quantile = group(Kind.DOUBLE, 0, false, false);
    quantile.addDouble(1, 0.5);
    assertThatThrownBy(() -> quantile.addDouble(2, 0.25))
        .hasMessage("q: the fraction must be the same for every row");
  }

  @Test
  void aGroupHoldsAtMostItsShareOfMemory() {
    String big = "x".repeat(1 << 20); // one string, counted at each row: 2 MB a row
    Values v = group(Kind.OBJECT, 0, false, false);
    assertThatThrownBy(
            () -> {
              for (int i = 0; i < 1000; i++) {
                v.addObject(big, 0.5);
              }
            })
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("q: a group holds more than 512 MB of values")
        .hasMessageContaining("group by more columns or filter first");
  }
}
