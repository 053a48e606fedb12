package dev.bucketsql.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A {@link Project} told which of its columns are read: those hold what the projection of every
 * column holds, over plain batches and under a filter's selection, the others are NULL in every
 * batch, and an expression nobody reads is not computed (its zero divisor fails nothing).
 */
class ProjectColumnsReadTest {
  private static final List<ColumnType> TYPES =
      List.of(ColumnType.INTEGER, ColumnType.VARCHAR, ColumnType.DOUBLE, ColumnType.DECIMAL);

  private static List<Expr> exprs() {
    return List.of(
        Exprs.column(1, ColumnType.VARCHAR),
        Exprs.plus(Exprs.column(0, ColumnType.INTEGER), Exprs.constant(1, ColumnType.INTEGER)),
        Exprs.column(3, ColumnType.DECIMAL),
        Exprs.column(2, ColumnType.DOUBLE),
        Exprs.column(0, ColumnType.INTEGER));
  }

  @Test
  void readColumnsMatchTheFullProjectionAndTheOthersAreNull() {
    Random random = new Random(5);
    for (int count : new int[] {0, 1, 9, 200}) {
      List<Object[]> rows = TestData.rows(random, TYPES, count, 20);
      for (int mask = 0; mask < 32; mask++) {
        boolean[] read = new boolean[5];
        for (int c = 0; c < read.length; c++) {
          read[c] = (mask & (1 << c)) != 0;
        }
        for (boolean filtered : new boolean[] {false, true}) {
          int batch = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
          List<Object[]> expected =
              Rows.collect(
                  new Project(input(rows, batch, filtered), exprs(), TestData.context(batch)));
          List<Object[]> actual =
              Rows.collect(
                  new Project(
                      input(rows, batch, filtered),
                      exprs(),
                      List.of(),
                      TestData.context(batch),
                      read));
          assertThat(TestData.sequence(actual))
              .as("%d rows, read %d, filtered %s, batches of %d", count, mask, filtered, batch)
              .isEqualTo(TestData.sequence(only(expected, read)));
        }
      }
    }
  }

  @Test
  void anExpressionNobodyReadsIsNotComputed() {
    List<Object[]> rows =
        List.of(new Object[] {0, "a", 1.0, null}, new Object[] {2, "b", 2.0, null});
    List<Expr> exprs =
        List.of(
            Exprs.column(1, ColumnType.VARCHAR),
            Exprs.divide(
                Exprs.constant(10, ColumnType.INTEGER), Exprs.column(0, ColumnType.INTEGER)));
    assertThat(
            TestData.sequence(
                Rows.collect(
                    new Project(
                        TestData.source(TYPES, rows, 2),
                        exprs,
                        List.of(),
                        TestData.context(2),
                        new boolean[] {true, false}))))
        .containsExactly("[a, null]", "[b, null]");
    assertThatThrownBy(
            () ->
                new Project(
                    TestData.source(TYPES, rows, 2),
                    exprs,
                    List.of(),
                    TestData.context(2),
                    new boolean[] {true}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Operator input(List<Object[]> rows, int batch, boolean filtered) {
    Operator source = TestData.source(TYPES, rows, batch);
    if (!filtered) {
      return source;
    }
    // a selection over the batch: the rows whose integer is not negative (NULL is not kept)
    return new Filter(
        source,
        Exprs.ge(Exprs.column(0, ColumnType.INTEGER), Exprs.constant(0, ColumnType.INTEGER)),
        TestData.context(batch));
  }

  private static List<Object[]> only(List<Object[]> rows, boolean[] read) {
    List<Object[]> out = new ArrayList<>();
    for (Object[] row : rows) {
      Object[] r = row.clone();
      for (int c = 0; c < r.length; c++) {
        r[c] = read[c] ? r[c] : null;
      }
      out.add(r);
    }
    return out;
  }
}
