package dev.bucketsql.tpch;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The comparison the TPC-H test and benchmark rely on: tolerance, order, row counts, types. */
class TpchAnswersTest {
  private static List<Object> row(Object... values) {
    return java.util.Arrays.stream(values).map(TpchAnswers::normalize).toList();
  }

  @Test
  void doublesWithinTheRelativeToleranceAreTheSame() {
    assertThat(TpchAnswers.difference(List.of(row(1e6 + 1e-5)), List.of(row(1e6)), true)).isNull();
    assertThat(TpchAnswers.difference(List.of(row(1e6 + 1)), List.of(row(1e6)), true))
        .contains("column 1");
  }

  @Test
  void integersCompareByValueWhateverTheirJdbcType() {
    assertThat(
            TpchAnswers.difference(List.of(row(5L)), List.of(row(new BigDecimal("5.000"))), true))
        .isNull();
    assertThat(TpchAnswers.difference(List.of(row(5)), List.of(row(6L)), true)).isNotNull();
  }

  @Test
  void orderMattersOnlyWhenOrdered() {
    List<List<Object>> ab = List.of(row("a", 1), row("b", 2));
    List<List<Object>> ba = List.of(row("b", 2), row("a", 1));
    assertThat(TpchAnswers.difference(ab, ba, false)).isNull();
    assertThat(TpchAnswers.difference(ab, ba, true)).contains("row 1");
  }

  @Test
  void missingRowsAndNullsDiffer() {
    assertThat(TpchAnswers.difference(List.of(row("a")), List.of(), false)).contains("row count");
    assertThat(TpchAnswers.difference(List.of(row((Object) null)), List.of(row("x")), true))
        .isNotNull();
    assertThat(
            TpchAnswers.difference(
                List.of(row(java.sql.Date.valueOf("1995-03-15"))),
                List.of(row(java.time.LocalDate.of(1995, 3, 15))),
                true))
        .isNull();
  }

  @Test
  void queriesCarryTheScaleFactorsFraction() {
    assertThat(TpchQuery.load(11, 0.01).sql()).contains("* 0.01").doesNotContain("${");
    assertThat(TpchQuery.load(11, 1).sql()).contains("* 0.0001");
    assertThat(TpchQuery.all(1))
        .hasSize(22)
        .allSatisfy(q -> assertThat(q.sql()).doesNotStartWith("--"));
    assertThat(TpchQuery.load(6, 1).ordered()).isFalse();
    assertThat(TpchQuery.load(1, 1).ordered()).isTrue();
  }
}
