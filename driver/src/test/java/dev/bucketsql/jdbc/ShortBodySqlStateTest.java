package dev.bucketsql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.bucketsql.testing.s3.FaultInjectingProxy;
import dev.bucketsql.testing.s3.FaultInjectingProxy.Fault;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A server (or a proxy) that answers every ranged GET with less than asked: the query fails, once
 * the retry budget is spent, with SQLSTATE 58030 and a message naming the object, the bytes asked
 * and received, and the requests made; a query that meets fewer short answers than the budget gives
 * its full answer.
 */
@ExtendWith(S3ServerExtension.class)
class ShortBodySqlStateTest {
  private static final String BUCKET = "shortbody";

  @Test
  void shortAnswersBeyondTheBudgetAreAnIoErrorThatSaysWhatHappened(S3TestServer server)
      throws Exception {
    server.createBucket(BUCKET);
    StringBuilder csv = new StringBuilder("n,label\n");
    long expected = 0;
    for (int i = 0; i < 5000; i++) {
      csv.append(i).append(",row ").append(i).append('\n');
      expected += i;
    }
    server.putObject(BUCKET, "numbers.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(server.port())) {
      String url =
          "jdbc:bucketsql:s3://"
              + BUCKET
              + "?endpoint="
              + proxy.endpoint()
              + "&region="
              + S3TestServer.REGION
              + "&maxAttempts=3&retryBaseDelay=1ms";
      try (Connection c = DriverManager.getConnection(url, S3TestServer.jdbcKeys())) {
        proxy.nextRequests(Fault.SHORT_BODY, 2);
        assertThat(sum(c)).isEqualTo(expected);

        proxy.nextRequests(Fault.SHORT_BODY, 1000);
        SQLException e = catchThrowableOfType(SQLException.class, () -> sum(c));
        assertThat(e.getSQLState()).isEqualTo("58030");
        assertThat(e.getMessage())
            .contains("object 'numbers.csv'")
            .contains("short of the range asked 3 times (1 request and 2 retries")
            .containsPattern("received \\d+ of \\d+ bytes")
            .doesNotContain("\n");

        proxy.heal();
        assertThat(sum(c)).isEqualTo(expected);
      }
    }
  }

  private static long sum(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT SUM(n) FROM numbers")) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }
}
