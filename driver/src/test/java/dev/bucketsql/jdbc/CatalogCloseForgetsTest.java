package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.calcite.engine.PlanCache;
import dev.bucketsql.calcite.pushdown.ScanRegistry;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.calcite.avatica.AvaticaConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Closing a connection drops what BucketSQL keeps per connection: its prepared plans, its scan
 * registry (pushdown switch and scan reports) and the link from its CSV reject log to statement
 * warnings. Checked on the registries themselves, not through garbage collection.
 */
@ExtendWith(S3ServerExtension.class)
class CatalogCloseForgetsTest {
  @Test
  void closeDropsThePlanCacheTheScanRegistryAndTheRejectLog(S3TestServer server)
      throws SQLException {
    Connection c = ParquetEventsFile.connect(server);
    Object calcite = c.unwrap(AvaticaConnection.class);
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM events WHERE id < 10")) {
      assertThat(rs.next()).isTrue();
    }
    assertThat(PlanCache.of(c).stats().size()).isEqualTo(1);
    assertThat(BucketSqlConnections.latestScans(c)).isNotEmpty();
    assertThat(PlanCache.holds(c)).isTrue();
    assertThat(ScanRegistry.holds(calcite)).isTrue();
    assertThat(RejectWarnings.holds(c.unwrap(AvaticaConnection.class))).isTrue();

    c.close();

    assertThat(PlanCache.holds(c)).isFalse();
    assertThat(ScanRegistry.holds(calcite)).isFalse();
    assertThat(RejectWarnings.holds(c.unwrap(AvaticaConnection.class))).isFalse();
  }
}
