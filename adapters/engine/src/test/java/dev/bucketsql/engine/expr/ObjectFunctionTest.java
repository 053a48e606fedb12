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
