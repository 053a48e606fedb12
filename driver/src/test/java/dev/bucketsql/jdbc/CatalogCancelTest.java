package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cancelling a long scan of a folder table stops it and returns its HTTP connection to the pool:
 * with a pool of two connections, many cancelled scans in a row still leave room for a query.
 */
@ExtendWith(S3ServerExtension.class)
class CatalogCancelTest {
  private static final String BUCKET = "catalog-cancel";

  @BeforeAll
  static void upload(S3TestServer server) {
    server.createBucket(BUCKET);
    for (int part = 0; part < 3; part++) {
      StringBuilder csv = new StringBuilder("id,text\n");
      for (int i = 0; i < 150_000; i++) {
        csv.append(part * 1_000_000 + i)
            .append(",\"row ")
            .append(i)
            .append(" with some padding text\"\n");
      }
      server.putObject(
          BUCKET, "big/part-" + part + ".csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void cancelledScansFreeTheirConnections(S3TestServer server) throws SQLException {
    String url = server.jdbcUrl(BUCKET) + "&maxConnections=2";
    try (Connection c = DriverManager.getConnection(url, CatalogBucket.credentials())) {
      for (int attempt = 0; attempt < 5; attempt++) {
        try (Statement s = c.createStatement()) {
          ResultSet rs = s.executeQuery("SELECT id, text FROM big");
          for (int i = 0; i < 1_000; i++) {
            assertThat(rs.next()).isTrue();
          }
          s.cancel();
          assertThatThrownBy(
                  () -> {
                    while (rs.next()) {
                      // the scan must stop
                    }
                  })
              .isInstanceOf(SQLException.class)
              .hasMessageContaining("cancel");
        }
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(id) FROM big")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(450_000);
        assertThat(rs.getLong(2)).isEqualTo(2_149_999);
      }
    }
  }
}
