package dev.bucketsql.calcite.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.EnumerableDefaults;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.linq4j.function.Predicate2;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@link MarkJoins} against a naive reference and against Calcite's own hash semi- and anti-join,
 * over random rows with NULL keys, duplicate keys on both sides, and empty and one-row inputs; and
 * that it reads its right input only as far as it must.
 */
class MarkJoinsTest {
  /** A row's key as Calcite's null-aware selector gives it: null when the key is NULL. */
  private static final Function1<Object[], @Nullable Object> KEY = row -> row[0];

  @Test
  void equalsTheReferenceAndCalcitesJoins() {
    Random random = new Random(20261205L);
    for (int round = 0; round < 500; round++) {
      List<Object[]> left = rows(random, random.nextInt(round % 50 == 0 ? 2 : 40));
      List<Object[]> right = rows(random, random.nextInt(round % 40 == 0 ? 2 : 60));
      for (boolean anti : new boolean[] {false, true}) {
        List<Object[]> expected = reference(left, right, anti);
        List<Object[]> actual =
            MarkJoins.semi(Linq4j.asEnumerable(left), Linq4j.asEnumerable(right), KEY, KEY, anti)
                .toList();
        assertThat(actual).as("round %s, anti %s", round, anti).containsExactlyElementsOf(expected);
        Enumerable<Object[]> calcite =
            anti
                ? EnumerableDefaults.antiJoin(
                    Linq4j.asEnumerable(left), Linq4j.asEnumerable(right), KEY, KEY)
                : EnumerableDefaults.semiJoin(
                    Linq4j.asEnumerable(left), Linq4j.asEnumerable(right), KEY, KEY);
        assertThat(actual)
            .as("Calcite's, round %s, anti %s", round, anti)
            .containsExactlyElementsOf(calcite.toList());
      }
    }
  }

  /**
   * With a residual condition (the serial numbers differ, as q21's suppliers do), against the
   * reference and Calcite's hash semi- and anti-join with the same predicate.
   */
  @Test
  void equalsTheReferenceAndCalcitesJoinsWithAResidualCondition() {
    Random random = new Random(20261206L);
    Predicate2<Object[], Object[]> differ = (l, r) -> (int) l[1] % 5 != (int) r[1] % 5;
    for (int round = 0; round < 500; round++) {
      List<Object[]> left = rows(random, random.nextInt(round % 50 == 0 ? 2 : 40));
      List<Object[]> right = rows(random, random.nextInt(round % 40 == 0 ? 2 : 60));
      for (boolean anti : new boolean[] {false, true}) {
        List<Object[]> expected = new ArrayList<>();
        for (Object[] l : left) {
          boolean met = false;
          for (Object[] r : right) {
            met |= l[0] != null && l[0].equals(r[0]) && differ.apply(l, r);
          }
          if (met != anti) {
            expected.add(l);
          }
        }
        List<Object[]> actual =
            MarkJoins.semi(
                    Linq4j.asEnumerable(left), Linq4j.asEnumerable(right), KEY, KEY, differ, anti)
                .toList();
        assertThat(actual).as("round %s, anti %s", round, anti).containsExactlyElementsOf(expected);
        List<Object[]> calcite =
            EnumerableDefaults.semiJoin(
                    Linq4j.asEnumerable(left),
                    Linq4j.asEnumerable(right),
                    KEY,
                    KEY,
                    null,
                    anti,
                    differ)
                .toList();
        assertThat(actual)
            .as("Calcite's, round %s, anti %s", round, anti)
            .containsExactlyElementsOf(calcite);
      }
    }
  }

  @Test
  void readsTheRightInputOnlyWhileALeftKeyIsUnmet() {
    List<Object[]> left =
        List.of(new Object[] {1, "a"}, new Object[] {2, "b"}, new Object[] {1, "c"});
    List<Object[]> right = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      right.add(new Object[] {i % 3, i});
    }
    AtomicInteger read = new AtomicInteger();
    List<Object[]> semi =
        MarkJoins.semi(Linq4j.asEnumerable(left), counted(right, read), KEY, KEY, false).toList();
    assertThat(semi).containsExactlyElementsOf(left);
    // keys 0, 1, 2: both left keys are met by the third right row
    assertThat(read.get()).isEqualTo(3);

    read.set(0);
    assertThat(
            MarkJoins.semi(
                    Linq4j.asEnumerable(List.<Object[]>of()), counted(right, read), KEY, KEY, true)
                .toList())
        .isEmpty();
    assertThat(read.get()).as("rows read for an empty left input").isZero();

    read.set(0);
    List<Object[]> nullKeys = java.util.Collections.singletonList(new Object[] {null, "n"});
    assertThat(
            MarkJoins.semi(Linq4j.asEnumerable(nullKeys), counted(right, read), KEY, KEY, true)
                .toList())
        .containsExactlyElementsOf(nullKeys);
    assertThat(read.get()).as("rows read when no left key can match").isZero();
  }

  private static List<Object[]> reference(List<Object[]> left, List<Object[]> right, boolean anti) {
    List<Object[]> result = new ArrayList<>();
    for (Object[] l : left) {
      boolean met = false;
      for (Object[] r : right) {
        met |= l[0] != null && l[0].equals(r[0]);
      }
      if (met != anti) {
        result.add(l);
      }
    }
    return result;
  }

  /** Rows of a key in 0..9 or NULL (one in eight) and a serial number. */
  private static List<Object[]> rows(Random random, int n) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new Object[] {random.nextInt(8) == 0 ? null : (long) random.nextInt(10), i});
    }
    return rows;
  }

  private static Enumerable<Object[]> counted(List<Object[]> rows, AtomicInteger read) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        Enumerator<Object[]> inner = Linq4j.enumerator(rows);
        return new Enumerator<>() {
          @Override
          public Object[] current() {
            return inner.current();
          }

          @Override
          public boolean moveNext() {
            boolean more = inner.moveNext();
            if (more) {
              read.incrementAndGet();
            }
            return more;
          }

          @Override
          public void reset() {
            inner.reset();
          }

          @Override
          public void close() {
            inner.close();
          }
        };
      }
    };
  }
}
