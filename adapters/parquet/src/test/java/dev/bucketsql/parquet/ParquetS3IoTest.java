package dev.bucketsql.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.s3.S3ObjectStore;
import dev.bucketsql.testing.s3.S3ServerExtension;
import dev.bucketsql.testing.s3.S3TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a scan fetches from a real S3 server: the footer in one request, only the projected chunks,
 * nothing but the footer for {@code COUNT(*)}, nothing more after an early close.
 */
@ExtendWith(S3ServerExtension.class)
class ParquetS3IoTest {
  private static final String BUCKET = "parquet-io";
  private static final String KEY = "recipes/wide.parquet";
  private static final int ROWS = 16_000;
  private static final int ROW_GROUPS = 4;
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message recipe { required int32 id; optional binary description (STRING);"
              + " optional int32 minutes; }");

  private final S3ObjectStore store;
  private final ObjectInfo info;
  private final long objectSize;

  ParquetS3IoTest(S3TestServer server) {
    server.createBucket(BUCKET);
    // Random text does not compress: the description column dwarfs the others.
    Random random = new Random(42);
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    List<Group> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      StringBuilder text = new StringBuilder();
      for (int c = 0; c < 120; c++) {
        text.append((char) ('a' + random.nextInt(26)));
      }
      rows.add(
          factory
              .newGroup()
              .append("id", i)
              .append("description", text.toString())
              .append("minutes", i % 240));
    }
    byte[] bytes =
        ParquetFixtures.write(SCHEMA, CompressionCodecName.ZSTD, ROWS / ROW_GROUPS, rows);
    server.putObject(BUCKET, KEY, bytes);
    objectSize = bytes.length;
    store = ParquetS3Stores.store(server, BUCKET);
    info = store.head(KEY);
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  private ParquetDataFile file(ParquetFooterCache cache) {
    return new ParquetDataFile(store, info, cache);
  }

  /** Merges chunks only across gaps under 16 KiB, far less than a description chunk. */
  private ParquetDataFile fileWithSmallMergeGap(ParquetFooterCache cache) {
    return new ParquetDataFile(
        store, info, cache, new ParquetReaderConfig(64 << 10, 64 << 10, 16 << 10));
  }

  private static long count(ParquetRowCursor cursor) {
    long n = 0;
    while (cursor.moveNext()) {
      n++;
    }
    return n;
  }

