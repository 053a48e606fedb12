package dev.bucketsql.jdbc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * CSV options through JDBC: per connection ({@code csv.<option>} in the URL or properties), per
 * table ({@code csv.table.<table>.<option>}), and the {@code bucketsql.csv_rejects} table that
 * reports what lenient and skipping scans stepped over. Over the real S3 server.
 */
@ExtendWith(S3ServerExtension.class)
class CsvConnectionOptionsTest {
  private static final String BUCKET = "csv-connection-options";
  private static S3TestServer server;

  @BeforeAll
  static void upload(S3TestServer shared) throws Exception {
    server = shared;
    server.createBucket(BUCKET);
    server.putObject(BUCKET, "semi.csv", "a;b\n1;x,y\n2;z\n".getBytes(UTF_8));
    server.putObject(
        BUCKET, "ratings.csv", "id,rating\n1,5\n2,4\n3,five\n4,3,extra\n5,1\n".getBytes(UTF_8));
    server.putObject(BUCKET, "typed.csv", "id,rating\n1,5\n2,4\n3,five\n4,3\n".getBytes(UTF_8));
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
      z.write("id,review\n1,\"good, \"\"really\"\"\nyes\"\n2,bad\n".getBytes(UTF_8));
    }
    server.putObject(BUCKET, "reviews.csv.gz", gz.toByteArray());
    server.putObject(
        BUCKET,
        "menu.csv",
        "\uFEFFid,dish,price\n1,寿司,12.5\n2,\"ラーメン, 味噌\"\"濃厚\"\"\n大盛り\",8\n3,café,2.5\n"
            .getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
  }

  private static Connection connect(String query, Properties extra) throws SQLException {
    Properties props = S3TestServer.jdbcKeys();
    props.putAll(extra);
    return DriverManager.getConnection(server.jdbcUrl(BUCKET) + query, props);
  }

  private static List<String> query(Connection c, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getObject(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  @Test
  void strictByDefaultWithKeyLineColumnAndValue() throws SQLException {
    try (Connection c = connect("&csv.sampleBytes=20", new Properties())) {
      assertThatThrownBy(() -> query(c, "SELECT SUM(rating) FROM typed"))
          .hasStackTraceContaining(
              "CSV object 'typed.csv' line 4, column 'rating': value 'five' is not a valid"
                  + " BIGINT");
    }
  }

  @Test
  void lenientAndSkipMalformedPerConnectionAreReportedInCsvRejects() throws SQLException {
    try (Connection c =
        connect("&csv.lenient=true&CSV.SkipMalformed=true&csv.sampleBytes=20", new Properties())) {
      assertThat(query(c, "SELECT id, rating FROM ratings"))
          .containsExactly("1|5", "2|4", "3|null", "5|1");
      assertThat(
              query(c, "SELECT object_key, line, action, column_name FROM bucketsql.csv_rejects"))
          .containsExactlyInAnyOrder("ratings.csv|4|NULLED|rating", "ratings.csv|5|SKIPPED|null");
      assertThat(query(c, "SELECT reason FROM bucketsql.csv_rejects WHERE action = 'SKIPPED'"))
          .containsExactly(
              "record has 3 fields, expected 2 like the first record; check the delimiter (',')"
                  + " and that fields holding it are quoted");
    }
  }

  @Test
  void perTableOptionsOverrideTheConnectionsAndGzipIsATable() throws SQLException {
    Properties p = new Properties();
    p.setProperty("csv.delimiter", "comma");
    p.setProperty("csv.table.semi.delimiter", "semicolon");
    p.setProperty("csv.table.Typed.types", "rating:VARCHAR");
    try (Connection c = connect("", p)) {
      assertThat(query(c, "SELECT a, b FROM semi")).containsExactly("1|x,y", "2|z");
      assertThat(query(c, "SELECT COUNT(*) FROM typed WHERE rating = 'five'")).containsExactly("1");
      assertThat(query(c, "SELECT id, review FROM reviews ORDER BY id"))
          .containsExactly("1|good, \"really\"\nyes", "2|bad");
    }
  }

  @Test
  void aUtf16ObjectIsQueriedWithSqlOnceItsCharsetIsSet() throws SQLException {
    try (Connection c = connect("&csv.table.menu.charset=UTF-16LE", new Properties())) {
      assertThat(query(c, "SELECT id, dish, price FROM menu WHERE price > 5 ORDER BY id"))
          .containsExactly("1|寿司|12.5", "2|ラーメン, 味噌\"濃厚\"\n大盛り|8.0");
      assertThat(query(c, "SELECT COUNT(*), SUM(id) FROM menu")).containsExactly("3|6");
      assertThat(query(c, "SELECT dish FROM menu WHERE dish LIKE 'caf%'")).containsExactly("café");
    }
    // Read as UTF-8 (the default), the same bytes fail with the key, the line and the fix.
    try (Connection c = connect("", new Properties())) {
      assertThatThrownBy(() -> query(c, "SELECT COUNT(*) FROM menu"))
          .isInstanceOf(SQLException.class)
          .hasStackTraceContaining("CSV object 'menu.csv'")
          .hasStackTraceContaining("set the charset option");
    }
    assertThatThrownBy(() -> connect("&csv.charset=UTF-17", new Properties()))
        .isInstanceOf(SQLNonTransientConnectionException.class)
        .hasMessageContaining("CSV setting csv.charset='UTF-17' is not valid")
        .hasMessageContaining("UTF-16");
  }

  @Test
  void badCsvSettingsFailTheConnectionWithTheKey() {
    assertThatThrownBy(() -> connect("&csv.delimitr=x", new Properties()))
        .isInstanceOf(SQLNonTransientConnectionException.class)
        .hasMessageContaining("unknown setting 'csv.delimitr'")
        .hasMessageContaining("csv.<option>");
    assertThatThrownBy(() -> connect("&csv.lenient=maybe", new Properties()))
        .isInstanceOf(SQLNonTransientConnectionException.class)
        .hasMessage("CSV setting csv.lenient='maybe' is not valid: expected true or false");
  }
}
