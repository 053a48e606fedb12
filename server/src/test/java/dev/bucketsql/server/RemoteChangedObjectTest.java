package dev.bucketsql.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An object rewritten while remote connections share the server's catalog: the next query fails
 * with "changed, rerun the query", and the rerun, on that connection and on another one that never
 * saw the error, reads the new version within the listing's TTL.
 */
@ExtendWith(S3ServerExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS) // hang guard
class RemoteChangedObjectTest {
  private static final String BUCKET = "remote-changed";

  @Test
  void aRerunOnAnyRemoteConnectionReadsTheNewVersion(S3TestServer s3) throws Exception {
    s3.createBucket(BUCKET);
    StringBuilder before = new StringBuilder("x\n");
    for (int i = 1; i <= 20_000; i++) {
      before.append(i).append('\n');
    }
    s3.putObject(BUCKET, "t.csv", before.toString().getBytes(UTF_8));
    try (BucketSqlServer server =
            TestServers.start(
                BucketSqlServer.builder(CancelFixtures.bucketUrl(BUCKET, s3.endpoint()))
                    .properties(S3TestServer.jdbcKeys())
                    .port(0));
        Connection a = DriverManager.getConnection(server.clientUrl());
        Connection b = DriverManager.getConnection(server.clientUrl())) {
      assertThat(sum(a)).isEqualTo(20_000L * 20_001 / 2);
      assertThat(sum(b)).isEqualTo(20_000L * 20_001 / 2);

      s3.putObject(BUCKET, "t.csv", "x\n10\n20\n30\n".getBytes(UTF_8));
      assertThatThrownBy(() -> sum(a))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("'t.csv' changed")
          .hasMessageContaining("rerun the query");
      assertThat(sum(a)).isEqualTo(60);
      assertThat(sum(b)).isEqualTo(60);
    }
  }

  private static long sum(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select sum(x) from t")) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }
}
