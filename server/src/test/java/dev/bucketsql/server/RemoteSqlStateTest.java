package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.bucketsql.datagen.SampleData;
import dev.bucketsql.datagen.SampleScale;
import dev.bucketsql.datagen.SampleSpec;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SQLSTATE and message of a failed statement cross {@code bucketsql serve} unchanged: the
 * BucketSQL remote driver throws what the embedded driver throws (same state, same one-line
 * message), and Avatica's own driver sees the same state and the message inside its wording.
 */
@ExtendWith(S3ServerExtension.class)
class RemoteSqlStateTest {
  private static final String BUCKET = "remote-errors";
  private static final Map<Serialization, BucketSqlServer> SERVERS =
      new EnumMap<>(Serialization.class);
  private static String driverUrl;

  @TempDir static Path sampleDir;

  @BeforeAll
  static void start(S3TestServer s3) throws IOException {
    SampleData.generateAndUpload(SampleSpec.of(SampleScale.TINY), sampleDir, s3, BUCKET);
    driverUrl = s3.jdbcUrl(BUCKET);
    for (Serialization serialization : Serialization.values()) {
      BucketSqlServer server =
          BucketSqlServer.builder(s3.jdbcUrl(BUCKET))
              .properties(S3TestServer.jdbcKeys())
              .port(0)
              .serialization(serialization)
              .build();
      server.start();
      SERVERS.put(serialization, server);
    }
  }

  @AfterAll
  static void stop() {
    SERVERS.values().forEach(BucketSqlServer::close);
  }

