package dev.bucketsql.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.format.predicate.Domain;
import dev.bucketsql.format.predicate.Range;
import dev.bucketsql.format.predicate.ScanPredicate;
import dev.bucketsql.parquet.LateFilterFiles.Layout;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.memory.InMemoryObjectStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * parquet-java reads column chunks into views of the prefetched pieces ({@link
 * ChunkBufferAllocator}) instead of copies: the scan gives the values of the scan without
 * prefetching, for pieces smaller and larger than the chunks, every codec and a late filter; a lent
 * buffer is handed out only right after a seek and inside one piece, and reading it anywhere but at
 * its own offset fails instead of overwriting the piece.
 */
class ChunkBufferLendingTest {
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message t { required int64 id; optional double price; required int32 day (DATE);"
              + " optional binary s (STRING); }");

  @ParameterizedTest
  @ValueSource(ints = {1 << 10, 7_777, 64 << 10, 8 << 20})
  void scansThroughLentBuffersReadTheValuesWritten(int pieceBytes) throws IOException {
    List<Group> groups = groups(12_000);
    for (CompressionCodecName codec :
        List.of(CompressionCodecName.UNCOMPRESSED, CompressionCodecName.SNAPPY)) {
      byte[] bytes =
          LateFilterFiles.write(
              SCHEMA, groups, new Layout(1, 1 << 20, true, true, 3_000, 500), codec);
      InMemoryObjectStore store = new InMemoryObjectStore("lend");
      ObjectInfo info = store.put("t.parquet", bytes);
      ParquetDataFile plain =
          new ParquetDataFile(
              store,
              info,
              new ParquetFooterCache(4),
              ParquetReaderConfig.DEFAULTS.withPrefetch(pieceBytes, 0));
      ParquetDataFile prefetched =
          new ParquetDataFile(
              store,
              info,
              new ParquetFooterCache(4),
              ParquetReaderConfig.DEFAULTS.withPrefetch(pieceBytes, 1L << 20));
      for (int[] projection : List.of(new int[] {0, 1, 2, 3}, new int[] {1, 3}, new int[] {2})) {
        for (ScanPredicate predicate :
            List.of(
                ScanPredicate.all(),
                ScanPredicate.of(
                    2, Domain.range(ColumnType.DATE, new Range(8_010, true, 8_020, false))))) {
          long[] lent = new long[2];
          List<Object[]> expected = scan(plain, projection, predicate, new long[2]);
          List<Object[]> actual = scan(prefetched, projection, predicate, lent);
          assertThat(actual).hasSameSizeAs(expected);
          for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("row %d", i).containsExactly(expected.get(i));
          }
          if (pieceBytes >= 64 << 10 && projection.length == 4 && predicate.isAll()) {
            // pieces at least as large as a row group's chunks: every row group's are lent
            assertThat(lent[0]).as("buffers lent, pieces of %d", pieceBytes).isPositive();
          }
        }
      }
    }
  }

  @Test
  void buffersAreLentOnlyRightAfterASeekAndInsideOnePiece() throws IOException {
    byte[] data = new byte[100_000];
    new Random(3).nextBytes(data);
    InMemoryObjectStore store = new InMemoryObjectStore("lend");
    ObjectInfo info = store.put("blob", data);
    try (ParquetInputStream in = new ParquetInputStream(store.open(info, new IoStats()), 1024)) {
      assertThat(in.lend(10)).as("no prefetch").isNull();
      in.prefetch(List.of(new ParquetInputStream.Range(10_000, 60_000)), 0, 20_000, 1 << 20);
      in.seek(10_000);
      ByteBuffer a = in.lend(8_000);
      ByteBuffer b = in.lend(11_000);
      assertThat(a).isNotNull();
      assertThat(b).isNotNull();
      // 29,000 to 31,000 crosses from the first piece into the second
      ByteBuffer c = in.lend(2_000);
      assertThat(c).isNull();
      assertThat(in.lend(1_000)).as("nothing more once one could not be lent").isNull();
      in.readFully(a);
      in.readFully(b);
      a.flip();
      b.flip();
      assertThat(bytes(a)).isEqualTo(Arrays.copyOfRange(data, 10_000, 18_000));
      assertThat(bytes(b)).isEqualTo(Arrays.copyOfRange(data, 18_000, 29_000));
      assertThat(in.lend(10)).as("read since the seek").isNull();
      in.seek(40_000);
      ByteBuffer d = in.lend(5_000);
      assertThat(d).isNotNull();
      in.seek(45_000);
      assertThatThrownBy(() -> in.readFully(d))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("lent for byte offset 40000");
      byte[] after = new byte[5_000];
      in.seek(40_000);
      in.readFully(after);
      assertThat(after).isEqualTo(Arrays.copyOfRange(data, 40_000, 45_000));
      assertThat(in.lentCounts()).containsExactly(3, 24_000);
    }
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  private static List<Group> groups(int rows) {
    Random random = new Random(7);
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      Group g = factory.newGroup().append("id", (long) i).append("day", 8_000 + random.nextInt(30));
      if (i % 5 != 1) {
        g.append("price", i < rows / 2 ? random.nextInt(50) : random.nextGaussian());
      }
      if (i % 7 != 3) {
        g.append("s", "v" + random.nextInt(i < rows / 2 ? 20 : 100_000));
      }
      groups.add(g);
    }
    return groups;
  }

  private static List<Object[]> scan(
      ParquetDataFile file, int[] projection, ScanPredicate predicate, long[] lent) {
    ColumnType[] types = new ColumnType[projection.length];
    for (int i = 0; i < types.length; i++) {
      types[i] = file.schema().column(projection[i]).type();
    }
    List<Object[]> rows = new ArrayList<>();
    ColumnBatch batch = new ColumnBatch(types, 1000);
    try (ParquetRowCursor cursor = file.scan(new ScanSpec(projection, new IoStats(), predicate))) {
      for (int n; (n = cursor.nextBatch(batch)) > 0; ) {
        for (int r = 0; r < n; r++) {
          Object[] row = new Object[types.length];
          for (int c = 0; c < row.length; c++) {
            row[c] = batch.value(c, r);
          }
          rows.add(row);
        }
      }
      long[] counts = cursor.chunkBuffersLent();
      lent[0] = counts[0];
      lent[1] = counts[1];
    }
    return rows;
  }
}
