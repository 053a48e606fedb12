package dev.bucketsql.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectChangedException;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.ObjectInput;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A connection that breaks mid-object is resumed from the byte reached, pinned to the same ETag; if
 * the object changed meanwhile the read fails instead of splicing two versions.
 */
@ExtendWith(S3ServerExtension.class)
class S3StreamResumeTest {
  private static final int SIZE = 4 * 1024 * 1024;

  @Test
  void resumesAfterTheConnectionIsCut(S3TestServer server) throws Exception {
    String bucket = S3Fixtures.newBucket(server, "resume");
    byte[] data = TestData.bytes(SIZE, 21);
    server.putObject(bucket, "obj.bin", data);
    try (FaultProxy proxy = new FaultProxy(server.port());
        S3ObjectStore store =
            S3ObjectStore.create(S3Fixtures.settings(proxy.endpoint(), bucket).build())) {
      ObjectInfo info = store.head("obj.bin");
      IoStats query = new IoStats();
      try (ObjectInput in = store.open(info, query)) {
        proxy.cutAfterBytes(1_000_000, null);
        byte[] read;
        try (InputStream s = in.openStream(0)) {
          read = s.readAllBytes();
        }
        assertThat(read.length).isEqualTo(SIZE);
        assertThat(Arrays.equals(read, data)).isTrue();
      }
      assertThat(query.retries()).isEqualTo(1);
      assertThat(query.getRequests()).isEqualTo(2);
      assertThat(query.bytesFetched()).isEqualTo(SIZE);
      assertThat(store.stats().retries()).isEqualTo(1);
      // The second GET asked for the rest only.
      String resumed = proxy.requestHeads().get(proxy.requestHeads().size() - 1);
      assertThat(resumed).containsPattern("(?i)range: bytes=[1-9]\\d*-" + (SIZE - 1));
    }
  }

  @Test
  void positionalReadsResumeToo(S3TestServer server) throws Exception {
    String bucket = S3Fixtures.newBucket(server, "resume");
    byte[] data = TestData.bytes(SIZE, 22);
    server.putObject(bucket, "obj.bin", data);
    try (FaultProxy proxy = new FaultProxy(server.port());
        S3ObjectStore store =
            S3ObjectStore.create(S3Fixtures.settings(proxy.endpoint(), bucket).build())) {
      IoStats query = new IoStats();
      try (ObjectInput in = store.open(store.head("obj.bin"), query)) {
        proxy.cutAfterBytes(500_000, null);
        byte[] buf = new byte[2_000_000];
        in.readFully(100_000, buf);
        assertThat(Arrays.equals(buf, Arrays.copyOfRange(data, 100_000, 2_100_000))).isTrue();
      }
      assertThat(query.retries()).isEqualTo(1);
    }
  }

  @Test
  void failsWhenTheObjectChangedBeforeTheResume(S3TestServer server) throws Exception {
    String bucket = S3Fixtures.newBucket(server, "resume");
    byte[] data = TestData.bytes(SIZE, 23);
    server.putObject(bucket, "obj.bin", data);
    try (FaultProxy proxy = new FaultProxy(server.port());
        S3ObjectStore store =
            S3ObjectStore.create(S3Fixtures.settings(proxy.endpoint(), bucket).build())) {
      ObjectInfo info = store.head("obj.bin");
      try (ObjectInput in = store.open(info, new IoStats());
          InputStream s = in.openStream(0)) {
        proxy.cutAfterBytes(
            1_000_000, () -> server.putObject(bucket, "obj.bin", TestData.bytes(SIZE, 99)));
        assertThatThrownBy(s::readAllBytes)
            .isInstanceOf(ObjectChangedException.class)
            .hasMessageContaining("obj.bin")
            .hasMessageContaining(info.etag());
      }
      String lastGet = proxy.requestHeads().get(proxy.requestHeads().size() - 1);
      assertThat(lastGet).containsIgnoringCase("if-match: " + info.etag());
    }
  }
}
