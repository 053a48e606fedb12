package dev.bucketsql.storage.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.ObjectInput;
import dev.bucketsql.storage.StorageException;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** 503 SlowDown is retried for every request kind, and each retry is counted. */
@ExtendWith(S3ServerExtension.class)
class S3RetryTest {
  @Test
  void retriesListHeadAndGetAfterSlowDown(S3TestServer server) throws Exception {
    String bucket = S3Fixtures.newBucket(server, "retry");
    server.putObject(bucket, "a.csv", "x,y\n1,2\n".getBytes(UTF_8));
    try (FaultProxy proxy = new FaultProxy(server.port());
        S3ObjectStore store =
            S3ObjectStore.create(S3Fixtures.settings(proxy.endpoint(), bucket).build())) {
      proxy.slowDownNextRequest();
      assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly("a.csv");
      assertThat(store.stats().listRequests()).isEqualTo(2);
      assertThat(store.stats().retries()).isEqualTo(1);

      proxy.slowDownNextRequest();
      ObjectInfo info = store.head("a.csv");
      assertThat(store.stats().headRequests()).isEqualTo(2);
      assertThat(store.stats().retries()).isEqualTo(2);

      IoStats query = new IoStats();
      try (ObjectInput in = store.open(info, query)) {
        proxy.slowDownNextRequest();
        assertThat(new String(in.readTail(4), UTF_8)).isEqualTo("1,2\n");
      }
      assertThat(query.getRequests()).isEqualTo(2);
      assertThat(query.retries()).isEqualTo(1);
      assertThat(store.stats().retries()).isEqualTo(3);
    }
  }

  @Test
  void givesUpAfterMaxAttemptsWithAClearMessage(S3TestServer server) throws Exception {
    String bucket = S3Fixtures.newBucket(server, "retry");
    try (FaultProxy proxy = new FaultProxy(server.port());
        S3ObjectStore store =
            S3ObjectStore.create(
                S3Fixtures.settings(proxy.endpoint(), bucket).maxAttempts(1).build())) {
      proxy.slowDownNextRequest();
      assertThatThrownBy(() -> store.list(""))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("503")
          .hasMessageContaining("SlowDown")
          .hasMessageContaining("listing s3://" + bucket + "/");
      assertThat(store.stats().retries()).isZero();
    }
  }
}
