package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * BucketSQL's remote driver does everything Avatica's does: queries, prepared statements with
 * parameters, streaming results in several frames, metadata; and its URL and driver are its own,
 * beside Avatica's.
 */
@ExtendWith(SharedServers.class)
class RemoteDriverQueryTest {
  private static TestServers servers;

  @BeforeAll
  static void servers(TestServers shared) {
    servers = shared;
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void queriesPreparedStatementsAndMetadata(Serialization serialization) throws SQLException {
    BucketSqlServer server = servers.get(serialization);
    assertThat(server.remoteDriverUrl()).startsWith("jdbc:bucketsql:remote:url=http://127.0.0.1:");
    assertThat(DriverManager.getDriver(server.remoteDriverUrl()).getClass().getName())
        .isEqualTo("dev.bucketsql.jdbc.remote.RemoteDriver");
    try (Connection connection = DriverManager.getConnection(server.remoteDriverUrl())) {
      assertThat(connection.getMetaData().getDriverName())
          .isEqualTo("BucketSQL Remote JDBC Driver");
      try (Statement statement = connection.createStatement()) {
        statement.setFetchSize(1); // one row per frame: fetch requests after the execute
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("select empid, name from emps order by empid")) {
          while (rs.next()) {
            rows.add(rs.getInt(1) + " " + rs.getString(2));
          }
        }
        assertThat(rows).containsExactly("100 Bill", "110 Theodore", "150 Sebastian", "200 Eric");
      }
      try (PreparedStatement statement =
          connection.prepareStatement(
              "select name from emps where deptno = ? and salary > ? order by name")) {
        statement.setInt(1, 10);
        statement.setDouble(2, 8000.0);
        assertThat(names(statement)).containsExactly("Bill", "Theodore");
        statement.setInt(1, 20);
        statement.setDouble(2, 0.0);
        assertThat(names(statement)).containsExactly("Eric");
      }
      DatabaseMetaData metaData = connection.getMetaData();
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = metaData.getTables(null, "hr", "%", null)) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      assertThat(tables).contains("emps", "depts");
    }
  }

  private static List<String> names(PreparedStatement statement) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }
}
