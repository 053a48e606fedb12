package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A value bound to a {@code ?} converts to the parameter's type as in pgjdbc and DuckDB ({@code
 * setString(1, "5")} for an INTEGER), or fails with an SQLException naming the parameter, the value
 * and both types. Each binding must select exactly the one matching row of three, so a value that
 * converted wrongly (or not at all) shows as a count other than 1.
 */
@ExtendWith(S3ServerExtension.class)
class ParameterConversionTest {
  private static Connection connection;

  @BeforeAll
  static void connect(S3TestServer server) throws SQLException {
    connection = SampleBucket.connect(server);
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  /** Three rows of one type; the second is the one every binding names. */
  private static String rows(String type, String a, String b, String c) {
    return "SELECT COUNT(*) FROM (VALUES (CAST("
        + a
        + " AS "
        + type
        + ")), (CAST("
        + b
        + " AS "
        + type
        + ")), (CAST("
        + c
        + " AS "
        + type
        + "))) AS t(v) WHERE v = ?";
  }

  private static final String INTEGERS = rows("INTEGER", "1", "5", "7");
  private static final String BIGINTS = rows("BIGINT", "1", "5000000000", "7");
  private static final String SMALLINTS = rows("SMALLINT", "1", "5", "7");
  private static final String DECIMALS = rows("DECIMAL(10,2)", "1.5", "5.25", "7");
  private static final String DOUBLES = rows("DOUBLE", "1.5", "5.5", "7");
  private static final String STRINGS = rows("VARCHAR(20)", "'a'", "'5'", "'2020-01-02'");
  private static final String DATES = rows("DATE", "'2020-01-01'", "'2020-01-02'", "'2021-03-04'");
  private static final String TIMESTAMPS =
      rows(
          "TIMESTAMP(3)",
          "'2020-01-02 03:04:05'",
          "'2020-01-02 03:04:05.678'",
          "'2020-01-03 00:00:00'");
  private static final String BOOLEANS =
      "SELECT COUNT(*) FROM (VALUES (TRUE), (FALSE)) AS t(v) WHERE v = ?";

  @FunctionalInterface
  interface Binding {
    void bind(PreparedStatement p) throws SQLException;
  }

  static Stream<Arguments> conversions() {
    return Stream.of(
        Arguments.of("INTEGER setString", INTEGERS, (Binding) p -> p.setString(1, "5")),
        Arguments.of("INTEGER setString padded", INTEGERS, (Binding) p -> p.setString(1, " 5 ")),
        Arguments.of("INTEGER setObject String", INTEGERS, (Binding) p -> p.setObject(1, "5")),
        Arguments.of("INTEGER setObject Long", INTEGERS, (Binding) p -> p.setObject(1, 5L)),
        Arguments.of("INTEGER setObject Short", INTEGERS, (Binding) p -> p.setObject(1, (short) 5)),
        Arguments.of(
            "INTEGER setObject BigDecimal",
            INTEGERS,
            (Binding) p -> p.setObject(1, new BigDecimal("5.00"))),
        Arguments.of(
            "INTEGER setObject BigInteger",
            INTEGERS,
            (Binding) p -> p.setObject(1, BigInteger.valueOf(5))),
        Arguments.of("INTEGER setObject Double", INTEGERS, (Binding) p -> p.setObject(1, 5.0d)),
        Arguments.of("INTEGER setLong", INTEGERS, (Binding) p -> p.setLong(1, 5L)),
        Arguments.of(
            "INTEGER setBigDecimal",
            INTEGERS,
            (Binding) p -> p.setBigDecimal(1, BigDecimal.valueOf(5))),
        Arguments.of("SMALLINT setString", SMALLINTS, (Binding) p -> p.setString(1, "5")),
        Arguments.of("SMALLINT setInt", SMALLINTS, (Binding) p -> p.setInt(1, 5)),
        Arguments.of("BIGINT setString", BIGINTS, (Binding) p -> p.setString(1, "5000000000")),
        Arguments.of(
            "BIGINT setObject BigDecimal",
            BIGINTS,
            (Binding) p -> p.setObject(1, new BigDecimal("5000000000"))),
        Arguments.of("DECIMAL setString", DECIMALS, (Binding) p -> p.setString(1, "5.25")),
        Arguments.of("DECIMAL setObject Double", DECIMALS, (Binding) p -> p.setObject(1, 5.25d)),
        Arguments.of("DECIMAL setObject String", DECIMALS, (Binding) p -> p.setObject(1, "5.25")),
        Arguments.of("DOUBLE setString", DOUBLES, (Binding) p -> p.setString(1, "5.5")),
        Arguments.of(
            "DOUBLE setObject BigDecimal",
            DOUBLES,
            (Binding) p -> p.setObject(1, new BigDecimal("5.5"))),
        Arguments.of("VARCHAR setInt", STRINGS, (Binding) p -> p.setInt(1, 5)),
        Arguments.of("VARCHAR setObject Integer", STRINGS, (Binding) p -> p.setObject(1, 5)),
        Arguments.of("DATE setString", DATES, (Binding) p -> p.setString(1, "2020-01-02")),
        Arguments.of(
            "DATE setObject LocalDate",
            DATES,
            (Binding) p -> p.setObject(1, LocalDate.of(2020, 1, 2))),
        Arguments.of(
            "DATE setObject java.sql.Date",
            DATES,
            (Binding) p -> p.setObject(1, Date.valueOf("2020-01-02"))),
        Arguments.of(
            "DATE setDate", DATES, (Binding) p -> p.setDate(1, Date.valueOf("2020-01-02"))),
        Arguments.of("DATE setObject String", DATES, (Binding) p -> p.setObject(1, "2020-01-02")),
        Arguments.of(
            "TIMESTAMP setString",
            TIMESTAMPS,
            (Binding) p -> p.setString(1, "2020-01-02 03:04:05.678")),
        Arguments.of(
            "TIMESTAMP setObject LocalDateTime",
            TIMESTAMPS,
            (Binding) p -> p.setObject(1, LocalDateTime.of(2020, 1, 2, 3, 4, 5, 678_000_000))),
        Arguments.of(
            "TIMESTAMP setObject Timestamp",
            TIMESTAMPS,
            (Binding) p -> p.setObject(1, Timestamp.valueOf("2020-01-02 03:04:05.678"))),
        Arguments.of(
            "TIMESTAMP setTimestamp",
            TIMESTAMPS,
            (Binding) p -> p.setTimestamp(1, Timestamp.valueOf("2020-01-02 03:04:05.678"))),
        Arguments.of(
            "TIMESTAMP setObject ISO String",
            TIMESTAMPS,
            (Binding) p -> p.setObject(1, "2020-01-02T03:04:05.678")),
        Arguments.of("BOOLEAN setString", BOOLEANS, (Binding) p -> p.setString(1, "true")),
        Arguments.of(
            "BOOLEAN setObject Boolean", BOOLEANS, (Binding) p -> p.setObject(1, Boolean.TRUE)),
        Arguments.of("BOOLEAN setObject String t", BOOLEANS, (Binding) p -> p.setObject(1, "t")),
        Arguments.of("BOOLEAN setInt", BOOLEANS, (Binding) p -> p.setInt(1, 1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conversions")
  void bindsTheConvertedValue(String name, String sql, Binding binding) throws SQLException {
    try (PreparedStatement p = connection.prepareStatement(sql)) {
      binding.bind(p);
      assertThat(count(p)).as(name).isEqualTo(1);
    }
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(
            INTEGERS,
            (Binding) p -> p.setString(1, "five"),
            "22P02",
            new String[] {"parameter 1", "'five'", "INTEGER"}),
        Arguments.of(
            INTEGERS,
            (Binding) p -> p.setString(1, "5.5"),
            "22P02",
            new String[] {"parameter 1", "'5.5'", "INTEGER"}),
        Arguments.of(
            INTEGERS,
            (Binding) p -> p.setLong(1, 3_000_000_000L),
            "22003",
            new String[] {"3000000000", "INTEGER"}),
        Arguments.of(
            INTEGERS,
            (Binding) p -> p.setObject(1, LocalDate.of(2020, 1, 2)),
            "42804",
            new String[] {"LocalDate", "INTEGER"}),
        Arguments.of(
            DATES,
            (Binding) p -> p.setString(1, "2020-13-45"),
            "22007",
            new String[] {"'2020-13-45'", "DATE"}),
        Arguments.of(
            BOOLEANS,
            (Binding) p -> p.setString(1, "maybe"),
            "22P02",
            new String[] {"'maybe'", "BOOLEAN"}));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("refusals")
  void refusesWithParameterIndexAndBothTypes(
      String sql, Binding binding, String state, String[] named) throws SQLException {
    try (PreparedStatement p = connection.prepareStatement(sql)) {
      Throwable thrown =
          catchThrowable(
              () -> {
                binding.bind(p);
                count(p);
              });
      assertThat(thrown).isInstanceOf(SQLException.class);
      SQLException e = (SQLException) thrown;
      assertThat(e.getSQLState()).as("state of %s", e).isEqualTo(state);
      assertThat(e.getMessage()).doesNotContain("\n").contains(named);
    }
  }

  private static long count(PreparedStatement p) throws SQLException {
    try (ResultSet rs = p.executeQuery()) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }
}
