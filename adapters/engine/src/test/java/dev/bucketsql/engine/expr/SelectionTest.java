package dev.bucketsql.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.Selection;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.SqlStateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * {@link Filter} handing on selections ({@link Operator#nextSelected}) and {@link Project}
 * computing over them, against a row-by-row reference over random batches: NULLs, conditions that
 * keep nothing, everything or any share between, batch boundaries, a filter over a selection, and
 * expressions that fail on the rows a filter removed (they must not) or on a row it kept (they
 * must).
 */
class SelectionTest {
  private static final ColumnType I = ColumnType.INTEGER;
  private static final ColumnType B = ColumnType.BIGINT;
  private static final ColumnType D = ColumnType.DOUBLE;
  private static final ColumnType S = ColumnType.VARCHAR;
  private static final List<ColumnType> TYPES = List.of(I, B, D, S, ColumnType.DECIMAL);
  private static final int[] BATCH_SIZES = {1, 3, 7, 64, 500, 4096};

  /** A condition and its row-by-row meaning (TRUE only; FALSE and NULL drop the row). */
  private record Condition(String name, Expr expr, Predicate<Object[]> keeps) {}

  private static List<Condition> conditions() {
    return List.of(
        new Condition("TRUE", Exprs.constant(true, ColumnType.BOOLEAN), r -> true),
        new Condition(
            "b > 1000", Exprs.gt(col(1, B), Exprs.constant(1000L, B)), r -> gt(r[1], 1000)),
        new Condition("b < 19", Exprs.lt(col(1, B), Exprs.constant(19L, B)), r -> lt(r[1], 19)),
        new Condition("b >= 3", Exprs.ge(col(1, B), Exprs.constant(3L, B)), r -> ge(r[1], 3)),
        new Condition(
            "i <> 0",
            Exprs.ne(col(0, I), Exprs.constant(0, I)),
            r -> r[0] != null && !r[0].equals(0)),
        new Condition(
            "s <> 'a' AND d IS NOT NULL",
            Exprs.and(Exprs.ne(col(3, S), Exprs.constant("a", S)), Exprs.isNotNull(col(2, D))),
            r -> r[3] != null && !r[3].equals("a") && r[2] != null),
        new Condition(
            "s = 'a'", Exprs.eq(col(3, S), Exprs.constant("a", S)), r -> "a".equals(r[3])));
  }

  @Test
  void filterNamesTheRowsItKeepsAndCompactsForOthers() {
    int partial = 0;
    for (long seed = 1; seed <= 8; seed++) {
      Random random = new Random(seed);
      for (int count : new int[] {0, 1, 40, 3000}) {
        List<Object[]> rows = TestData.rows(random, TYPES, count, 15);
        for (Condition c : conditions()) {
          int batchSize = BATCH_SIZES[random.nextInt(BATCH_SIZES.length)];
          List<Object[]> expected = rows.stream().filter(c.keeps()).toList();
          String as = "seed " + seed + ", " + count + " rows, " + c.name() + ", batch " + batchSize;
          Filter selected = new Filter(source(rows, batchSize), c.expr(), ctx(batchSize));
          Collected got = collectSelected(selected, true);
          assertThat(TestData.sequence(got.rows)).as(as).isEqualTo(TestData.sequence(expected));
          partial += got.partial;
          Filter compacted = new Filter(source(rows, batchSize), c.expr(), ctx(batchSize));
          assertThat(TestData.sequence(Rows.collect(compacted)))
              .as(as)
              .isEqualTo(TestData.sequence(expected));
        }
      }
    }
    assertThat(partial).as("batches handed on with a selection").isGreaterThan(50);
  }

  @Test
  void aFilterThatKeepsFewRowsCompactsThemEvenForAReaderOfSelections() {
    List<Object[]> rows = new ArrayList<>();
    for (int r = 0; r < 4096; r++) {
      rows.add(new Object[] {r % 10, (long) r, 1.0, "x", null});
    }
    // one row in ten passes: below the threshold, so every batch comes compacted
    Filter sparse =
        new Filter(source(rows, 1024), Exprs.eq(col(0, I), Exprs.constant(3, I)), ctx(1024));
    Collected few = collectSelected(sparse, true);
    assertThat(few.rows).hasSize(410);
    assertThat(few.partial).isZero();
    // nine in ten pass: handed on uncopied
    Filter dense =
        new Filter(source(rows, 1024), Exprs.ne(col(0, I), Exprs.constant(3, I)), ctx(1024));
    Collected many = collectSelected(dense, true);
    assertThat(many.rows).hasSize(4096 - 410);
    assertThat(many.partial).isEqualTo(4);
  }

  @Test
  void aFilterOverASelectionTestsOnlyItsLiveRows() {
    for (long seed = 1; seed <= 8; seed++) {
      Random random = new Random(seed);
      List<Object[]> rows = TestData.rows(random, TYPES, 2000, 15);
      for (Condition first : conditions()) {
        for (Condition second : conditions()) {
          int batchSize = BATCH_SIZES[random.nextInt(BATCH_SIZES.length)];
          // the projection between keeps the columns, so the second filter reads a selection
          List<Expr> all = new ArrayList<>();
          for (int c = 0; c < TYPES.size(); c++) {
            all.add(col(c, TYPES.get(c)));
          }
          List<Object[]> expected =
              rows.stream().filter(first.keeps()).filter(second.keeps()).toList();
          for (boolean selections : new boolean[] {true, false}) {
            Operator op =
                new Filter(
                    new Project(
                        new Filter(source(rows, batchSize), first.expr(), ctx(batchSize)),
                        all,
                        ctx(batchSize)),
                    second.expr(),
                    ctx(batchSize));
            assertThat(TestData.sequence(collectSelected(op, selections).rows))
                .as("seed %d: %s, then %s, batch %d", seed, first.name(), second.name(), batchSize)
                .isEqualTo(TestData.sequence(expected));
          }
        }
      }
    }
  }

  @Test
  void aProjectionNeverFailsOnARowTheFilterRemoved() {
    for (long seed = 1; seed <= 10; seed++) {
      Random random = new Random(seed);
      List<Object[]> rows = TestData.rows(random, TYPES, 3000, 10);
      int batchSize = BATCH_SIZES[random.nextInt(BATCH_SIZES.length)];
      // b // i and b * b fail on i = 0 and on b near the ends of a long: rows the filter removes
      Expr keep =
          Exprs.and(
              Exprs.ne(col(0, I), Exprs.constant(0, I)),
              Exprs.and(
                  Exprs.lt(col(1, B), Exprs.constant(1000L, B)),
                  Exprs.gt(col(1, B), Exprs.constant(-1000L, B))));
      List<Expr> exprs =
          List.of(
              Exprs.divide(col(1, B), col(0, I)),
              Exprs.times(col(1, B), col(1, B)),
              col(3, S),
              Exprs.plus(col(2, D), Exprs.constant(1.0, D)));
      List<Object[]> expected = new ArrayList<>();
      for (Object[] r : rows) {
        if (r[0] != null && !r[0].equals(0) && r[1] != null && lt(r[1], 1000) && gt(r[1], -1000)) {
          long b = (Long) r[1];
          long i = (Integer) r[0];
          expected.add(new Object[] {b / i, b * b, r[3], r[2] == null ? null : (Double) r[2] + 1});
        }
      }
      for (boolean selections : new boolean[] {true, false}) {
        Operator op =
            new Project(new Filter(source(rows, batchSize), keep, ctx(batchSize)), exprs, ctx(1));
        Collected got = collectSelected(op, selections);
        assertThat(TestData.sequence(got.rows))
            .as("seed %d, batch %d", seed, batchSize)
            .isEqualTo(TestData.sequence(expected));
        if (selections && batchSize > 64) {
          assertThat(got.partial).as("seed %d: batches with a selection", seed).isPositive();
        }
      }
    }
  }

  @Test
  void aProjectionStillFailsOnARowTheFilterKept() {
    List<Object[]> rows = new ArrayList<>();
    for (int r = 0; r < 1000; r++) {
      rows.add(new Object[] {r == 700 ? 0 : 1 + r % 5, (long) r, 1.0, "x", null});
    }
    // the filter drops every fifth row but keeps row 700, whose divisor is 0
    Expr keep = Exprs.ne(col(1, B), Exprs.constant(5L, B));
    Operator op =
        new Project(
            new Filter(source(rows, 256), keep, ctx(256)),
            List.of(Exprs.divide(col(1, B), col(0, I))),
            ctx(256));
    assertThatThrownBy(() -> collectSelected(op, true))
        .isInstanceOf(SqlStateException.class)
        .satisfies(e -> assertThat(((SqlStateException) e).sqlState()).isEqualTo("22012"));
  }

  /** The rows an operator returns, and how many of its batches came with a partial selection. */
  private record Collected(List<Object[]> rows, int partial) {}

  /**
   * Every live row of {@code op}, read through {@link Operator#nextSelected} (checking that the
   * selection is well formed) or {@link Operator#next}.
   */
  private static Collected collectSelected(Operator op, boolean selections) {
    List<Object[]> rows = new ArrayList<>();
    int partial = 0;
    Selection live = new Selection();
    try (op) {
      while (true) {
        ColumnBatch b = selections ? op.nextSelected(live) : op.next();
        if (b == null) {
          break;
        }
        if (!selections) {
          live.all(b.size());
        }
        assertThat(live.size()).isEqualTo(b.size());
        assertThat(live.count()).isPositive();
        if (live.all()) {
          assertThat(live.count()).isEqualTo(b.size());
          for (int r = 0; r < b.size(); r++) {
            rows.add(Rows.row(b, r));
          }
          continue;
        }
        partial++;
        assertThat(live.count()).isLessThan(b.size());
        int i = 0;
        for (int r = 0; r < b.size(); r++) {
          if (live.mask()[r]) {
            assertThat(live.rows()[i++]).isEqualTo(r);
            rows.add(Rows.row(b, r));
          }
        }
        assertThat(i).isEqualTo(live.count());
      }
    }
    return new Collected(rows, partial);
  }

  private static Expr col(int c, ColumnType type) {
    return Exprs.column(c, type);
  }

  private static boolean gt(Object v, long k) {
    return v != null && (Long) v > k;
  }

  private static boolean lt(Object v, long k) {
    return v != null && (Long) v < k;
  }

  private static boolean ge(Object v, long k) {
    return v != null && (Long) v >= k;
  }

  private static Operator source(List<Object[]> rows, int batchSize) {
    return TestData.source(TYPES, rows, batchSize);
  }

  private static dev.bucketsql.engine.ExecContext ctx(int batchSize) {
    return TestData.context(batchSize);
  }
}
