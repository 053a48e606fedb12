package dev.bucketsql.storage.s3;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.ObjectInput;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A store rooted at a key prefix sees and reads only keys under it, relative to it. */
@ExtendWith(S3ServerExtension.class)
class S3PrefixedStoreTest {
  @Test
  void keysAreRelativeToThePrefix(S3TestServer server) {
    String bucket = S3Fixtures.newBucket(server, "prefixed");
    server.putObject(bucket, "food/RAW_recipes.csv", "id\n1\n".getBytes(UTF_8));
    server.putObject(bucket, "other/x.csv", "no".getBytes(UTF_8));
    try (S3ObjectStore store =
        S3ObjectStore.connect(
            S3Fixtures.settings(server.endpoint(), bucket).prefix("food").build())) {
      assertThat(store.location()).isEqualTo("s3://" + bucket + "/food/");
      assertThat(store.list("")).extracting(ObjectInfo::key).containsExactly("RAW_recipes.csv");
      ObjectInfo info = store.head("RAW_recipes.csv");
      try (ObjectInput in = store.open(info, new IoStats())) {
        assertThat(new String(in.readTail(100), UTF_8)).isEqualTo("id\n1\n");
      }
    }
  }
}
