package dev.bucketsql.calcite.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.calcite.engine.BucketTypeSystem;
import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.expr.Filter;
import dev.bucketsql.engine.memory.MemoryLimit;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/**
 * The plan's lazy ANDs unfolded into a filter's conjuncts ({@link FilterConjuncts}) keep the rows
 * the CASE keeps and fail where it fails: random batches (NULLs, values too wide for the guarded
 * cast, one row, batches of one value) through the engine's filter, once with the CASE and once
 * with the conjuncts.
 */
class FilterConjunctsTest {
  private static final JavaTypeFactory TYPES = new JavaTypeFactoryImpl(BucketTypeSystem.INSTANCE);
  private static final RexBuilder REX = new RexBuilder(TYPES);

  /** Input columns: BIGINT a and n (nullable), BIGINT k (NOT NULL). */
  private static final RelDataType ROW =
      TYPES
          .builder()
          .add("a", TYPES.createTypeWithNullability(TYPES.createSqlType(SqlTypeName.BIGINT), true))
          .add("n", TYPES.createTypeWithNullability(TYPES.createSqlType(SqlTypeName.BIGINT), true))
          .add("k", TYPES.createSqlType(SqlTypeName.BIGINT))
          .build();

  @Test
  void unfoldsTheLazyAndOfBothForms() {
    RexNode a = compare(SqlStdOperatorTable.GREATER_THAN, ref(0), 0);
    RexNode k = compare(SqlStdOperatorTable.EQUALS, ref(2), 1);
    RexNode b = castFits();
    assertThat(FilterConjuncts.lazyAnd(lazy(REX.makeCall(SqlStdOperatorTable.IS_FALSE, a), a, b)))
        .containsExactly(a, b);
    assertThat(FilterConjuncts.lazyAnd(lazy(REX.makeCall(SqlStdOperatorTable.NOT, k), k, b)))
        .containsExactly(k, b);
    // not the same first operand, not FALSE, not an AND: left as they are
    assertThat(FilterConjuncts.lazyAnd(lazy(REX.makeCall(SqlStdOperatorTable.NOT, k), a, b)))
        .isNull();
    RexNode notK = REX.makeCall(SqlStdOperatorTable.NOT, k);
    RexNode both = REX.makeCall(SqlStdOperatorTable.AND, k, b);
    assertThat(
            FilterConjuncts.lazyAnd(
                REX.makeCall(SqlStdOperatorTable.CASE, notK, REX.makeLiteral(true), both)))
        .isNull();
    assertThat(
            FilterConjuncts.lazyAnd(
                REX.makeCall(
                    SqlStdOperatorTable.CASE,
                    notK,
                    REX.makeLiteral(false),
                    REX.makeCall(SqlStdOperatorTable.OR, k, b))))
        .isNull();
    RexNode plain = REX.makeCall(SqlStdOperatorTable.AND, a, k);
    assertThat(FilterConjuncts.of(REX, plain)).isSameAs(plain);
  }

  @Test
  void sameRowsAndErrorsAsTheCase() {
    RexNode a = compare(SqlStdOperatorTable.GREATER_THAN, ref(0), 0);
    RexNode k = compare(SqlStdOperatorTable.EQUALS, ref(2), 1);
    RexNode b = castFits();
    RexNode c = compare(SqlStdOperatorTable.LESS_THAN, ref(1), 3);
    List<RexNode> conditions =
        List.of(
            // a nullable first operand (IS FALSE), and Calcite's NOT over a NOT NULL one
            lazy(REX.makeCall(SqlStdOperatorTable.IS_FALSE, a), a, b),
            lazy(REX.makeCall(SqlStdOperatorTable.NOT, k), k, b),
            // NOT over a nullable operand takes the same rows as IS FALSE
            lazy(REX.makeCall(SqlStdOperatorTable.NOT, a), a, b),
            // nested, as a chain of guarded operands comes out, and inside a plain AND
            lazy(
                REX.makeCall(SqlStdOperatorTable.NOT, k),
                k,
                lazy(REX.makeCall(SqlStdOperatorTable.IS_FALSE, a), a, b)),
            REX.makeCall(
                SqlStdOperatorTable.AND, c, lazy(REX.makeCall(SqlStdOperatorTable.NOT, a), a, b)));
    Random random = new Random(29);
    int failures = 0;
    int kept = 0;
    for (RexNode condition : conditions) {
      RexNode unfolded = FilterConjuncts.of(REX, condition);
      assertThat(unfolded).as("%s", condition).isNotEqualTo(condition);
      for (int round = 0; round < 300; round++) {
        int size = round % 10 == 0 ? 1 : 1 + random.nextInt(40);
        List<Object[]> rows = new ArrayList<>();
        for (int r = 0; r < size; r++) {
          rows.add(
              new Object[] {value(random, round), value(random, round), (long) random.nextInt(3)});
        }
        Object want = run(condition, rows);
        failures += want instanceof String ? 1 : 0;
        kept += want instanceof List<?> l && !l.isEmpty() ? 1 : 0;
        assertThat(run(unfolded, rows))
            .as("%s over %s", condition, Arrays.deepToString(rows.toArray()))
            .isEqualTo(want);
      }
    }
    // the rounds tell the forms apart: some fail, some keep rows
    assertThat(failures).isPositive();
    assertThat(kept).isPositive();
  }

