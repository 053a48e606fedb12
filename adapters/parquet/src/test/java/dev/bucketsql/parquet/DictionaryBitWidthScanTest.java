package dev.bucketsql.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.parquet.write.GroupParquetWriters;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.memory.InMemoryObjectStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The page decoders against parquet-java's column readers over random files whose dictionaries make
 * the data pages' ids each bit width from 0 to 17 (a dictionary of {@code 2^(w-1) + 1} values),
 * with runs of repeats and of distinct values that cross batch, page and row-group boundaries,
 * NULLs in some columns and not in others, and a dictionary page small enough that the wider chunks
 * fall back to PLAIN part way through.
 */
class DictionaryBitWidthScanTest {
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message t { required int64 a; optional int32 b; optional double c; required float d;"
              + " optional binary s (STRING); required binary r (STRING); }");

  @AfterEach
  void restoreDecoder() {
    System.clearProperty("bucketsql.parquet.pageDecoder");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17})
  void everyIdWidthDecodesAsTheColumnReadersDo(int width) throws IOException {
    int distinct = width == 0 ? 1 : (1 << (width - 1)) + 1;
    int rows = Math.max(3_000, Math.min(3 * distinct, 140_000));
    Random random = new Random(31L * width + 7);
    List<Group> groups = groups(random, distinct, rows);
    for (int dictionaryBytes : new int[] {8 << 20, 2_048}) {
      ParquetDataFile file = file(write(groups, dictionaryBytes));
      int[] projection = {0, 1, 2, 3, 4, 5};
      System.setProperty("bucketsql.parquet.pageDecoder", "false");
      List<Object[]> byValue = batches(file, projection, 1000);
      System.clearProperty("bucketsql.parquet.pageDecoder");
      List<Object[]> byPage = batches(file, projection, 997);
      int[] decoded = new int[1];
      List<Object[]> byPageRows = rows(file, projection, decoded);
      if (dictionaryBytes > rows * 16) {
        // every chunk of every row group went through the page decoders
        assertThat(decoded[0]).isEqualTo(6 * ((rows + 49_999) / 50_000));
      }
      assertThat(byValue).hasSize(rows);
      assertThat(byPage).hasSize(rows);
      assertThat(byPageRows).hasSize(rows);
      for (int r = 0; r < rows; r++) {
        String at = "width " + width + ", dictionary " + dictionaryBytes + " bytes, row " + r;
        assertThat(byPage.get(r)).as(at).containsExactly(byValue.get(r));
        assertThat(byPageRows.get(r)).as(at).containsExactly(byValue.get(r));
        Group g = groups.get(r);
        assertThat(byPage.get(r)[0]).as(at).isEqualTo(g.getLong("a", 0));
        assertThat(byPage.get(r)[5]).as(at).isEqualTo(g.getString("r", 0));
      }
    }
  }

  /** Runs of one value and stretches of random ones, each column drawing from the dictionary. */
  private static List<Group> groups(Random random, int distinct, int rows) {
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    List<Group> groups = new ArrayList<>();
    int v = 0;
    int left = 0;
    boolean repeat = false;
    for (int i = 0; i < rows; i++) {
      if (left == 0) {
        left = 1 + random.nextInt(random.nextBoolean() ? 40 : 2_000);
        repeat = random.nextBoolean();
      }
      left--;
      // every dictionary entry appears, so the ids span the whole bit width
      int id = i < distinct ? i : repeat ? v : random.nextInt(distinct);
      v = id;
      Group g = factory.newGroup().append("a", id * 1_000_003L - 77).append("d", id * 0.5f);
      g.append("r", "r" + id);
      if ((id + i) % 7 != 0) {
        g.append("b", id - distinct / 2);
        g.append("s", "s" + id);
      }
      if (random.nextInt(10) != 0) {
        g.append("c", id * 1.25);
      }
      groups.add(g);
    }
    return groups;
  }

  private static byte[] write(List<Group> groups, int dictionaryBytes) throws IOException {
    ParquetFixtures.MemoryOutputFile out = new ParquetFixtures.MemoryOutputFile();
    try (ParquetWriter<Group> writer =
        GroupParquetWriters.builder(out, SCHEMA)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withWriterVersion(WriterVersion.PARQUET_1_0)
            .withDictionaryEncoding(true)
            .withDictionaryPageSize(dictionaryBytes)
            .withRowGroupRowCountLimit(50_000)
            .withPageRowCountLimit(4_111)
            .build()) {
      for (Group g : groups) {
        writer.write(g);
      }
    }
    return out.bytes.toByteArray();
  }

  private static ParquetDataFile file(byte[] bytes) {
    InMemoryObjectStore store = new InMemoryObjectStore("widths");
    ObjectInfo info = store.put("t.parquet", bytes);
    return new ParquetDataFile(store, info, new ParquetFooterCache(4));
  }

  private static List<Object[]> rows(ParquetDataFile file, int[] projection, int[] decoded) {
    List<Object[]> rows = new ArrayList<>();
    try (ParquetRowCursor cursor = file.scan(new ScanSpec(projection, new IoStats()))) {
      while (cursor.moveNext()) {
        rows.add(cursor.current());
      }
      decoded[0] = cursor.chunksDecodedByPage();
    }
    return rows;
  }

  private static List<Object[]> batches(ParquetDataFile file, int[] projection, int capacity) {
    ColumnType[] types = new ColumnType[projection.length];
    for (int i = 0; i < types.length; i++) {
      types[i] = file.schema().column(projection[i]).type();
    }
    List<Object[]> rows = new ArrayList<>();
    ColumnBatch batch = new ColumnBatch(types, capacity);
    try (ParquetRowCursor cursor = file.scan(new ScanSpec(projection, new IoStats()))) {
      for (int n; (n = cursor.nextBatch(batch)) > 0; ) {
        for (int r = 0; r < n; r++) {
          Object[] row = new Object[types.length];
          for (int c = 0; c < row.length; c++) {
            row[c] = batch.value(c, r);
          }
          rows.add(row);
        }
      }
    }
    return rows;
  }
}
