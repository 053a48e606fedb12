package dev.bucketsql.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Listing follows every page: nothing past the first 1,000 keys is dropped. */
@ExtendWith(S3ServerExtension.class)
class S3ListPaginationTest {
  private static final int OBJECTS = 10_050;

  @Test
  void listsEveryObjectOfAManyPageListing(S3TestServer server) throws Exception {
    String bucket = S3Fixtures.newBucket(server, "pages");
    List<String> keys =
        IntStream.range(0, OBJECTS).mapToObj(i -> String.format("part/%05d.csv", i)).toList();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try (S3Client client = server.newClient()) {
      List<Future<?>> uploads = new ArrayList<>();
      for (String key : keys) {
        uploads.add(
            pool.submit(
                () ->
                    client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(key))));
      }
      for (Future<?> f : uploads) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    server.putObject(bucket, "zz-outside.csv", new byte[1]);

    try (S3ObjectStore store =
        S3ObjectStore.create(S3Fixtures.settings(server.endpoint(), bucket).build())) {
      List<ObjectInfo> listed = store.list("part/");
      assertThat(listed).extracting(ObjectInfo::key).containsExactlyElementsOf(keys);
      assertThat(listed).allSatisfy(o -> assertThat(o.size()).isEqualTo(o.key().length()));
      // S3 pages hold at most 1,000 keys.
      assertThat(store.stats().listRequests()).isEqualTo((OBJECTS + 999) / 1000);
    }
  }
}
