package dev.bucketsql.calcite.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Numbers written as DuckDB's {@code CAST(x AS VARCHAR)} writes them. */
class NumberTextTest {
  @Test
  void doublesArePlainFromExponentMinusFourToFifteen() {
    assertThat(NumberText.doubleText(1e10)).isEqualTo("10000000000.0");
    assertThat(NumberText.doubleText(1e15)).isEqualTo("1000000000000000.0");
    assertThat(NumberText.doubleText(9999999999999998.0)).isEqualTo("9999999999999998.0");
    assertThat(NumberText.doubleText(1e16)).isEqualTo("1e+16");
    assertThat(NumberText.doubleText(1e-4)).isEqualTo("0.0001");
    assertThat(NumberText.doubleText(9.999e-5)).isEqualTo("9.999e-05");
    assertThat(NumberText.doubleText(-1.5e-7)).isEqualTo("-1.5e-07");
    assertThat(NumberText.doubleText(1.2345678901234568e20)).isEqualTo("1.2345678901234568e+20");
    assertThat(NumberText.doubleText(Double.MIN_VALUE)).isEqualTo("5e-324");
    assertThat(NumberText.doubleText(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
    assertThat(NumberText.doubleText(0.1)).isEqualTo("0.1");
    assertThat(NumberText.doubleText(0.0)).isEqualTo("0.0");
    assertThat(NumberText.doubleText(-0.0)).isEqualTo("-0.0");
  }

  @Test
  void specialValuesAsDuckDbWritesThemAndNullPassThrough() {
    assertThat(NumberText.doubleText(Double.NaN)).isEqualTo("nan");
    assertThat(NumberText.doubleText(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    assertThat(NumberText.realText(Float.POSITIVE_INFINITY)).isEqualTo("inf");
    assertThat(NumberText.doubleText(null)).isNull();
    assertThat(NumberText.decimalText(null)).isNull();
  }

  @Test
  void realsTakeTheirOwnShortestDigits() {
    assertThat(NumberText.realText(12345678.9f)).isEqualTo("12345679.0");
    assertThat(NumberText.realText(0.1f)).isEqualTo("0.1");
    assertThat(NumberText.realText(3.4e38f)).isEqualTo("3.4e+38");
    assertThat(NumberText.realText(1e-45f)).isEqualTo("1e-45");
  }

  @Test
  void everyDoubleReadsBackAsItself() {
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      double x = Double.longBitsToDouble(random.nextLong());
      if (Double.isFinite(x)) {
        String text = NumberText.doubleText(x);
        assertThat(Double.parseDouble(text)).as(text).isEqualTo(x);
        // no more digits than Java's own form, which round-trips too
        assertThat(digits(text)).as(text).isLessThanOrEqualTo(digits(Double.toString(x)));
      }
    }
  }

  @Test
  void decimalsKeepTheirLeadingZeroAndScale() {
    assertThat(NumberText.decimalText(new BigDecimal("0.50"))).isEqualTo("0.50");
    assertThat(NumberText.decimalText(new BigDecimal("-0.50"))).isEqualTo("-0.50");
    assertThat(NumberText.decimalText(new BigDecimal("12"))).isEqualTo("12");
  }

  private static int digits(String text) {
    String mantissa = text.split("[eE]")[0].replace("-", "").replace(".", "");
    return new BigDecimal(mantissa).stripTrailingZeros().precision();
  }
}
