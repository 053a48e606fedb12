package dev.bucketsql.jdbc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code Statement.getWarnings()} and {@code ResultSet.getWarnings()} on the embedded driver
 * describe the CSV rows the last query skipped ({@code csv.skipMalformed}) or read as NULL ({@code
 * csv.lenient}): a summary with the counts, the key and a pointer to {@code bucketsql.csv_rejects},
 * then one warning per reject with its line. Over the real S3 server.
 */
@ExtendWith(S3ServerExtension.class)
class WarningsSkippedRowsTest {
  private static final String BUCKET = "warnings-skipped-rows";
  private static S3TestServer server;

  @BeforeAll
  static void upload(S3TestServer shared) {
    server = shared;
    server.createBucket(BUCKET);
    server.putObject(
        BUCKET, "malformed.csv", "id,name\n1,a\n2,b,extra\n3,c\n4,d,e,f\n5,e\n".getBytes(UTF_8));
    server.putObject(BUCKET, "typed.csv", "id,rating\n1,5\n2,4\n3,five\n4,3\n".getBytes(UTF_8));
    server.putObject(BUCKET, "clean.csv", "id,name\n1,a\n2,b\n".getBytes(UTF_8));
  }

  private static Connection connect(String query) throws SQLException {
    Properties props = S3TestServer.jdbcKeys();
    return DriverManager.getConnection(server.jdbcUrl(BUCKET) + query, props);
  }

  private static List<String> rows(ResultSet rs) throws SQLException {
    List<String> rows = new ArrayList<>();
    while (rs.next()) {
      rows.add(rs.getString(1));
    }
    return rows;
  }

  private static List<String> messages(SQLWarning warning) {
    List<String> messages = new ArrayList<>();
    for (SQLWarning w = warning; w != null; w = w.getNextWarning()) {
      messages.add(w.getMessage());
    }
    return messages;
  }

  @Test
  void skippedRecordsAreStatementAndResultSetWarnings() throws SQLException {
    try (Connection c = connect("&csv.skipMalformed=true");
        Statement s = c.createStatement()) {
      assertThat((Object) s.getWarnings()).isNull();
      try (ResultSet rs = s.executeQuery("SELECT id FROM malformed")) {
        assertThat(rows(rs)).containsExactly("1", "3", "5");
        List<String> ofResultSet = messages(rs.getWarnings());
        assertThat(ofResultSet).hasSize(3);
        assertThat(ofResultSet.get(0))
            .contains("2 malformed records skipped")
            .contains("'malformed.csv'")
            .contains("SELECT * FROM bucketsql.csv_rejects");
        assertThat(ofResultSet.get(1))
            .startsWith("CSV object 'malformed.csv' line 3: record skipped:");
        assertThat(ofResultSet.get(2))
            .startsWith("CSV object 'malformed.csv' line 5: record skipped:");
        rs.clearWarnings();
        assertThat((Object) rs.getWarnings()).isNull();
      }
      SQLWarning warning = s.getWarnings();
      assertThat(warning.getSQLState()).isEqualTo("01000");
      assertThat(warning.getErrorCode()).isEqualTo(2);
      assertThat(messages(warning)).hasSize(3);
      s.clearWarnings();
      assertThat((Object) s.getWarnings()).isNull();

      // a new execution starts a new list: here, nothing was stepped over
      try (ResultSet rs = s.executeQuery("SELECT id FROM clean")) {
        assertThat(rows(rs)).containsExactly("1", "2");
      }
      assertThat((Object) s.getWarnings()).isNull();
    }
  }

  @Test
  void eachQueryReportsOnlyWhatItSkipped() throws SQLException {
    try (Connection c = connect("&csv.skipMalformed=true")) {
      for (int i = 0; i < 2; i++) {
        try (Statement s = c.createStatement()) {
          try (ResultSet rs = s.executeQuery("SELECT name FROM malformed")) {
            assertThat(rows(rs)).containsExactly("a", "c", "e");
          }
          assertThat(s.getWarnings().getErrorCode()).isEqualTo(2);
          assertThat(s.getWarnings().getMessage()).contains("2 malformed records skipped");
        }
      }
      // the connection's table holds both queries' rejects
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM bucketsql.csv_rejects")) {
        assertThat(rows(rs)).containsExactly("4");
      }
    }
  }

  @Test
  void lenientNullsArePreparedStatementWarnings() throws SQLException {
    try (Connection c = connect("&csv.lenient=true&csv.sampleBytes=20");
        PreparedStatement p =
            c.prepareStatement("SELECT rating FROM typed WHERE id >= ? ORDER BY id")) {
      p.setInt(1, 2);
      try (ResultSet rs = p.executeQuery()) {
        assertThat(rows(rs)).containsExactly("4", null, "3");
      }
      List<String> warnings = messages(p.getWarnings());
      assertThat(warnings).hasSize(2);
      assertThat(warnings.get(0)).contains("1 value read as NULL").contains("'typed.csv'");
      assertThat(warnings.get(1))
          .startsWith("CSV object 'typed.csv' line 4, column 'rating': value read as NULL:")
          .contains("'five'");

      p.setInt(1, 4);
      try (ResultSet rs = p.executeQuery()) {
        rows(rs);
      }
      // the whole object is read again (the filter runs above the scan): the same reject
      assertThat(messages(p.getWarnings())).hasSize(2);
      p.clearWarnings();
      assertThat((Object) p.getWarnings()).isNull();
    }
  }

  @Test
  void strictModeHasNoWarningsAndClosedStatementsRefuse() throws SQLException {
    try (Connection c = connect("")) {
      Statement s = c.createStatement();
      try (ResultSet rs = s.executeQuery("SELECT id FROM clean")) {
        assertThat(rows(rs)).containsExactly("1", "2");
        assertThat((Object) rs.getWarnings()).isNull();
      }
      assertThat((Object) s.getWarnings()).isNull();
      s.close();
      assertThatThrownBy(s::getWarnings).isInstanceOf(SQLException.class);
    }
  }
}
