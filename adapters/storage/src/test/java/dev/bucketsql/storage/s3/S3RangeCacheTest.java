package dev.bucketsql.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectChangedException;
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
 * The range cache ({@code dataCache}) against a real S3 server, with a proxy counting what reaches
 * the wire: a range read before costs no GET, only the gaps between cached ranges are fetched, a
 * rewritten object fails the read instead of answering from the old version, the cache holds at
 * most its capacity, and a stream closed early leaves nothing behind.
 */
@ExtendWith(S3ServerExtension.class)
class S3RangeCacheTest {
  private static final int SIZE = 300_000;

  /** How many requests the proxy had seen when the test last looked. */
  private int mark;

  @Test
  void aRangeReadBeforeCostsNoGetOnlyOneHeadPerInput(S3TestServer server) throws Exception {
    String bucket = S3Fixtures.newBucket(server, "cache-hit");
    byte[] data = TestData.bytes(SIZE, 3);
    server.putObject(bucket, "c.bin", data);
    try (FaultProxy proxy = new FaultProxy(server.port());
        S3ObjectStore store = cachedStore(proxy, bucket, 1 << 20)) {
      ObjectInfo info = store.head("c.bin");
      try (ObjectInput in = store.open(info, new IoStats())) {
        assertThat(readStream(in, 1000, 250_000)).isEqualTo(slice(data, 1000, 250_000));
      }
      assertThat(gets(proxy)).containsExactly("bytes=1000-249999");
      mark = proxy.requestHeads().size();
      IoStats second = new IoStats();
      try (ObjectInput in = store.open(info, second)) {
        byte[] buf = new byte[5000];
        in.readFully(20_000, buf);
        assertThat(buf).isEqualTo(slice(data, 20_000, 25_000));
        assertThat(readStream(in, 1000, 250_000)).isEqualTo(slice(data, 1000, 250_000));
      }
      assertThat(gets(proxy)).isEmpty();
      assertThat(heads(proxy)).hasSize(1);
      assertThat(second.bytesFetched()).isZero();
    }
  }

  @Test
  void theInputsOfOneQueryAskTheServerOncePerVersion(S3TestServer server) throws Exception {
    String bucket = S3Fixtures.newBucket(server, "cache-query");
    byte[] before = TestData.bytes(SIZE, 7);
    byte[] after = TestData.bytes(SIZE, 8);
    server.putObject(bucket, "q.bin", before);
    try (FaultProxy proxy = new FaultProxy(server.port());
        S3ObjectStore store = cachedStore(proxy, bucket, 1 << 20)) {
      ObjectInfo info = store.head("q.bin");
      try (ObjectInput in = store.open(info, new IoStats())) {
        assertThat(readStream(in, 0, 200_000)).isEqualTo(slice(before, 0, 200_000));
      }
      mark = proxy.requestHeads().size();
      IoStats query = new IoStats().forQuery();
      for (int i = 0; i < 4; i++) {
        try (ObjectInput in = store.open(info, query.child())) {
          int from = i * 50_000;
          assertThat(readStream(in, from, from + 50_000))
              .isEqualTo(slice(before, from, from + 50_000));
        }
      }
      assertThat(heads(proxy)).hasSize(1);
      assertThat(gets(proxy)).isEmpty();
      assertThat(query.headRequests()).isEqualTo(1);
      // The next query asks again, and meets the rewritten object.
      server.putObject(bucket, "q.bin", after);
      mark = proxy.requestHeads().size();
      IoStats next = new IoStats().forQuery();
      for (int i = 0; i < 2; i++) {
        try (ObjectInput in = store.open(info, next.child())) {
          assertThatThrownBy(() -> readStream(in, 0, 50_000))
              .isInstanceOf(ObjectChangedException.class)
              .hasMessageContaining("'q.bin' changed while it was being read");
        }
      }
      assertThat(heads(proxy)).hasSize(1);
    }
  }

