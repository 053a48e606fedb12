package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server's connection idle timeout closes PostgreSQL connections too: a pgjdbc connection idle
 * past it gets PostgreSQL's FATAL 57P05 on its next statement, while a connection that keeps
 * talking is not closed.
 */
class PgIdleTimeoutTest {
  private static BucketSqlServer server;

  @BeforeAll
  static void start() throws Exception {
    server =
        TestServers.start(
            TestServers.builder()
                .avatica(false)
                .pgPort(0)
                .connectionIdleTimeout(Duration.ofSeconds(2)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + server.pgPort() + "/bucketsql", "alice", "");
  }

  @Test
  void anIdleConnectionIsClosedWithFatal57P05() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      assertThat(count(s)).isPositive();
      Thread.sleep(4000);
      assertThatThrownBy(() -> count(s))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("idle-session timeout")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57P05"));
    }
  }

  @Test
  void aBusyConnectionStaysOpen() throws Exception {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      for (int i = 0; i < 6; i++) {
        assertThat(count(s)).isPositive();
        Thread.sleep(700);
      }
    }
  }

  private static long count(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery("select count(*) from emps")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
