package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.apache.calcite.avatica.jdbc.JdbcMeta.ConnectionCacheSettings;
import org.apache.calcite.avatica.jdbc.JdbcMeta.StatementCacheSettings;
import org.junit.jupiter.api.Test;

/** The builder's connection limits and idle timeouts reach Avatica's connection cache. */
class ConnectionCacheTest {

  @Test
  void connectionLimitClosesTheLeastRecentlyUsedConnection() throws SQLException {
    try (BucketSqlServer server = TestServers.start(TestServers.builder().maxConnections(1));
        Connection first = DriverManager.getConnection(server.clientUrl());
        Statement firstStatement = first.createStatement()) {
      assertThat(count(firstStatement)).isEqualTo(4);

      try (Connection second = DriverManager.getConnection(server.clientUrl());
          Statement secondStatement = second.createStatement()) {
        assertThat(count(secondStatement)).isEqualTo(4);
        // The Avatica client lets this one through as a RuntimeException, not an SQLException.
        assertThatThrownBy(first::createStatement)
            .hasMessageContaining("is not open on the server")
            .hasMessageContaining("reconnect");
      }
    }
  }

  @Test
  void idleTimeoutsAndLimitAreHandedToAvatica() {
    Properties info =
        BucketSqlServer.builder(TestServers.URL)
            .properties(TestServers.hrProperties())
            .connectionIdleTimeout(Duration.ofSeconds(90))
            .statementIdleTimeout(Duration.ofMillis(1500))
            .maxConnections(7)
            .metaProperties();
    assertThat(info.getProperty(ConnectionCacheSettings.EXPIRY_DURATION.key())).isEqualTo("90000");
    assertThat(info.getProperty(ConnectionCacheSettings.EXPIRY_UNIT.key()))
        .isEqualTo("MILLISECONDS");
    assertThat(info.getProperty(ConnectionCacheSettings.MAX_CAPACITY.key())).isEqualTo("7");
    assertThat(info.getProperty(StatementCacheSettings.EXPIRY_DURATION.key())).isEqualTo("1500");
    assertThat(info.getProperty(StatementCacheSettings.EXPIRY_UNIT.key()))
        .isEqualTo("MILLISECONDS");
    assertThat(info.getProperty("schemaFactory")).isEqualTo(HrSchemaFactory.class.getName());
  }

  @Test
  void defaultsAreAvaticasDefaults() {
    Properties info = BucketSqlServer.builder(TestServers.URL).metaProperties();
    assertThat(info.getProperty(ConnectionCacheSettings.EXPIRY_DURATION.key()))
        .isEqualTo(Long.toString(Duration.ofMinutes(10).toMillis()));
    assertThat(info.getProperty(StatementCacheSettings.EXPIRY_DURATION.key()))
        .isEqualTo(Long.toString(Duration.ofMinutes(5).toMillis()));
    assertThat(info.getProperty(ConnectionCacheSettings.MAX_CAPACITY.key()))
        .isEqualTo(ConnectionCacheSettings.MAX_CAPACITY.defaultValue());
  }

  private static int count(Statement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery("select count(*) from emps")) {
      assertThat(rs.next()).isTrue();
      return rs.getInt(1);
    }
  }
}
