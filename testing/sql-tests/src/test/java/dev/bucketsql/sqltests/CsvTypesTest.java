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
 * Every CSV object of the test bucket has the column names and types DuckDB's own sniffer gives the
 * same file ({@code read_csv} with no options): a CSV integer column is BIGINT in both, not INTEGER
 * here and BIGINT there.
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

  /**
   * The sample data set's Parquet copies type each column as its CSV copy does (integers are BIGINT
   * in both), here and in DuckDB.
   */
  @Test
  void sampleColumnsHaveOneTypeWhicheverFormatHoldsThem(S3TestServer server)
      throws SQLException, IOException {
    Path dir = SqlTestBucket.ensure(server);
    try (Connection ours = SqlTestBucket.connect(server);
        Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      for (String table : List.of("RAW_recipes", "RAW_interactions")) {
        List<String> csv = columns(ours, "SELECT * FROM " + table);
        List<String> parquet = columns(ours, "SELECT * FROM " + table + "_clean");
        List<String> shared = parquet.stream().filter(csv::contains).toList();
        assertThat(shared.stream().map(c -> c.substring(0, c.indexOf(' '))).toList())
            .as(table)
            .containsAll(
                table.equals("RAW_recipes")
                    ? List.of("name", "id", "minutes", "contributor_id", "submitted", "n_steps")
                    : List.of("user_id", "recipe_id", "date", "rating", "review"));
        assertThat(parquet).as(table).noneMatch(c -> c.endsWith(" INTEGER"));
        String path = dir.resolve(table + "_clean.parquet").toAbsolutePath().toString();
        assertThat(duckDbColumns(duck, "read_parquet('" + path.replace("'", "''") + "')"))
            .as(table + "_clean in DuckDB")
            .isEqualTo(parquet);
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
    return duckDbColumns(duck, "read_csv('" + path + "')");
  }

  private static List<String> duckDbColumns(Connection duck, String source) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Statement s = duck.createStatement();
        ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM " + source)) {
      while (rs.next()) {
        columns.add(rs.getString("column_name") + " " + rs.getString("column_type"));
      }
    }
    return columns;
  }
}
