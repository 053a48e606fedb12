package dev.bucketsql.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.SqlStateException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code a % b} of decimals against {@link BigDecimal#divideAndRemainder} (what the SQL layer's
 * generated code computes): random values of mixed scales and signs, NULLs, in batches of several
 * sizes, compared with {@code equals} so that the scale counts; a zero divisor fails with 22012 and
 * the SQL layer's message, only in a row the caller asks for.
 */
class DecimalRemainderTest {
  private static final List<ColumnType> TYPES = List.of(ColumnType.DECIMAL, ColumnType.DECIMAL);

  @Test
  void remaindersAreBigDecimals() {
    Random random = new Random(5);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      rows.add(new Object[] {decimal(random, false), decimal(random, true)});
    }
    rows.add(new Object[] {new BigDecimal("-7.50"), new BigDecimal("2.0")});
    rows.add(new Object[] {new BigDecimal("7.25"), new BigDecimal("-2.5")});
    rows.add(new Object[] {new BigDecimal("0.00"), new BigDecimal("0.3")});
    for (int batchSize : TestData.BATCH_SIZES) {
      List<Object[]> out = Rows.collect(project(rows, batchSize));
      for (int r = 0; r < rows.size(); r++) {
        BigDecimal a = (BigDecimal) rows.get(r)[0];
        BigDecimal b = (BigDecimal) rows.get(r)[1];
        Object want = a == null || b == null ? null : a.divideAndRemainder(b)[1];
        assertThat(out.get(r)[0]).as("%s %% %s", a, b).isEqualTo(want);
      }
    }
  }

  @Test
  void aZeroDivisorIsTheSqlError() {
    List<Object[]> rows = new ArrayList<>();
    rows.add(new Object[] {new BigDecimal("1.5"), new BigDecimal("1")});
    rows.add(new Object[] {new BigDecimal("1.5"), new BigDecimal("0.00")});
    assertThatThrownBy(() -> Rows.collect(project(rows, 3)))
        .isInstanceOf(SqlStateException.class)
        .hasMessage(
            "division by zero: a / or % has a zero divisor; use NULLIF(divisor, 0) to get NULL"
                + " instead")
        .satisfies(e -> assertThat(((SqlStateException) e).sqlState()).isEqualTo("22012"));
  }

  @Test
  void aRowNotAskedForDoesNotFail() {
    ColumnBatch batch = new ColumnBatch(TYPES.toArray(new ColumnType[0]), 2);
    batch.addRow(new Object[] {new BigDecimal("1.5"), BigDecimal.ZERO});
    batch.addRow(new Object[] {new BigDecimal("7.5"), new BigDecimal("2")});
    ColumnBatch out = remainder().evaluate(batch, new boolean[] {false, true});
    assertThat(out.nulls(0)[0]).isTrue();
    assertThat(out.objects(0)[1]).isEqualTo(new BigDecimal("1.5"));
  }

  private static Expr remainder() {
    return Exprs.mod(Exprs.column(0, ColumnType.DECIMAL), Exprs.column(1, ColumnType.DECIMAL));
  }

  private static Project project(List<Object[]> rows, int batchSize) {
    return new Project(
        TestData.source(TYPES, rows, batchSize), List.of(remainder()), TestData.context(batchSize));
  }

  private static BigDecimal decimal(Random random, boolean divisor) {
    if (random.nextInt(10) == 0) {
      return null;
    }
    long unscaled = random.nextLong() % (random.nextBoolean() ? 1000 : 1_000_000_000_000L);
    if (divisor && unscaled == 0) {
      unscaled = 7;
    }
    return BigDecimal.valueOf(unscaled, random.nextInt(5));
  }
}
