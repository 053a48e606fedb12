package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * CSV records a scan skipped ({@code csv.skipMalformed}) reach a PostgreSQL client as a
 * NoticeResponse after the rows, which pgjdbc turns into the statement's SQLWarning.
 */
@ExtendWith(S3ServerExtension.class)
class PgNoticeTest {
  private static final String BUCKET = "pg-notices";
  private static BucketSqlServer server;

  @BeforeAll
  static void start(S3TestServer s3) {
    s3.createBucket(BUCKET);
    s3.putObject(
        BUCKET,
        "malformed.csv",
        "id,name\n1,a\n2,b,extra\n3,c\n4,d,e,f\n5,e\n".getBytes(StandardCharsets.UTF_8));
    server =
        TestServers.start(
            BucketSqlServer.builder(s3.jdbcUrl(BUCKET) + "&csv.skipMalformed=true")
                .properties(S3TestServer.jdbcKeys())
                .avatica(false)
                .pgPort(0));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void skippedCsvRecordsAreNotices() throws SQLException {
    try (Connection c = DriverManager.getConnection(server.pgUrl(), "anyone", "");
        Statement s = c.createStatement()) {
      List<String> names = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT name FROM malformed")) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      assertThat(names).containsExactly("a", "c", "e");
      SQLWarning warning = s.getWarnings();
      assertThat((Object) warning).isNotNull();
      assertThat(warning.getMessage()).contains("2 malformed records skipped");
      assertThat(warning.getSQLState()).startsWith("01");
    }
  }
}
