package dev.bucketsql.calcite.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.calcite.engine.BucketTypeSystem;
import dev.bucketsql.engine.expr.Expr;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutable;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.runtime.SqlFunctions;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/**
 * The engine's translation of casts from and to text and of concatenation against Calcite's own
 * generated code for the same expression ({@link RexExecutorImpl#getExecutable}, the code generator
 * of the enumerable plan) over awkward inputs: leap days, dates before 1970 and of year 1, ISO
 * timestamps with a {@code T}, times past midnight, exponents, signs, spaces, non-ASCII digits and
 * letters, a supplementary character, empty text and NULL. Each row must give the same value, or
 * fail with the same exception (class and message), with TRY_CAST's NULL where the cast fails.
 */
class TextTranslatorTest {
  private static final JavaTypeFactory TYPES = new JavaTypeFactoryImpl(BucketTypeSystem.INSTANCE);
  private static final RexBuilder REX = new RexBuilder(TYPES);

  private static final List<String> TEXTS =
      Arrays.asList(
          "2024-02-29",
          "2023-02-29",
          " 2024-2-3 ",
          "1969-12-31",
          "0001-01-01",
          "9999-12-31",
          "2024-02-29 12:34:56.789",
          "1969-12-31 23:59:59.999",
          "2024-02-29T10:00:00",
          "2024-02-29 24:00:00",
          "2024",
          "12:34",
          "12:34:56.7891",
          "25:00:00",
          "1e2",
          "-0.005",
          "12.345",
          "-12.355",
          "+5",
          "\u0661\u0662",
          " 42 ",
          "",
          " ",
          "x",
          "true",
          "99999999999999999999",
          "-9223372036854775808",
          "123456789.125",
          "h\u00e9llo",
          "\u65e5\u672c\u8a9e",
          "\ud83d\ude00ab",
          "e\u0301",
          "abcdefgh",
          null);

  /** Input columns: text, CHAR(4) text, BIGINT, DATE, TIMESTAMP, TIME; all nullable. */
  private static final RelDataType ROW =
      TYPES
          .builder()
          .add("s", nullable(TYPES.createSqlType(SqlTypeName.VARCHAR)))
          .add("c", nullable(TYPES.createSqlType(SqlTypeName.CHAR, 4)))
          .add("n", nullable(TYPES.createSqlType(SqlTypeName.BIGINT)))
          .add("d", nullable(TYPES.createSqlType(SqlTypeName.DATE)))
          .add("ts", nullable(TYPES.createSqlType(SqlTypeName.TIMESTAMP)))
          .add("t", nullable(TYPES.createSqlType(SqlTypeName.TIME)))
          .build();

  @Test
  void castsOfTextAsCalcitesCode() {
    List<RelDataType> targets =
        List.of(
            TYPES.createSqlType(SqlTypeName.DATE),
            TYPES.createSqlType(SqlTypeName.TIME),
            TYPES.createSqlType(SqlTypeName.TIMESTAMP),
            TYPES.createSqlType(SqlTypeName.DECIMAL, 10, 2),
            TYPES.createSqlType(SqlTypeName.DECIMAL, 5, 0),
            TYPES.createSqlType(SqlTypeName.DECIMAL, 38, 10),
            TYPES.createSqlType(SqlTypeName.VARCHAR, 3),
            TYPES.createSqlType(SqlTypeName.CHAR, 5),
            TYPES.createSqlType(SqlTypeName.CHAR, 2));
    for (RelDataType target : targets) {
      for (int column = 0; column < 2; column++) {
        for (boolean safe : new boolean[] {false, true}) {
          if (safe && target.getSqlTypeName().getFamily() == SqlTypeName.VARCHAR.getFamily()) {
            continue; // TRY_CAST to text stays Calcite's
          }
          assertSameAsCalcite(REX.makeAbstractCast(nullable(target), ref(column), safe));
        }
      }
    }
  }

  @Test
  void textOfNumbersDatesAndTimesAsCalcitesCode() {
    List<RelDataType> targets =
        List.of(
            TYPES.createSqlType(SqlTypeName.VARCHAR),
            TYPES.createSqlType(SqlTypeName.VARCHAR, 2),
            TYPES.createSqlType(SqlTypeName.VARCHAR, 13),
            TYPES.createSqlType(SqlTypeName.CHAR, 12),
            TYPES.createSqlType(SqlTypeName.CHAR, 25));
    for (RelDataType target : targets) {
      for (int column = 2; column < ROW.getFieldCount(); column++) {
        assertSameAsCalcite(REX.makeAbstractCast(nullable(target), ref(column)));
      }
    }
  }

  @Test
  void concatenationAsCalcitesCode() {
    RexNode s = ref(0);
    RexNode c = ref(1);
    assertSameAsCalcite(REX.makeCall(SqlStdOperatorTable.CONCAT, s, c));
    assertSameAsCalcite(REX.makeCall(SqlStdOperatorTable.CONCAT, c, s));
    assertSameAsCalcite(REX.makeCall(SqlLibraryOperators.CONCAT_FUNCTION_WITH_NULL, s, c, s));
    assertSameAsCalcite(REX.makeCall(SqlLibraryOperators.CONCAT_FUNCTION_WITH_NULL, c));
  }

  /** Each input row through Calcite's code and through the engine: same value or same failure. */
  private static void assertSameAsCalcite(RexNode node) {
    ExprTranslator.Maker maker =
        new ExprTranslator(REX, EngineTypes.of(ROW.getFieldList())).translate(node);
    assertThat(maker).as("%s translates", node).isNotNull();
    RexExecutable calcite = RexExecutorImpl.getExecutable(REX, List.of(node), ROW);
    Expr expr = maker.make();
    for (Object[] row : rows()) {
      Object want;
      try {
        calcite.setDataContext(new Input(row));
        want = calcite.execute()[0];
      } catch (RuntimeException e) {
        want = failure(e);
      }
      Object got;
      try {
        ColumnBatch batch =
            new ColumnBatch(EngineTypes.of(ROW.getFieldList()).toArray(new ColumnType[0]), 1);
        batch.addRow(row);
        got = expr.evaluate(batch).value(0, 0);
      } catch (RuntimeException e) {
        got = failure(e);
      }
      assertThat(got).as("%s of %s", node, Arrays.toString(row)).isEqualTo(want);
    }
  }

  /** The inputs: every text, next to random numbers, dates, timestamps and times. */
  private static List<Object[]> rows() {
    Random random = new Random(17);
    List<Object[]> rows = new ArrayList<>();
    for (String text : TEXTS) {
      boolean nulls = random.nextInt(5) == 0;
      long millis = random.nextLong() % (400L * 365 * 86_400_000L);
      rows.add(
          new Object[] {
            text,
            text == null ? null : SqlFunctions.truncateOrPad(text, 4),
            nulls ? null : random.nextInt(3) == 0 ? Long.MIN_VALUE : random.nextLong() % 100_000,
            nulls ? null : (int) Math.floorDiv(millis, 86_400_000L),
            nulls ? null : millis,
            nulls ? null : (int) Math.floorMod(millis, 86_400_000L)
          });
    }
    return rows;
  }

  /** A failure as the JDBC layer sees it: the innermost exception's class and message. */
  private static String failure(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return "failed: " + root.getClass().getName() + ": " + root.getMessage();
  }

  private static RexNode ref(int column) {
    return REX.makeInputRef(ROW.getFieldList().get(column).getType(), column);
  }

  private static RelDataType nullable(RelDataType type) {
    return TYPES.createTypeWithNullability(type, true);
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
