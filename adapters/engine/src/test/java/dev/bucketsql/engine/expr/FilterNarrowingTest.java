package dev.bucketsql.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * WHERE conjuncts that compare a column with a constant, which {@link Filter} applies by clearing
 * its row mask ({@link Comparison#narrow}), against a reference that applies SQL's rules row by
 * row: NULL and FALSE drop a row, NaN is above every number and equal to itself, -0.0 equals 0.0,
 * and a comparison with a NULL constant keeps nothing. Conjuncts of other shapes in the same AND
 * (column with column, OR) are evaluated as expressions between them.
 */
class FilterNarrowingTest {
  private static final List<ColumnType> TYPES =
      List.of(
          ColumnType.BIGINT,
          ColumnType.DOUBLE,
          ColumnType.BIGINT,
          ColumnType.DOUBLE,
          ColumnType.INTEGER);
  private static final String[] OPS = {"=", "<>", "<", "<=", ">", ">="};

  /** One comparison of the test, buildable as an engine expression and evaluable on a row. */
  private record Cmp(String op, int column, Object constant, boolean constantFirst, int other) {
    Expr build() {
      ColumnType type = TYPES.get(column);
      Expr x = Exprs.column(column, type);
      Expr y = other >= 0 ? Exprs.column(other, TYPES.get(other)) : Exprs.constant(constant, type);
      Expr l = constantFirst ? y : x;
      Expr r = constantFirst ? x : y;
      return switch (op) {
        case "=" -> Exprs.eq(l, r);
        case "<>" -> Exprs.ne(l, r);
        case "<" -> Exprs.lt(l, r);
        case "<=" -> Exprs.le(l, r);
        case ">" -> Exprs.gt(l, r);
        default -> Exprs.ge(l, r);
      };
    }

    /** TRUE, FALSE or NULL (null) for one row. */
    Boolean eval(Object[] row) {
      Object x = row[column];
      Object y = other >= 0 ? row[other] : constant;
      if (x == null || y == null) {
        return null;
      }
      int c = constantFirst ? TestData.sqlCompare(y, x) : TestData.sqlCompare(x, y);
      return switch (op) {
        case "=" -> c == 0;
        case "<>" -> c != 0;
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        case ">" -> c > 0;
        default -> c >= 0;
      };
    }
  }

  @Test
  void keepsExactlyTheRowsEveryConjunctMakesTrue() {
    for (long seed = 1; seed <= 400; seed++) {
      Random random = new Random(seed);
      int count = random.nextInt(5) == 0 ? random.nextInt(3) : 1 + random.nextInt(300);
      List<Object[]> rows = TestData.rows(random, TYPES, count, random.nextInt(3) * 15);
      int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
      List<Cmp> conjuncts = new ArrayList<>();
      int k = 1 + random.nextInt(4);
      for (int i = 0; i < k; i++) {
        int column = random.nextInt(TYPES.size());
        ColumnType type = TYPES.get(column);
        boolean pair = column < 4 && random.nextInt(6) == 0;
        int other = pair ? column ^ 2 : -1;
        Object constant = random.nextInt(12) == 0 ? null : TestData.value(random, type);
        conjuncts.add(
            new Cmp(
                OPS[random.nextInt(OPS.length)], column, constant, random.nextBoolean(), other));
      }
      Expr where = conjuncts.get(0).build();
      for (int i = 1; i < conjuncts.size(); i++) {
        where = Exprs.and(where, conjuncts.get(i).build());
      }
      List<Object[]> expected = new ArrayList<>();
      for (Object[] row : rows) {
        boolean keep = true;
        for (Cmp c : conjuncts) {
          keep &= Boolean.TRUE.equals(c.eval(row));
        }
        if (keep) {
          expected.add(row);
        }
      }
      Filter filter =
          new Filter(TestData.source(TYPES, rows, batchSize), where, TestData.context(batchSize));
      assertThat(TestData.sequence(Rows.collect(filter)))
          .as("seed %d, batches of %d: WHERE %s", seed, batchSize, conjuncts)
          .isEqualTo(TestData.sequence(expected));
    }
  }
}
