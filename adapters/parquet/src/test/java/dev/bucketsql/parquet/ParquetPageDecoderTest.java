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
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.NanoTime;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link PrimitivePageDecoder} and {@link ObjectPageDecoder} (a page at a time) against
 * parquet-java's column readers (a value at a time) over the same objects, in rows and in batches,
 * and against the values written: every physical type the reader maps (INT32 and INT64 under their
 * logical types, decimals, dates, timestamps, FLOAT, DOUBLE, STRING, and INT96 beside them, which
 * keeps the column reader), NULLs, all-NULL and required columns, pages that start
 * dictionary-encoded and fall back to PLAIN, page boundaries inside batches and row groups, data
 * pages V1 and V2, and an empty file.
 */
class ParquetPageDecoderTest {
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message t { required int32 id; optional int32 i32; optional int64 i64;"
              + " optional int64 dec (DECIMAL(15,2)); optional int32 dec9 (DECIMAL(9,3));"
              + " optional float f; optional double d; optional int32 day (DATE);"
              + " optional int64 ts (TIMESTAMP(MICROS,true)); optional int96 legacy;"
              + " optional int32 u32 (INTEGER(32,false)); optional int32 i8 (INTEGER(8,true));"
              + " optional binary s (STRING); optional int64 empty; }");
  private static final int ROWS = 7_321;

  /** How the file is written. */
  enum Variant {
    DICTIONARY_V1(true, WriterVersion.PARQUET_1_0, CompressionCodecName.UNCOMPRESSED, 1 << 20),
    PLAIN_V1(false, WriterVersion.PARQUET_1_0, CompressionCodecName.GZIP, 1 << 20),
    /** A dictionary page too small for the values: pages fall back to PLAIN inside a chunk. */
    DICTIONARY_FALLBACK(true, WriterVersion.PARQUET_1_0, CompressionCodecName.SNAPPY, 512),
    DICTIONARY_V2(true, WriterVersion.PARQUET_2_0, CompressionCodecName.GZIP, 1 << 20),
    /** V2 without dictionaries writes DELTA encodings: the column reader must take over. */
    PLAIN_V2(false, WriterVersion.PARQUET_2_0, CompressionCodecName.ZSTD, 1 << 20);

    final boolean dictionary;
    final WriterVersion version;
    final CompressionCodecName codec;
    final int dictionaryPageSize;

    Variant(
        boolean dictionary,
        WriterVersion version,
        CompressionCodecName codec,
        int dictionaryPageSize) {
      this.dictionary = dictionary;
      this.version = version;
      this.codec = codec;
      this.dictionaryPageSize = dictionaryPageSize;
    }
  }

  @AfterEach
  void restoreDecoder() {
    System.clearProperty("bucketsql.parquet.pageDecoder");
  }