  @Test
  void checksStartedAheadGoOutTogetherBeforeAnyReadAndStillMeetARewrite(S3TestServer server)
      throws Exception {
    String bucket = S3Fixtures.newBucket(server, "cache-ahead");
    byte[] a = TestData.bytes(SIZE, 21);
    byte[] b = TestData.bytes(SIZE, 22);
    server.putObject(bucket, "a.bin", a);
    server.putObject(bucket, "b.bin", b);
    server.putObject(bucket, "cold.bin", TestData.bytes(1000, 23));
    try (FaultProxy proxy = new FaultProxy(server.port());
        S3ObjectStore store = cachedStore(proxy, bucket, 1 << 20)) {
      ObjectInfo infoA = store.head("a.bin");
      ObjectInfo infoB = store.head("b.bin");
      ObjectInfo cold = store.head("cold.bin");
      for (ObjectInfo info : List.of(infoA, infoB)) {
        try (ObjectInput in = store.open(info, new IoStats())) {
          readStream(in, 0, 100_000);
        }
      }
      mark = proxy.requestHeads().size();
      IoStats query = new IoStats().forQuery();
      for (ObjectInfo info : List.of(infoA, infoB, cold, infoA)) {
        store.checkAhead(info, query);
      }
      // Both checks reach the server with no read asking: one per cached object, none for the
      // object the cache does not hold, none twice.
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (heads(proxy).size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(heads(proxy)).hasSize(2);
      mark = proxy.requestHeads().size();
      for (int i = 0; i < 3; i++) {
        for (ObjectInfo info : List.of(infoA, infoB)) {
          try (ObjectInput in = store.open(info, query.child())) {
            assertThat(readStream(in, 1000, 90_000))
                .isEqualTo(slice(info == infoA ? a : b, 1000, 90_000));
          }
        }
      }
      assertThat(since(proxy)).isEmpty();
      assertThat(query.headRequests()).isEqualTo(2);

      // The next query checks again, and its read of the rewritten object fails instead of
      // answering from the old version's bytes; the other object reads on.
      server.putObject(bucket, "b.bin", TestData.bytes(SIZE, 24));
      IoStats next = new IoStats().forQuery();
      store.checkAhead(infoA, next);
      store.checkAhead(infoB, next);
      try (ObjectInput in = store.open(infoB, next.child())) {
        assertThatThrownBy(() -> readStream(in, 0, 50_000))
            .isInstanceOf(ObjectChangedException.class)
            .hasMessageContaining("'b.bin' changed while it was being read");
      }
      try (ObjectInput in = store.open(infoA, next.child())) {
        assertThat(readStream(in, 0, 50_000)).isEqualTo(slice(a, 0, 50_000));
      }
      assertThat(next.headRequests()).isEqualTo(2);
      assertThat(store.changes().since(0)).contains("b.bin");
    }
  }

  @Test
  void aReaderWhoseResultsWaitReadsWhileItsStartedCheckIsUnderWay(S3TestServer server)
      throws Exception {
    String bucket = S3Fixtures.newBucket(server, "cache-defer");
    byte[] before = TestData.bytes(SIZE, 31);
    byte[] after = TestData.bytes(SIZE, 32);
    server.putObject(bucket, "d.bin", before);
    try (FaultProxy proxy = new FaultProxy(server.port());
        S3ObjectStore store = cachedStore(proxy, bucket, 1 << 20)) {
      ObjectInfo info = store.head("d.bin");
      try (ObjectInput in = store.open(info, new IoStats())) {
        readStream(in, 0, 100_000);
      }
      // A version whose check was not started is confirmed before its cached bytes are read,
      // deferring or not.
      mark = proxy.requestHeads().size();
      IoStats unstarted = new IoStats().forQuery();
      try (ObjectInput in = store.open(info, unstarted.deferringChecks())) {
        assertThat(readStream(in, 0, 50_000)).isEqualTo(slice(before, 0, 50_000));
      }
      assertThat(heads(proxy)).hasSize(1);
      // Started (held in a queue no thread serves, as a check still under way): the deferring
      // reader reads without asking; its results wait for awaitStarted, which asks.
      mark = proxy.requestHeads().size();
      IoStats query = new IoStats().forQuery();
      List<Runnable> queued = new java.util.ArrayList<>();
      query
          .versionChecks()
          .start(
              info.key(),
              info.etag(),
              () -> store.confirmVersion(info, 0, query),
              () -> {},
              queued::add,
              this);
      try (ObjectInput in = store.open(info, query.deferringChecks().child())) {
        assertThat(readStream(in, 0, 100_000)).isEqualTo(slice(before, 0, 100_000));
      }
      assertThat(heads(proxy)).isEmpty();
      assertThat(gets(proxy)).isEmpty();
      query.versionChecks().awaitStarted();
      assertThat(heads(proxy)).hasSize(1);
      // The object is rewritten: the next query's deferring reader still reads the cached bytes
      // of the old version, and awaitStarted fails with the change before they may leave.
      server.putObject(bucket, "d.bin", after);
      mark = proxy.requestHeads().size();
      IoStats next = new IoStats().forQuery();
      queued.clear();
      next.versionChecks()
          .start(
              info.key(),
              info.etag(),
              () -> store.confirmVersion(info, 0, next),
              () -> {},
              queued::add,
              this);
      try (ObjectInput in = store.open(info, next.deferringChecks())) {
        readStream(in, 0, 100_000);
      }
      assertThat(heads(proxy)).isEmpty();
      // an input of the same query that does not defer runs the check first and fails
      try (ObjectInput in = store.open(info, next.child())) {
        assertThatThrownBy(() -> readStream(in, 0, 1000))
            .isInstanceOf(ObjectChangedException.class)
            .hasMessageContaining("'d.bin' changed");
      }
      assertThatThrownBy(next.versionChecks()::awaitStarted)
          .isInstanceOf(ObjectChangedException.class)
          .hasMessageContaining("'d.bin' changed");
      assertThat(heads(proxy)).hasSize(1);
    }
  }

  @Test
  void onlyTheGapsBetweenCachedRangesAreFetched(S3TestServer server) throws Exception {
    String bucket = S3Fixtures.newBucket(server, "cache-gaps");
    byte[] data = TestData.bytes(SIZE, 4);
    server.putObject(bucket, "g.bin", data);
    try (FaultProxy proxy = new FaultProxy(server.port());
        S3ObjectStore store = cachedStore(proxy, bucket, 1 << 20)) {
      ObjectInfo info = store.head("g.bin");
      try (ObjectInput in = store.open(info, new IoStats())) {
        in.readFully(1000, new byte[1000]);
        assertThat(readStream(in, 5000, 6000)).isEqualTo(slice(data, 5000, 6000));
        mark = proxy.requestHeads().size();
        IoStats stats = new IoStats();
        byte[] whole = new byte[8000];
        try (ObjectInput again = store.open(info, stats)) {
          again.readFully(0, whole);
        }
        assertThat(whole).isEqualTo(slice(data, 0, 8000));
        assertThat(gets(proxy))
            .containsExactly("bytes=0-999", "bytes=2000-4999", "bytes=6000-7999");
        assertThat(stats.bytesFetched()).isEqualTo(6000);
        mark = proxy.requestHeads().size();
        // The gaps became cached ranges too: the same read now costs nothing on the wire.
        try (ObjectInput third = store.open(info, new IoStats())) {
          assertThat(readStream(third, 0, 8000)).isEqualTo(slice(data, 0, 8000));
        }
        assertThat(gets(proxy)).isEmpty();
      }
    }
  }

  @Test
  void aRewrittenObjectFailsTheReadAndItsRangesAreDropped(S3TestServer server) throws Exception {
    String bucket = S3Fixtures.newBucket(server, "cache-changed");
    byte[] before = TestData.bytes(SIZE, 5);
    byte[] after = TestData.bytes(SIZE, 6);
    server.putObject(bucket, "v.bin", before);
    try (FaultProxy proxy = new FaultProxy(server.port());
        S3ObjectStore store = cachedStore(proxy, bucket, 1 << 20)) {
      ObjectInfo old = store.head("v.bin");
      try (ObjectInput in = store.open(old, new IoStats())) {
        assertThat(readStream(in, 0, 100_000)).isEqualTo(slice(before, 0, 100_000));
      }
      server.putObject(bucket, "v.bin", after);
      long changes = store.changes().count();
      try (ObjectInput in = store.open(old, new IoStats())) {
        assertThatThrownBy(() -> readStream(in, 0, 100_000))
            .isInstanceOf(ObjectChangedException.class)
            .hasMessageContaining("'v.bin' changed while it was being read");
      }
      assertThat(store.changes().since(changes)).containsExactly("v.bin");
      ObjectInfo fresh = store.head("v.bin");
      mark = proxy.requestHeads().size();
      try (ObjectInput in = store.open(fresh, new IoStats())) {
        assertThat(readStream(in, 0, 100_000)).isEqualTo(slice(after, 0, 100_000));
      }
      assertThat(gets(proxy)).containsExactly("bytes=0-99999");
    }
  }

  @Test
  void theCacheHoldsAtMostItsCapacityDroppingTheLeastRecentlyUsed(S3TestServer server)
      throws Exception {
    String bucket = S3Fixtures.newBucket(server, "cache-bound");
    byte[] data = TestData.bytes(SIZE, 7);
    server.putObject(bucket, "b.bin", data);
    try (FaultProxy proxy = new FaultProxy(server.port());
        S3ObjectStore store = cachedStore(proxy, bucket, 100_000)) {
      ObjectInfo info = store.head("b.bin");
      RangeCache cache = store.rangeCache();
      try (ObjectInput in = store.open(info, new IoStats())) {
        for (int i = 0; i < 10; i++) {
          readStream(in, i * 30_000L, (i + 1) * 30_000L);
          assertThat(cache.bytes()).isLessThanOrEqualTo(100_000);
        }
        assertThat(cache.bytes()).isEqualTo(90_000);
        mark = proxy.requestHeads().size();
        assertThat(readStream(in, 270_000, 300_000)).isEqualTo(slice(data, 270_000, 300_000));
        assertThat(gets(proxy)).isEmpty();
        assertThat(readStream(in, 0, 30_000)).isEqualTo(slice(data, 0, 30_000));
        assertThat(gets(proxy)).containsExactly("bytes=0-29999");
        // A range larger than the whole cache is read but not kept.
        mark = proxy.requestHeads().size();
        readStream(in, 0, 200_000);
        readStream(in, 100_000, 200_000);
        assertThat(gets(proxy)).hasSize(2);
        assertThat(cache.bytes()).isLessThanOrEqualTo(100_000);
      }
    }
  }

  @Test
  void aLongGapIsKeptInSegmentsAndAnEarlyCloseKeepsTheFinishedOnes(S3TestServer server)
      throws Exception {
    int segment = CachedRangeStream.SEGMENT;
    int size = 2 * segment + segment / 2;
    String bucket = S3Fixtures.newBucket(server, "cache-long");
    byte[] data = TestData.bytes(size, 11);
    server.putObject(bucket, "l.csv", data);
    try (FaultProxy proxy = new FaultProxy(server.port());
        S3ObjectStore store = cachedStore(proxy, bucket, 64L << 20)) {
      ObjectInfo info = store.head("l.csv");
      try (ObjectInput in = store.open(info, new IoStats())) {
        try (InputStream s = in.openStream(0, size)) {
          assertThat(s.readNBytes(segment + 1000)).isEqualTo(slice(data, 0, segment + 1000));
        }
        // The first segment was finished and kept; the second was not, and is not.
        assertThat(store.rangeCache().bytes()).isEqualTo(segment);
        mark = proxy.requestHeads().size();
        assertThat(readStream(in, 0, size)).isEqualTo(data);
        assertThat(gets(proxy)).containsExactly("bytes=" + segment + "-" + (size - 1));
        List<RangeCache.Piece> pieces =
            store.rangeCache().overlapping("l.csv", info.etag(), 0, size);
        assertThat(pieces)
            .extracting(RangeCache.Piece::start)
            .containsExactly(0L, (long) segment, 2L * segment);
        assertThat(pieces)
            .allSatisfy(p -> assertThat(p.data().length).isLessThanOrEqualTo(segment));
      }
    }
  }

  @Test
  void aStreamClosedEarlyLeavesNothingInTheCache(S3TestServer server) throws Exception {
    String bucket = S3Fixtures.newBucket(server, "cache-early");
    byte[] data = TestData.bytes(SIZE, 8);
    server.putObject(bucket, "e.bin", data);
    try (FaultProxy proxy = new FaultProxy(server.port());
        S3ObjectStore store = cachedStore(proxy, bucket, 1 << 20)) {
      ObjectInfo info = store.head("e.bin");
      try (ObjectInput in = store.open(info, new IoStats())) {
        try (InputStream s = in.openStream(0, 200_000)) {
          assertThat(s.readNBytes(10)).isEqualTo(slice(data, 0, 10));
        }
        assertThat(store.rangeCache().bytes()).isZero();
        assertThat(readStream(in, 0, 200_000)).isEqualTo(slice(data, 0, 200_000));
      }
      assertThat(gets(proxy)).hasSize(2);
    }
  }

  @Test
  void zeroTurnsTheCacheOff(S3TestServer server) throws Exception {
    String bucket = S3Fixtures.newBucket(server, "cache-off");
    byte[] data = TestData.bytes(SIZE, 9);
    server.putObject(bucket, "o.bin", data);
    try (FaultProxy proxy = new FaultProxy(server.port());
        S3ObjectStore store = cachedStore(proxy, bucket, 0)) {
      assertThat(store.rangeCache()).isNull();
      ObjectInfo info = store.head("o.bin");
      try (ObjectInput in = store.open(info, new IoStats())) {
        readStream(in, 0, 50_000);
        assertThat(readStream(in, 0, 50_000)).isEqualTo(slice(data, 0, 50_000));
      }
      assertThat(gets(proxy)).containsExactly("bytes=0-49999", "bytes=0-49999");
    }
  }

  private static S3ObjectStore cachedStore(FaultProxy proxy, String bucket, long bytes) {
    return S3ObjectStore.create(
        S3Fixtures.settings(proxy.endpoint(), bucket).dataCacheBytes(bytes).build());
  }

  private static byte[] readStream(ObjectInput in, long start, long end) throws Exception {
    try (InputStream s = in.openStream(start, end)) {
      return s.readAllBytes();
    }
  }

  private static byte[] slice(byte[] data, int from, int to) {
    return Arrays.copyOfRange(data, from, to);
  }

  private List<String> gets(FaultProxy proxy) {
    return since(proxy).stream()
        .filter(h -> h.startsWith("GET "))
        .map(S3RangeCacheTest::range)
        .toList();
  }

  private List<String> heads(FaultProxy proxy) {
    return since(proxy).stream().filter(h -> h.startsWith("HEAD ")).toList();
  }

  private List<String> since(FaultProxy proxy) {
    List<String> all = proxy.requestHeads();
    return all.subList(mark, all.size());
  }

  private static String range(String head) {
    return Arrays.stream(head.split("\r\n"))
        .filter(l -> l.toLowerCase(Locale.ROOT).startsWith("range:"))
        .map(l -> l.substring(l.indexOf(':') + 1).trim())
        .findFirst()
        .orElse("(whole object)");
  }
}
