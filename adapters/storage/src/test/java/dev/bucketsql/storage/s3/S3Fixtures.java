package dev.bucketsql.storage.s3;

import dev.bucketsql.storage.config.S3Settings;
import dev.bucketsql.testing.s3.S3TestServer;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Settings and bucket names for tests against the S3 test server. */
final class S3Fixtures {
  private static final AtomicInteger BUCKETS = new AtomicInteger();

  private S3Fixtures() {}

  /** A bucket name no other test uses, created on the server. */
  static String newBucket(S3TestServer server, String purpose) {
    String bucket = purpose + "-" + BUCKETS.incrementAndGet();
    server.createBucket(bucket);
    return bucket;
  }

  /**
   * Settings for {@code bucket} on the server (or on {@code endpoint} in front of it), without the
   * range cache, so that every read is a request of its own; {@code S3RangeCacheTest} turns it on.
   */
  static S3Settings.Builder settings(URI endpoint, String bucket) {
    return S3Settings.builder()
        .endpoint(endpoint)
        .region(S3TestServer.REGION)
        .bucket(bucket)
        .credentials(S3TestServer.ACCESS_KEY_ID, S3TestServer.SECRET_ACCESS_KEY, null)
        .connectTimeout(Duration.ofSeconds(2))
        .socketTimeout(Duration.ofSeconds(10))
        .retryBaseDelay(Duration.ofMillis(1))
        .dataCacheBytes(0);
  }
}
