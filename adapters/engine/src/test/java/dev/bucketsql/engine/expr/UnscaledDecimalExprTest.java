package dev.bucketsql.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Filters, column references and projections over DECIMAL columns held as unscaled longs ({@link
 * ColumnBatch#decimalScale}) against the same batches held as {@code BigDecimal}s: comparisons of
 * two columns of one scale and of different scales, with constants exact at the column's scale,
 * finer than it, beyond a long, and NULL, on either side; NULL values; every operator.
 */
class UnscaledDecimalExprTest {
  private static final List<ColumnType> TYPES =
      List.of(ColumnType.DECIMAL, ColumnType.DECIMAL, ColumnType.DECIMAL, ColumnType.INTEGER);

  /** Columns 0 and 1 have scale 2, column 2 scale 3. */
  private static final int[] SCALES = {2, 2, 3};

  private static final List<BiFunction<Expr, Expr, Expr>> OPS =
      List.of(Exprs::eq, Exprs::ne, Exprs::lt, Exprs::le, Exprs::gt, Exprs::ge);

  private static final BigDecimal[] CONSTANTS = {
    new BigDecimal("0.05"),
    new BigDecimal("0.050"),
    new BigDecimal("0.055"),
    new BigDecimal("-3"),
    new BigDecimal("24.00"),
    new BigDecimal("99999999999999999999.99"),
    null
  };

  @Test
  void filtersAndProjectionsAnswerAsOverBigDecimals() {
    int conditions = 0;
    for (long seed = 1; seed <= 8; seed++) {
      Random random = new Random(seed);
      List<long[]> rows = rows(random, 1 + random.nextInt(300));
      int batchSize = 1 + random.nextInt(64);
      List<Expr[]> pairs = new ArrayList<>();
      for (int c = 0; c < 3; c++) {
        for (int d = 0; d < 3; d++) {
          pairs.add(
              new Expr[] {
                Exprs.column(c, ColumnType.DECIMAL), Exprs.column(d, ColumnType.DECIMAL)
              });
        }
        for (BigDecimal k : CONSTANTS) {
          Expr constant = Exprs.constant(k, ColumnType.DECIMAL);
          pairs.add(new Expr[] {Exprs.column(c, ColumnType.DECIMAL), constant});
          pairs.add(new Expr[] {constant, Exprs.column(c, ColumnType.DECIMAL)});
        }
      }
      for (Expr[] pair : pairs) {
        for (BiFunction<Expr, Expr, Expr> op : OPS) {
          Expr condition = op.apply(pair[0], pair[1]);
          List<Object[]> unscaled =
              Rows.collect(
                  new Project(
                      new Filter(
                          new Source(rows, batchSize, true), condition, TestData.context(64)),
                      List.of(
                          Exprs.column(2, ColumnType.DECIMAL),
                          Exprs.column(0, ColumnType.DECIMAL),
                          Exprs.column(3, ColumnType.INTEGER)),
                      TestData.context(64)));
          Expr again = op.apply(pair[0], pair[1]);
          List<Object[]> objects =
              Rows.collect(
                  new Project(
                      new Filter(new Source(rows, batchSize, false), again, TestData.context(64)),
                      List.of(
                          Exprs.column(2, ColumnType.DECIMAL),
                          Exprs.column(0, ColumnType.DECIMAL),
                          Exprs.column(3, ColumnType.INTEGER)),
                      TestData.context(64)));
          assertThat(TestData.sequence(unscaled))
              .as("seed %d, %s", seed, condition)
              .isEqualTo(TestData.sequence(objects));
          conditions++;
        }
      }
    }
    assertThat(conditions).isGreaterThan(1000);
  }

  @Test
  void arithmeticAndCastsAnswerAndFailAsOverBigDecimals() {
    int compared = 0;
    int failed = 0;
    for (long seed = 1; seed <= 30; seed++) {
      Random random = new Random(seed);
      List<long[]> rows = rows(random, 1 + random.nextInt(200));
      // few rows near the ends of long, so some batches stay in range and some do not
      if (random.nextBoolean()) {
        for (long[] row : rows) {
          for (int c = 0; c < 3; c++) {
            if (row[c] > Long.MAX_VALUE / 2) {
              row[c] = random.nextInt(100);
            }
          }
        }
      }
      int batchSize = 1 + random.nextInt(64);
      for (int e = 0; e < 14; e++) {
        List<Object[]> unscaled;
        List<Object[]> objects;
        String error = null;
        try {
          unscaled = project(rows, batchSize, true, e);
        } catch (RuntimeException ex) {
          unscaled = null;
          error = ex.getMessage();
        }
        try {
          objects = project(rows, batchSize, false, e);
        } catch (RuntimeException ex) {
          assertThat(error).as("seed %d expression %d", seed, e).isEqualTo(ex.getMessage());
          failed++;
          continue;
        }
        assertThat(error).as("seed %d expression %d fails only unscaled", seed, e).isNull();
        assertThat(TestData.sequence(unscaled))
            .as("seed %d expression %d", seed, e)
            .isEqualTo(TestData.sequence(objects));
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(100);
    assertThat(failed).as("some casts overflow").isPositive();
  }

  private static List<Object[]> project(List<long[]> rows, int batchSize, boolean unscaled, int e) {
    Expr x = Exprs.column(0, ColumnType.DECIMAL);
    Expr y = Exprs.column(1, ColumnType.DECIMAL);
    Expr z = Exprs.column(2, ColumnType.DECIMAL);
    Expr one = Exprs.constant(BigDecimal.ONE, ColumnType.DECIMAL);
    Expr tenth = Exprs.constant(new BigDecimal("0.1"), ColumnType.DECIMAL);
    Expr huge = Exprs.constant(new BigDecimal("1E+30"), ColumnType.DECIMAL);
    Expr expr =
        switch (e) {
          case 0 -> Exprs.plus(x, y);
          case 1 -> Exprs.minus(x, z);
          case 2 -> Exprs.times(x, z);
          case 3 -> Exprs.minus(one, x);
          case 4 -> Exprs.times(Exprs.times(x, Exprs.minus(one, y)), Exprs.plus(one, z));
          case 5 -> Exprs.plus(tenth, z);
          case 6 -> Exprs.times(huge, x);
          case 7 -> Exprs.plus(Exprs.constant(null, ColumnType.DECIMAL), x);
          case 8 ->
              Exprs.cast(
                  Exprs.times(x, y),
                  ColumnType.DECIMAL,
                  Exprs.CastKind.DECIMAL_TO_DECIMAL_TRUNCATING,
                  18,
                  2);
          case 9 ->
              Exprs.cast(z, ColumnType.DECIMAL, Exprs.CastKind.DECIMAL_TO_DECIMAL_TRUNCATING, 6, 1);
          case 10 ->
              Exprs.cast(
                  x, ColumnType.DECIMAL, Exprs.CastKind.DECIMAL_TO_DECIMAL_TRUNCATING, 19, 5);
          case 11 ->
              Exprs.tryCast(
                  Exprs.minus(x, z),
                  ColumnType.DECIMAL,
                  Exprs.CastKind.DECIMAL_TO_DECIMAL_TRUNCATING,
                  7,
                  3);
          case 12 -> Exprs.mod(x, z);
          default ->
              Exprs.cast(
                  Exprs.plus(x, y),
                  ColumnType.DECIMAL,
                  Exprs.CastKind.DECIMAL_TO_DECIMAL_TRUNCATING,
                  38,
                  4);
        };
    return Rows.collect(
        new Project(
            new Source(rows, batchSize, unscaled),
            List.of(expr, Exprs.column(3, ColumnType.INTEGER)),
            TestData.context(64)));
  }

  @Test
  void aComparisonWithAnExactConstantIsTheDecimalComparison() {
    List<long[]> rows = new ArrayList<>();
    for (long v : new long[] {4, 5, 6, -5, 0}) {
      rows.add(new long[] {v, 0, 0, 0, 0, 0, rows.size()});
    }
    // 0.05 at scale 2 is 5: rows 0.04, 0.05, 0.06, -0.05, 0.00
    List<Object[]> out =
        Rows.collect(
            new Filter(
                new Source(rows, 8, true),
                Exprs.gt(
                    Exprs.column(0, ColumnType.DECIMAL),
                    Exprs.constant(new BigDecimal("0.050"), ColumnType.DECIMAL)),
                TestData.context(8)));
    assertThat(out).hasSize(1);
    assertThat(out.get(0)[0]).isEqualTo(new BigDecimal("0.06"));
  }

  /** Each row: three unscaled values, their three null flags (1 for NULL), and an int. */
  private static List<long[]> rows(Random random, int n) {
    List<long[]> rows = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      long[] row = new long[7];
      for (int c = 0; c < 3; c++) {
        row[c] =
            switch (random.nextInt(4)) {
              case 0 -> Long.MAX_VALUE - random.nextInt(3);
              case 1 -> 5L * (random.nextInt(11) - 5);
              default -> random.nextInt(5000) - 2500;
            };
        row[3 + c] = random.nextInt(8) == 0 ? 1 : 0;
      }
      row[6] = r;
      rows.add(row);
    }
    return rows;
  }

  /** The rows in batches, decimals as unscaled longs or as {@code BigDecimal}s. */
  private static final class Source implements Operator {
    private final List<long[]> rows;
    private final boolean unscaled;
    private final ColumnBatch out;
    private int next;

    Source(List<long[]> rows, int batchSize, boolean unscaled) {
      this.rows = rows;
      this.unscaled = unscaled;
      this.out = new ColumnBatch(TYPES.toArray(ColumnType[]::new), batchSize);
    }

    @Override
    public List<ColumnType> types() {
      return TYPES;
    }

    @Override
    public ColumnBatch next() {
      if (next == rows.size()) {
        return null;
      }
      out.clear();
      int n = Math.min(out.capacity(), rows.size() - next);
      for (int r = 0; r < n; r++) {
        long[] row = rows.get(next + r);
        for (int c = 0; c < 3; c++) {
          boolean isNull = row[3 + c] != 0;
          out.nulls(c)[r] = isNull;
          if (unscaled) {
            out.decimalLongs(c)[r] = row[c];
          } else {
            out.objects(c)[r] = isNull ? null : BigDecimal.valueOf(row[c], SCALES[c]);
          }
        }
        out.nulls(3)[r] = false;
        out.longs(3)[r] = row[6];
      }
      out.setSize(n);
      if (unscaled) {
        for (int c = 0; c < 3; c++) {
          out.setDecimalScale(c, SCALES[c]);
        }
      }
      next += n;
      return out;
    }

    @Override
    public void close() {}
  }
}
