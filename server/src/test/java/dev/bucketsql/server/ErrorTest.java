package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Errors raised by the served driver reach the remote client as SQLExceptions with their message.
 */
@ExtendWith(SharedServers.class)
class ErrorTest {
  private static TestServers servers;

  @BeforeAll
  static void servers(TestServers shared) {
    servers = shared;
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void unknownColumnReportsTheServersMessage(Serialization serialization) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(servers.get(serialization).clientUrl());
        Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.executeQuery("select no_such_column from emps"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("Column 'no_such_column' not found in any table");
    }
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void syntaxErrorInPrepareReportsTheServersMessage(Serialization serialization)
      throws SQLException {
    try (Connection connection =
        DriverManager.getConnection(servers.get(serialization).clientUrl())) {
      // The Avatica client words a failed prepare as "while preparing SQL: ..." and keeps
      // the server's message in the server stack traces it attaches to the exception.
      assertThatThrownBy(() -> connection.prepareStatement("select from where"))
          .isInstanceOfSatisfying(
              AvaticaSqlException.class,
              e ->
                  assertThat(e.getStackTraces())
                      .anySatisfy(
                          trace ->
                              assertThat(trace)
                                  .contains("Encountered \"from\" at line 1, column 8")))
          .hasMessageContaining("select from where");
    }
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void connectionStillWorksAfterAnError(Serialization serialization) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(servers.get(serialization).clientUrl());
        Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.executeQuery("select * from no_such_table"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("Object 'no_such_table' not found");
      try (ResultSet rs = statement.executeQuery("select count(*) from emps")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(4);
      }
    }
  }
}
