package dev.bucketsql.sqltests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.FaultInjectingProxy;
import dev.bucketsql.testing.s3.FaultInjectingProxy.Fault;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reference queries over CSV and Parquet, read through a proxy that resets connections, answers
 * 503 SlowDown and 500 InternalError, stalls past the socket timeout, and cuts bodies or sends them
 * short, give exactly the answers they give without faults. A bounded run (a fixed seed, about one
 * request in seven broken, each fault kind at least once); the longer one is {@code bench/run
 * faults}.
 */
@ExtendWith(S3ServerExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS) // hang guard
class FaultRunTest {
  private static final long SEED = 20261205L;
  private static final double RATE = 0.15;

  @Test
  void referenceQueriesGiveExactAnswersUnderFaults(S3TestServer server) throws Exception {
    SqlTestBucket.ensure(server);
    List<SqlCase> cases = new ArrayList<>(Queries.ISSUE);
    cases.add(SqlCase.of("CSV rows", "SELECT * FROM PP_recipes"));
    cases.add(SqlCase.of("Parquet rows", "SELECT * FROM RAW_recipes_clean WHERE minutes < 30"));

    Map<String, List<List<Object>>> faulted = new LinkedHashMap<>();
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(server.port())) {
      proxy.stallFor(Duration.ofMillis(1500)); // past the 1 s socket timeout below
      for (Fault f : EnumSet.complementOf(EnumSet.of(Fault.HTML))) {
        proxy.nextRequests(f, 1);
      }
      proxy.randomFaults(
          SEED,
          RATE,
          EnumSet.of(
              Fault.RESET,
              Fault.SLOW_DOWN,
              Fault.INTERNAL_ERROR,
              Fault.CUT_BODY,
              Fault.SHORT_BODY));
      String url =
          "jdbc:bucketsql:s3://"
              + SqlTestBucket.BUCKET
              + "?endpoint="
              + proxy.endpoint()
              + "&region="
              + S3TestServer.REGION
              + "&socketTimeout=1s&maxAttempts=6&retryBaseDelay=5ms";
      for (SqlCase c : cases) {
        // a new connection each time: its listing and schema reads meet the faults too
        try (Connection connection = DriverManager.getConnection(url, S3TestServer.jdbcKeys())) {
          faulted.put(c.name(), Answers.query(connection, c.sql()));
        }
      }
      for (Fault f : EnumSet.complementOf(EnumSet.of(Fault.HTML))) {
        assertThat(proxy.injected(f)).as("%s faults injected", f).isPositive();
      }
      assertThat(proxy.injected()).as("faults in %d requests", proxy.requests()).isGreaterThan(10);
    }

    try (Connection clean = SqlTestBucket.connect(server)) {
      for (SqlCase c : cases) {
        List<List<Object>> expected = Answers.query(clean, c.sql());
        List<List<Object>> actual = faulted.get(c.name());
        assertThat(expected).as(c.name()).isNotEmpty();
        String difference =
            c.ordered()
                ? Answers.difference(actual, expected)
                : Answers.difference(Answers.sorted(actual), Answers.sorted(expected));
        assertThat(difference).as(c.name()).isNull();
      }
    }
  }
}
