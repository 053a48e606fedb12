package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What BucketSQL says about SQL it does not take: one short message naming the construct and
 * where it is, never the parser's list of expected tokens. Also the result types users expect.
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
  void unknownDateDiffPartIsNamed() {
    assertThatThrownBy(() -> run("SELECT date_diff('fortnight', date, date) FROM keywords"))
        .hasMessageContaining("date_diff: unknown part 'fortnight'");
  }

  @Test
  void orderedSetAggregateIsNamedAsUnsupported() {
    assertThatThrownBy(
            () -> run("SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY value) FROM keywords"))
        .hasMessageContaining("not supported by BucketSQL: ordered-set aggregates")
        .satisfies(e -> assertShort(e.getMessage()));
  }

  @Test
  void averageOfIntegersIsADouble() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT AVG(month) AS a, SUM(value) AS s FROM keywords")) {
      assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(Types.DOUBLE);
      assertThat(rs.getMetaData().getColumnType(2)).isEqualTo(Types.BIGINT);
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
