package dev.bucketsql.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Many clients at once each get their own, correct answers. */
@ExtendWith(SharedServers.class)
class ConcurrencyTest {
  private static final int CLIENTS = 16;
  private static final int QUERIES_PER_CLIENT = 5;

  private static TestServers servers;

  @BeforeAll
  static void servers(TestServers shared) {
    servers = shared;
  }

  // The timeout only turns a deadlock into a failure; it is far above the normal run time.
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  @ParameterizedTest
  @EnumSource(Serialization.class)
  void sixteenClientsAtOnce(Serialization serialization) throws Exception {
    String url = servers.get(serialization).clientUrl();
    int[] empids = {100, 110, 150, 200};
    String[] names = {"Bill", "Theodore", "Sebastian", "Eric"};
    CountDownLatch ready = new CountDownLatch(CLIENTS);
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int client = 0; client < CLIENTS; client++) {
        int which = client % empids.length;
        Callable<List<String>> work =
            () -> {
              List<String> seen = new ArrayList<>();
              try (Connection connection = DriverManager.getConnection(url);
                  PreparedStatement statement =
                      connection.prepareStatement("select name from emps where empid = ?")) {
                ready.countDown();
                ready.await(); // all clients hit the server together
                for (int i = 0; i < QUERIES_PER_CLIENT; i++) {
                  statement.setInt(1, empids[which]);
                  try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                      seen.add(rs.getString(1));
                    }
                  }
                }
              }
              return seen;
            };
        results.add(pool.submit(work));
      }
      for (int client = 0; client < CLIENTS; client++) {
        String expected = names[client % names.length];
        assertThat(results.get(client).get()).hasSize(QUERIES_PER_CLIENT).containsOnly(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
