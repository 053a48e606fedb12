package dev.bucketsql.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.ObjectInput;
import dev.bucketsql.storage.VersionChecks;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A version check started ahead of a query's reads ends with the query (docs/storage.md, "The range
 * cache"): against a real S3 server behind a proxy that never answers HEADs, cancelling the query's
 * checks aborts the HEAD in flight at once (the connection closes long before the socket timeout)
 * and no retry of it reaches the wire afterwards, where the SDK would have retried it after the
 * timeout; a read of the same query that needs the version later asks again itself.
 */
@ExtendWith(S3ServerExtension.class)
class S3CheckAheadCancelTest {
  private static final int SIZE = 100_000;
  private static final Duration SOCKET_TIMEOUT = Duration.ofMillis(800);

  @Test
  void cancellingAbortsTheHeadInFlightAndNoRetryFollows(S3TestServer server) throws Exception {
    String bucket = S3Fixtures.newBucket(server, "ahead-cancel");
    byte[] data = TestData.bytes(SIZE, 5);
    server.putObject(bucket, "a.bin", data);
    try (FaultProxy proxy = new FaultProxy(server.port());
        S3ObjectStore store =
            S3ObjectStore.create(
                S3Fixtures.settings(proxy.endpoint(), bucket)
                    .dataCacheBytes(1 << 20)
                    .socketTimeout(SOCKET_TIMEOUT)
                    .maxAttempts(3)
                    .build())) {
      ObjectInfo info = store.head("a.bin");
      try (ObjectInput in = store.open(info, new IoStats())) {
        read(in);
      }
      proxy.holdHeads(true);
      IoStats query = new IoStats().forQuery();
      store.checkAhead(info, query);
      assertThat(waitFor(() -> heads(proxy) == 2, Duration.ofSeconds(10))).isTrue();
      int connections = proxy.openConnections();

      long before = System.nanoTime();
      VersionChecks checks = query.versionChecks();
      checks.cancelStarted(query);
      assertThat(checks.startedRunning()).isZero();
      // the aborted HEAD's connection closes at once, not at the socket timeout
      assertThat(waitFor(() -> proxy.openConnections() < connections, Duration.ofSeconds(5)))
          .isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(SOCKET_TIMEOUT);
      // past the timeout and the backoffs, the SDK sent no retry
      Thread.sleep(SOCKET_TIMEOUT.toMillis() * 3);
      assertThat(heads(proxy)).isEqualTo(2);
      assertThat(query.headRequests()).isEqualTo(1);
      assertThat(store.changes().since(0)).isEmpty();

      // a read of the same query that needs the version asks itself
      proxy.holdHeads(false);
      try (ObjectInput in = store.open(info, query.child())) {
        assertThat(read(in)).isEqualTo(data);
      }
      assertThat(heads(proxy)).isEqualTo(3);
      assertThat(query.headRequests()).isEqualTo(2);
    }
  }

  private static int heads(FaultProxy proxy) {
    List<String> all = proxy.requestHeads();
    return (int) all.stream().filter(h -> h.startsWith("HEAD ")).count();
  }

  private static boolean waitFor(BooleanSupplier condition, Duration max) throws Exception {
    long deadline = System.nanoTime() + max.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  private static byte[] read(ObjectInput in) throws Exception {
    try (InputStream s = in.openStream(0, SIZE)) {
      return s.readAllBytes();
    }
  }
}