  /**
   * Pages without NULLs (required columns, and an optional one that has a value in every row) take
   * the decoder's loops without a test per value, PLAIN and dictionary-encoded, for each 4- and
   * 8-byte physical type.
   */
  @ParameterizedTest
  @EnumSource(Variant.class)
  void pagesWithoutNullsDecodeAsTheColumnReadersDo(Variant variant) throws IOException {
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message r { required int32 a; required int64 b; required float c;"
                + " required double d; optional int64 e; }");
    Random random = new Random(7);
    SimpleGroupFactory factory = new SimpleGroupFactory(schema);
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      boolean few = i < ROWS / 2;
      groups.add(
          factory
              .newGroup()
              .append("a", few ? random.nextInt(9) - 4 : random.nextInt())
              .append("b", few ? (long) random.nextInt(5) : random.nextLong())
              .append("c", few ? (float) random.nextInt(3) : random.nextFloat() * 1e6f)
              .append("d", few ? random.nextInt(4) * 0.25 : random.nextGaussian() * 1e12)
              .append("e", few ? 7L : random.nextLong()));
    }
    ParquetDataFile file = file(write(variant, groups, schema));
    int[] projection = {0, 1, 2, 3, 4};
    System.setProperty("bucketsql.parquet.pageDecoder", "false");
    List<Object[]> byValue = batches(file, projection, null);
    System.clearProperty("bucketsql.parquet.pageDecoder");
    List<Object[]> byPage = batches(file, projection, null);
    assertThat(byPage).hasSize(ROWS);
    for (int r = 0; r < ROWS; r++) {
      Group g = groups.get(r);
      assertThat(byPage.get(r)).as("row %d", r).containsExactly(byValue.get(r));
      assertThat(byPage.get(r))
          .as("row %d", r)
          .containsExactly(
              g.getInteger("a", 0),
              g.getLong("b", 0),
              g.getFloat("c", 0),
              g.getDouble("d", 0),
              g.getLong("e", 0));
    }
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void pagesDecodeToTheSameRowsAndBatchesAsTheColumnReaders(Variant variant) throws IOException {
    List<Group> groups = groups(ROWS);
    ParquetDataFile file = file(write(variant, groups));
    int[] projection = new int[SCHEMA.getFieldCount()];
    Arrays.setAll(projection, i -> i);

    System.setProperty("bucketsql.parquet.pageDecoder", "false");
    List<Object[]> byValue = rows(file, projection, null);
    List<Object[]> byValueBatches = batches(file, projection, null);
    System.clearProperty("bucketsql.parquet.pageDecoder");
    int[] decoded = new int[1];
    List<Object[]> byPage = rows(file, projection, decoded);
    List<Object[]> byPageBatches = batches(file, projection, null);

    assertThat(byValue).hasSize(ROWS);
    if (variant.version == WriterVersion.PARQUET_1_0) {
      // five row groups, each with its twelve 4- and 8-byte numeric columns and its STRING column
      // decoded by page (INT96 keeps the column reader)
      assertThat(decoded[0]).isEqualTo(5 * 13);
    } else if (variant == Variant.DICTIONARY_V2) {
      // V2 falls back from dictionaries to DELTA encodings, which stay with the column reader
      assertThat(decoded[0]).isPositive();
    }
    for (int r = 0; r < ROWS; r++) {
      assertThat(byPage.get(r)).as("row %d", r).containsExactly(byValue.get(r));
      assertThat(byPageBatches.get(r)).as("batch row %d", r).containsExactly(byValueBatches.get(r));
      Group g = groups.get(r);
      Object[] row = byPage.get(r);
      assertThat(row[0]).isEqualTo(g.getInteger("id", 0));
      assertThat(row[2])
          .isEqualTo(g.getFieldRepetitionCount("i64") == 0 ? null : g.getLong("i64", 0));
      assertThat(row[6])
          .isEqualTo(g.getFieldRepetitionCount("d") == 0 ? null : g.getDouble("d", 0));
      assertThat(row[13]).isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Variant.class,
      names = {"DICTIONARY_V1", "DICTIONARY_V2"})
  void anEmptyFileHasNoRows(Variant variant) throws IOException {
    ParquetDataFile file = file(write(variant, List.of()));
    assertThat(rows(file, new int[] {0, 2, 6}, null)).isEmpty();
    assertThat(batches(file, new int[] {0, 2, 6}, null)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = Variant.class,
      names = {"DICTIONARY_V1", "DICTIONARY_V2", "DICTIONARY_FALLBACK"})
  void dictionaryValuesAreConvertedOnceAndSharedOnlyWhenImmutable(Variant variant)
      throws IOException {
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message t { optional binary s (STRING); optional binary raw;"
                + " optional int64 dec (DECIMAL(15,2)); }");
    SimpleGroupFactory factory = new SimpleGroupFactory(schema);
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      Group g = factory.newGroup();
      if (i % 7 != 3) {
        g.append("s", "é" + i % 4).append("raw", "r" + i % 4).append("dec", 100L * (i % 4));
      }
      groups.add(g);
    }
    ParquetFixtures.MemoryOutputFile out = new ParquetFixtures.MemoryOutputFile();
    try (ParquetWriter<Group> writer =
        GroupParquetWriters.builder(out, schema)
            .withCompressionCodec(variant.codec)
            .withWriterVersion(variant.version)
            .withDictionaryEncoding(true)
            .withDictionaryPageSize(variant.dictionaryPageSize)
            .withPageRowCountLimit(333)
            .build()) {
      for (Group g : groups) {
        writer.write(g);
      }
    }
    ParquetDataFile file = file(out.bytes.toByteArray());
    List<Object[]> rows = batches(file, new int[] {0, 1, 2}, null);
    assertThat(rows).hasSize(groups.size());
    Map<Object, Object> firstString = new HashMap<>();
    Map<String, byte[]> firstBytes = new HashMap<>();
    for (int r = 0; r < rows.size(); r++) {
      Object[] row = rows.get(r);
      if (r % 7 == 3) {
        assertThat(row).containsOnlyNulls();
        continue;
      }
      assertThat(row[0]).isEqualTo("é" + r % 4);
      assertThat((byte[]) row[1]).isEqualTo(("r" + r % 4).getBytes(StandardCharsets.UTF_8));
      assertThat(row[2]).isEqualTo(BigDecimal.valueOf(100L * (r % 4), 2));
      // one String per dictionary entry; a byte[] per row, callers own it
      assertThat(firstString.computeIfAbsent(row[0], k -> row[0])).isSameAs(row[0]);
      byte[] seen = firstBytes.putIfAbsent("r" + r % 4, (byte[]) row[1]);
      assertThat(seen == null || seen != row[1]).isTrue();
    }
    assertThat(firstBytes).hasSize(4);
  }

  @ParameterizedTest
  @EnumSource(
      value = Variant.class,
      names = {"DICTIONARY_V1", "PLAIN_V1", "DICTIONARY_FALLBACK"})
  void decimalsInInt32AndInt64ReachBatchesAsUnscaledLongs(Variant variant) throws IOException {
    List<Group> groups = groups(ROWS);
    ParquetDataFile file = file(write(variant, groups));
    // dec DECIMAL(15,2) in INT64, dec9 DECIMAL(9,3) in INT32, and dec again
    int[] projection = {3, 4, 3};
    ColumnBatch batch =
        new ColumnBatch(
            new ColumnType[] {ColumnType.DECIMAL, ColumnType.DECIMAL, ColumnType.DECIMAL}, 1000);
    int row = 0;
    try (ParquetRowCursor cursor = file.scan(new ScanSpec(projection, new IoStats()))) {
      for (int n; (n = cursor.nextBatch(batch)) > 0; ) {
        assertThat(batch.decimalScale(0)).isEqualTo(2);
        assertThat(batch.decimalScale(1)).isEqualTo(3);
        // a column projected twice is copied in the same form
        assertThat(batch.decimalScale(2)).isEqualTo(2);
        for (int r = 0; r < n; r++, row++) {
          Group g = groups.get(row);
          boolean hasDec = g.getFieldRepetitionCount("dec") > 0;
          assertThat(batch.nulls(0)[r]).isEqualTo(!hasDec);
          if (hasDec) {
            assertThat(batch.decimalLongs(0)[r]).isEqualTo(g.getLong("dec", 0));
            assertThat(batch.value(0, r)).isEqualTo(BigDecimal.valueOf(g.getLong("dec", 0), 2));
          }
          boolean hasDec9 = g.getFieldRepetitionCount("dec9") > 0;
          assertThat(batch.value(1, r))
              .isEqualTo(hasDec9 ? BigDecimal.valueOf(g.getInteger("dec9", 0), 3) : null);
          assertThat(batch.value(2, r)).isEqualTo(batch.value(0, r));
        }
        // asking for objects turns the longs into BigDecimals once, with the same values
        Object[] objects = batch.objects(1);
        assertThat(batch.decimalScale(1)).isEqualTo(ColumnBatch.OBJECTS);
        for (int r = 0; r < n; r++) {
          Group g = groups.get(row - n + r);
          assertThat(objects[r])
              .isEqualTo(
                  g.getFieldRepetitionCount("dec9") > 0
                      ? BigDecimal.valueOf(g.getInteger("dec9", 0), 3)
                      : null);
        }
      }
    }
    assertThat(row).isEqualTo(ROWS);
  }

  private static List<Group> groups(int rows) {
    Random random = new Random(42);
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    List<Group> groups = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      Group g = factory.newGroup().append("id", i);
      // the first rows repeat few values (dictionary pages), later ones are all distinct
      boolean few = i < rows / 3;
      if (i % 5 != 1) {
        g.append("i32", few ? random.nextInt(10) - 5 : random.nextInt());
        g.append("dec", few ? 100L * random.nextInt(50) : random.nextLong() % 1_000_000_000_000L);
        g.append("f", few ? (float) random.nextInt(4) : random.nextFloat() * 1e6f - 5e5f);
        g.append("day", random.nextInt(40_000) - 20_000);
        g.append(
            "legacy",
            new NanoTime(2_440_588 + random.nextInt(30_000), random.nextLong() & 0xFFF_FFFF_FFFFL));
        g.append("i8", random.nextInt(256) - 128);
      }
      if (i % 3 != 0) {
        g.append("i64", few ? (long) random.nextInt(7) : random.nextLong());
        g.append("dec9", random.nextInt(2_000_000_000) - 1_000_000_000);
        g.append("d", few ? random.nextInt(3) * 0.5 : random.nextGaussian() * 1e9);
        g.append("ts", random.nextLong() % 4_000_000_000_000_000L);
        g.append("u32", random.nextInt());
        g.append("s", "s" + random.nextInt(few ? 5 : 100_000));
      }
      groups.add(g);
    }
    if (rows > 10) {
      // NaN, infinities and -0.0 survive both paths bit for bit
      groups.set(3, factory.newGroup().append("id", 3).append("d", Double.NaN).append("f", -0.0f));
      groups.set(
          4,
          factory
              .newGroup()
              .append("id", 4)
              .append("d", Double.NEGATIVE_INFINITY)
              .append("i64", Long.MIN_VALUE)
              .append("i32", Integer.MAX_VALUE));
    }
    return groups;
  }

