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
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The engine's text expressions against references written here: {@code ||} and {@code concat()}
 * over random strings (NULLs, empty, accents, combining marks, CJK, a supplementary character)
 * across batch sizes; {@link Exprs#parse} and {@link Exprs#format} call the SQL layer's function
 * only for asked, non-NULL rows, its error leaves as thrown, and {@link Exprs#tryParse} turns an
 * exception (not an Error) into NULL.
 */
class TextExprTest {
  @Test
  void concatenationIsNullWithANullOperandAndConcatSkipsNulls() {
    Random random = new Random(5);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      rows.add(new Object[] {text(random), text(random), text(random)});
    }
    List<ColumnType> types = List.of(ColumnType.VARCHAR, ColumnType.VARCHAR, ColumnType.VARCHAR);
    for (int batchSize : TestData.BATCH_SIZES) {
      Expr a = Exprs.column(0, ColumnType.VARCHAR);
      Expr b = Exprs.column(1, ColumnType.VARCHAR);
      Expr c = Exprs.column(2, ColumnType.VARCHAR);
      List<Object[]> out =
          Rows.collect(
              new Project(
                  TestData.source(types, rows, batchSize),
                  List.of(
                      Exprs.concat(a, b),
                      Exprs.concat(Exprs.concat(a, b), c),
                      Exprs.concatSkippingNulls(List.of(a, b, c)),
                      Exprs.concatSkippingNulls(List.of(c))),
                  TestData.context(batchSize)));
      assertThat(out).hasSize(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        String x = (String) rows.get(i)[0];
        String y = (String) rows.get(i)[1];
        String z = (String) rows.get(i)[2];
        Object[] got = out.get(i);
        assertThat(got[0]).as("%s || %s", x, y).isEqualTo(x == null || y == null ? null : x + y);
        assertThat(got[1])
            .as("%s || %s || %s", x, y, z)
            .isEqualTo(x == null || y == null || z == null ? null : x + y + z);
        assertThat(got[2])
            .as("concat(%s, %s, %s)", x, y, z)
            .isEqualTo((x == null ? "" : x) + (y == null ? "" : y) + (z == null ? "" : z));
        assertThat(got[3]).isEqualTo(z == null ? "" : z);
      }
    }
  }

  @Test
  void concatenationOfRowsNotAskedForIsNotComputed() {
    ColumnBatch batch = strings("a", "b", null);
    Expr e =
        Exprs.concat(Exprs.column(0, ColumnType.VARCHAR), Exprs.constant("!", ColumnType.VARCHAR));
    ColumnBatch out = e.evaluate(batch, new boolean[] {false, true, true});
    assertThat(out.nulls(0)).startsWith(true, false, true);
    assertThat(out.value(0, 1)).isEqualTo("b!");
    assertThatThrownBy(
            () ->
                Exprs.concat(
                    Exprs.column(0, ColumnType.BIGINT), Exprs.column(1, ColumnType.VARCHAR)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parseCallsTheParserOnlyForAskedNonNullRows() {
    ColumnBatch batch = strings("12.5", null, "x", "-0.125", "");
    List<String> seen = new ArrayList<>();
    Function<String, BigDecimal> parser =
        s -> {
          seen.add(s);
          return new BigDecimal(s.trim());
        };
    Expr e = Exprs.parse(Exprs.column(0, ColumnType.VARCHAR), ColumnType.DECIMAL, parser);
    ColumnBatch out = e.evaluate(batch, new boolean[] {true, true, false, true, false});
    assertThat(seen).containsExactly("12.5", "-0.125");
    assertThat(out.value(0, 0)).isEqualTo(new BigDecimal("12.5"));
    assertThat(out.value(0, 3)).isEqualTo(new BigDecimal("-0.125"));
    assertThat(out.nulls(0)).startsWith(false, true, true, false, true);
  }

  @Test
  void parsersErrorLeavesAsThrownAndTryParseGivesNull() {
    ColumnBatch batch = strings("2024-02-29", "2023-02-29", null, "7");
    SqlStateException invalid = new SqlStateException("22007", "invalid date '2023-02-29'");
    Function<String, Integer> days =
        s -> {
          if (s.equals("2023-02-29")) {
            throw invalid;
          }
          if (s.equals("7")) {
            throw new NumberFormatException("For input string: \"7\"");
          }
          return 19782;
        };
    Expr column = Exprs.column(0, ColumnType.VARCHAR);
    assertThatThrownBy(() -> Exprs.parse(column, ColumnType.DATE, days).evaluate(batch))
        .isSameAs(invalid);
    // the failing row not asked for: no error
    ColumnBatch asked =
        Exprs.parse(column, ColumnType.DATE, days)
            .evaluate(batch, new boolean[] {true, false, true, false});
    assertThat(asked.value(0, 0)).isEqualTo(19782);
    ColumnBatch out = Exprs.tryParse(column, ColumnType.DATE, days).evaluate(batch);
    assertThat(Arrays.asList(out.value(0, 0), out.value(0, 1), out.value(0, 2), out.value(0, 3)))
        .containsExactly(19782, null, null, null);
    StackOverflowError deep = new StackOverflowError();
    Expr failing =
        Exprs.tryParse(
            column,
            ColumnType.BIGINT,
            s -> {
              throw deep;
            });
    assertThatThrownBy(() -> failing.evaluate(batch)).isSameAs(deep);
    assertThatThrownBy(() -> Exprs.parse(Exprs.column(0, ColumnType.DATE), ColumnType.DATE, days))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void parsedValuesTakeTheResultTypesRepresentation() {
    ColumnBatch batch = strings("-9223372036854775808", "1.5", "true");
    Expr column = Exprs.column(0, ColumnType.VARCHAR);
    ColumnBatch longs =
        Exprs.parse(column, ColumnType.BIGINT, Long::valueOf)
            .evaluate(batch, new boolean[] {true, false, false});
    assertThat(longs.longs(0)[0]).isEqualTo(Long.MIN_VALUE);
    ColumnBatch doubles =
        Exprs.parse(column, ColumnType.DOUBLE, Double::valueOf)
            .evaluate(batch, new boolean[] {false, true, false});
    assertThat(doubles.doubles(0)[1]).isEqualTo(1.5);
    ColumnBatch booleans =
        Exprs.parse(column, ColumnType.BOOLEAN, Boolean::valueOf)
            .evaluate(batch, new boolean[] {false, false, true});
    assertThat(booleans.value(0, 2)).isEqualTo(Boolean.TRUE);
  }

  @Test
  void formatWritesOnlyAskedNonNullRows() {
    ColumnBatch batch = new ColumnBatch(new ColumnType[] {ColumnType.TIMESTAMP}, 4);
    batch.addRow(new Object[] {-1L});
    batch.addRow(new Object[] {null});
    batch.addRow(new Object[] {951827696789L});
    batch.addRow(new Object[] {Long.MAX_VALUE});
    List<Long> seen = new ArrayList<>();
    Expr e =
        Exprs.format(
            Exprs.column(0, ColumnType.TIMESTAMP),
            v -> {
              seen.add(v);
              return "t" + v;
            });
    assertThat(e.type()).isEqualTo(ColumnType.VARCHAR);
    ColumnBatch out = e.evaluate(batch, new boolean[] {true, true, true, false});
    assertThat(seen).containsExactly(-1L, 951827696789L);
    assertThat(out.value(0, 0)).isEqualTo("t-1");
    assertThat(out.value(0, 2)).isEqualTo("t951827696789");
    assertThat(out.nulls(0)).startsWith(false, true, false, true);
    assertThatThrownBy(() -> Exprs.format(Exprs.column(0, ColumnType.VARCHAR), String::valueOf))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Exprs.format(Exprs.column(0, ColumnType.BOOLEAN), String::valueOf))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static ColumnBatch strings(String... values) {
    ColumnBatch batch = new ColumnBatch(new ColumnType[] {ColumnType.VARCHAR}, values.length);
    for (String v : values) {
      batch.addRow(new Object[] {v});
    }
    return batch;
  }

  private static String text(Random random) {
    return random.nextInt(6) == 0 ? null : (String) TestData.value(random, ColumnType.VARCHAR);
  }
}
