package dev.bucketsql.calcite.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.calcite.engine.BucketTypeSystem;
import dev.bucketsql.engine.expr.Expr;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutable;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/**
 * Calcite's own operators in its reductions of {@code STDDEV_*} and {@code VAR_*} (a DOUBLE
 * compared with an integer literal, {@code POWER}, an integer plus or minus a literal) translated
 * for the engine, against Calcite's generated code for the same expression ({@link
 * RexExecutorImpl#getExecutable}) over NaN, -0.0, the infinities, the extremes of each integer
 * width (where Java's arithmetic wraps) and NULL; and the comparisons where a NaN would answer
 * otherwise in the engine's order stay Calcite's.
 */
class ReductionOperatorsTest {
  private static final JavaTypeFactory TYPES = new JavaTypeFactoryImpl(BucketTypeSystem.INSTANCE);
  private static final RexBuilder REX = new RexBuilder(TYPES);

  /** Input columns: DOUBLE x, DOUBLE y, BIGINT n, INTEGER i; all nullable. */
  private static final RelDataType ROW =
      TYPES
          .builder()
          .add("x", nullable(SqlTypeName.DOUBLE))
          .add("y", nullable(SqlTypeName.DOUBLE))
          .add("n", nullable(SqlTypeName.BIGINT))
          .add("i", nullable(SqlTypeName.INTEGER))
          .build();

  private static final double[] DOUBLES = {
    Double.NaN,
    -0.0,
    0.0,
    1.5,
    -2.5,
    -3.0,
    9.007199254740992E15,
    Double.POSITIVE_INFINITY,
    Double.NEGATIVE_INFINITY,
    Double.MAX_VALUE,
    Double.MIN_VALUE,
    0.25
  };
  private static final long[] LONGS = {0, 1, -1, 7, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40};
  private static final int[] INTS = {0, 1, -1, 3, Integer.MAX_VALUE, Integer.MIN_VALUE};

  @Test
  void doubleComparedWithAnIntegerLiteralAsCalcitesCode() {
    RexNode x = ref(0);
    for (RexNode c :
        List.of(
            REX.makeExactLiteral(BigDecimal.ZERO),
            REX.makeExactLiteral(BigDecimal.valueOf(-3)),
            REX.makeExactLiteral(
                BigDecimal.valueOf(9007199254740993L), TYPES.createSqlType(SqlTypeName.BIGINT)))) {
      for (SqlOperator op :
          List.of(
              SqlStdOperatorTable.EQUALS,
              SqlStdOperatorTable.NOT_EQUALS,
              SqlStdOperatorTable.LESS_THAN,
              SqlStdOperatorTable.LESS_THAN_OR_EQUAL)) {
        assertSameAsCalcite(REX.makeCall(op, x, c));
      }
      for (SqlOperator op :
          List.of(
              SqlStdOperatorTable.EQUALS,
              SqlStdOperatorTable.NOT_EQUALS,
              SqlStdOperatorTable.GREATER_THAN,
              SqlStdOperatorTable.GREATER_THAN_OR_EQUAL)) {
        assertSameAsCalcite(REX.makeCall(op, c, x));
      }
      // NaN > c is false in Java and true in the engine's (DuckDB's) order: Calcite's
      for (SqlOperator op :
          List.of(SqlStdOperatorTable.GREATER_THAN, SqlStdOperatorTable.GREATER_THAN_OR_EQUAL)) {
        assertThat(translate(REX.makeCall(op, x, c))).isNull();
      }
      for (SqlOperator op :
          List.of(SqlStdOperatorTable.LESS_THAN, SqlStdOperatorTable.LESS_THAN_OR_EQUAL)) {
        assertThat(translate(REX.makeCall(op, c, x))).isNull();
      }
    }
  }

  @Test
  void powerAsCalcitesCode() {
    assertSameAsCalcite(
        REX.makeCall(
            SqlStdOperatorTable.POWER, ref(0), REX.makeExactLiteral(new BigDecimal("0.5"))));
    assertSameAsCalcite(REX.makeCall(SqlStdOperatorTable.POWER, ref(0), ref(1)));
  }

  @Test
  void integerArithmeticWithALiteralAsCalcitesCode() {
    for (int column : new int[] {2, 3}) {
      for (long literal : new long[] {1, -1, 3, 0}) {
        RexNode c = REX.makeExactLiteral(BigDecimal.valueOf(literal));
        assertSameAsCalcite(REX.makeCall(SqlStdOperatorTable.MINUS, ref(column), c));
        assertSameAsCalcite(REX.makeCall(SqlStdOperatorTable.PLUS, ref(column), c));
        assertSameAsCalcite(REX.makeCall(SqlStdOperatorTable.PLUS, c, ref(column)));
        assertSameAsCalcite(REX.makeCall(SqlStdOperatorTable.MULTIPLY, ref(column), c));
      }
    }
    // c - x is not a shape Calcite's reductions make: it stays Calcite's
    assertThat(
            translate(
                REX.makeCall(
                    SqlStdOperatorTable.MINUS, REX.makeExactLiteral(BigDecimal.ONE), ref(2))))
        .isNull();
  }

  private static ExprTranslator.Maker translate(RexNode node) {
    return new ExprTranslator(REX, EngineTypes.of(ROW.getFieldList())).translate(node);
  }

  /** Each input row through Calcite's code and through the engine: same value or same failure. */
  private static void assertSameAsCalcite(RexNode node) {
    ExprTranslator.Maker maker = translate(node);
    assertThat(maker).as("%s translates", node).isNotNull();
    RexExecutable calcite = RexExecutorImpl.getExecutable(REX, List.of(node), ROW);
    Expr expr = maker.make();
    for (Object[] row : rows()) {
      Object want;
      try {
        calcite.setDataContext(new Input(row));
        want = calcite.execute()[0];
      } catch (RuntimeException e) {
        want = "failed: " + e;
      }
      Object got;
      try {
        ColumnBatch batch =
            new ColumnBatch(EngineTypes.of(ROW.getFieldList()).toArray(new ColumnType[0]), 1);
        batch.addRow(row);
        got = expr.evaluate(batch).value(0, 0);
      } catch (RuntimeException e) {
        got = "failed: " + e;
      }
      assertThat(got).as("%s of %s", node, Arrays.toString(row)).isEqualTo(want);
    }
  }

  /** Every double against every other, beside each long and int, and a row of NULLs. */
  private static List<Object[]> rows() {
    List<Object[]> rows = new ArrayList<>();
    int k = 0;
    for (double x : DOUBLES) {
      for (double y : DOUBLES) {
        rows.add(new Object[] {x, y, LONGS[k % LONGS.length], INTS[k % INTS.length]});
        k++;
      }
    }
    for (long n : LONGS) {
      for (int i : INTS) {
        rows.add(new Object[] {null, 2.0, n, i});
      }
    }
    rows.add(new Object[] {null, null, null, null});
    return rows;
  }

  private static RexNode ref(int column) {
    return REX.makeInputRef(ROW.getFieldList().get(column).getType(), column);
  }

  private static RelDataType nullable(SqlTypeName type) {
    return TYPES.createTypeWithNullability(TYPES.createSqlType(type), true);
  }

  /** The data context of Calcite's code: the input row, nothing else. */
  private record Input(Object[] row) implements DataContext {
    @Override
    public SchemaPlus getRootSchema() {
      return null;
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
      return TYPES;
    }

    @Override
    public QueryProvider getQueryProvider() {
      return null;
    }

    @Override
    public Object get(String name) {
      return name.equals("inputRecord") ? row : null;
    }
  }
}
