package dev.bucketsql.csv;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.format.RowCursor;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.s3.S3ObjectStore;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** CSV scans over a real S3 server on loopback: what is fetched, and what comes back. */
@ExtendWith(S3ServerExtension.class)
class CsvS3ScanTest {
  private static final String BUCKET = "csv-scan";

  private S3ObjectStore store;
  private S3TestServer server;

  @BeforeEach
  void setUp(S3TestServer server) {
    this.server = server;
    server.createBucket(BUCKET);
    store = S3ObjectStore.create(CsvS3.settings(server, BUCKET));
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  private CsvDataFile put(String key, byte[] data, CsvOptions options) {
    server.putObject(BUCKET, key, data);
    ObjectInfo info = store.head(key);
    return new CsvDataFile(store, info, options);
  }

  /** About {@code rows} * 60 bytes of reviews, with quoted commas, quotes and line breaks. */
  private static byte[] reviews(int rows) {
    StringBuilder sb = new StringBuilder("user_id,recipe_id,date,rating,review\r\n");
    for (int i = 0; i < rows; i++) {
      sb.append(i)
          .append(',')
          .append(i % 977)
          .append(",2010-0")
          .append(1 + i % 9)
          .append("-1")
          .append(i % 10)
          .append(',')
          .append(i % 6)
          .append(",\"Row ")
          .append(i)
          .append(": tasty, \"\"easy\"\"\nwould make again\"\r\n");
    }
    return sb.toString().getBytes(UTF_8);
  }

  @Test
  void readsQuotedReviewsThroughTheRealServer() {
    CsvDataFile f = put("small.csv", reviews(50), CsvOptions.defaults());
    IoStats stats = new IoStats();
    List<Object[]> rows = new ArrayList<>();
    try (RowCursor c = f.scan(ScanSpec.allColumns(f.schema(), stats))) {
      while (c.moveNext()) {
        rows.add(c.current());
      }
    }
    assertThat(rows).hasSize(50);
    assertThat(Arrays.asList(rows.get(7)))
        .containsExactly(
            7L,
            7L,
            (int) LocalDate.of(2010, 8, 17).toEpochDay(),
            1L,
            "Row 7: tasty, \"easy\"\nwould make again");
    assertThat(stats.getRequests()).isEqualTo(1);
    assertThat(stats.bytesFetched()).isEqualTo(reviews(50).length);
  }

  @Test
  void closingEarlyFetchesFarLessThanTheObjectAndAbortsTheRequest() {
    byte[] data = reviews(120_000);
    assertThat(data.length).isGreaterThan(7_000_000);
    CsvDataFile f = put("big.csv", data, CsvOptions.defaults());
    f.schema();
    IoStats stats = new IoStats();
    int read = 0;
    try (RowCursor c = f.scan(new ScanSpec(new int[] {0, 4}, stats))) {
      while (read < 10 && c.moveNext()) {
        read++;
      }
    }
    assertThat(read).isEqualTo(10);
    assertThat(stats.getRequests()).isEqualTo(1);
    assertThat(stats.bytesFetched()).isLessThan(512 * 1024);
  }

  @Test
  void aFullCountReadsTheWholeObjectOnceAndCountsQuotedLineBreaksOnce() {
    byte[] data = reviews(20_000);
    CsvDataFile f = put("count.csv", data, CsvOptions.defaults());
    f.schema();
    IoStats stats = new IoStats();
    long n = 0;
    try (RowCursor c = f.scan(new ScanSpec(new int[0], stats))) {
      while (c.moveNext()) {
        n++;
      }
    }
    assertThat(n).isEqualTo(20_000);
    assertThat(stats.getRequests()).isEqualTo(1);
    assertThat(stats.bytesFetched()).isEqualTo(data.length);
  }

  @Test
  void theSchemaTakesOneRangedRequestOfTheSampleSize() {
    byte[] data = reviews(20_000);
    CsvDataFile f = put("schema.csv", data, CsvOptions.defaults());
    IoStats.Snapshot before = store.stats().snapshot();
    assertThat(f.schema().size()).isEqualTo(5);
    IoStats.Snapshot used = store.stats().snapshot().minus(before);
    assertThat(used.getRequests()).isEqualTo(1);
    assertThat(used.bytesFetched()).isEqualTo(CsvOptions.DEFAULT_SAMPLE_BYTES);
  }
}
