package dev.bucketsql.parquet;

import dev.bucketsql.storage.config.S3Settings;
import dev.bucketsql.storage.s3.S3ObjectStore;
import dev.bucketsql.testing.s3.S3TestServer;

/** Object stores over the test server's buckets, built like a connection builds them. */
final class ParquetS3Stores {
  private ParquetS3Stores() {}

  /** A store on {@code bucket} of the test server, through the real S3 store and SDK. */
  static S3ObjectStore store(S3TestServer server, String bucket) {
    return S3ObjectStore.create(
        S3Settings.builder()
            .endpoint(server.endpoint())
            .region(S3TestServer.REGION)
            .bucket(bucket)
            .credentials(S3TestServer.ACCESS_KEY_ID, S3TestServer.SECRET_ACCESS_KEY, null)
            .build());
  }
}
