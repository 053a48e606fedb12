package dev.bucketsql.storage.s3;

import dev.bucketsql.storage.ObjectStore;
import dev.bucketsql.storage.ObjectStoreContractTest;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/** The storage contract on {@link S3ObjectStore} against a real S3 server on loopback. */
@ExtendWith(S3ServerExtension.class)
class S3ObjectStoreContractTest extends ObjectStoreContractTest {
  private S3TestServer server;
  private String bucket;
  private S3ObjectStore store;

  @BeforeEach
  void newBucket(S3TestServer server) {
    this.server = server;
    this.bucket = S3Fixtures.newBucket(server, "contract");
    this.store = S3ObjectStore.connect(S3Fixtures.settings(server.endpoint(), bucket).build());
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Override
  protected ObjectStore store() {
    return store;
  }

  @Override
  protected void write(String key, byte[] data) {
    server.putObject(bucket, key, data);
  }
}
