package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What BucketSQL says about SQL it does not take: one short message naming the construct and where
 * it is, never the parser's list of expected tokens. Also the result types users expect.
 */
@ExtendWith(S3ServerExtension.class)
class SqlErrorsTest {
  private static Connection connection;

  @BeforeAll
  static void connect(S3TestServer server) throws SQLException {
    connection = SqlTestBucket.connect(server);
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void reservedWordAsNameSaysHowToQuoteIt() {
    assertThatThrownBy(() -> run("SELECT id FROM keywords WHERE order = 1"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("SQL syntax error at line 1, column 25 near 'WHERE order'")
        .hasMessageContaining("order is a reserved word, write \"order\" to use it as a name")
        .satisfies(e -> assertShort(e.getMessage()));
  }

  @Test
  void deeplyNestedExpressionsAreTooComplexEveryTime() {
    String abs = "SELECT " + "abs(".repeat(3000) + "1" + ")".repeat(3000) + " AS x FROM keywords";
    String parens = "SELECT " + "(".repeat(20000) + "1" + ")".repeat(20000) + " AS x FROM keywords";
    for (String sql : new String[] {abs, parens, abs, parens}) {
      assertThatThrownBy(() -> run(sql))
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("54001"))
          .hasMessageContaining("nested too deeply")
          .satisfies(e -> assertShort(e.getMessage()));
    }
  }

  @Test
  void listOfDistinctValuesOrdersByTheValueOnly() {
    assertThatThrownBy(() -> run("SELECT list(DISTINCT label ORDER BY id) AS l FROM nulls"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42P10"))
        .hasMessageContaining(
            "ORDER BY id in list(DISTINCT label ORDER BY id) (at line 1, column 37): with DISTINCT,"
                + " the ORDER BY may only name the aggregate's value, as in DuckDB; write list(DISTINCT label ORDER BY label)")
        .satisfies(e -> assertShort(e.getMessage()));
  }

  @Test
  void listAndStringAggregatesOverAWindowAreRefused() {
    // Calcite's window array_agg ignored the frame and skipped NULLs: a wrong list, not an error
    for (String call :
        new String[] {"list(score)", "array_agg(score ORDER BY id)", "string_agg(label, ',')"}) {
      assertThatThrownBy(() -> run("SELECT id, " + call + " OVER (ORDER BY id) AS f FROM nulls"))
          .as(call)
          .isInstanceOfSatisfying(
              SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"))
          .hasMessageContaining(
              "OVER (...) (at line 1, column 12); aggregate the list in a subquery")
          .satisfies(e -> assertShort(e.getMessage()));
    }
  }

  @Test
  void orderedCallsDuckDbAnswersDifferentlyNameWhatWorks() {
    // DuckDB orders the values of a window call, and breaks mode's ties by the order
    assertThatThrownBy(
            () ->
                run(
                    "SELECT id, first(label ORDER BY score) OVER (PARTITION BY label) AS f FROM nulls"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"))
        .hasMessageContaining(
            "first(label ORDER BY score) OVER (...) (at line 1, column 12), an ORDER BY inside a"
                + " window call; over a whole partition write first_value(x) OVER (PARTITION BY ..."
                + " ORDER BY y NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)")
        .satisfies(e -> assertShort(e.getMessage()));
    assertThatThrownBy(() -> run("SELECT last(label ORDER BY id) OVER () AS f FROM nulls"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"))
        .hasMessageContaining("write last_value(x) OVER (PARTITION BY");
    assertThatThrownBy(() -> run("SELECT mode(label ORDER BY id) AS m FROM nulls"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("0A000"))
        .hasMessageContaining("mode(label ORDER BY id) (at line 1, column 8)")
        .hasMessageContaining("write mode(x) when ties do not matter")
        .satisfies(e -> assertShort(e.getMessage()));
    // DuckDB refuses it too ("STAR expression is only allowed as the root element")
    assertThatThrownBy(() -> run("SELECT count(* ORDER BY id) AS n FROM nulls"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42601"))
        .hasMessageContaining(
            "count(* ORDER BY id) (at line 1, column 8): ORDER BY is not allowed beside *, as in"
                + " DuckDB; write count(*)")
        .satisfies(e -> assertShort(e.getMessage()));
  }

  @Test
  void syntaxErrorNamesTheToken() {
    assertThatThrownBy(() -> run("SELECT id FROM keywords WHERE id = = 1"))
        .hasMessageContaining("SQL syntax error at line 1, column 34 near '= ='")
        .satisfies(e -> assertShort(e.getMessage()));
  }

  @Test
  void unknownColumnKeepsTheTypedPosition() {
    // the unquoted keyword names before it are quoted internally; the column stays as typed
    assertThatThrownBy(() -> run("SELECT date, user, nope FROM keywords"))
        .hasMessageContaining("Column 'nope' not found in any table (at line 1, column 20)")
        .satisfies(e -> assertShort(e.getMessage()));
  }

  @Test
  void unknownStructFieldNamesTheStructsFields() {
    assertThatThrownBy(() -> run("SELECT id, author['nope'] FROM nested_recipes"))
        .hasMessageContaining(
            "Field 'nope' not found in struct nested_recipes.author; its fields are: name, Age, address"
                + " (at line 1, column 19)")
        .satisfies(e -> assertShort(e.getMessage()));
    assertThatThrownBy(() -> run("SELECT t.author['address']['town'] FROM nested_recipes t"))
        .hasMessageContaining(
            "Field 'town' not found in struct t.author['address']; its fields are: city, zip"
                + " (at line 1, column 28)")
        .satisfies(e -> assertShort(e.getMessage()));
    // a dot after a subscript is Calcite's own field access
    assertThatThrownBy(() -> run("SELECT author['address'].town FROM nested_recipes"))
        .hasMessageContaining("Unknown field 'town' (at line 1, column 26)")
        .satisfies(e -> assertShort(e.getMessage()));
  }

  @Test
  void unknownFunctionIsNamed() {
    assertThatThrownBy(() -> run("SELECT jaro_winkler_similarity(user, 'x') FROM keywords"))
        .hasMessageContaining("No match found for function signature jaro_winkler_similarity")
        .satisfies(e -> assertShort(e.getMessage()));
  }

  @Test
  void unknownStrftimeSpecifierIsNamed() {
    assertThatThrownBy(() -> run("SELECT strftime(date, '%Y %Q') FROM keywords"))
        .hasMessageContaining("strftime: unknown format specifier '%Q' in '%Y %Q'");
  }

  @Test
  void unknownDateSubPartIsNamed() {
    assertThatThrownBy(() -> run("SELECT date_sub('fortnight', date, date) FROM keywords"))
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("22023"))
        .hasMessageContaining(
            "date_sub: unknown part 'fortnight'; use millennium, century, decade, year");
  }

  @Test
  void unknownDateDiffPartIsNamed() {
    assertThatThrownBy(() -> run("SELECT date_diff('fortnight', date, date) FROM keywords"))
        .hasMessageContaining("date_diff: unknown part 'fortnight'");
  }

  @Test
  void percentileFractionOutsideZeroToOneIsNamed() {
    assertThatThrownBy(
            () -> run("SELECT PERCENTILE_CONT(1.5) WITHIN GROUP (ORDER BY value) FROM keywords"))
        .hasMessageContaining(
            "PERCENTILE_CONT: the fraction must be between 0 and 1, not 1.5 (at line 1, column 24)")
        .satisfies(e -> assertShort(e.getMessage()));
    assertThatThrownBy(
            () ->
                run(
                    "SELECT PERCENTILE_DISC(-0.5) WITHIN GROUP (ORDER BY value DESC) FROM keywords"))
        .hasMessageContaining("PERCENTILE_DISC: the fraction must be between 0 and 1, not -0.5");
  }

  @Test
  void percentileFractionMustBeAConstant() {
    assertThatThrownBy(
            () -> run("SELECT PERCENTILE_DISC(value) WITHIN GROUP (ORDER BY value) FROM keywords"))
        .hasMessageContaining(
            "PERCENTILE_DISC: the fraction must be a constant between 0 and 1, not a column expression"
                + " (at line 1, column 24)")
        .satisfies(e -> assertShort(e.getMessage()));
    assertThatThrownBy(() -> run("SELECT quantile_cont(value, NULL) FROM keywords"))
        .hasMessageContaining(
            "quantile_cont: the fraction must be a number between -1 and 1, not NULL");
  }

  @Test
  void quantileFractionOutsideMinusOneToOneIsNamed() {
    assertThatThrownBy(() -> run("SELECT quantile_disc(value, 2) FROM keywords"))
        .hasMessageContaining(
            "quantile_disc: the fraction must be between -1 and 1, not 2 (at line 1, column 29)")
        .satisfies(e -> assertShort(e.getMessage()));
  }

  @Test
  void quantileFractionParameterIsCheckedWhenRun() throws SQLException {
    try (PreparedStatement p =
        connection.prepareStatement("SELECT quantile_cont(value, ?) AS q FROM keywords")) {
      p.setDouble(1, -0.25); // negative: counted from the largest value, as in DuckDB
      try (ResultSet rs = p.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getDouble(1)).isEqualTo(32.5);
      }
      p.setDouble(1, 1.5);
      assertThatThrownBy(p::executeQuery)
          .hasMessageContaining("quantile_cont: the fraction must be between -1 and 1, not 1.5")
          .satisfies(e -> assertShort(e.getMessage()));
    }
  }

  @Test
  void percentileTakesOneOrderByExpression() {
    assertThatThrownBy(
            () ->
                run("SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY value, id) FROM keywords"))
        .hasMessageContaining(
            "PERCENTILE_CONT(fraction) WITHIN GROUP (ORDER BY value) takes one fraction and one"
                + " ORDER BY expression, not 1 and 2 (at line 1, column 8)")
        .satisfies(e -> assertShort(e.getMessage()));
  }

  @Test
  void interpolatingStringsIsRefused() {
    assertThatThrownBy(
            () -> run("SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY user) FROM keywords"))
        .hasMessageContaining(
            "PERCENTILE_CONT: cannot interpolate VARCHAR values; PERCENTILE_DISC takes any ordered type")
        .satisfies(e -> assertShort(e.getMessage()));
    assertThatThrownBy(() -> run("SELECT quantile_cont(user, 0.5) FROM keywords"))
        .hasMessageContaining(
            "quantile_cont: cannot interpolate VARCHAR values; quantile_disc takes any ordered type");
  }

  @Test
  void quantileTypesAreDuckDbs() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY value) AS a,"
                    + " PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY value) AS b,"
                    + " median(CAST(value AS DECIMAL(10, 2))) AS c, median(date) AS d,"
                    + " quantile_disc(date, 0.5) AS e, median(user) AS f FROM keywords")) {
      assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(Types.BIGINT);
      assertThat(rs.getMetaData().getColumnType(2)).isEqualTo(Types.DOUBLE);
      assertThat(rs.getMetaData().getColumnType(3)).isEqualTo(Types.DECIMAL);
      assertThat(rs.getMetaData().getScale(3)).isEqualTo(2);
      assertThat(rs.getMetaData().getColumnType(4)).isEqualTo(Types.TIMESTAMP);
      assertThat(rs.getMetaData().getColumnType(5)).isEqualTo(Types.DATE);
      assertThat(rs.getMetaData().getColumnType(6)).isEqualTo(Types.VARCHAR);
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(20);
      assertThat(rs.getDouble(2)).isEqualTo(25.0);
      assertThat(rs.getBigDecimal(3)).isEqualByComparingTo("25.00");
      assertThat(rs.getString(6)).isEqualTo("ann");
    }
  }

  @Test
  void castOfANonNumberToAnIntegerStillFails() {
    // strings with a fraction round, as in DuckDB; anything else fails as before
    assertThatThrownBy(() -> run("SELECT CAST(user AS INTEGER) AS a FROM keywords"))
        .hasMessageContaining("invalid number 'ann'")
        .satisfies(e -> assertShort(e.getMessage()));
    assertThatThrownBy(() -> run("SELECT CAST('3000000000.5' AS INTEGER) AS a"))
        .hasMessageContaining("'3000000000.5'")
        .hasMessageContaining("out of range");
  }

  @Test
  void averageOfIntegersIsADoubleAndTheirSumADecimal() throws SQLException {
    // DuckDB sums integers into a 38-digit HUGEINT; BucketSQL into a DECIMAL(38,0)
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT AVG(month) AS a, SUM(value) AS s FROM keywords")) {
      assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(Types.DOUBLE);
      assertThat(rs.getMetaData().getColumnType(2)).isEqualTo(Types.DECIMAL);
      assertThat(rs.getMetaData().getPrecision(2)).isEqualTo(38);
      assertThat(rs.next()).isTrue();
      assertThat(rs.getDouble(1)).isEqualTo(5.75);
    }
  }

  private static void assertShort(String message) {
    assertThat(message).doesNotContain("Was expecting").doesNotContain("\n    ");
    assertThat(message.length()).isLessThan(400);
  }

  private static void run(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        // read all
      }
    }
  }
}
