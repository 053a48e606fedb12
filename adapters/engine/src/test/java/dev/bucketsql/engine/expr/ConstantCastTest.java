package dev.bucketsql.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.SqlStateException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A cast of a constant is computed once, when the expression is made, into a constant of the cast's
 * value; one that fails stays a cast, failing only when a row evaluates it, as before.
 */
class ConstantCastTest {
  private static final List<ColumnType> TYPES = List.of(ColumnType.BIGINT);

  @Test
  void aCastOfAConstantIsTheConstantOfItsValue() {
    Expr d =
        Exprs.cast(
            Exprs.constant(7, ColumnType.INTEGER),
            ColumnType.DOUBLE,
            Exprs.CastKind.LONG_TO_DOUBLE,
            0,
            0);
    assertThat(d).isInstanceOf(Constant.class);
    assertThat(((Constant) d).value()).isEqualTo(7.0);
    Expr m =
        Exprs.cast(
            Exprs.constant(new BigDecimal("1.239"), ColumnType.DECIMAL),
            ColumnType.DECIMAL,
            Exprs.CastKind.DECIMAL_TO_DECIMAL_TRUNCATING,
            5,
            2);
    assertThat(((Constant) m).value()).isEqualTo(new BigDecimal("1.23"));
    Expr none =
        Exprs.cast(
            Exprs.constant(null, ColumnType.INTEGER),
            ColumnType.DOUBLE,
            Exprs.CastKind.LONG_TO_DOUBLE,
            0,
            0);
    assertThat(((Constant) none).value()).isNull();
    assertThat(project(List.of(row(1L), row(2L)), d)).containsExactly(7.0, 7.0);
  }

  @Test
  void aCastOfAConstantThatFailsFailsOnlyWhereARowEvaluatesIt() {
    Expr narrow =
        Exprs.cast(
            Exprs.constant(3_000_000_000L, ColumnType.BIGINT),
            ColumnType.INTEGER,
            Exprs.CastKind.NARROW,
            0,
            0);
    assertThat(narrow).isInstanceOf(Cast.class);
    // no row, no error
    assertThat(project(new ArrayList<>(), narrow)).isEmpty();
    assertThatThrownBy(() -> project(List.<Object[]>of(row(1L)), narrow))
        .isInstanceOf(SqlStateException.class)
        .satisfies(e -> assertThat(((SqlStateException) e).sqlState()).isEqualTo("22003"));
    // TRY_CAST folds to NULL
    Expr tried =
        Exprs.tryCast(
            Exprs.constant(3_000_000_000L, ColumnType.BIGINT),
            ColumnType.INTEGER,
            Exprs.CastKind.NARROW,
            0,
            0);
    assertThat(((Constant) tried).value()).isNull();
  }

  private static Object[] row(Object v) {
    return new Object[] {v};
  }

  private static List<Object> project(List<Object[]> rows, Expr e) {
    List<Object> out = new ArrayList<>();
    for (Object[] r :
        Rows.collect(
            new Project(TestData.source(TYPES, rows, 4), List.of(e), TestData.context(4)))) {
      out.add(r[0]);
    }
    return out;
  }
}
