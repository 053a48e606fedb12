package dev.bucketsql.calcite.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** DuckDB's answers for DOUBLE special values, checked value by value. */
class DoubleMathTest {
  @Test
  void logarithmsOfZeroAndNegativesAreInfinityAndNan() {
    assertThat(DoubleMath.ln(0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(DoubleMath.ln(-0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(DoubleMath.ln(-1)).isNaN();
    assertThat(DoubleMath.ln(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(DoubleMath.ln(Math.E)).isEqualTo(1.0);
    assertThat(DoubleMath.log10(0)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(DoubleMath.log10(-5)).isNaN();
    assertThat(DoubleMath.log10(1000)).isEqualTo(3.0);
    assertThat(DoubleMath.sqrt(Double.NEGATIVE_INFINITY)).isNaN();
    assertThat(DoubleMath.sqrt(-1)).isNaN();
    assertThat(DoubleMath.sqrt(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(DoubleMath.sqrt(6.25)).isEqualTo(2.5);
  }

  @Test
  void roundKeepsSpecialValuesAndTheSignOfZero() {
    assertThat(DoubleMath.roundDigits(Double.NaN, 2)).isNaN();
    assertThat(DoubleMath.roundDigits(Double.POSITIVE_INFINITY, 2))
        .isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(DoubleMath.round(Double.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(Double.doubleToRawLongBits(DoubleMath.roundDigits(-0.0, 1)))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(Double.doubleToRawLongBits(DoubleMath.roundDigits(-0.001, 2)))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
    // a result beyond a double's range is the value itself
    assertThat(DoubleMath.roundDigits(1e308, 10)).isEqualTo(1e308);
  }

  @Test
  void roundHalvesAwayFromZeroOnTheBinaryValue() {
    assertThat(DoubleMath.round(2.5)).isEqualTo(3.0);
    assertThat(DoubleMath.round(-2.5)).isEqualTo(-3.0);
    assertThat(DoubleMath.round(0.49999999999999994)).isEqualTo(0.0);
    assertThat(DoubleMath.roundDigits(0.125, 2)).isEqualTo(0.13);
    // 1.005 is stored as 1.00499999999999989...
    assertThat(DoubleMath.roundDigits(1.005, 2)).isEqualTo(1.0);
    assertThat(DoubleMath.roundDigits(125.0, -1)).isEqualTo(130.0);
    assertThat(DoubleMath.roundDigits(-125.0, -1)).isEqualTo(-130.0);
  }

  @Test
  void specialValuesAsTextAreDuckDbs() {
    assertThat(NumberText.doubleText(Double.NaN)).isEqualTo("nan");
    assertThat(NumberText.doubleText(Double.POSITIVE_INFINITY)).isEqualTo("inf");
    assertThat(NumberText.doubleText(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    assertThat(NumberText.realText(Float.NaN)).isEqualTo("nan");
    assertThat(NumberText.realText(Float.NEGATIVE_INFINITY)).isEqualTo("-inf");
    assertThat(NumberText.doubleText(1.5)).isEqualTo("1.5");
    assertThat(DoubleMath.specialText(0.0)).isNull();
  }

  @Test
  void powerIsCsPow() {
    assertThat(DoubleMath.power(1.0, Double.NaN)).isEqualTo(1.0);
    assertThat(DoubleMath.power(-1.0, Double.POSITIVE_INFINITY)).isEqualTo(1.0);
    assertThat(DoubleMath.power(-1.0, Double.NEGATIVE_INFINITY)).isEqualTo(1.0);
    assertThat(DoubleMath.power(Double.NaN, 0.0)).isEqualTo(1.0);
    assertThat(DoubleMath.power(2.0, Double.NaN)).isNaN();
    assertThat(DoubleMath.power(-8.0, 1.0 / 3)).isNaN();
    assertThat(DoubleMath.power(2.0, 10.0)).isEqualTo(1024.0);
  }
}
