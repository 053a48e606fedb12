package dev.bucketsql.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInput;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Closing a stream early aborts the GET instead of downloading the rest of the object, unless
 * little of the answer is left: that is read and dropped, and the connection serves the next GET.
 */
@ExtendWith(S3ServerExtension.class)
class S3StreamAbortTest {
  private static final int SIZE = 32 * 1024 * 1024;

  @Test
  void closingEarlyStopsTheDownload(S3TestServer server) throws Exception {
    String bucket = S3Fixtures.newBucket(server, "abort");
    byte[] data = TestData.bytes(SIZE, 11);
    server.putObject(bucket, "big.bin", data);
    try (FaultProxy proxy = new FaultProxy(server.port());
        S3ObjectStore store =
            S3ObjectStore.create(S3Fixtures.settings(proxy.endpoint(), bucket).build())) {
      IoStats query = new IoStats();
      try (ObjectInput in = store.open(store.head("big.bin"), query);
          InputStream s = in.openStream(0)) {
        byte[] first = s.readNBytes(64 * 1024);
        assertThat(first).isEqualTo(Arrays.copyOf(data, 64 * 1024));
      }
      assertThat(query.bytesFetched()).isLessThan(1024 * 1024);
      assertThat(query.getRequests()).isEqualTo(1);
      // Wait until the aborted connection is gone, then look at what crossed the wire: socket
      // buffers hold a few MB at most; draining would have moved all 32 MB.
      for (int i = 0; i < 500 && proxy.openConnections() > 0; i++) {
        Thread.sleep(10);
      }
      assertThat(proxy.openConnections()).isZero();
      assertThat(proxy.bytesToClient()).isLessThan(SIZE / 4);
    }
  }

  @Test
  void closingNearTheEndDrainsAndKeepsTheConnection(S3TestServer server) throws Exception {
    String bucket = S3Fixtures.newBucket(server, "drain");
    byte[] data = TestData.bytes(1_000_000, 12);
    server.putObject(bucket, "small.bin", data);
    try (FaultProxy proxy = new FaultProxy(server.port());
        S3ObjectStore store =
            S3ObjectStore.create(S3Fixtures.settings(proxy.endpoint(), bucket).build())) {
      IoStats query = new IoStats();
      try (ObjectInput in = store.open(store.head("small.bin"), query)) {
        try (InputStream s = in.openStream(0, 200_000)) {
          assertThat(s.readNBytes(190_000)).isEqualTo(Arrays.copyOf(data, 190_000));
        }
        // 10,000 bytes were left: read and dropped, counted as received
        assertThat(query.bytesFetched()).isEqualTo(200_000);
        Thread.sleep(200); // an aborted connection would be gone from the proxy by now
        assertThat(proxy.openConnections()).isEqualTo(1);
        byte[] tail = in.readTail(100);
        assertThat(tail).isEqualTo(Arrays.copyOfRange(data, data.length - 100, data.length));
        assertThat(proxy.openConnections()).isEqualTo(1); // the same connection served it

        try (InputStream s = in.openStream(0)) {
          assertThat(s.readNBytes(1000)).isEqualTo(Arrays.copyOf(data, 1000));
        }
        // 999,000 bytes left: aborted, not drained
        for (int i = 0; i < 500 && proxy.openConnections() > 0; i++) {
          Thread.sleep(10);
        }
        assertThat(proxy.openConnections()).isZero();
      }
      assertThat(query.getRequests()).isEqualTo(3);
    }
  }
}
