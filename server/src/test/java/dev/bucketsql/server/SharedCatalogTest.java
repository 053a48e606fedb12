package dev.bucketsql.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.FaultInjectingProxy;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Remote connections to one bucket share one catalog on the server: however many clients connect
 * and query, the bucket is listed once (within the listing's TTL). What a connection's CSV scans
 * stepped over stays that connection's: another connection's {@code csv_rejects} does not show it.
 */
@ExtendWith(S3ServerExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS) // hang guard
class SharedCatalogTest {
  private static final String BUCKET = "shared-catalog";
  private static final int CLIENTS = 8;

  @Test
  void remoteConnectionsListOnceAndKeepTheirOwnRejects(S3TestServer s3) throws Exception {
    s3.createBucket(BUCKET);
    s3.putObject(BUCKET, "t.csv", "x\n1\n2\n3\n".getBytes(UTF_8));
    s3.putObject(BUCKET, "bad.csv", "id,name\n1,a\n2,b,extra\n3,c\n4,d,e,f\n5,e\n".getBytes(UTF_8));
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(s3.port());
        BucketSqlServer server =
            TestServers.start(
                BucketSqlServer.builder(
                        CancelFixtures.bucketUrl(BUCKET, proxy.endpoint())
                            + "&csv.skipMalformed=true")
                    .properties(S3TestServer.jdbcKeys())
                    .port(0))) {
      List<Connection> connections = new ArrayList<>();
      try {
        for (int i = 0; i < CLIENTS; i++) {
          Connection c = DriverManager.getConnection(server.clientUrl());
          connections.add(c);
          assertThat(longs(c, "select sum(x) from t")).containsExactly(6L);
        }
        // One full listing for all of them; the probe LIST (max-keys=1) ran once per client.
        assertThat(listings(proxy, false)).isEqualTo(1);
        assertThat(listings(proxy, true)).isEqualTo(1);

        Connection a = connections.get(0);
        Connection b = connections.get(1);
        assertThat(longs(a, "select id from bad order by id")).containsExactly(1L, 3L, 5L);
        assertThat(longs(a, "select count(*) from bucketsql.csv_rejects")).containsExactly(2L);
        assertThat(longs(b, "select count(*) from bucketsql.csv_rejects")).containsExactly(0L);
        assertThat(longs(b, "select id from bad order by id")).containsExactly(1L, 3L, 5L);
        assertThat(longs(b, "select count(*) from bucketsql.csv_rejects")).containsExactly(2L);
        assertThat(longs(a, "select count(*) from bucketsql.csv_rejects")).containsExactly(2L);
        assertThat(listings(proxy, false)).isEqualTo(1);
      } finally {
        for (Connection c : connections) {
          c.close();
        }
      }
    }
  }

  /** The ListObjectsV2 requests the proxy passed: full listings, or the one-key probes. */
  private static long listings(FaultInjectingProxy proxy, boolean probes) {
    return proxy.requestLines().stream()
        .filter(l -> l.contains("list-type=2"))
        .filter(l -> l.matches(".*[?&]max-keys=1[& ].*") == probes)
        .count();
  }

  private static List<Long> longs(Connection c, String sql) throws SQLException {
    List<Long> values = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getLong(1));
      }
    }
    return values;
  }
}