  @Test
  void footerIsReadInOneRequestAndCached() {
    ParquetFooterCache cache = new ParquetFooterCache(4);
    IoStats.Snapshot before = store.stats().snapshot();
    assertThat(file(cache).schema().size()).isEqualTo(3);
    IoStats.Snapshot footer = store.stats().snapshot().minus(before);
    assertThat(footer.getRequests()).isEqualTo(1);
    assertThat(footer.bytesFetched())
        .isLessThanOrEqualTo(ParquetReaderConfig.DEFAULTS.footerReadBytes());

    // Planning again and scanning reuse the cached footer: no request at all.
    IoStats scan = new IoStats();
    assertThat(file(cache).schema().size()).isEqualTo(3);
    assertThat(count(file(cache).scan(new ScanSpec(new int[0], scan)))).isEqualTo(ROWS);
    assertThat(scan.requests()).isZero();
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void countStarFetchesOnlyTheFooter() {
    IoStats stats = new IoStats();
    try (ParquetRowCursor cursor =
        file(new ParquetFooterCache(4)).scan(new ScanSpec(new int[0], stats))) {
      assertThat(count(cursor)).isEqualTo(ROWS);
      assertThat(cursor.rowGroupsRead()).isZero();
      assertThat(cursor.rowGroupsTotal()).isEqualTo(ROW_GROUPS);
    }
    assertThat(stats.getRequests()).isEqualTo(1);
    assertThat(stats.bytesFetched())
        .isLessThanOrEqualTo(ParquetReaderConfig.DEFAULTS.footerReadBytes())
        .isLessThan(objectSize / 10);
  }

  @Test
  void projectionFetchesFarFewerBytesThanAFullScan() {
    ParquetFooterCache cache = new ParquetFooterCache(4);
    file(cache).schema(); // warm the footer, so both scans count data only

    IoStats full = new IoStats();
    List<Object[]> all = new ArrayList<>();
    try (ParquetRowCursor cursor =
        file(cache).scan(ScanSpec.allColumns(file(cache).schema(), full))) {
      while (cursor.moveNext()) {
        all.add(cursor.current());
      }
    }
    IoStats narrow = new IoStats();
    List<Object[]> projected = new ArrayList<>();
    try (ParquetRowCursor cursor =
        fileWithSmallMergeGap(cache).scan(new ScanSpec(new int[] {2, 0}, narrow))) {
      while (cursor.moveNext()) {
        projected.add(cursor.current());
      }
      assertThat(cursor.rowGroupsRead()).isEqualTo(ROW_GROUPS);
    }

    assertThat(projected).hasSize(ROWS);
    for (int i = 0; i < ROWS; i++) {
      assertThat(projected.get(i)).containsExactly(all.get(i)[2], all.get(i)[0]);
    }
    // The full scan reads nearly the whole object; the row groups are adjacent, so the whole
    // scan is planned as one range, fetched in one piece (it is far below 8 MiB).
    assertThat(full.bytesFetched()).isGreaterThan(objectSize * 8 / 10);
    assertThat(full.getRequests()).isEqualTo(1);
    // The projection skips the description chunks: a small fraction of the bytes.
    assertThat(narrow.bytesFetched()).isLessThan(full.bytesFetched() / 10);
    // id and minutes lie on either side of description: minutes of one row group and id of
    // the next are adjacent, so one request before the first description chunk, one between
    // each pair of them, and one after the last.
    assertThat(narrow.getRequests()).isEqualTo(ROW_GROUPS + 1L);
  }

  @Test
  void largeGapsAreAskedAroundEvenUnderTheMergeGap() {
    ParquetFooterCache cache = new ParquetFooterCache(4);
    file(cache).schema();
    ParquetFooter footer =
        cache.get(
            store.location(),
            info,
            () -> {
              throw new AssertionError("footer should be cached");
            });
    long largestGap = 0;
    for (var block : footer.metadata().getBlocks()) {
      largestGap = Math.max(largestGap, block.getColumns().get(1).getTotalSize());
    }
    // With the default 512 KiB merge gap the description chunks are read through, not asked
    // around: fewer requests for more bytes, the cheaper trade on S3.
    assertThat(largestGap).isLessThan(ParquetReaderConfig.DEFAULTS.maxMergeGapBytes());
    IoStats stats = new IoStats();
    try (ParquetRowCursor cursor = file(cache).scan(new ScanSpec(new int[] {0, 2}, stats))) {
      assertThat(count(cursor)).isEqualTo(ROWS);
    }
    // The description chunks are under the 512 KiB merge gap, but far larger than the id and
    // minutes chunks around them: reading them through would multiply the bytes, so they are
    // asked around (merging never inflates a scan by more than a fifth).
    long wanted = 0;
    for (var block : footer.metadata().getBlocks()) {
      wanted += block.getColumns().get(0).getTotalSize() + block.getColumns().get(2).getTotalSize();
    }
    assertThat(stats.bytesFetched()).isLessThanOrEqualTo(wanted * 6 / 5);
    assertThat(stats.getRequests()).isEqualTo(ROW_GROUPS + 1L);
  }

  @Test
  void closingEarlyStopsReading() {
    ParquetFooterCache cache = new ParquetFooterCache(4);
    IoStats stats = new IoStats();
    // Without prefetching, a scan reads one row group at a time.
    ParquetDataFile file =
        new ParquetDataFile(
            store, info, cache, ParquetReaderConfig.DEFAULTS.withPrefetch(1 << 20, 0));
    ParquetRowCursor cursor = file.scan(ScanSpec.allColumns(file(cache).schema(), stats));
    assertThat(cursor.moveNext()).isTrue();
    assertThat(cursor.current()[0]).isEqualTo(0);
    cursor.close();
    IoStats.Snapshot atClose = stats.snapshot();
    assertThat(cursor.moveNext()).isFalse();
    assertThat(cursor.rowGroupsRead()).isEqualTo(1);
    assertThat(stats.snapshot()).isEqualTo(atClose);
    assertThat(atClose.getRequests()).isEqualTo(1);
    assertThat(atClose.bytesFetched()).isLessThan(objectSize / 2);
  }

  @Test
  void prefetchHoldsAtMostItsBudgetAheadOfAnEarlyClose() {
    ParquetFooterCache cache = new ParquetFooterCache(4);
    file(cache).schema();
    int piece = 64 << 10;
    long budget = 4L * piece;
    ParquetDataFile file =
        new ParquetDataFile(
            store, info, cache, ParquetReaderConfig.DEFAULTS.withPrefetch(piece, budget));
    IoStats stats = new IoStats();
    ParquetRowCursor cursor = file.scan(ScanSpec.allColumns(file.schema(), stats));
    assertThat(cursor.moveNext()).isTrue();
    cursor.close();
    // The first row group (about 320 KiB) is consumed whole before the first row; beyond it,
    // at most the budget was requested ahead, in pieces of 64 KiB.
    long firstGroup = objectSize / ROW_GROUPS;
    assertThat(stats.bytesFetched()).isLessThan(firstGroup + budget + 2L * piece);
    assertThat(stats.bytesFetched()).isLessThan(objectSize);
    assertThat(stats.getRequests()).isGreaterThan(1);
  }

  @Test
  void prefetchReturnsTheSameRowsWithAnyPieceSizeAndBudget() {
    ParquetFooterCache cache = new ParquetFooterCache(4);
    List<Object[]> expected = rows(file(cache), new IoStats());
    for (ParquetReaderConfig config :
        List.of(
            ParquetReaderConfig.DEFAULTS.withPrefetch(1 << 20, 0),
            ParquetReaderConfig.DEFAULTS.withPrefetch(4096, 4096),
            ParquetReaderConfig.DEFAULTS.withPrefetch(100_000, 1),
            ParquetReaderConfig.DEFAULTS.withPrefetch(32 << 10, 1 << 20))) {
      IoStats stats = new IoStats();
      List<Object[]> actual = rows(new ParquetDataFile(store, info, cache, config), stats);
      assertThat(actual).hasSameSizeAs(expected);
      for (int i = 0; i < expected.size(); i++) {
        assertThat(actual.get(i)).containsExactly(expected.get(i));
      }
      // Every byte of every chunk exactly once, whatever the piece size.
      assertThat(stats.bytesFetched()).isLessThan(objectSize);
    }
  }

  private static List<Object[]> rows(ParquetDataFile file, IoStats stats) {
    List<Object[]> rows = new ArrayList<>();
    try (ParquetRowCursor cursor = file.scan(ScanSpec.allColumns(file.schema(), stats))) {
      while (cursor.moveNext()) {
        rows.add(cursor.current());
      }
    }
    return rows;
  }
}
