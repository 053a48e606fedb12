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
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A subexpression shared by a projection's expressions ({@link Shared}) gives what each occurrence
 * computed alone gives, over random batches with NULLs, through a filter's selection and without
 * one, is computed once per batch, and fails exactly where the expressions computed alone fail.
 */
class SharedSubexpressionTest {
  private static final List<ColumnType> TYPES =
      List.of(ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DECIMAL, ColumnType.BIGINT);

  /**
   * q01's shape: {@code x * (1 - y)}, and that times {@code (1 + y)}, and decimals and integers.
   */
  private static List<Expr> expressions(Function<Expr, Expr> share, int[] made) {
    Expr x = Exprs.column(0, ColumnType.DOUBLE);
    Expr y = Exprs.column(1, ColumnType.DOUBLE);
    Expr one = Exprs.constant(1.0, ColumnType.DOUBLE);
    Expr price = share.apply(counted(Exprs.times(x, Exprs.minus(one, y)), made));
    Expr d = Exprs.column(2, ColumnType.DECIMAL);
    Expr dd = share.apply(Exprs.times(d, d));
    Expr k = Exprs.column(3, ColumnType.BIGINT);
    Expr kk = share.apply(Exprs.plus(k, Exprs.constant(1L, ColumnType.BIGINT)));
    return List.of(
        x,
        price,
        Exprs.times(price, Exprs.plus(one, y)),
        Exprs.minus(price, price),
        dd,
        Exprs.plus(dd, d),
        kk,
        Exprs.times(kk, kk));
  }

  @Test
  void sharedGivesWhatEachOccurrenceGivesAlone() {
    Random random = new Random(17);
    for (int round = 0; round < 60; round++) {
      int batch = TestData.BATCH_SIZES[round % TestData.BATCH_SIZES.length];
      List<Object[]> rows =
          TestData.rows(random, TYPES, random.nextInt(4) == 0 ? 0 : random.nextInt(300), 15);
      // small integers only: the BIGINT extremes overflow, which the test below covers
      for (Object[] r : rows) {
        if (r[3] != null) {
          r[3] = Math.floorMod((Long) r[3], 1000L) - 500L;
        }
      }
      for (boolean filtered : new boolean[] {false, true}) {
        int[] made = new int[1];
        List<String> alone = run(rows, batch, filtered, expressions(e -> e, new int[1]));
        List<String> shared = run(rows, batch, filtered, expressions(Exprs::shared, made));
        assertThat(shared).isEqualTo(alone);
        // once per batch that reached the projection, not once per occurrence
        assertThat(made[0]).isLessThanOrEqualTo((rows.size() + batch - 1) / batch);
      }
    }
  }

  @Test
  void anOverflowFailsWhereItFailedAndNotOnRowsTheFilterRemoved() {
    List<Object[]> rows = new ArrayList<>();
    for (long v = 0; v < 50; v++) {
      rows.add(new Object[] {1.0, 2.0, null, v == 33 ? Long.MAX_VALUE : v});
    }
    for (Function<Expr, Expr> share : List.<Function<Expr, Expr>>of(e -> e, Exprs::shared)) {
      Expr k = Exprs.column(3, ColumnType.BIGINT);
      Expr plusOne = share.apply(Exprs.plus(k, Exprs.constant(1L, ColumnType.BIGINT)));
      List<Expr> exprs = List.of(Exprs.times(plusOne, k), plusOne);
      assertThatThrownBy(() -> run(rows, 8, false, exprs))
          .isInstanceOf(SqlStateException.class)
          .hasMessageContaining("Overflow in addition of BIGINT (9223372036854775807 + 1)")
          .satisfies(e -> assertThat(((SqlStateException) e).sqlState()).isEqualTo("22003"));
      // the row that overflows is not live: no error, the other rows computed
      Expr keep = Exprs.ne(k, Exprs.constant(Long.MAX_VALUE, ColumnType.BIGINT));
      List<String> out = run(rows, 8, keep, exprs);
      assertThat(out).hasSize(49).contains("[1056, 33]", "[1190, 35]");
    }
  }

  @Test
  void aSharedExpressionAskedForOtherRowsFailsInsteadOfAnsweringForThem() {
    List<Object[]> rows =
        List.of(new Object[] {1.0, 2.0, null, 3L}, new Object[] {1.0, 0.5, null, 4L});
    Expr y = Exprs.column(1, ColumnType.DOUBLE);
    Shared half = Exprs.shared(Exprs.times(y, Exprs.constant(0.5, ColumnType.DOUBLE)));
    // under a CASE branch it is asked for the rows taking the branch: not the projection's
    Expr branch =
        Exprs.caseWhen(
            List.of(Exprs.gt(y, Exprs.constant(1.0, ColumnType.DOUBLE)), half),
            Exprs.constant(0.0, ColumnType.DOUBLE),
            ColumnType.DOUBLE);
    assertThatThrownBy(() -> run(rows, 4, false, List.of(half, branch)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("other rows");
    // a projection that was not told of it: no value of an earlier batch, an error
    Operator unaware =
        new Project(TestData.source(TYPES, rows, 1), List.of(Exprs.shared(y)), TestData.context(1));
    assertThatThrownBy(() -> Rows.collect(unaware))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("outside a batch");
  }

  private static List<String> run(List<Object[]> rows, int batch, boolean filtered, List<Expr> e) {
    Expr keep =
        filtered
            ? Exprs.or(
                Exprs.isNull(Exprs.column(1, ColumnType.DOUBLE)),
                Exprs.ne(
                    Exprs.column(1, ColumnType.DOUBLE), Exprs.constant(2.0, ColumnType.DOUBLE)))
            : null;
    return run(rows, batch, keep, e);
  }

  /** The live rows of a projection over an optional filter, read through selections. */
  private static List<String> run(List<Object[]> rows, int batch, Expr keep, List<Expr> e) {
    Operator in = TestData.source(TYPES, rows, batch);
    if (keep != null) {
      in = new Filter(in, keep, TestData.context(batch));
    }
    List<Shared> shared = new ArrayList<>();
    collectShared(e, shared);
    Project p = new Project(in, e, shared, TestData.context(batch));
    List<String> out = new ArrayList<>();
    Selection live = new Selection();
    for (ColumnBatch b = p.nextSelected(live); b != null; b = p.nextSelected(live)) {
      for (int r = 0; r < b.size(); r++) {
        if (live.all() || live.mask()[r]) {
          out.add(java.util.Arrays.toString(Rows.row(b, r)));
        }
      }
    }
    p.close();
    return out;
  }

  private static void collectShared(List<Expr> exprs, List<Shared> into) {
    for (Expr x : exprs) {
      if (x instanceof Shared s && !into.contains(s)) {
        into.add(s);
      }
    }
  }

  /** {@code e}, counting its evaluations into {@code made[0]}. */
  private static Expr counted(Expr e, int[] made) {
    return new Expr() {
      @Override
      public ColumnType type() {
        return e.type();
      }

      @Override
      public ColumnBatch evaluate(ColumnBatch input, boolean[] rows) {
        made[0]++;
        return e.evaluate(input, rows);
      }
    };
  }
}
