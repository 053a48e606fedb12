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
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code -a} and {@code ABS(a)} against {@link Math#negateExact}-style references: every integer
 * width at and near its limits (the one value whose negation does not fit fails with 22003 and the
 * SQL layer's message), doubles with -0.0, NaN and the infinities, decimals keeping their scale,
 * NULLs, and rows a condition does not ask for, which must not fail.
 */
class UnaryTest {
  private static final List<ColumnType> INTEGERS =
      List.of(ColumnType.TINYINT, ColumnType.SMALLINT, ColumnType.INTEGER, ColumnType.BIGINT);

  @Test
  void integersNegateExactlyAndFailOnlyAtTheirMinimum() {
    for (ColumnType type : INTEGERS) {
      long min = min(type);
      long max = -(min + 1);
      List<Long> values =
          Arrays.asList(0L, 1L, -1L, 42L, -42L, max, -max, min + 1, max - 1, null, min / 2);
      for (boolean abs : new boolean[] {false, true}) {
        List<Object[]> out = run(type, values, abs);
        for (int i = 0; i < values.size(); i++) {
          Long v = values.get(i);
          Object expected = v == null ? null : narrow(type, abs ? Math.abs(v) : -v);
          assertThat(out.get(i)[0]).as("%s %s(%s)", type, abs ? "ABS" : "-", v).isEqualTo(expected);
        }
        String op = abs ? "ABS" : "-";
        assertThatThrownBy(() -> run(type, List.of(1L, min), abs))
            .as("%s %s(min)", type, op)
            .isInstanceOf(SqlStateException.class)
            .hasMessage(
                "Overflow in negation of %s (-(%d)): the result is out of %s's range; cast the"
                    + " operand to %s to widen it",
                type, min, type, Overflow.wider(type.name()))
            .satisfies(e -> assertThat(((SqlStateException) e).sqlState()).isEqualTo("22003"));
      }
    }
  }

  @Test
  void aRowNotAskedForDoesNotFail() {
    ColumnBatch batch = new ColumnBatch(new ColumnType[] {ColumnType.INTEGER}, 4);
    batch.addRow(new Object[] {Integer.MIN_VALUE});
    batch.addRow(new Object[] {5});
    ColumnBatch out =
        Exprs.negate(Exprs.column(0, ColumnType.INTEGER))
            .evaluate(batch, new boolean[] {false, true});
    assertThat(out.nulls(0)[1]).isFalse();
    assertThat(out.longs(0)[1]).isEqualTo(-5);
  }

  @Test
  void doublesAndDecimalsAsJavaComputesThem() {
    Random random = new Random(11);
    List<Object> doubles = new ArrayList<>();
    List<Object> decimals = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      doubles.add(random.nextInt(10) == 0 ? null : TestData.value(random, ColumnType.DOUBLE));
      decimals.add(random.nextInt(10) == 0 ? null : TestData.value(random, ColumnType.DECIMAL));
    }
    for (boolean abs : new boolean[] {false, true}) {
      for (int batchSize : TestData.BATCH_SIZES) {
        List<Object[]> d = project(ColumnType.DOUBLE, doubles, abs, batchSize);
        List<Object[]> m = project(ColumnType.DECIMAL, decimals, abs, batchSize);
        for (int i = 0; i < doubles.size(); i++) {
          Double x = (Double) doubles.get(i);
          Object want = x == null ? null : abs ? Math.abs(x) : -x;
          // compared bit for bit, so that -0.0 and 0.0 differ
          assertThat(d.get(i)[0] == null ? null : Double.doubleToRawLongBits((Double) d.get(i)[0]))
              .isEqualTo(want == null ? null : Double.doubleToRawLongBits((Double) want));
          BigDecimal y = (BigDecimal) decimals.get(i);
          // equals: the same value and the same scale
          assertThat(m.get(i)[0]).isEqualTo(y == null ? null : abs ? y.abs() : y.negate());
        }
      }
    }
  }

  @Test
  void signlessZeroTurnsOnlyNegativeZeroIntoZero() {
    Random random = new Random(23);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      rows.add(
          new Object[] {random.nextInt(8) == 0 ? null : TestData.value(random, ColumnType.DOUBLE)});
    }
    rows.add(new Object[] {-0.0});
    rows.add(new Object[] {Double.longBitsToDouble(0x7ff8_0000_0000_0001L)});
    for (int batchSize : TestData.BATCH_SIZES) {
      List<Object[]> out =
          Rows.collect(
              new Project(
                  TestData.source(List.of(ColumnType.DOUBLE), rows, batchSize),
                  List.of(Exprs.signlessZero(Exprs.column(0, ColumnType.DOUBLE))),
                  TestData.context(batchSize)));
      assertThat(out).hasSameSizeAs(rows);
      for (int i = 0; i < rows.size(); i++) {
        Double x = (Double) rows.get(i)[0];
        // the reference: zero of either sign is 0.0, anything else itself
        Double want = x == null ? null : x == 0.0 ? 0.0 : x;
        Double got = (Double) out.get(i)[0];
        // bit for bit (NaN as one value), so that -0.0 and 0.0 differ
        assertThat(got == null ? null : Double.doubleToLongBits(got))
            .as("SIGNLESS_ZERO(%s)", x)
            .isEqualTo(want == null ? null : Double.doubleToLongBits(want));
      }
    }
    ColumnBatch batch = new ColumnBatch(new ColumnType[] {ColumnType.DOUBLE}, 2);
    batch.addRow(new Object[] {-0.0});
    batch.addRow(new Object[] {-0.0});
    ColumnBatch asked =
        Exprs.signlessZero(Exprs.column(0, ColumnType.DOUBLE))
            .evaluate(batch, new boolean[] {false, true});
    assertThat(asked.nulls(0)).startsWith(true, false);
    assertThat(Double.doubleToRawLongBits(asked.doubles(0)[1])).isZero();
    List<Object[]> reals = new ArrayList<>();
    for (Object[] row : rows) {
      reals.add(new Object[] {row[0] == null ? null : (float) (double) (Double) row[0]});
    }
    List<Object[]> realsOut =
        Rows.collect(
            new Project(
                TestData.source(List.of(ColumnType.REAL), reals, 7),
                List.of(Exprs.signlessZero(Exprs.column(0, ColumnType.REAL))),
                TestData.context(7)));
    for (int i = 0; i < reals.size(); i++) {
      Float x = (Float) reals.get(i)[0];
      Float want = x == null ? null : x == 0.0f ? 0.0f : x;
      Float got = (Float) realsOut.get(i)[0];
      assertThat(got == null ? null : Float.floatToIntBits(got))
          .as("SIGNLESS_ZERO(%s) of a REAL", x)
          .isEqualTo(want == null ? null : Float.floatToIntBits(want));
    }
    for (ColumnType type : List.of(ColumnType.INTEGER, ColumnType.BIGINT, ColumnType.DECIMAL)) {
      assertThatThrownBy(() -> Exprs.signlessZero(Exprs.column(0, type)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aLongFunctionMapsValuesOnlyForRowsAskedFor() {
    ColumnBatch batch = new ColumnBatch(new ColumnType[] {ColumnType.DATE}, 4);
    batch.addRow(new Object[] {10});
    batch.addRow(new Object[] {null});
    batch.addRow(new Object[] {-3});
    long[] calls = new long[1];
    Expr e =
        Exprs.longFunction(
            Exprs.column(0, ColumnType.DATE),
            ColumnType.BIGINT,
            d -> {
              calls[0]++;
              return d * 2;
            });
    ColumnBatch out = e.evaluate(batch, new boolean[] {true, true, false});
    assertThat(out.longs(0)[0]).isEqualTo(20);
    assertThat(out.nulls(0)).startsWith(false, true, true);
    assertThat(calls[0]).as("calls: only the asked, non-null row").isEqualTo(1);
    assertThatThrownBy(
            () ->
                Exprs.longFunction(Exprs.column(0, ColumnType.VARCHAR), ColumnType.BIGINT, d -> d))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static List<Object[]> run(ColumnType type, List<Long> values, boolean abs) {
    List<Object> boxed = new ArrayList<>();
    for (Long v : values) {
      boxed.add(v == null ? null : narrow(type, v));
    }
    return project(type, boxed, abs, 3);
  }

  private static List<Object[]> project(
      ColumnType type, List<Object> values, boolean abs, int batchSize) {
    List<Object[]> rows = new ArrayList<>();
    for (Object v : values) {
      rows.add(new Object[] {v});
    }
    Expr column = Exprs.column(0, type);
    Expr e = abs ? Exprs.abs(column) : Exprs.negate(column);
    return Rows.collect(
        new Project(
            TestData.source(List.of(type), rows, batchSize),
            List.of(e),
            TestData.context(batchSize)));
  }

  private static long min(ColumnType type) {
    return switch (type) {
      case TINYINT -> Byte.MIN_VALUE;
      case SMALLINT -> Short.MIN_VALUE;
      case INTEGER -> Integer.MIN_VALUE;
      default -> Long.MIN_VALUE;
    };
  }

  /** {@code v} in the Java type of {@code type}'s values. */
  private static Object narrow(ColumnType type, long v) {
    return switch (type) {
      case TINYINT -> (byte) v;
      case SMALLINT -> (short) v;
      case INTEGER -> (int) v;
      default -> v;
    };
  }
}