  /** Small values, some NULL, a few of three digits (the cast fails there). */
  private static Long value(Random random, int round) {
    int kind = random.nextInt(round % 3 == 0 ? 3 : 12);
    return kind == 0 ? null : kind == 1 ? 500L : (long) random.nextInt(5) - 1;
  }

  /** The rows the engine's filter keeps of {@code rows} (each row's a), or its error. */
  private static Object run(RexNode condition, List<Object[]> rows) {
    ExprTranslator.Maker maker =
        new ExprTranslator(REX, EngineTypes.of(ROW.getFieldList())).translate(condition);
    assertThat(maker).as("%s", condition).isNotNull();
    List<ColumnType> types = EngineTypes.of(ROW.getFieldList());
    ColumnBatch batch = new ColumnBatch(types.toArray(new ColumnType[0]), rows.size());
    for (Object[] row : rows) {
      batch.addRow(row);
    }
    Operator source =
        new Operator() {
          private boolean done;

          @Override
          public List<ColumnType> types() {
            return types;
          }

          @Override
          public ColumnBatch next() {
            if (done) {
              return null;
            }
            done = true;
            return batch;
          }

          @Override
          public void close() {}
        };
    List<Object> kept = new ArrayList<>();
    try (Filter filter =
        new Filter(source, maker.make(), ExecContext.of(new MemoryLimit(1L << 30, "test")))) {
      for (ColumnBatch b = filter.next(); b != null; b = filter.next()) {
        for (int r = 0; r < b.size(); r++) {
          kept.add(List.of(String.valueOf(b.value(0, r)), String.valueOf(b.value(1, r))));
        }
      }
    } catch (RuntimeException e) {
      return "failed: " + e.getMessage();
    }
    return kept;
  }

  /** {@code CASE WHEN decides THEN FALSE ELSE first AND rest END}, as the plan writes it. */
  private static RexNode lazy(RexNode decides, RexNode first, RexNode rest) {
    return REX.makeCall(
        SqlStdOperatorTable.CASE,
        decides,
        REX.makeLiteral(false),
        REX.makeCall(SqlStdOperatorTable.AND, first, rest));
  }

  /** {@code CAST(n AS DECIMAL(2, 0)) IS NOT NULL}: fails where n has three digits. */
  private static RexNode castFits() {
    RelDataType decimal =
        TYPES.createTypeWithNullability(TYPES.createSqlType(SqlTypeName.DECIMAL, 2, 0), true);
    return REX.makeCall(SqlStdOperatorTable.IS_NOT_NULL, REX.makeCast(decimal, ref(1)));
  }

  private static RexNode compare(SqlOperator op, RexNode left, long value) {
    return REX.makeCall(
        op,
        left,
        REX.makeExactLiteral(BigDecimal.valueOf(value), TYPES.createSqlType(SqlTypeName.BIGINT)));
  }

  private static RexNode ref(int column) {
    return REX.makeInputRef(ROW.getFieldList().get(column).getType(), column);
  }
}
