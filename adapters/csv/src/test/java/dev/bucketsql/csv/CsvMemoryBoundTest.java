package dev.bucketsql.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.testing.s3.S3TestServer;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Issue #3: memory is bounded by configuration, not by object size. A child JVM with a 256 MB heap
 * scans a 1 GiB object (reviews with quoted commas, doubled quotes and line breaks) from an S3
 * server in this JVM on loopback, which keeps it on disk in a temporary directory, so that neither
 * JVM holds the object: count and one-column sum, in parallel splits and in one stream, must come
 * out exact.
 */
class CsvMemoryBoundTest {
  private static final long TARGET_BYTES = 1L << 30;

  @Test
  void aOneGibObjectScansUnderA256MbHeap(@TempDir Path dir) throws Exception {
    try (S3TestServer server =
            S3TestServer.startOnDisk(Files.createDirectories(dir.resolve("s3")));
        S3Client client = server.newClient()) {
      server.createBucket("memory-bound");
      long[] rowsAndSum = upload(client, "memory-bound", "big.csv");
      long size = client.headObject(b -> b.bucket("memory-bound").key("big.csv")).contentLength();
      assertThat(size).isGreaterThanOrEqualTo(TARGET_BYTES);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx256m");
      command.add("-XX:+ExitOnOutOfMemoryError");
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(CsvMemoryBoundChild.class.getName());
      command.add(server.endpoint().toString());
      command.add("memory-bound");
      command.add("big.csv");
      command.add(Long.toString(rowsAndSum[0]));
      command.add(Long.toString(rowsAndSum[1]));
      Path log = dir.resolve("child.log");
      Process child =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      boolean done = child.waitFor(10, TimeUnit.MINUTES);
      if (!done) {
        child.destroyForcibly();
      }
      String output = Files.readString(log);
      assertThat(done).as("child finished; output:%n%s", output).isTrue();
      assertThat(child.exitValue()).as("child exit code; output:%n%s", output).isZero();
      assertThat(output)
          .contains("count=" + rowsAndSum[0] + " sum=" + rowsAndSum[1])
          .contains("parallelism=1 count=" + rowsAndSum[0])
          .contains("maxHeap=");
    }
  }

  /**
   * Uploads a header and a block of records repeated past 1 GiB, in 16 MiB parts of a multipart
   * upload (the test server refuses single PUTs that large); returns {rows, sum of rating}.
   */
  private static long[] upload(S3Client client, String bucket, String key) throws Exception {
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    long blockRows = 0;
    long blockSum = 0;
    for (int i = 0; blockSize(block) < 1 << 20; i++) {
      int rating = i % 6;
      String review =
          switch (i % 4) {
            case 0 -> "plain review number " + i;
            case 1 -> "\"tasty, quick, \"\"easy\"\" - number " + i + "\"";
            case 2 -> "\"first line\nsecond line of review " + i + "\"";
            default -> "\"windows\r\nbreak, crème brûlée " + i + "\"";
          };
      String line =
          (1000 + i)
              + ","
              + (i * 7)
              + ",2010-01-"
              + (10 + i % 20)
              + ","
              + rating
              + ","
              + review
              + (i % 5 == 0 ? "\r\n" : "\n");
      block.write(line.getBytes(UTF_8));
      blockRows++;
      blockSum += rating;
    }
    byte[] bytes = block.toByteArray();
    int perPart = 16;
    ByteArrayOutputStream partBytes = new ByteArrayOutputStream();
    for (int r = 0; r < perPart; r++) {
      partBytes.write(bytes);
    }
    byte[] part = partBytes.toByteArray();
    byte[] header = "user_id,recipe_id,date,rating,review\n".getBytes(UTF_8);
    byte[] first = new byte[header.length + part.length];
    System.arraycopy(header, 0, first, 0, header.length);
    System.arraycopy(part, 0, first, header.length, part.length);
    int parts = (int) ((TARGET_BYTES + part.length - 1) / part.length);
    String upload = client.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
    List<CompletedPart> done = new ArrayList<>();
    for (int n = 1; n <= parts; n++) {
      int number = n;
      String etag =
          client
              .uploadPart(
                  b -> b.bucket(bucket).key(key).uploadId(upload).partNumber(number),
                  RequestBody.fromBytes(n == 1 ? first : part))
              .eTag();
      done.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
    }
    client.completeMultipartUpload(
        b -> b.bucket(bucket).key(key).uploadId(upload).multipartUpload(m -> m.parts(done)));
    long repeats = (long) parts * perPart;
    return new long[] {blockRows * repeats, blockSum * repeats};
  }

  private static int blockSize(ByteArrayOutputStream block) {
    return block.size();
  }
}