  static Stream<Arguments> cases() {
    String[][] table = {
      {
        "SELECT COUNT(*) FROM RAW_recipes WHERE submitted > '2010-13-45'",
        "22008",
        "submitted > '2010-13-45'"
      },
      {"SELECT COUNT(*) FROM RAW_interactions WHERE rating = 'five'", "22P02", "rating = 'five'"},
      {"SELECT SUM(rating % 0) FROM RAW_interactions", "22012", "division by zero"},
      {"SELECT 5 % 0", "22012", "division by zero"},
      {
        "SELECT MAX(minutes * 9223372036854775807) FROM RAW_recipes",
        "22003",
        "Overflow in multiplication of BIGINT"
      },
      {
        "SELECT 9223372036854775807 + 1",
        "22003",
        "Overflow in addition of BIGINT (9223372036854775807 + 1)"
      },
      {"SELECT CAST(3e9 AS INTEGER)", "22003", "Cannot cast DOUBLE 3.0E9 to INTEGER"},
      {"SELECT LENGTH(REPEAT('xy', 1500000000))", "54000", "3000000000"},
      {"SELECT * FROM no_such_table", "42P01", "no_such_table"},
      {"SELECT no_such_column FROM RAW_recipes", "42703", "no_such_column"},
      {"SELECT no_such_function(1)", "42883", "no_such_function"},
      {"SELECT minutes FROM RAW_recipes WHERE", "42601", "syntax error"},
      {"SELECT DATE '2020-02-30'", "22007", "2020-02-30"},
    };
    List<Arguments> out = new ArrayList<>();
    for (Serialization serialization : Serialization.values()) {
      for (String[] row : table) {
        out.add(Arguments.of(serialization, row[0], row[1], row[2]));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void remoteDriverThrowsTheEmbeddedStateAndMessage(
      Serialization serialization, String sql, String state, String named) throws SQLException {
    SQLException embedded;
    try (Connection c =
        DriverManager.getConnection(
            SERVERS
                .get(serialization)
                .clientUrl()
                .replace("jdbc:avatica:remote:", "jdbc:bucketsql:remote:"))) {
      SQLException statement = failure(() -> run(c, sql));
      SQLException prepared = failure(() -> runPrepared(c, sql));
      for (SQLException e : List.of(statement, prepared)) {
        assertThat(e.getSQLState()).as("state of %s", e).isEqualTo(state);
        assertThat(e.getMessage())
            .as("message of %s", e)
            .contains(named)
            .doesNotContain("\n")
            .doesNotContain("Error while executing")
            .doesNotContain("Remote driver error");
      }
      embedded = statement;
    }
    assertThat(embedded.getMessage()).isEqualTo(embeddedFailure(sql).getMessage());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void avaticaDriverSeesTheState(
      Serialization serialization, String sql, String state, String named) throws SQLException {
    try (Connection c = DriverManager.getConnection(SERVERS.get(serialization).clientUrl())) {
      SQLException e = failure(() -> run(c, sql));
      assertThat(e.getSQLState()).as("state of %s", e).isEqualTo(state);
      assertThat(e.getMessage()).contains(named);
    }
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(Serialization.class)
  void parametersConvertOnTheServer(Serialization serialization) throws SQLException {
    String url = SERVERS.get(serialization).clientUrl();
    for (String driverUrl :
        List.of(url, url.replace("jdbc:avatica:remote:", "jdbc:bucketsql:remote:"))) {
      try (Connection c = DriverManager.getConnection(driverUrl);
          Statement s = c.createStatement();
          ResultSet expected =
              s.executeQuery("SELECT COUNT(*) FROM RAW_interactions WHERE rating = 5");
          PreparedStatement p =
              c.prepareStatement("SELECT COUNT(*) FROM RAW_interactions WHERE rating = ?")) {
        assertThat(expected.next()).isTrue();
        long count = expected.getLong(1);
        assertThat(count).isPositive();
        p.setString(1, "5");
        try (ResultSet rs = p.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getLong(1)).isEqualTo(count);
        }
        p.setString(1, "five");
        SQLException e = failure(() -> p.executeQuery().close());
        assertThat(e.getSQLState()).isEqualTo("22P02");
        assertThat(e.getMessage()).contains("parameter 1").contains("'five'");
      }
    }
  }

  /** Timestamps before 1582-10-15 print as DuckDB prints them, through the remote driver too. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(Serialization.class)
  void oldTimestampsPrintTheirWallClock(Serialization serialization) throws SQLException {
    String url =
        SERVERS
            .get(serialization)
            .clientUrl()
            .replace("jdbc:avatica:remote:", "jdbc:bucketsql:remote:");
    List<String> texts =
        List.of("0001-01-01 00:00:00", "1000-06-15 08:30:00.25", "2018-12-01 03:04:05.678");
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                texts.stream()
                    .map(t -> "TIMESTAMP '" + t + "'")
                    .collect(java.util.stream.Collectors.joining(", ", "SELECT ", "")))) {
      assertThat(rs.next()).isTrue();
      for (int i = 0; i < texts.size(); i++) {
        assertThat(rs.getString(i + 1)).isEqualTo(texts.get(i));
      }
    }
  }

  @Test
  void nothingListeningIs08001() {
    SQLException e =
        failure(
            () ->
                DriverManager.getConnection(
                        "jdbc:bucketsql:remote:url=http://127.0.0.1:1;serialization=protobuf")
                    .close());
    assertThat(e.getSQLState()).isEqualTo("08001");
    assertThat(e.getMessage()).contains("127.0.0.1:1").doesNotContain("\n");
  }

  @Test
  void tlsHandshakeFailureIs08001() {
    // a TLS client against the plain-HTTP server: the handshake fails
    String url =
        SERVERS
            .get(Serialization.PROTOBUF)
            .clientUrl()
            .replace("http://", "https://")
            .replace("jdbc:avatica:remote:", "jdbc:bucketsql:remote:");
    SQLException e = failure(() -> DriverManager.getConnection(url).close());
    assertThat(e.getSQLState()).isEqualTo("08001");
    assertThat(e.getMessage()).contains("TLS").doesNotContain("\n");
  }

  private static SQLException embeddedFailure(String sql) {
    return failure(
        () -> {
          try (Connection c = DriverManager.getConnection(driverUrl, S3TestServer.jdbcKeys())) {
            run(c, sql);
          }
        });
  }

  private static void run(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        // the failure may come from any row
      }
    }
  }

  private static void runPrepared(Connection c, String sql) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql);
        ResultSet rs = p.executeQuery()) {
      while (rs.next()) {
        // the failure may come from any row
      }
    }
  }

  @FunctionalInterface
  private interface Call {
    void run() throws Exception;
  }

  private static SQLException failure(Call call) {
    Throwable thrown = catchThrowable(call::run);
    assertThat(thrown).isInstanceOf(SQLException.class);
    return (SQLException) thrown;
  }
}
