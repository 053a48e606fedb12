package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Connection properties sent by a remote client reach the served driver only when allowed. The
 * probe is Calcite's {@code lex}: the server sets JAVA (names as typed); a client asking for ORACLE
 * would upper-case {@code emps} to {@code EMPS}, which does not exist.
 */
class ClientPropertiesTest {
  private static final String QUERY = "select count(*) from emps";

  /** Properties given to the client driver are what it sends when opening the connection. */
  private static Properties oracleLex() {
    Properties properties = new Properties();
    properties.setProperty("lex", "ORACLE");
    return properties;
  }

  @Test
  void clientPropertiesAreIgnoredByDefault() throws SQLException {
    try (BucketSqlServer server = TestServers.start(TestServers.builder());
        Connection connection = DriverManager.getConnection(server.clientUrl(), oracleLex());
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(QUERY)) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(4);
    }
  }

  @Test
  void allowedClientPropertiesOverrideTheServers() throws SQLException {
    try (BucketSqlServer server =
            TestServers.start(TestServers.builder().allowedClientProperties(Set.of("lex")));
        Connection connection = DriverManager.getConnection(server.clientUrl(), oracleLex());
        Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.executeQuery(QUERY))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("Object 'EMPS' not found");
    }
  }
}
