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
import java.nio.charset.StandardCharsets;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The dictionary numbers a batch scan hands out with a string column ({@link
 * ColumnBatch#dictionaryIds}): wherever a batch carries them, every non-NULL row's string is the
 * very object the dictionary holds at its number; a batch that straddles row groups (two
 * dictionaries), a page that fell back to PLAIN, a file without dictionaries, a value that is not
 * shared ({@code byte[]}) and the second place of a column projected twice carry none. A batch
 * whose column came from dictionary pages alone holds the numbers alone until its objects are asked
 * for. The values read are those written either way, before and after.
 */
class DictionaryNumbersTest {
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message t { optional binary s (STRING); optional binary raw; }");
  private static final int ROWS = 6_000;

  @ParameterizedTest
  @CsvSource({
    // dictionary, writer version, dictionary page bytes, batches with numbers expected
    "true, PARQUET_1_0, 1048576, true",
    "true, PARQUET_2_0, 1048576, true",
    // the dictionary fills after a few hundred distinct strings: later pages are PLAIN
    "true, PARQUET_1_0, 600, true",
    "false, PARQUET_1_0, 1048576, false"
  })
  void numbersDescribeTheirRowsWhereverABatchCarriesThem(
      boolean dictionary, WriterVersion version, int dictionaryPageSize, boolean expectNumbers)
      throws IOException {
    ParquetDataFile file = file(write(dictionary, version, dictionaryPageSize));
    int[] projection = {0, 1, 0};
    ColumnBatch batch =
        new ColumnBatch(
            new ColumnType[] {ColumnType.VARCHAR, ColumnType.VARBINARY, ColumnType.VARCHAR}, 1000);
    int row = 0;
    int numbered = 0;
    int unnumbered = 0;
    try (ParquetRowCursor cursor = file.scan(new ScanSpec(projection, new IoStats()))) {
      for (int n; (n = cursor.nextBatch(batch)) > 0; ) {
        Object[] strings = batch.objects(0);
        Object[] values = batch.dictionary(0);
        for (int r = 0; r < n; r++, row++) {
          Object expected = row % 9 == 4 ? null : text(row);
          assertThat(strings[r]).isEqualTo(expected);
          assertThat(batch.value(2, r)).isEqualTo(expected);
          assertThat(batch.value(1, r))
              .isEqualTo(
                  expected == null ? null : ((String) expected).getBytes(StandardCharsets.UTF_8));
          if (values != null && expected != null) {
            assertThat(values[batch.dictionaryIds(0)[r]]).isSameAs(strings[r]);
          }
        }
        if (values != null) {
          numbered++;
        } else {
          unnumbered++;
        }
        assertThat(batch.dictionary(1)).as("byte[] values are not shared").isNull();
        assertThat(batch.dictionary(2)).as("a column's second place").isNull();
      }
    }
    assertThat(row).isEqualTo(ROWS);
    assertThat(numbered > 0).isEqualTo(expectNumbers);
    assertThat(heldAsNumbers(file) > 0)
        .as("batches held as numbers alone")
        .isEqualTo(expectNumbers);
    // batches 2, 5, ... straddle the row groups of 1,500 rows
    assertThat(unnumbered).isPositive();
  }

  /**
   * The batches of a scan of the string column alone (a column projected twice is written as
   * objects for its second place) that held it as numbers alone; their values, read before and
   * after the objects are written, are those written.
   */
  private static int heldAsNumbers(ParquetDataFile file) throws IOException {
    ColumnBatch batch = new ColumnBatch(new ColumnType[] {ColumnType.VARCHAR}, 1000);
    int row = 0;
    int held = 0;
    try (ParquetRowCursor cursor = file.scan(new ScanSpec(new int[] {0}, new IoStats()))) {
      for (int n; (n = cursor.nextBatch(batch)) > 0; row += n) {
        if (batch.dictionaryValueRows(0) == n) {
          held++;
        }
        for (int r = 0; r < n; r++) {
          int at = row + r;
          assertThat(batch.value(0, r)).isEqualTo(at % 9 == 4 ? null : text(at));
        }
        Object[] strings = batch.objects(0);
        for (int r = 0; r < n; r++) {
          int at = row + r;
          assertThat(strings[r]).isEqualTo(at % 9 == 4 ? null : text(at));
        }
      }
    }
    assertThat(row).isEqualTo(ROWS);
    return held;
  }

  /** Few distinct strings first, then (for the small dictionary page) many. */
  private static String text(int row) {
    return row < ROWS / 2 ? "é" + row % 5 : "v" + row % 700;
  }

  private static byte[] write(boolean dictionary, WriterVersion version, int dictionaryPageSize)
      throws IOException {
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    ParquetFixtures.MemoryOutputFile out = new ParquetFixtures.MemoryOutputFile();
    try (ParquetWriter<Group> writer =
        GroupParquetWriters.builder(out, SCHEMA)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withWriterVersion(version)
            .withDictionaryEncoding(dictionary)
            .withDictionaryPageSize(dictionaryPageSize)
            .withRowGroupRowCountLimit(1_500)
            .withPageRowCountLimit(333)
            .build()) {
      for (int i = 0; i < ROWS; i++) {
        Group g = factory.newGroup();
        if (i % 9 != 4) {
          g.append("s", text(i)).append("raw", text(i));
        }
        writer.write(g);
      }
    }
    return out.bytes.toByteArray();
  }

  private static ParquetDataFile file(byte[] bytes) {
    InMemoryObjectStore store = new InMemoryObjectStore("numbers");
    ObjectInfo info = store.put("t.parquet", bytes);
    return new ParquetDataFile(store, info, new ParquetFooterCache(4));
  }
}
