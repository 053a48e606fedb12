package dev.bucketsql.calcite.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.SqlStateException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link NumericCasts} against a reference: doubles round halves to even ({@link Math#rint}),
 * decimals halves away from zero, and a value that does not fit (NaN and the infinities included)
 * fails with SQLSTATE 22003, or gives NULL through the TRY_ form.
 */
class NumericCastsTest {
  @Test
  void doublesRoundHalvesToEvenAndFailOutOfRange() {
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 200_000; i++) {
      double v =
          switch (random.nextInt(4)) {
            case 0 -> random.nextInt(-10, 10) + 0.5;
            case 1 -> (random.nextDouble() - 0.5) * 1e10;
            case 2 -> (random.nextDouble() - 0.5) * 3e19;
            default -> Integer.MAX_VALUE + random.nextInt(-2, 3) + random.nextDouble();
          };
      double r = Math.rint(v);
      if (r >= Integer.MIN_VALUE && r <= Integer.MAX_VALUE) {
        assertThat(NumericCasts.doubleToInteger(v)).as("%s", v).isEqualTo((int) r);
      } else {
        assertThatThrownBy(() -> NumericCasts.doubleToInteger(v))
            .as("%s", v)
            .isInstanceOf(SqlStateException.class);
        assertThat(NumericCasts.tryDoubleToInteger(v)).isNull();
      }
      if (r >= -0x1p63 && r < 0x1p63) {
        assertThat(NumericCasts.doubleToBigint(v)).as("%s", v).isEqualTo((long) r);
      } else {
        assertThatThrownBy(() -> NumericCasts.doubleToBigint(v))
            .as("%s", v)
            .isInstanceOf(SqlStateException.class);
      }
    }
    assertThat(NumericCasts.doubleToInteger(2.5)).isEqualTo(2);
    assertThat(NumericCasts.doubleToInteger(-2.5)).isEqualTo(-2);
    assertThat(NumericCasts.doubleToInteger(3.5)).isEqualTo(4);
  }

  @Test
  void edgesOfBigintAndNonNumbersFail() {
    for (double v :
        new double[] {0x1p63, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      assertThatThrownBy(() -> NumericCasts.doubleToBigint(v))
          .isInstanceOfSatisfying(
              SqlStateException.class,
              e -> assertThat(e.sqlState()).isEqualTo(SqlStateException.NUMERIC_OUT_OF_RANGE))
          .hasMessageContaining("to BIGINT: out of range");
    }
    assertThat(NumericCasts.doubleToBigint(-0x1p63)).isEqualTo(Long.MIN_VALUE);
    assertThat(NumericCasts.doubleToBigint(0x1p63 - 1024)).isEqualTo((long) (0x1p63 - 1024));
  }

  @Test
  void decimalsRoundHalvesAwayFromZero() {
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 100_000; i++) {
      BigDecimal v = BigDecimal.valueOf(random.nextLong(-40_000_000, 40_000_000), 2);
      long r = v.setScale(0, RoundingMode.HALF_UP).longValueExact();
      if (r >= Short.MIN_VALUE && r <= Short.MAX_VALUE) {
        assertThat(NumericCasts.decimalToSmallint(v)).as("%s", v).isEqualTo((short) r);
      } else {
        assertThatThrownBy(() -> NumericCasts.decimalToSmallint(v))
            .as("%s", v)
            .hasMessageContaining("Cannot cast DECIMAL " + v.toPlainString() + " to SMALLINT");
        assertThat(NumericCasts.tryDecimalToSmallint(v)).isNull();
      }
      assertThat(NumericCasts.decimalToInteger(v)).isEqualTo((int) r);
    }
    assertThat(NumericCasts.decimalToInteger(new BigDecimal("2.5"))).isEqualTo(3);
    assertThat(NumericCasts.decimalToInteger(new BigDecimal("-2.5"))).isEqualTo(-3);
    assertThatThrownBy(() -> NumericCasts.decimalToBigint(new BigDecimal("1e30")))
        .isInstanceOf(SqlStateException.class);
  }

  @Test
  void narrowerIntegersKeepTheirValueOrFail() {
    assertThat(NumericCasts.longToTinyint(127)).isEqualTo((byte) 127);
    assertThatThrownBy(() -> NumericCasts.longToTinyint(128))
        .hasMessageContaining("Cannot cast 128 to TINYINT");
    assertThat(NumericCasts.tryLongToInteger(1L << 40)).isNull();
    assertThat(NumericCasts.longToInteger(Integer.MIN_VALUE)).isEqualTo(Integer.MIN_VALUE);
  }

  @Test
  void decimalsRoundHalvesAwayFromZeroToASmallerScale() {
    assertThat(NumericCasts.decimalToDecimal(new BigDecimal("1.25"), 3, 1))
        .isEqualByComparingTo("1.3");
    assertThat(NumericCasts.decimalToDecimal(new BigDecimal("-1.25"), 3, 1))
        .isEqualByComparingTo("-1.3");
    assertThat(NumericCasts.decimalToDecimal(new BigDecimal("1.24999"), 3, 1))
        .isEqualByComparingTo("1.2");
    assertThat(NumericCasts.tryDecimalToDecimal(new BigDecimal("99.95"), 3, 1))
        .as("rounds to 100.0")
        .isNull();
    assertThatThrownBy(() -> NumericCasts.decimalToDecimal(new BigDecimal("123.45"), 3, 1))
        .isInstanceOf(SqlStateException.class)
        .hasMessageContaining("DECIMAL(3,1)");
  }

  @Test
  void doublesToDecimalsScaleThenRoundHalvesAwayFromZero() {
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 100_000; i++) {
      double v = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(0, 12));
      int scale = random.nextInt(0, 6);
      // the reference: v * 10^scale as a double, rounded half away from zero
      BigDecimal scaled = new BigDecimal(v * Math.pow(10, scale)).setScale(0, RoundingMode.HALF_UP);
      BigDecimal expected = scaled.scaleByPowerOfTen(-scale);
      assertThat(NumericCasts.doubleToDecimal(v, 38, scale))
          .as("%s at scale %d", v, scale)
          .isEqualByComparingTo(expected);
    }
    assertThat(NumericCasts.doubleToDecimal(0.15, 3, 1)).isEqualByComparingTo("0.2");
    assertThat(NumericCasts.doubleToDecimal(1.005, 4, 2)).isEqualByComparingTo("1.00");
    assertThat(NumericCasts.doubleToDecimal(-2.5, 3, 0)).isEqualByComparingTo("-3");
    for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, 1e300}) {
      assertThatThrownBy(() -> NumericCasts.doubleToDecimal(v, 38, 0))
          .isInstanceOf(SqlStateException.class);
      assertThat(NumericCasts.tryDoubleToDecimal(v, 38, 0)).isNull();
    }
  }
}
