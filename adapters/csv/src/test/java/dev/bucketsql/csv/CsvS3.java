package dev.bucketsql.csv;

import dev.bucketsql.storage.config.S3Settings;
import dev.bucketsql.storage.s3.S3ObjectStore;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives the CSV tests the shared real S3 server of the test run (S3Proxy on loopback) and one
 * {@link S3ObjectStore} over the test bucket, built like a connection builds it.
 */
final class CsvS3 implements BeforeAllCallback {
  static final String BUCKET = "csv-tests";

  private static S3TestServer server;
  private static S3ObjectStore store;

  @Override
  public void beforeAll(ExtensionContext context) {
    use(S3ServerExtension.shared(context));
  }

  private static synchronized void use(S3TestServer s) {
    if (server == s) {
      return;
    }
    server = s;
    s.createBucket(BUCKET);
    store = S3ObjectStore.create(settings(s, BUCKET));
  }

  /** Settings for {@code bucket} on {@code s}. */
  static S3Settings settings(S3TestServer s, String bucket) {
    return S3Settings.builder()
        .endpoint(s.endpoint())
        .region(S3TestServer.REGION)
        .bucket(bucket)
        .credentials(S3TestServer.ACCESS_KEY_ID, S3TestServer.SECRET_ACCESS_KEY, null)
        .build();
  }

  static synchronized S3TestServer server() {
    if (server == null) {
      throw new IllegalStateException("annotate the test class with @ExtendWith(CsvS3.class)");
    }
    return server;
  }

  static synchronized S3ObjectStore store() {
    server();
    return store;
  }
}
