package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A client whose connection expired on the server gets a clear error at once, not a hang. */
class ExpiryTest {
  @Timeout(value = 30, unit = TimeUnit.SECONDS) // hang guard
  @ParameterizedTest
  @EnumSource(Serialization.class)
  void expiredConnectionGetsAClearError(Serialization serialization) throws Exception {
    try (BucketSqlServer server =
            TestServers.start(
                TestServers.builder()
                    .serialization(serialization)
                    .connectionIdleTimeout(Duration.ofSeconds(2)));
        Connection connection = DriverManager.getConnection(server.clientUrl())) {
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("select count(*) from emps")) {
        assertThat(rs.next()).isTrue();
      }
      // Idle well past the timeout; Avatica's cache drops the connection on next access. The
      // timeout leaves the first query (cold: code generation on a slow machine) time to run
      // and close before the connection counts as idle.
      Thread.sleep(4500);
      assertThatThrownBy(
              () -> {
                try (Statement statement = connection.createStatement()) {
                  statement.executeQuery("select count(*) from emps");
                }
              })
          .hasMessageContaining("is not open on the server")
          .hasMessageContaining("idle longer than");
    }
  }
}
