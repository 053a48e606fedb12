package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.datagen.SampleCounts;
import dev.bucketsql.datagen.SampleData;
import dev.bucketsql.datagen.SampleScale;
import dev.bucketsql.datagen.SampleSpec;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * EXPLAIN ANALYZE is a statement returning one row, over the remote driver and the PostgreSQL
 * endpoint as embedded: the query runs on the server and its row and scan counts come back.
 */
@ExtendWith(S3ServerExtension.class)
class ExplainAnalyzeRemoteTest {
  private static final String USER = "bob";
  private static final String PASSWORD = "bob-pg-password";
  private static final String QUERY =
      "SELECT calorie_level, COUNT(*) FROM PP_recipes GROUP BY calorie_level";

  private static BucketSqlServer server;
  private static SampleCounts counts;

  @TempDir static Path dir;

  @BeforeAll
  static void start(S3TestServer s3) throws IOException {
    String bucket = "explain-analyze";
    counts =
        SampleData.generateAndUpload(
                SampleSpec.of(SampleScale.TINY), dir.resolve("sample"), s3, bucket)
            .counts();
    Path users = dir.resolve("users.txt");
    Files.writeString(users, UsersFile.hashLine(USER, PASSWORD.toCharArray(), 4096) + "\n");
    server =
        BucketSqlServer.builder(s3.jdbcUrl(bucket))
            .properties(S3TestServer.jdbcKeys())
            .port(0)
            .pgPort(0)
            .auth(ClientAuth.of(UsersFile.read(users), null))
            .build();
    server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void remoteDriverAndPgEndpointRunTheQuery() throws SQLException {
    try (Connection remote =
            DriverManager.getConnection(
                server.remoteDriverUrl()
                    + ";authentication=BASIC;avatica_user="
                    + USER
                    + ";avatica_password="
                    + PASSWORD);
        Connection pg = DriverManager.getConnection(server.pgUrl(), USER, PASSWORD)) {
      for (Connection c : new Connection[] {remote, pg}) {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("EXPLAIN ANALYZE " + QUERY)) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("analyzed_plan");
          assertThat(rs.getString(2))
              .contains("Rows: " + counts.calorieLevels().size() + "\n")
              .containsPattern("Scan \\S*PP_recipes\\S*: " + counts.ppRecipes() + " rows");
          assertThat(rs.next()).isFalse();
        }
      }
    }
  }
}
