package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DatabaseMetaData answers come from the served driver, as BI tools need to browse tables. */
@ExtendWith(SharedServers.class)
class MetadataTest {
  private static TestServers servers;

  @BeforeAll
  static void servers(TestServers shared) {
    servers = shared;
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void listsTables(Serialization serialization) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(servers.get(serialization).clientUrl());
        ResultSet rs = connection.getMetaData().getTables(null, "hr", "%", null)) {
      List<String> tables = new ArrayList<>();
      while (rs.next()) {
        tables.add(
            rs.getString("TABLE_SCHEM")
                + "."
                + rs.getString("TABLE_NAME")
                + ":"
                + rs.getString("TABLE_TYPE"));
      }
      assertThat(tables).containsExactlyInAnyOrder("hr.depts:TABLE", "hr.emps:TABLE");
    }
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void listsColumnsInOrderWithTypes(Serialization serialization) throws SQLException {
    try (Connection connection =
        DriverManager.getConnection(servers.get(serialization).clientUrl())) {
      DatabaseMetaData metaData = connection.getMetaData();
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = metaData.getColumns(null, "hr", "emps", "%")) {
        while (rs.next()) {
          columns.add(
              rs.getInt("ORDINAL_POSITION")
                  + " "
                  + rs.getString("COLUMN_NAME")
                  + " "
                  + rs.getInt("DATA_TYPE"));
        }
      }
      assertThat(columns)
          .containsExactly(
              "1 empid " + Types.INTEGER,
              "2 name " + Types.VARCHAR,
              "3 deptno " + Types.INTEGER,
              "4 salary " + Types.DOUBLE);
    }
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void columnPatternFilters(Serialization serialization) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(servers.get(serialization).clientUrl());
        ResultSet rs = connection.getMetaData().getColumns(null, "hr", "depts", "dept%")) {
      List<String> columns = new ArrayList<>();
      while (rs.next()) {
        columns.add(rs.getString("COLUMN_NAME"));
      }
      assertThat(columns).containsExactly("deptno");
    }
  }
}
