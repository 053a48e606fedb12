package dev.bucketsql.server;

import dev.bucketsql.testing.s3.S3TestServer;
import java.nio.charset.StandardCharsets;

/** The data and waits the remote-cancel tests share. */
final class CancelFixtures {
  private CancelFixtures() {}

  /**
   * Creates {@code bucket} holding {@code big.csv} (about 6 MB, long enough to cancel mid-scan
   * behind a throttling proxy) and {@code small.csv} (three rows).
   *
   * @return the size of {@code big.csv} in bytes
   */
  static int uploadScanData(S3TestServer s3, String bucket) {
    s3.createBucket(bucket);
    StringBuilder csv = new StringBuilder("id,name,amount\n");
    for (int i = 0; csv.length() < 6_000_000; i++) {
      csv.append(i)
          .append(",name-")
          .append(i)
          .append("-padding-padding,")
          .append(i % 997)
          .append('\n');
    }
    byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
    s3.putObject(bucket, "big.csv", bytes);
    s3.putObject(bucket, "small.csv", "id,name\n1,a\n2,b\n3,c\n".getBytes(StandardCharsets.UTF_8));
    return bytes.length;
  }

  /**
   * The BucketSQL URL of {@code bucket} reached through {@code endpoint} (the test server or a
   * proxy).
   */
  static String bucketUrl(String bucket, Object endpoint) {
    return "jdbc:bucketsql:s3://"
        + bucket
        + "?endpoint="
        + endpoint
        + "&region="
        + S3TestServer.REGION;
  }

  /** Waits until the proxy has seen the server abort a GET to the bucket. */
  static void awaitAbortedGet(ThrottlingProxy proxy) throws InterruptedException {
    awaitAbortedGet(proxy, 0);
  }

  /** Waits until the proxy has seen more than {@code closesBefore} client closes. */
  static void awaitAbortedGet(ThrottlingProxy proxy, int closesBefore) throws InterruptedException {
    while (proxy.clientCloses() <= closesBefore) {
      Thread.sleep(10);
    }
  }

  /**
   * Waits until no connection is open through a proxy that earlier tests used (a closed client
   * connection closes its bucket connections a moment later), so that a test counts only its own
   * closes.
   */
  static void awaitIdle(ThrottlingProxy proxy) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (proxy.openConnections() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }
}
