package dev.bucketsql.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectChangedException;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.ObjectInput;
import dev.bucketsql.storage.StorageException;
import dev.bucketsql.testing.s3.FaultInjectingProxy;
import dev.bucketsql.testing.s3.FaultInjectingProxy.Fault;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Answers that carry less than asked: a ranged body shorter than the range (its headers saying so)
 * is resumed from the byte reached like a cut connection; a range that no longer fits the object
 * (416, the object was replaced by a smaller one) is a change, recorded for the catalog.
 */
@ExtendWith(S3ServerExtension.class)
class S3ShortBodyTest {
  private static final int SIZE = 1_000_000;

  @Test
  void aShortBodyIsResumedFromTheByteReached(S3TestServer server) throws Exception {
    String bucket = S3Fixtures.newBucket(server, "short");
    byte[] data = TestData.bytes(SIZE, 31);
    server.putObject(bucket, "obj.bin", data);
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(server.port());
        S3ObjectStore store =
            S3ObjectStore.create(S3Fixtures.settings(proxy.endpoint(), bucket).build())) {
      IoStats query = new IoStats();
      try (ObjectInput in = store.open(store.head("obj.bin"), query)) {
        proxy.nextRequests(Fault.SHORT_BODY, 3);
        byte[] read;
        try (InputStream s = in.openStream(0)) {
          read = s.readAllBytes();
        }
        assertThat(Arrays.equals(read, data)).isTrue();
        // positional reads take the same path
        proxy.nextRequests(Fault.SHORT_BODY, 1);
        byte[] part = new byte[100_000];
        in.readFully(123_456, part);
        assertThat(part).isEqualTo(Arrays.copyOfRange(data, 123_456, 223_456));
      }
      assertThat(proxy.injected(Fault.SHORT_BODY)).isEqualTo(4);
      assertThat(query.retries()).isEqualTo(4);
      assertThat(query.getRequests()).isEqualTo(6);
      assertThat(query.bytesFetched()).isEqualTo(SIZE + 100_000);
    }
  }

  @Test
  void shortAnswersUntilTheBudgetEndsFailNamingWhatArrived(S3TestServer server) throws Exception {
    String bucket = S3Fixtures.newBucket(server, "short");
    byte[] data = TestData.bytes(SIZE, 35);
    server.putObject(bucket, "obj.bin", data);
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(server.port());
        S3ObjectStore store =
            S3ObjectStore.create(
                S3Fixtures.settings(proxy.endpoint(), bucket).maxAttempts(3).build())) {
      IoStats query = new IoStats();
      try (ObjectInput in = store.open(store.head("obj.bin"), query)) {
        proxy.nextRequests(Fault.SHORT_BODY, 100);
        // each answer carries the first half of what was asked: 500000, then 250000 more
        assertThatThrownBy(() -> in.readFully(0, new byte[SIZE]))
            .isInstanceOf(StorageException.class)
            .hasMessageContaining("object 'obj.bin' (bytes 0-999999)")
            .hasMessageContaining("short of the range asked 3 times (1 request and 2 retries")
            .hasMessageContaining("maxAttempts=3")
            .hasMessageContaining("received 875000 of 1000000 bytes, up to byte offset 875000")
            .hasMessageContaining("cuts responses short");
      }
      assertThat(proxy.injected(Fault.SHORT_BODY)).isEqualTo(3);
      assertThat(query.getRequests()).isEqualTo(3);
      assertThat(query.bytesFetched()).isEqualTo(875_000);
    }
  }

  @Test
  void aCutBodyIsResumedToo(S3TestServer server) throws Exception {
    String bucket = S3Fixtures.newBucket(server, "short");
    byte[] data = TestData.bytes(SIZE, 32);
    server.putObject(bucket, "obj.bin", data);
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(server.port());
        S3ObjectStore store =
            S3ObjectStore.create(S3Fixtures.settings(proxy.endpoint(), bucket).build())) {
      try (ObjectInput in = store.open(store.head("obj.bin"), new IoStats())) {
        proxy.nextRequests(Fault.CUT_BODY, 2);
        byte[] buf = new byte[SIZE];
        in.readFully(0, buf);
        assertThat(Arrays.equals(buf, data)).isTrue();
      }
      assertThat(store.stats().retries()).isEqualTo(2);
    }
  }

  @Test
  void anObjectReplacedByASmallerOneIsAChangeNotARangeError(S3TestServer server) throws Exception {
    String bucket = S3Fixtures.newBucket(server, "short");
    server.putObject(bucket, "obj.bin", TestData.bytes(SIZE, 33));
    try (S3ObjectStore store =
        S3ObjectStore.create(S3Fixtures.settings(server.endpoint(), bucket).build())) {
      ObjectInfo before = store.head("obj.bin");
      server.putObject(bucket, "obj.bin", TestData.bytes(1000, 34));
      try (ObjectInput in = store.open(before, new IoStats())) {
        assertThatThrownBy(() -> in.readFully(500_000, new byte[1000]))
            .isInstanceOf(ObjectChangedException.class)
            .hasMessageContaining("object 'obj.bin' changed")
            .hasMessageContaining("rerun the query");
      }
      assertThat(store.changes().count()).isEqualTo(1);
      assertThat(store.changes().since(0)).containsExactly("obj.bin");
    }
  }

  @Test
  void aWebServerThatIsNotS3IsRefusedAtConnect(S3TestServer server) throws Exception {
    String bucket = S3Fixtures.newBucket(server, "short");
    try (FaultInjectingProxy proxy = new FaultInjectingProxy(server.port())) {
      proxy.nextRequests(Fault.HTML, 1);
      assertThatThrownBy(
              () ->
                  S3ObjectStore.connect(S3Fixtures.settings(proxy.endpoint(), bucket).build())
                      .close())
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("answered a bucket listing with HTTP 200 text/html")
          .hasMessageContaining("not an S3 API endpoint");
    }
  }
}
