package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad statement fails with an SQLException (never an Error or an unchecked exception), with
 * PostgreSQL's SQLSTATE and a one-line message naming the value, column or object, whether it fails
 * preparing, executing or in {@code next()}.
 */
@ExtendWith(S3ServerExtension.class)
class SqlStateErrorsTest {
  private static Connection connection;
  private static S3TestServer server;

  @BeforeAll
  static void connect(S3TestServer shared) throws SQLException {
    server = shared;
    connection = SampleBucket.connect(server);
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  static Stream<Arguments> badStatements() {
    return Stream.of(
        // value errors found while running (constants are computed in a static initializer)
        Arguments.of(
            "SELECT COUNT(*) FROM RAW_recipes WHERE submitted > '2010-13-45'",
            "22008",
            new String[] {"submitted > '2010-13-45'", "DAY"}),
        Arguments.of(
            "SELECT CAST('2020-13-01' AS DATE)", "22008", new String[] {"'2020-13-01'", "MONTH"}),
        Arguments.of(
            "SELECT COUNT(*) FROM RAW_interactions WHERE rating = 'five'",
            "22P02",
            new String[] {"'five'", "rating = 'five'"}),
        Arguments.of("SELECT CAST('abc' AS INTEGER)", "22P02", new String[] {"'abc'"}),
        Arguments.of(
            "SELECT CAST('3000000000' AS INTEGER)",
            "22003",
            new String[] {"'3000000000'", "out of range"}),
        Arguments.of(
            "SELECT MAX(CAST(name AS INTEGER)) FROM RAW_recipes",
            "22P02",
            new String[] {"invalid number '"}),
        Arguments.of(
            "SELECT SUM(rating % 0) FROM RAW_interactions",
            "22012", new String[] {"division by zero"}),
        Arguments.of("SELECT 5 % 0", "22012", new String[] {"division by zero", "NULLIF"}),
        Arguments.of(
            "SELECT CAST(1.5 AS DECIMAL(10,2)) % 0", "22012", new String[] {"division by zero"}),
        // an operator DuckDB groups otherwise than Calcite's parser, met without parentheses
        Arguments.of(
            "SELECT 2 * rating ^ 2 FROM RAW_interactions",
            "42601",
            new String[] {"^ (at line 1, column 19) meets *", "2 * (3 ^ 2)"}),
        Arguments.of(
            "SELECT 4 + rating & 3 FROM RAW_interactions",
            "42601",
            new String[] {"& (at line 1, column 19) meets +"}),
        Arguments.of(
            "SELECT '1' || rating + 1 FROM RAW_interactions",
            "42601",
            new String[] {"|| (at line 1, column 12) meets +", "'a' || (1 + 2)"}),
        Arguments.of(
            "SELECT rating + 1 ** 2 FROM RAW_interactions",
            "42601",
            new String[] {"** (at line 1, column 19) meets +"}),
        Arguments.of(
            "SELECT date, rating + 1 ** 2 FROM RAW_interactions",
            "42601",
            new String[] {"** (at line 1, column 25) meets +"}),
        // DuckDB's integer division refuses a zero divisor, of integers and of doubles alike
        Arguments.of(
            "SELECT SUM(rating // 0) FROM RAW_interactions",
            "22012",
            new String[] {"division by zero"}),
        Arguments.of(
            "SELECT MAX(rating * 1.5e0 // 0) FROM RAW_interactions",
            "22012",
            new String[] {"division by zero", "//"}),
        Arguments.of(
            "SELECT MIN(CAST(-9223372036854775808 AS BIGINT) + rating - rating) // -1 FROM RAW_interactions",
            "22003",
            new String[] {"Overflow in division of BIGINT"}),
        Arguments.of(
            "SELECT SUM(CAST(rating AS DECIMAL(10,2)) % 0) FROM RAW_interactions",
            "22012", new String[] {"division by zero"}),
        Arguments.of(
            "SELECT LENGTH(REPEAT('xy', 1500000000))", "54000", new String[] {"3000000000"}),
        // found while preparing
        Arguments.of(
            "SELECT * FROM no_such_table", "42P01", new String[] {"no_such_table", "line 1"}),
        Arguments.of(
            "SELECT no_such_column FROM RAW_recipes", "42703", new String[] {"no_such_column"}),
        Arguments.of(
            "SELECT no_such_function(minutes) FROM RAW_recipes",
            "42883",
            new String[] {"no_such_function"}),
        // a sign of a NULL cast to a type no sign applies to, refused as DuckDB's binder does
        Arguments.of("SELECT - CAST(NULL AS DATE)", "42883", new String[] {"'-<DATE>'"}),
        Arguments.of(
            "SELECT minutes FROM RAW_recipes WHERE (- CAST(NULL AS TIMESTAMP) - submitted) IS NULL",
            "42883",
            new String[] {"'-<TIMESTAMP"}),
        Arguments.of(
            "SELECT minutes FROM RAW_recipes WHERE",
            "42601",
            new String[] {"syntax error", "line 1"}),
        Arguments.of("SELECT DATE '2020-02-30'", "22007", new String[] {"2020-02-30"}),
        Arguments.of(
            "SELECT 999999999999999999999999999999999999999999",
            "22003",
            new String[] {"999999999999999999999999999999999999999999"}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badStatements")
  void failsWithStateAndOneLineMessage(String sql, String state, String[] named) {
    SQLException e = failure(connection, sql);
    assertOneLine(e, state, named);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badStatements")
  void preparedStatementFailsTheSameWay(String sql, String state, String[] named) {
    Throwable thrown =
        catchThrowable(
            () -> {
              try (java.sql.PreparedStatement p = connection.prepareStatement(sql);
                  ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                  // the failure may come from any row
                }
              }
            });
    assertThat(thrown).isInstanceOf(SQLException.class);
    assertOneLine((SQLException) thrown, state, named);
  }

  @Test
  void connectionStillWorksAfterEachFailure() throws SQLException {
    failure(connection, "SELECT 5 % 0");
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT 5 % 3")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(2);
    }
  }

  @Test
  void closedStatementIs55000() throws SQLException {
    Statement s = connection.createStatement();
    s.close();
    Throwable thrown = catchThrowable(() -> s.executeQuery("SELECT 1"));
    assertThat(thrown).isInstanceOf(SQLException.class);
    assertOneLine((SQLException) thrown, "55000", "closed");
  }

  @Test
  void memoryLimitIs53200(S3TestServer server) throws SQLException {
    Properties props = S3TestServer.jdbcKeys();
    props.setProperty("queryMemory", "1k");
    try (Connection c = DriverManager.getConnection(SampleBucket.url(server), props)) {
      SQLException e =
          failure(c, "SELECT user_id, COUNT(*) FROM RAW_interactions GROUP BY user_id");
      assertOneLine(e, "53200", "queryMemory");
    }
  }

  @Test
  void cancelIs57014() throws SQLException {
    try (Statement s = connection.createStatement()) {
      ResultSet rs = s.executeQuery("SELECT review FROM RAW_interactions");
      assertThat(rs.next()).isTrue();
      s.cancel();
      Throwable thrown =
          catchThrowable(
              () -> {
                while (rs.next()) {
                  // stops with the cancel
                }
              });
      assertThat(thrown).isInstanceOf(SQLException.class);
      assertOneLine((SQLException) thrown, "57014", "cancel");
    }
  }

  @Test
  void queryTimeoutIsSqlTimeoutException() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.setQueryTimeout(1);
      // the timeout counts from the start: on a slow machine it may pass while the statement is
      // still being planned, else while its rows are read
      Throwable thrown =
          catchThrowable(
              () -> {
                ResultSet rs = s.executeQuery("SELECT review FROM RAW_interactions");
                while (rs.next()) {
                  Thread.sleep(5);
                }
              });
      assertThat(thrown).isInstanceOf(SQLTimeoutException.class);
      assertOneLine((SQLException) thrown, "57014", "timed out", "setQueryTimeout");
    }
  }

  @Test
  void nothingListeningIs08001() {
    Throwable thrown =
        catchThrowable(
            () ->
                DriverManager.getConnection(
                    "jdbc:bucketsql:s3://nobucket?endpoint=http://127.0.0.1:1&region=us-east-1&connectTimeout=500",
                    S3TestServer.jdbcKeys()));
    assertThat(thrown).isInstanceOf(SQLException.class);
    assertOneLine((SQLException) thrown, "08001", "127.0.0.1:1");
  }

  @Test
  void refusedKeyIs28000() {
    Properties props = new Properties();
    props.setProperty("user", S3TestServer.ACCESS_KEY_ID);
    props.setProperty("password", "not-the-secret");
    Throwable thrown =
        catchThrowable(() -> DriverManager.getConnection(SampleBucket.url(server), props));
    assertThat(thrown).isInstanceOf(SQLException.class);
    assertOneLine((SQLException) thrown, "28000", "secretAccessKey");
  }

  @Test
  void badSettingIs08001() {
    Throwable thrown =
        catchThrowable(
            () ->
                DriverManager.getConnection(
                    SampleBucket.url(server) + "&queryMemory=lots", S3TestServer.jdbcKeys()));
    assertThat(thrown).isInstanceOf(SQLException.class);
    assertOneLine((SQLException) thrown, "08001", "queryMemory");
  }

  @Test
  void listingThatFailsInAMetadataCallIs58030() throws SQLException {
    String bucket = "vanishing";
    server.createBucket(bucket);
    server.putObject(bucket, "t.csv", "a\n1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    try (Connection c =
            DriverManager.getConnection(server.jdbcUrl(bucket), S3TestServer.jdbcKeys());
        software.amazon.awssdk.services.s3.S3Client s3 = server.newClient()) {
      s3.deleteObject(b -> b.bucket(bucket).key("t.csv"));
      s3.deleteBucket(b -> b.bucket(bucket));
      BucketSqlConnections.refresh(c);
      Throwable thrown =
          catchThrowable(() -> c.getMetaData().getTables(null, null, "%", null).close());
      assertThat(thrown).isInstanceOf(SQLException.class);
      assertOneLine((SQLException) thrown, "58030", bucket);
      SQLException query = failure(c, "SELECT * FROM t");
      assertThat(query.getSQLState()).isIn("58030", "42P01");
    }
  }

  /** The failure of running {@code sql} on {@code c} and reading every row. */
  static SQLException failure(Connection c, String sql) {
    Throwable thrown =
        catchThrowable(
            () -> {
              try (Statement s = c.createStatement();
                  ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                  // the failure may come from any row
                }
              }
            });
    assertThat(thrown).as("running %s", sql).isInstanceOf(SQLException.class);
    return (SQLException) thrown;
  }

  static void assertOneLine(SQLException e, String state, String... named) {
    assertThat(e.getSQLState()).as("SQLSTATE of %s", e).isEqualTo(state);
    assertThat(e.getMessage())
        .as("message of %s", e)
        .doesNotContain("\n")
        .doesNotContain("Error while executing")
        .contains(named);
  }
}
