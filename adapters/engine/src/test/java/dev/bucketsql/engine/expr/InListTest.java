package dev.bucketsql.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code x IN (values)} against a reference that compares the value with each constant as SQL does:
 * over integers, doubles (NaN, -0.0) and strings, lists short enough to be compared in turn and
 * long enough for a set or a search, NULL values, rows not asked for, as an expression, under NOT,
 * and as a filter conjunct that narrows the row mask.
 */
class InListTest {
  private static final List<ColumnType> TYPES =
      List.of(ColumnType.BIGINT, ColumnType.DOUBLE, ColumnType.VARCHAR, ColumnType.INTEGER);

  @Test
  void answersAsTheComparisonsItStandsFor() {
    for (long seed = 1; seed <= 300; seed++) {
      Random random = new Random(seed);
      int count = random.nextInt(5) == 0 ? random.nextInt(3) : 1 + random.nextInt(200);
      List<Object[]> rows = TestData.rows(random, TYPES, count, random.nextInt(3) * 15);
      int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
      int column = random.nextInt(TYPES.size());
      ColumnType type = TYPES.get(column);
      List<Object> values = new ArrayList<>();
      int size = 1 + random.nextInt(random.nextBoolean() ? 4 : 20);
      for (int i = 0; i < size; i++) {
        values.add(TestData.value(random, type));
      }
      boolean negated = random.nextBoolean();
      Expr in = Exprs.in(Exprs.column(column, type), values);
      Expr test = negated ? Exprs.not(in) : in;

      // as a filter conjunct, beside a comparison that runs first on some seeds
      Expr where =
          random.nextBoolean()
              ? test
              : Exprs.and(
                  Exprs.ge(
                      Exprs.column(0, ColumnType.BIGINT), Exprs.constant(0L, ColumnType.BIGINT)),
                  test);
      List<Object[]> expected = new ArrayList<>();
      for (Object[] row : rows) {
        Boolean t = reference(row[column], values, negated);
        boolean first = where == test || row[0] != null && (Long) row[0] >= 0;
        if (first && Boolean.TRUE.equals(t)) {
          expected.add(row);
        }
      }
      Filter filter =
          new Filter(TestData.source(TYPES, rows, batchSize), where, TestData.context(batchSize));
      assertThat(TestData.sequence(Rows.collect(filter)))
          .as("seed %d: %s %s %s", seed, type, negated ? "NOT IN" : "IN", values)
          .isEqualTo(TestData.sequence(expected));

      // as an expression over whole batches, some rows not asked for
      Operator source = TestData.source(TYPES, rows, batchSize);
      int offset = 0;
      for (ColumnBatch b = source.next(); b != null; b = source.next()) {
        boolean[] asked = new boolean[b.size()];
        for (int r = 0; r < asked.length; r++) {
          asked[r] = random.nextInt(4) != 0;
        }
        boolean all = random.nextBoolean();
        ColumnBatch out = test.evaluate(b, all ? null : asked);
        for (int r = 0; r < b.size(); r++) {
          if (!all && !asked[r]) {
            continue;
          }
          Boolean t = reference(rows.get(offset + r)[column], values, negated);
          assertThat(out.nulls(0)[r] ? null : out.longs(0)[r] != 0)
              .as(
                  "seed %d, row %d: %s IN %s",
                  seed, offset + r, rows.get(offset + r)[column], values)
              .isEqualTo(t);
        }
        offset += b.size();
      }
    }
  }

  @Test
  void refusesWhatItDoesNotTake() {
    Expr flag = Exprs.column(0, ColumnType.BOOLEAN);
    assertThatThrownBy(() -> Exprs.in(flag, List.of(true)))
        .isInstanceOf(IllegalArgumentException.class);
    Expr n = Exprs.column(0, ColumnType.BIGINT);
    assertThatThrownBy(() -> Exprs.in(n, List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Exprs.in(n, Arrays.asList(1L, null)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Exprs.inListTakes(ColumnType.DECIMAL)).isFalse();
    assertThat(Exprs.inListTakes(ColumnType.DATE)).isTrue();
  }

  private static Boolean reference(Object x, List<Object> values, boolean negated) {
    if (x == null) {
      return null;
    }
    boolean found = false;
    for (Object v : values) {
      found |= TestData.sqlEquals(x, v);
    }
    return found != negated;
  }
}
