package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the stock Avatica client's {@code Statement.cancel()} can do: once the first frame of a
 * streaming result has arrived, {@code cancel()} returns at once and makes the client's next {@code
 * next()} fail, and closing the statement sends a close-statement request that the server turns
 * into stopping the scan (its HTTP GET to the bucket is aborted before the object was sent in
 * full). Before the first frame {@code cancel()} waits for the execute request, so a query that
 * returns no row until it ends cannot be cancelled this way (see RemoteCancelTest for what stops
 * those).
 */
@ExtendWith(S3ServerExtension.class)
// Hang guard only: each test runs for about a second.
@Timeout(value = 25, unit = TimeUnit.SECONDS)
class RemoteStatementCancelTest {
  private static final String BUCKET = "remote-statement-cancel";

  private static S3TestServer s3;
  private static int bigSize;

  @BeforeAll
  static void data(S3TestServer server) {
    s3 = server;
    bigSize = CancelFixtures.uploadScanData(s3, BUCKET);
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void cancelThenCloseDuringFetchingStopsTheServerSideScan(Serialization serialization)
      throws Exception {
    try (ThrottlingProxy proxy = new ThrottlingProxy(s3.port(), 16 * 1024, 20);
        BucketSqlServer server = start(proxy, serialization);
        Connection connection = DriverManager.getConnection(server.clientUrl())) {
      Statement statement = connection.createStatement();
      statement.setFetchSize(50);
      ResultSet rs = statement.executeQuery("select id, name from big");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isZero();
      // the server holds the open scan, waiting for the client to fetch more
      assertThat(server.queries().list()).hasSize(1);
      assertThat(proxy.clientCloses()).isZero();

      statement.cancel(); // client-side only: nothing is sent yet
      assertThatThrownBy(rs::next)
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("Statement canceled");
      statement.close(); // a close-statement request: the server closes the scan

      CancelFixtures.awaitAbortedGet(proxy);
      assertThat(proxy.bytesToClient()).isLessThan(bigSize);
      assertThat(server.queries().list()).isEmpty();
      assertThat(count(connection, "select count(*) from small")).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @EnumSource(Serialization.class)
  void setQueryTimeoutIsKeptByTheClientAndNeverSent(Serialization serialization) throws Exception {
    try (BucketSqlServer server = start(null, serialization);
        Connection connection = DriverManager.getConnection(server.clientUrl());
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(1);
      assertThat(statement.getQueryTimeout()).isEqualTo(1);
      // accepted and answered normally: the client neither sends nor enforces it
      try (ResultSet rs = statement.executeQuery("select count(*) from small")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(3);
      }
    }
  }

  private static BucketSqlServer start(ThrottlingProxy proxy, Serialization serialization) {
    Properties keys = S3TestServer.jdbcKeys();
    Object endpoint = proxy == null ? s3.endpoint() : proxy.endpoint();
    String url = CancelFixtures.bucketUrl(BUCKET, endpoint);
    return TestServers.start(
        BucketSqlServer.builder(url).properties(keys).port(0).serialization(serialization));
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
