package dev.bucketsql.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How two engines' answers are compared: types, tolerance, order, errors. */
class DifferenceTest {
  private static Outcome rows(List<String> types, Object[]... rows) {
    List<List<Object>> list = new ArrayList<>();
    for (Object[] r : rows) {
      list.add(Arrays.asList(r));
    }
    return new Outcome(types, list, null, false);
  }

  private static Outcome error(String message) {
    return new Outcome(null, null, message, false);
  }

  @Test
  void doublesAgreeWithinTheRelativeToleranceOnly() {
    assertThat(Difference.same(1.0, 1.0 + 1e-12)).isTrue();
    assertThat(Difference.same(1e20, 1e20 * (1 + 1e-12))).isTrue();
    assertThat(Difference.same(1.0, 1.0001)).isFalse();
    assertThat(Difference.same(Double.NaN, Double.NaN)).isTrue();
    assertThat(Difference.same(Double.NaN, 0.0)).isFalse();
    assertThat(Difference.same(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)).isFalse();
    assertThat(Difference.same(-0.0, 0.0)).isTrue();
  }

  @Test
  void exactNumbersCompareExactly() {
    assertThat(
            Difference.same(
                new BigDecimal("9223372036854775807"), new BigDecimal("9223372036854775806")))
        .isFalse();
    assertThat(Difference.same(new BigDecimal("1.50"), new BigDecimal("1.5"))).isTrue();
  }

  @Test
  void bigIntegersEqualTo13DigitsLineUpInAnyOrder() {
    BigDecimal a = new BigDecimal("-9223372036854774191");
    BigDecimal b = new BigDecimal("-9223372036854773941");
    BigDecimal c = new BigDecimal("-9223372036854774064");
    Outcome bucket =
        rows(
            List.of("BIGINT"),
            new Object[] {a},
            new Object[] {a},
            new Object[] {b},
            new Object[] {c});
    Outcome duck =
        rows(
            List.of("BIGINT"),
            new Object[] {b},
            new Object[] {a},
            new Object[] {c},
            new Object[] {a});
    assertThat(Difference.of(bucket, duck, false)).isNull();
    Outcome other =
        rows(
            List.of("BIGINT"),
            new Object[] {b},
            new Object[] {b},
            new Object[] {c},
            new Object[] {a});
    assertThat(Difference.of(bucket, other, false)).isNotNull();
  }

  @Test
  void aTypeClassDifferenceIsAFindingEvenWithEqualValues() {
    Outcome bucket = rows(List.of("INTEGER"), new Object[] {BigDecimal.ONE});
    Outcome duck = rows(List.of("BIGINT"), new Object[] {BigDecimal.ONE});
    Difference d = Difference.of(bucket, duck, false);
    assertThat(d.kind()).isEqualTo(Difference.Kind.TYPES);
    assertThat(d.typePairs()).containsExactly("INTEGER vs BIGINT");
    assertThat(Difference.of(bucket, bucket, false)).isNull();
  }

  @Test
  void rowOrderCountsOnlyWhenOrdered() {
    Outcome a = rows(List.of("VARCHAR"), new Object[] {"x"}, new Object[] {"y"});
    Outcome b = rows(List.of("VARCHAR"), new Object[] {"y"}, new Object[] {"x"});
    assertThat(Difference.of(a, b, false)).isNull();
    assertThat(Difference.of(a, b, true).kind()).isEqualTo(Difference.Kind.VALUES);
  }

  @Test
  void unorderedRowsPairUpByValueEvenForCloseIdsAndSignedZeros() {
    Outcome a =
        rows(
            List.of("INTEGER"),
            new Object[] {new BigDecimal("2000000379")},
            new Object[] {new BigDecimal("2000000361")});
    Outcome b =
        rows(
            List.of("INTEGER"),
            new Object[] {new BigDecimal("2000000361")},
            new Object[] {new BigDecimal("2000000379")});
    assertThat(Difference.of(a, b, false)).isNull();
    Outcome c = rows(List.of("DOUBLE"), new Object[] {-0.0}, new Object[] {-1.5});
    Outcome d = rows(List.of("DOUBLE"), new Object[] {-1.5}, new Object[] {0.0});
    assertThat(Difference.of(c, d, false)).isNull();
  }

  @Test
  void anErrorOnOneSideOnlyIsAFindingAndOnBothIsNot() {
    Outcome ok = rows(List.of("INTEGER"), new Object[] {BigDecimal.ONE});
    Difference d = Difference.of(error("[22003] Overflow in 2147483647 + 1"), ok, false);
    assertThat(d.kind()).isEqualTo(Difference.Kind.ERROR_BUCKETSQL_ONLY);
    assertThat(d.key()).isEqualTo("BucketSQL error: [N] Overflow in N + N");
    assertThat(Difference.of(ok, error("Out of Range Error: x"), false).kind())
        .isEqualTo(Difference.Kind.ERROR_DUCKDB_ONLY);
    assertThat(Difference.of(error("a"), error("b"), false)).isNull();
  }
}
