package dev.bucketsql.calcite.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** DuckDB's order of doubles through {@link DoubleOrder}'s keys. */
class DoubleOrderTest {
  private static final double[] ORDERED = {
    Double.NEGATIVE_INFINITY,
    -Double.MAX_VALUE,
    -1e300,
    -2.5,
    -1,
    -Double.MIN_NORMAL,
    -Double.MIN_VALUE,
    0.0,
    Double.MIN_VALUE,
    Double.MIN_NORMAL,
    1,
    2.5,
    1e300,
    Double.MAX_VALUE,
    Double.POSITIVE_INFINITY,
    Double.NaN
  };

  @Test
  void keysOrderAsDuckDb() {
    for (int i = 0; i + 1 < ORDERED.length; i++) {
      assertThat(DoubleOrder.key(ORDERED[i]))
          .as("%s < %s", ORDERED[i], ORDERED[i + 1])
          .isLessThan(DoubleOrder.key(ORDERED[i + 1]));
      assertThat(DoubleOrder.compare(ORDERED[i + 1], ORDERED[i])).isPositive();
    }
  }

  @Test
  void nanEqualsItselfAndNegativeZeroEqualsZero() {
    assertThat(DoubleOrder.compare(Double.NaN, Double.longBitsToDouble(0x7ff0000000000123L)))
        .isZero();
    assertThat(DoubleOrder.compare(-0.0, 0.0)).isZero();
    assertThat(DoubleOrder.key(-0.0)).isEqualTo(DoubleOrder.key(0.0));
  }

  @Test
  void comparisonsFollowTheOrder() {
    assertThat(DoubleOrder.eq(Double.NaN, Double.NaN)).isTrue();
    assertThat(DoubleOrder.ne(Double.NaN, Double.NaN)).isFalse();
    assertThat(DoubleOrder.eq(-0.0, 0.0)).isTrue();
    assertThat(DoubleOrder.gt(Double.NaN, Double.POSITIVE_INFINITY)).isTrue();
    assertThat(DoubleOrder.lt(Double.NaN, 1)).isFalse();
    assertThat(DoubleOrder.ge(Double.NaN, 1)).isTrue();
    assertThat(DoubleOrder.le(1, Double.NaN)).isTrue();
    assertThat(DoubleOrder.lt(-0.0, 0.0)).isFalse();
    assertThat(DoubleOrder.le(-0.0, 0.0)).isTrue();
    assertThat(DoubleOrder.gt(2.5, -1)).isTrue();
  }

  @Test
  void signlessZeroMakesBothZerosOneKey() {
    assertThat(Double.doubleToRawLongBits(DoubleOrder.signlessZero(-0.0)))
        .isEqualTo(Double.doubleToRawLongBits(0.0));
    assertThat(DoubleOrder.signlessZero(Double.NaN)).isNaN();
    assertThat(DoubleOrder.signlessZero(-2.5)).isEqualTo(-2.5);
    assertThat(DoubleOrder.signlessZero(Double.NEGATIVE_INFINITY))
        .isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void keysRoundTripAndStayInsideTheLongRange() {
    Random random = new Random(7);
    List<Double> values = new ArrayList<>();
    for (double v : ORDERED) {
      values.add(v);
    }
    for (int i = 0; i < 1000; i++) {
      values.add(Double.longBitsToDouble(random.nextLong()));
      values.add(random.nextGaussian() * 1e6);
    }
    for (double v : values) {
      long key = DoubleOrder.key(v);
      assertThat(key).isGreaterThan(Long.MIN_VALUE).isLessThan(Long.MAX_VALUE);
      double back = DoubleOrder.fromKey(key);
      assertThat(Double.isNaN(v) ? Double.isNaN(back) : back == v).as("%s", v).isTrue();
    }
    // sorting by key is sorting by Double.compare, NaN last, once -0.0 is taken as 0.0
    List<Double> byKey = new ArrayList<>(values);
    byKey.sort(Comparator.comparingLong(DoubleOrder::key));
    List<Double> byValue = new ArrayList<>(values);
    byValue.sort(Double::compare);
    for (int i = 0; i < byKey.size(); i++) {
      assertThat(DoubleOrder.compare(byKey.get(i), byValue.get(i))).isZero();
    }
  }
}
