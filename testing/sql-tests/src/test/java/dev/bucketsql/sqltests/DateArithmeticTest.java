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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Date arithmetic, the make functions, {@code gcd} and {@code lcm} where they cannot answer: one
 * line with the SQLSTATE, naming the operands and the fix. Also the JDBC types of the results, as
 * DuckDB's driver reports them (the differential tests compare values only).
 */
@ExtendWith(S3ServerExtension.class)
class DateArithmeticTest {
  private static Connection connection;

  @BeforeAll
  static void connect(S3TestServer server) throws SQLException {
    connection = SqlTestBucket.connect(server);
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "SELECT DATE '9999-12-31' + 1 AS d | 22008 | date out of range: DATE '9999-12-31' + 1 days",
        "SELECT DATE '2020-01-01' + 2147483647 AS d | 22008 | date out of range: DATE '2020-01-01' + 2147483647",
        "SELECT DATE '0001-01-01' - 1 AS d | 22008 | date out of range: DATE '0001-01-01' - 1 days",
        "SELECT make_date(2020, 2, 30) AS d | 22008 | make_date: 2020-2-30 is no date",
        "SELECT make_date(2020, 13, 1) AS d | 22008 | make_date: 2020-13-1 is no date",
        "SELECT make_date(1582, 10, 9) AS d | 22008 | make_date: 1582-10-09 is one of the ten days",
        "SELECT make_timestamp(1582, 10, 14, 1, 2, 3) AS t | 22008 | make_timestamp: 1582-10-14 is one of",
        "SELECT make_timestamp(2020, 1, 1, 24, 0, 0) AS t | 22008 | make_timestamp: 24:0:0.0 is no time of day",
        "SELECT make_timestamp(2020, 1, 1, 0, 0, 1.0005) AS t | 22008 | a TIMESTAMP here holds milliseconds",
        "SELECT lcm(9223372036854775807, 2) AS n | 22003 | lcm(9223372036854775807, 2) is out of the range of a BIGINT",
        "SELECT gcd(-9223372036854775808, 0) AS n | 22003 | gcd of -9223372036854775808 is out of the range"
      })
  void valuesOutOfRangeFailWithTheOperands(String sql, String state, String message) {
    assertThatThrownBy(() -> first(sql))
        .as(sql)
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(state))
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "SELECT DATE '2020-01-01' + CAST(1 AS BIGINT) AS d | '<DATE> + <BIGINT>'",
        "SELECT DATE '2020-01-01' + 1.5 AS d | '<DATE> + <DECIMAL(2, 1)>'",
        "SELECT DATE '2020-01-01' - TIMESTAMP '2020-01-01 00:00:00' AS d | '<DATE> - <TIMESTAMP(0)>'",
        "SELECT DATE '2020-01-01' + DATE '2020-01-01' AS d | '<DATE> + <DATE>'"
      })
  void operandsDuckDbRefusesAreRefused(String sql, String types) {
    assertThatThrownBy(() -> first(sql))
        .as(sql)
        .isInstanceOfSatisfying(
            SQLException.class, e -> assertThat(e.getSQLState()).startsWith("42"))
        .hasMessageContaining("Cannot apply")
        .hasMessageContaining(types);
  }

  @Test
  void resultTypesAreDuckDbs() throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT DATE '2020-01-01' + 1 AS a, DATE '2020-03-01' - DATE '2020-01-01' AS b,"
                    + " make_date(2020, 1, 1) AS c, make_timestamp(2020, 1, 1, 0, 0, 0) AS d,"
                    + " date_add(DATE '2020-01-01', INTERVAL '1' DAY) AS e")) {
      assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(Types.DATE);
      assertThat(rs.getMetaData().getColumnType(2)).isEqualTo(Types.BIGINT);
      assertThat(rs.getMetaData().getColumnType(3)).isEqualTo(Types.DATE);
      assertThat(rs.getMetaData().getColumnType(4)).isEqualTo(Types.TIMESTAMP);
      assertThat(rs.getMetaData().getColumnType(5)).isEqualTo(Types.TIMESTAMP);
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(2)).isEqualTo(60);
    }
  }

  @Test
  void makeDateBesideTheCalendarsGapGivesTheDayAsked() throws SQLException {
    // the days on either side of 1582-10-05..14, which make_date refuses rather than shift
    try (Statement s = connection.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT make_date(1582, 10, 4) AS a, make_date(1582, 10, 15) AS b,"
                    + " make_date(1573, 10, 9) = DATE '1573-10-09' AS c,"
                    + " make_timestamp(1582, 10, 15, 1, 2, 3) AS d")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("1582-10-04");
      assertThat(rs.getString(2)).isEqualTo("1582-10-15");
      assertThat(rs.getBoolean(3)).isTrue();
      assertThat(rs.getString(4)).isEqualTo("1582-10-15 01:02:03");
    }
  }

  private static Object first(String sql) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getObject(1);
    }
  }
}