  private static byte[] write(Variant variant, List<Group> groups) throws IOException {
    return write(variant, groups, SCHEMA);
  }

  private static byte[] write(Variant variant, List<Group> groups, MessageType schema)
      throws IOException {
    ParquetFixtures.MemoryOutputFile out = new ParquetFixtures.MemoryOutputFile();
    try (ParquetWriter<Group> writer =
        GroupParquetWriters.builder(out, schema)
            .withCompressionCodec(variant.codec)
            .withWriterVersion(variant.version)
            .withDictionaryEncoding(variant.dictionary)
            .withDictionaryPageSize(variant.dictionaryPageSize)
            .withRowGroupRowCountLimit(1_500)
            .withPageRowCountLimit(333)
            .build()) {
      for (Group g : groups) {
        writer.write(g);
      }
    }
    return out.bytes.toByteArray();
  }

  private static ParquetDataFile file(byte[] bytes) {
    InMemoryObjectStore store = new InMemoryObjectStore("decoder");
    ObjectInfo info = store.put("t.parquet", bytes);
    return new ParquetDataFile(store, info, new ParquetFooterCache(4));
  }

  private static List<Object[]> rows(ParquetDataFile file, int[] projection, int[] decoded) {
    List<Object[]> rows = new ArrayList<>();
    try (ParquetRowCursor cursor = file.scan(new ScanSpec(projection, new IoStats()))) {
      while (cursor.moveNext()) {
        rows.add(cursor.current());
      }
      if (decoded != null) {
        decoded[0] = cursor.chunksDecodedByPage();
      }
    }
    return rows;
  }

  /** Rows read in batches of 1000 (so batches straddle pages and row groups), as values. */
  private static List<Object[]> batches(ParquetDataFile file, int[] projection, int[] unused) {
    ColumnType[] types = new ColumnType[projection.length];
    for (int i = 0; i < types.length; i++) {
      types[i] = file.schema().column(projection[i]).type();
    }
    List<Object[]> rows = new ArrayList<>();
    ColumnBatch batch = new ColumnBatch(types, 1000);
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
