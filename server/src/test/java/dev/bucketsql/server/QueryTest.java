package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
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

/** Queries and prepared statements travel through the server and come back with their rows. */
@ExtendWith(SharedServers.class)
class QueryTest {
  private static TestServers servers;

  @BeforeAll
  static void servers(TestServers shared) {
    servers = shared;
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void queryReturnsRows(Serialization serialization) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(servers.get(serialization).clientUrl());
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "select empid, name, salary from emps where deptno = 10 order by empid")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getInt(1) + " " + rs.getString("name") + " " + rs.getDouble(3));
      }
      assertThat(rows)
          .containsExactly("100 Bill 10000.0", "110 Theodore 11500.0", "150 Sebastian 7000.0");
      assertThat(rs.getMetaData().getColumnLabel(2)).isEqualTo("name");
    }
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void preparedStatementBindsParameters(Serialization serialization) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(servers.get(serialization).clientUrl());
        PreparedStatement statement =
            connection.prepareStatement(
                "select e.name, d.name from emps e join depts d on e.deptno = d.deptno"
                    + " where e.salary > ? and d.name = ? order by e.name")) {
      statement.setDouble(1, 7500.0);
      statement.setString(2, "Sales");
      assertThat(names(statement)).containsExactly("Bill/Sales", "Theodore/Sales");

      // Re-executing with new values must not reuse the previous ones.
      statement.setDouble(1, 0.0);
      statement.setString(2, "Marketing");
      assertThat(names(statement)).containsExactly("Eric/Marketing");
    }
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void nullResultAndEmptyResultAreDistinguished(Serialization serialization) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(servers.get(serialization).clientUrl());
        PreparedStatement statement =
            connection.prepareStatement("select max(salary) from emps where deptno = ?")) {
      statement.setInt(1, 30);
      try (ResultSet rs = statement.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getObject(1)).isNull();
        assertThat(rs.next()).isFalse();
      }
    }
  }

  private static List<String> names(PreparedStatement statement) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        names.add(rs.getString(1) + "/" + rs.getString(2));
      }
    }
    return names;
  }
}
