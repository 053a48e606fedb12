package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What clients and callers see once the server has stopped. */
// The timeout only turns a hang (the failure under test) into a failure; it is not a speed check.
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class StopTest {

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void openConnectionGetsAnErrorAfterStop(Serialization serialization) throws SQLException {
    BucketSqlServer server = TestServers.start(TestServers.builder().serialization(serialization));
    Connection connection = DriverManager.getConnection(server.clientUrl());
    Statement statement = connection.createStatement();
    try (ResultSet rs = statement.executeQuery("select count(*) from depts")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(3);
    }

    server.stop();

    assertThatThrownBy(() -> statement.executeQuery("select count(*) from depts"))
        .isInstanceOf(SQLException.class)
        .hasStackTraceContaining("Connection refused");
    // Closing needs the server too, so it fails the same clear way.
    assertThatThrownBy(connection::close)
        .isInstanceOf(SQLException.class)
        .hasStackTraceContaining("Connection refused");
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void newConnectionGetsAnErrorAfterStop(Serialization serialization) {
    BucketSqlServer server = TestServers.start(TestServers.builder().serialization(serialization));
    String url = server.clientUrl();
    server.stop();

    assertThatThrownBy(
            () -> {
              try (Connection connection = DriverManager.getConnection(url);
                  Statement statement = connection.createStatement()) {
                statement.executeQuery("select 1");
              }
            })
        .hasStackTraceContaining("Connection refused");
  }

  @Test
  void stopTwiceIsHarmlessAndRestartIsRefused() {
    BucketSqlServer server = TestServers.start(TestServers.builder());
    server.stop();
    server.stop();
    server.close();
    assertThatThrownBy(server::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("build a new one");
    assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void stopBeforeStartIsHarmless() {
    BucketSqlServer server = TestServers.builder().build();
    server.stop();
    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
  }
}
