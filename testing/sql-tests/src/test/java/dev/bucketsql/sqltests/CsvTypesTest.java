package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.JDBCType;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every CSV object of the test bucket has the column names and types DuckDB's own sniffer gives
 * the same file ({@code read_csv} with no options): a CSV integer column is BIGINT in both, not
 * INTEGER here and BIGINT there.
 */
@ExtendWith(S3ServerExtension.class)
class CsvTypesTest {
  @Test
  void columnNamesAndTypesAreDuckDbs(S3TestServer server) throws SQLException, IOException {
    Path dir = SqlTestBucket.ensure(server);
    List<Path> csvFiles;
    try (Stream<Path> files = Files.list(dir)) {
      csvFiles = files.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
    }
    assertThat(csvFiles).hasSizeGreaterThan(8);
    try (Connection ours = SqlTestBucket.connect(server);
        Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      for (Path file : csvFiles) {
        String name = file.getFileName().toString();
        String table = name.substring(0, name.length() - ".csv".length());
        assertThat(columns(ours, "SELECT * FROM \"" + table + "\""))
            .as(name)
            .isEqualTo(duckDbColumns(duck, file));
      }
    }
  }

  /** {@code name TYPE} of each column of the result of {@code sql}. */
  private static List<String> columns(Connection c, String sql) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        columns.add(md.getColumnLabel(i) + " " + JDBCType.valueOf(md.getColumnType(i)).getName());
      }
    }
    return columns;
  }

  private static List<String> duckDbColumns(Connection duck, Path file) throws SQLException {
    String path = file.toAbsolutePath().toString().replace("'", "''");
    List<String> columns = new ArrayList<>();
    try (Statement s = duck.createStatement();
        ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM read_csv('" + path + "')")) {
      while (rs.next()) {
        columns.add(rs.getString("column_name") + " " + rs.getString("column_type"));
      }
    }
    return columns;
  }
}
