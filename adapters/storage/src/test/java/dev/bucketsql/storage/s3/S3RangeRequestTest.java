package dev.bucketsql.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.ObjectInput;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every GET carries exactly one {@code bytes=a-b} range and the ETag it is pinned to, as seen on
 * the wire by a proxy between the store and the server.
 */
@ExtendWith(S3ServerExtension.class)
class S3RangeRequestTest {
  @Test
  void everyGetAsksForOneRangePinnedToTheEtag(S3TestServer server) throws Exception {
    String bucket = S3Fixtures.newBucket(server, "ranges");
    byte[] data = TestData.bytes(300_000, 7);
    server.putObject(bucket, "r.bin", data);
    try (FaultProxy proxy = new FaultProxy(server.port());
        S3ObjectStore store =
            S3ObjectStore.create(S3Fixtures.settings(proxy.endpoint(), bucket).build())) {
      ObjectInfo info = store.head("r.bin");
      try (ObjectInput in = store.open(info, new IoStats())) {
        byte[] buf = new byte[1000];
        in.readFully(12_345, buf);
        assertThat(buf).isEqualTo(Arrays.copyOfRange(data, 12_345, 13_345));
        assertThat(in.readTail(100)).isEqualTo(Arrays.copyOfRange(data, 299_900, 300_000));
        try (InputStream s = in.openStream(1000, 250_000)) {
          assertThat(s.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, 1000, 250_000));
        }
      }
      List<String> gets = proxy.requestHeads().stream().filter(h -> h.startsWith("GET ")).toList();
      assertThat(gets).hasSize(3);
      assertThat(gets)
          .allSatisfy(
              head -> {
                List<String> ranges = header(head, "range");
                assertThat(ranges).hasSize(1);
                assertThat(ranges.get(0)).matches("bytes=\\d+-\\d+");
                assertThat(header(head, "if-match")).containsExactly(info.etag());
              });
      assertThat(gets.stream().map(h -> header(h, "range").get(0)))
          .containsExactly("bytes=12345-13344", "bytes=299900-299999", "bytes=1000-249999");
    }
  }

  private static List<String> header(String head, String name) {
    return Arrays.stream(head.split("\r\n"))
        .filter(l -> l.toLowerCase(Locale.ROOT).startsWith(name + ":"))
        .map(l -> l.substring(l.indexOf(':') + 1).trim())
        .toList();
  }
}
