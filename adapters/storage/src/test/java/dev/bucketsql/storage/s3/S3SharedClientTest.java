package dev.bucketsql.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.storage.config.S3Settings;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stores of equal settings share one SDK client, checked once and closed with the last store; each
 * keeps its own request counters.
 */
@ExtendWith(S3ServerExtension.class)
class S3SharedClientTest {
  @Test
  void equalSettingsShareOneClientUntilTheLastStoreCloses(S3TestServer server) throws Exception {
    String bucket = S3Fixtures.newBucket(server, "shared");
    server.putObject(bucket, "a.csv", "x\n1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    S3Settings settings = S3Fixtures.settings(server.endpoint(), bucket).build();
    int before = S3ObjectStore.sharedClients();
    S3ObjectStore first = S3ObjectStore.connectShared(settings);
    S3ObjectStore second = S3ObjectStore.connectShared(settings.toBuilder().build());
    S3ObjectStore other = S3ObjectStore.connectShared(settings.toBuilder().maxAttempts(2).build());
    assertThat(S3ObjectStore.sharedClients()).isEqualTo(before + 2);
    assertThat(first.stats().listRequests()).isEqualTo(1); // the connect check
    assertThat(second.stats().listRequests()).isZero(); // same settings: not checked again
    assertThat(second.list("")).hasSize(1);
    assertThat(second.stats().listRequests()).isEqualTo(1);
    assertThat(first.stats().listRequests()).isEqualTo(1);
    first.close();
    first.close(); // a second close gives nothing back twice
    assertThat(second.head("a.csv").size()).isEqualTo(4);
    assertThat(S3ObjectStore.sharedClients()).isEqualTo(before + 2);
    second.close();
    other.close();
    assertThat(S3ObjectStore.sharedClients()).isEqualTo(before);
  }
}
