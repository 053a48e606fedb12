package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.storage.IoStats;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A bucket of 10,000 small objects: getTables answers from the listing alone, one LIST request per
 * 1,000 keys and no request per object; getColumns of one table reads that object only.
 */
@ExtendWith(S3ServerExtension.class)
class CatalogManyObjectsTest {
  private static final String BUCKET = "catalog-many";
  private static final int OBJECTS = 10_000;

  @BeforeAll
  static void upload(S3TestServer server) throws Exception {
    server.createBucket(BUCKET);
    byte[] data = "id,v\n1,x\n".getBytes(StandardCharsets.UTF_8);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try (S3Client client = server.newClient()) {
      List<Future<?>> puts = new ArrayList<>();
      for (int i = 0; i < OBJECTS; i++) {
        String key = String.format("t_%05d.csv", i);
        puts.add(
            pool.submit(
                () ->
                    client.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(data))));
      }
      for (Future<?> f : puts) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void getTablesCostsOnlyTheListPages(S3TestServer server) throws SQLException {
    String url = server.jdbcUrl(BUCKET);
    try (Connection c = DriverManager.getConnection(url, CatalogBucket.credentials())) {
      // The catalog's totals: the connection's own store ran the connect check; the catalog
      // (new: the bucket is this test's) lists on getTables.
      IoStats stats = BucketSqlConnections.catalogStats(c);
      int tables = 0;
      try (ResultSet rs = c.getMetaData().getTables(null, BUCKET, "%", null)) {
        while (rs.next()) {
          tables++;
          assertThat(rs.getString("REMARKS")).startsWith("object t_");
        }
      }
      IoStats.Snapshot cost = stats.snapshot();
      assertThat(tables).isEqualTo(OBJECTS);
      assertThat(cost.listRequests()).isEqualTo((OBJECTS + 999) / 1000);
      assertThat(cost.headRequests() + cost.getRequests()).isZero();

      IoStats.Snapshot before = stats.snapshot();
      try (ResultSet rs = c.getMetaData().getColumns(null, BUCKET, "t_04242", "%")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("COLUMN_NAME")).isEqualTo("id");
      }
      cost = stats.snapshot().minus(before);
      assertThat(cost.listRequests()).as("listing reused").isZero();
      assertThat(cost.headRequests() + cost.getRequests()).isBetween(1L, 2L);
    }
  }
}
