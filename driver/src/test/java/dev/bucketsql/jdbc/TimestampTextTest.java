package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code getString} and {@code CAST(ts AS VARCHAR)} print a timestamp as DuckDB does (checked with
 * duckdb_jdbc): the milliseconds kept, trailing zeros dropped, no fraction when it is zero,
 * whatever the column's TIMESTAMP precision, and in the proleptic Gregorian calendar before 1582 as
 * DuckDB does.
 */
@ExtendWith(S3ServerExtension.class)
class TimestampTextTest {
  private static final String BUCKET = "timestamp-text";

  /** The texts DuckDB prints for these timestamps are the texts themselves. */
  private static final List<String> TEXTS =
      List.of(
          "2018-12-01 03:04:05.678",
          "2018-12-01 00:00:00",
          "1969-12-31 23:59:59.5",
          "2020-02-29 12:00:00.05",
          // before the Gregorian calendar's first day, where JDBC's Timestamp counts in the
          // Julian calendar: the text is the wall clock's, not two days earlier
          "0001-01-01 00:00:00",
          "1000-06-15 08:30:00.25",
          "1582-10-14 23:59:59.999",
          "1582-10-15 00:00:00");

  private static Connection connect(S3TestServer server) throws SQLException {
    server.createBucket(BUCKET);
    server.putObject(
        BUCKET,
        "events.csv",
        ("ts\n" + String.join("\n", TEXTS) + "\n").getBytes(StandardCharsets.UTF_8));
    return DriverManager.getConnection(server.jdbcUrl(BUCKET), S3TestServer.jdbcKeys());
  }

  @Test
  void getStringAndCastKeepTheFraction(S3TestServer server) throws SQLException {
    List<String> got = new ArrayList<>();
    List<String> cast = new ArrayList<>();
    try (Connection c = connect(server);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT ts, CAST(ts AS VARCHAR) AS text FROM events")) {
      assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(java.sql.Types.TIMESTAMP);
      while (rs.next()) {
        got.add(rs.getString(1));
        cast.add(rs.getString("text"));
        assertThat(rs.getString("ts")).isEqualTo(rs.getString(1));
      }
    }
    assertThat(got).containsExactlyElementsOf(TEXTS);
    assertThat(cast).containsExactlyElementsOf(TEXTS);
  }

  @Test
  void literalsPrintTheSame(S3TestServer server) throws SQLException {
    try (Connection c = connect(server);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT CAST(TIMESTAMP '2018-12-01 03:04:05.678' AS VARCHAR), TIMESTAMP '2018-12-01 03:04:05.500',"
                    + " CAST(TIMESTAMP '2018-12-01 00:00:00.000' AS VARCHAR)")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("2018-12-01 03:04:05.678");
      assertThat(rs.getString(2)).isEqualTo("2018-12-01 03:04:05.5");
      assertThat(rs.getString(3)).isEqualTo("2018-12-01 00:00:00");
    }
  }
}
