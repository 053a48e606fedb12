package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.storage.s3.S3ObjectStore;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Remote connections to one bucket share one SDK client and HTTP connection pool on the server (32
 * clients are one pool, not 32), closed when the last of them closes.
 */
@ExtendWith(S3ServerExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS) // hang guard
class SharedStoreTest {
  private static final String BUCKET = "shared-store";
  private static final int CLIENTS = 32;

  @Test
  void thirtyTwoRemoteConnectionsShareOnePool(S3TestServer s3) throws Exception {
    s3.createBucket(BUCKET);
    s3.putObject(BUCKET, "t.csv", "x\n1\n2\n3\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    try (ThrottlingProxy proxy = new ThrottlingProxy(s3.port(), 1 << 20, 0);
        BucketSqlServer server =
            TestServers.start(
                BucketSqlServer.builder(CancelFixtures.bucketUrl(BUCKET, proxy.endpoint()))
                    .properties(S3TestServer.jdbcKeys())
                    .port(0))) {
      int before = S3ObjectStore.sharedClients();
      List<Connection> connections = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        Connection c = DriverManager.getConnection(server.clientUrl());
        connections.add(c);
        if (i == 0 || i == CLIENTS - 1) {
          assertThat(sum(c)).isEqualTo(6); // the server's JDBC connection exists by now
        }
      }
      assertThat(S3ObjectStore.sharedClients()).isEqualTo(before + 1);
      // One pool: the connections to S3 stay far below one per client.
      assertThat(proxy.openConnections()).isLessThan(CLIENTS / 4);
      for (Connection c : connections) {
        c.close();
      }
      assertThat(S3ObjectStore.sharedClients()).isEqualTo(before);
    }
  }

  private static long sum(Connection c) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select sum(x) from t")) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }
}
