package dev.bucketsql.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.SqlStateException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Exprs#function}: the function sees each asked row's values in the engine's representation,
 * NULL as null, never a row not asked for; its null result is NULL, and its error leaves as it was
 * thrown.
 */
class ObjectFunctionTest {
  @Test
  void callsTheFunctionWithTheValuesOfTheAskedRows() {
    ColumnBatch batch =
        new ColumnBatch(new ColumnType[] {ColumnType.VARCHAR, ColumnType.BIGINT}, 4);
    batch.addRow(new Object[] {"héllo", 2L});
    batch.addRow(new Object[] {null, 3L});
    batch.addRow(new Object[] {"x", 99L});
    batch.addRow(new Object[] {"ab", null});
    List<List<Object>> seen = new ArrayList<>();
    Expr e =
        Exprs.function(
            ColumnType.VARCHAR,
            args -> {
              seen.add(List.of(String.valueOf(args[0]), String.valueOf(args[1])));
              return args[0] == null || args[1] == null
                  ? null
                  : ((String) args[0]).substring((int) (long) (Long) args[1]);
            },
            List.of(Exprs.column(0, ColumnType.VARCHAR), Exprs.column(1, ColumnType.BIGINT)));
    ColumnBatch out = e.evaluate(batch, new boolean[] {true, true, false, true});
    assertThat(out.value(0, 0)).isEqualTo("llo");
    assertThat(out.nulls(0)).startsWith(false, true, true, true);
    assertThat(seen)
        .containsExactly(List.of("héllo", "2"), List.of("null", "3"), List.of("ab", "null"));
  }

  /**
   * Constant arguments are read once, yet the function sees each as a row of a batch shows it (an
   * INTEGER as an Integer, a BOOLEAN as a Boolean, NULL as null), afresh on every row even when it
   * changes its arguments in place; a VARCHAR result is NULL for a null result and for a row not
   * asked for, over random batches and selections.
   */
  @Test
  void constantArgumentsAsARowShowsThemOnEveryRow() {
    java.util.Random random = new java.util.Random(29);
    List<Expr> args =
        List.of(
            Exprs.column(0, ColumnType.VARCHAR),
            Exprs.constant(2L, ColumnType.INTEGER),
            Exprs.constant(true, ColumnType.BOOLEAN),
            Exprs.constant(null, ColumnType.BIGINT),
            Exprs.constant("k", ColumnType.VARCHAR));
    List<String> seen = new ArrayList<>();
    Expr e =
        Exprs.function(
            ColumnType.VARCHAR,
            a -> {
              seen.add(
                  a[0]
                      + " "
                      + a[1].getClass().getSimpleName()
                      + a[1]
                      + " "
                      + a[2]
                      + " "
                      + a[3]
                      + " "
                      + a[4]);
              Object first = a[0];
              // changed in place, as a conversion of a DATE argument does
              a[1] = "changed";
              a[4] = null;
              return first == null || ((String) first).isEmpty() ? null : first + "!";
            },
            args);
    for (int round = 0; round < 200; round++) {
      int n = round % 7 == 0 ? 1 : 1 + random.nextInt(50);
      ColumnBatch batch = new ColumnBatch(new ColumnType[] {ColumnType.VARCHAR}, n);
      boolean[] rows = round % 3 == 0 ? null : new boolean[n];
      List<String> want = new ArrayList<>();
      for (int r = 0; r < n; r++) {
        int kind = random.nextInt(4);
        String v = kind == 0 ? null : kind == 1 ? "" : "s" + random.nextInt(100);
        batch.addRow(new Object[] {v});
        if (rows != null) {
          rows[r] = random.nextBoolean();
        }
        if (rows == null || rows[r]) {
          want.add(v + " Integer2 true null k");
        }
      }
      seen.clear();
      ColumnBatch out = e.evaluate(batch, rows);
      assertThat(seen).isEqualTo(want);
      for (int r = 0; r < n; r++) {
        String v = (String) batch.value(0, r);
        boolean asked = rows == null || rows[r];
        Object expected = !asked || v == null || v.isEmpty() ? null : v + "!";
        assertThat(out.value(0, r)).as("row %d of round %d", r, round).isEqualTo(expected);
      }
    }
  }

  @Test
  void theFunctionsErrorLeavesAsThrown() {
    ColumnBatch batch = new ColumnBatch(new ColumnType[] {ColumnType.BIGINT}, 2);
    batch.addRow(new Object[] {7L});
    SqlStateException error = new SqlStateException("22003", "out of range: 7");
    Expr e =
        Exprs.function(
            ColumnType.BIGINT,
            args -> {
              throw error;
            },
            List.of(Exprs.column(0, ColumnType.BIGINT)));
    assertThatThrownBy(() -> e.evaluate(batch)).isSameAs(error);
  }
}
