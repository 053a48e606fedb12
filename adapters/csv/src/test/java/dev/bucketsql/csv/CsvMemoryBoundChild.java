package dev.bucketsql.csv;

import dev.bucketsql.format.RowCursor;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.config.S3Settings;
import dev.bucketsql.storage.s3.S3ObjectStore;
import dev.bucketsql.testing.s3.S3TestServer;
import java.net.URI;

/**
 * The small-heap side of {@link CsvMemoryBoundTest}: run in a child JVM with {@code -Xmx256m}, it
 * scans one object of the parent's S3 server (on 127.0.0.1) with a count and a one-column sum, in
 * parallel splits (the default) and in one stream, and prints what it found. Exits 0 only if every
 * count equals {@code expectedRows} and every sum equals {@code expectedSum}.
 */
public final class CsvMemoryBoundChild {
  private CsvMemoryBoundChild() {}

  /** Arguments: endpoint, bucket, key, expected rows, expected sum of column 3. */
  public static void main(String[] args) {
    URI endpoint = URI.create(args[0]);
    if (!"127.0.0.1".equals(endpoint.getHost())) {
      throw new IllegalArgumentException("loopback only: " + endpoint);
    }
    long expectedRows = Long.parseLong(args[3]);
    long expectedSum = Long.parseLong(args[4]);
    S3ObjectStore store =
        S3ObjectStore.create(
            S3Settings.builder()
                .endpoint(endpoint)
                .region(S3TestServer.REGION)
                .bucket(args[1])
                .credentials(S3TestServer.ACCESS_KEY_ID, S3TestServer.SECRET_ACCESS_KEY, null)
                .build());
    ObjectInfo info = store.head(args[2]);
    boolean ok = true;
    for (int parallelism : new int[] {CsvOptions.defaults().parallelism(), 1}) {
      CsvDataFile file =
          new CsvDataFile(store, info, CsvOptions.builder().parallelism(parallelism).build());
      long rows = 0;
      try (RowCursor c = file.scan(new ScanSpec(new int[0], new IoStats()))) {
        while (c.moveNext()) {
          rows++;
        }
      }
      long sum = 0;
      long summed = 0;
      try (RowCursor c = file.scan(new ScanSpec(new int[] {3}, new IoStats()))) {
        while (c.moveNext()) {
          sum += ((Number) c.current()[0]).longValue();
          summed++;
        }
      }
      System.out.printf(
          "parallelism=%d count=%d sum=%d rows=%d maxHeap=%dMB%n",
          parallelism, rows, sum, summed, Runtime.getRuntime().maxMemory() >> 20);
      ok &= rows == expectedRows && summed == expectedRows && sum == expectedSum;
    }
    System.exit(ok ? 0 : 1);
  }
}
