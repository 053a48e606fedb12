package dev.bucketsql.format.predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.ColumnType;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainTest {
  private static final ColumnType INT = ColumnType.INTEGER;

  private static Domain atLeast(int v) {
    return Domain.range(INT, new Range(v, true, null, false));
  }

  private static Domain below(int v) {
    return Domain.range(INT, new Range(null, false, v, false));
  }

  @Test
  void intersectAndUnionOfRanges() {
    Domain between = atLeast(2010).intersect(below(2015));
    assertThat(between.contains(2010)).isTrue();
    assertThat(between.contains(2014)).isTrue();
    assertThat(between.contains(2015)).isFalse();
    assertThat(between.contains(null)).isFalse();
    assertThat(atLeast(5).intersect(below(5)).isNone()).isTrue();
    Domain either = below(3).union(atLeast(3));
    assertThat(either).isEqualTo(Domain.notNull(INT));
  }

  @Test
  void complementSwapsNullAndFillsTheGaps() {
    Domain in = Domain.values(INT, List.of(3, 1, 2, 7));
    assertThat(in.ranges()).hasSize(4);
    assertThat(in.discreteValues()).contains(List.of(1, 2, 3, 7));
    assertThat(Domain.of(INT, List.of(new Range(1, true, 3, true), Range.point(3)), false).ranges())
        .containsExactly(new Range(1, true, 3, true));
    Domain notIn = Domain.values(INT, List.of(1, 7)).complement();
    assertThat(notIn.contains(1)).isFalse();
    assertThat(notIn.contains(7)).isFalse();
    assertThat(notIn.contains(0)).isTrue();
    assertThat(notIn.contains(5)).isTrue();
    assertThat(notIn.contains(8)).isTrue();
    assertThat(notIn.contains(null)).isTrue();
    assertThat(Domain.all(INT).complement().isNone()).isTrue();
    assertThat(Domain.none(INT).complement().isAll()).isTrue();
    assertThat(atLeast(5).complement())
        .isEqualTo(Domain.of(INT, List.of(new Range(null, false, 5, false)), true));
  }

  @Test
  void statisticsOverlap() {
    Domain since2018 = atLeast(2018);
    assertThat(since2018.mayOverlap(2001, 2017, false, true)).isFalse();
    assertThat(since2018.mayOverlap(2001, 2018, false, true)).isTrue();
    assertThat(since2018.mayOverlap(null, null, false, true)).isTrue();
    assertThat(Domain.onlyNull(INT).mayOverlap(1, 2, false, true)).isFalse();
    assertThat(Domain.onlyNull(INT).mayOverlap(1, 2, true, true)).isTrue();
    assertThat(Domain.singleValue(INT, 5).mayOverlap(null, null, true, false)).isFalse();
  }

  @Test
  void discreteValuesAndStrings() {
    Domain names = Domain.values(ColumnType.VARCHAR, List.of("b", "a"));
    assertThat(names.discreteValues()).contains(List.of("a", "b"));
    assertThat(names.contains("c")).isFalse();
  }

  @Test
  void emptyRangesAreRejected() {
    assertThatThrownBy(() -> new Range(5, false, 5, true)).hasMessageContaining("empty range");
    assertThatThrownBy(() -> atLeast(1).intersect(Domain.all(ColumnType.BIGINT)))
        .hasMessageContaining("do not combine");
  }

  @Test
  void scanPredicatesCombineByColumn() {
    ScanPredicate year = ScanPredicate.of(0, atLeast(2010));
    ScanPredicate rating = ScanPredicate.of(1, Domain.singleValue(INT, 5));
    ScanPredicate both = year.intersect(rating);
    assertThat(both.domains()).containsKeys(0, 1);
    assertThat(year.columnWiseUnion(rating).isAll()).isTrue();
    assertThat(
            year.columnWiseUnion(ScanPredicate.of(0, below(2000)))
                .domain(0)
                .orElseThrow()
                .contains(2005))
        .isFalse();
    assertThat(year.intersect(ScanPredicate.of(0, below(2000))).isNone()).isTrue();
    assertThat(ScanPredicate.of(0, Domain.all(INT)).isAll()).isTrue();
  }
}
