package dev.bucketsql.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.FormatException;
import dev.bucketsql.format.predicate.Domain;
import dev.bucketsql.format.predicate.ScanPredicate;
import dev.bucketsql.parquet.LateFilterFiles.Layout;
import dev.bucketsql.parquet.codec.HadoopFreeReadOptions;
import dev.bucketsql.parquet.codec.ParquetCodecFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * STRING columns decoded a page at a time straight from the pages' bytes, against parquet-java's
 * own reading of the same file (its record reader), against the scan with the page decoders off
 * (parquet-java's column readers, a value at a time), and against the strings written: random
 * strings of one- to four-byte UTF-8 sequences, a genuine U+FFFD, empty strings and NULLs, on
 * dictionary pages, PLAIN pages and pages that fall back to PLAIN inside a chunk, data pages V1 and
 * V2, batches straddling pages and row groups, read whole and at the rows a late filter keeps;
 * beside them ENUM, JSON, raw BINARY, a UUID and a binary DECIMAL, which keep their converters.
 * Invalid UTF-8 fails with the error the column readers give.
 */
class ParquetStringPagesTest {
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message t { required int32 id; optional binary s (STRING); required binary r (STRING);"
              + " optional binary e (ENUM); optional binary j (JSON); optional binary b;"
              + " optional fixed_len_byte_array(16) u (UUID);"
              + " optional binary dec (DECIMAL(20,2)); }");
  private static final int ROWS = 6_007;
  private static final int[] ALL = {0, 1, 2, 3, 4, 5, 6, 7};

  /** Characters of one to four UTF-8 bytes, U+FFFD among them. */
  private static final int[] CODE_POINTS = {
    'a', 'Z', '0', ' ', '%', 0xE9, 0xFC, 0x3A9, 0x7FF, 0x800, 0x4E2D, 0xFFFD, 0xFF5E, 0x1F600,
    0x10348, 0x10FFFF
  };

  /** How the file is written. */
  enum Variant {
    DICTIONARY_V1(true, WriterVersion.PARQUET_1_0, CompressionCodecName.UNCOMPRESSED, 1 << 20),
    PLAIN_V1(false, WriterVersion.PARQUET_1_0, CompressionCodecName.SNAPPY, 1 << 20),
    /** A dictionary page too small for the values: pages fall back to PLAIN inside a chunk. */
    DICTIONARY_FALLBACK(true, WriterVersion.PARQUET_1_0, CompressionCodecName.GZIP, 700),
    DICTIONARY_V2(true, WriterVersion.PARQUET_2_0, CompressionCodecName.SNAPPY, 1 << 20),
    FALLBACK_V2(true, WriterVersion.PARQUET_2_0, CompressionCodecName.UNCOMPRESSED, 700),
    /** V2 without dictionaries writes DELTA encodings: the column readers take over. */
    PLAIN_V2(false, WriterVersion.PARQUET_2_0, CompressionCodecName.GZIP, 1 << 20);

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

  @ParameterizedTest
  @EnumSource(Variant.class)
  void stringsDecodeAsParquetJavaReadsThem(Variant variant) throws IOException {
    Random random = new Random(variant.ordinal() * 31L + 5);
    String[] s = new String[ROWS];
    String[] r = new String[ROWS];
    List<Group> groups = new ArrayList<>();
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    for (int i = 0; i < ROWS; i++) {
      // few distinct values in the first rows (dictionary pages), then many (PLAIN on fallback)
      boolean few = i < ROWS / 3;
      s[i] = random.nextInt(7) == 0 ? null : string(random, few);
      r[i] = string(random, few);
      Group g = factory.newGroup().append("id", i).append("r", r[i]);
      if (s[i] != null) {
        g.append("s", s[i]);
      }
      if (random.nextInt(5) > 0) {
        g.append("e", few ? "E" + random.nextInt(3) : string(random, false));
      }
      if (random.nextInt(5) > 0) {
        g.append("j", "{\"k\":\"" + string(random, few) + "\"}");
      }
      if (random.nextInt(5) > 0) {
        byte[] raw = new byte[random.nextInt(6)];
        random.nextBytes(raw);
        g.append("b", Binary.fromConstantByteArray(raw));
      }
      if (random.nextInt(5) > 0) {
        byte[] uuid = new byte[16];
        random.nextBytes(uuid);
        g.append("u", Binary.fromConstantByteArray(uuid));
      }
      if (random.nextInt(5) > 0) {
        byte[] unscaled = new byte[1 + random.nextInt(9)];
        random.nextBytes(unscaled);
        g.append("dec", Binary.fromConstantByteArray(unscaled));
      }
      groups.add(g);
    }
    byte[] bytes = write(variant, groups, SCHEMA);
    ParquetDataFile file = LateFilterFiles.file("strings", bytes);
    List<Group> parquetJava = readWithParquetJava(bytes);

    List<Object[]> byPage = batches(file, ALL, ScanPredicate.all());
    if (variant != Variant.PLAIN_V2) {
      assertThat(LateFilterFiles.chunksDecodedByPage(file, ALL))
          .as("chunks decoded by page")
          .isPositive();
    }
    System.setProperty("bucketsql.parquet.pageDecoder", "false");
    List<Object[]> byValue = batches(file, ALL, ScanPredicate.all());
    System.clearProperty("bucketsql.parquet.pageDecoder");

    assertThat(byPage).hasSize(ROWS);
    assertThat(parquetJava).hasSize(ROWS);
    for (int i = 0; i < ROWS; i++) {
      Object[] row = byPage.get(i);
      Group g = parquetJava.get(i);
      assertThat(row).as("row %d", i).containsExactly(byValue.get(i));
      assertThat(row[0]).isEqualTo(i);
      assertThat(row[1]).as("s of row %d", i).isEqualTo(s[i]).isEqualTo(stringOf(g, "s"));
      assertThat(row[2]).as("r of row %d", i).isEqualTo(r[i]).isEqualTo(stringOf(g, "r"));
      assertThat(row[3]).as("e of row %d", i).isEqualTo(stringOf(g, "e"));
      assertThat(row[4]).as("j of row %d", i).isEqualTo(stringOf(g, "j"));
      if (g.getFieldRepetitionCount("b") == 0) {
        assertThat(row[5]).isNull();
      } else {
        assertThat((byte[]) row[5]).isEqualTo(g.getBinary("b", 0).getBytes());
      }
    }

    // at the rows a late filter keeps: the strings come out of the pages row by row
    TreeSet<Integer> ids = new TreeSet<>();
    while (ids.size() < ROWS / 20) {
      ids.add(random.nextInt(ROWS));
    }
    ScanPredicate predicate =
        ScanPredicate.of(0, Domain.values(ColumnType.INTEGER, new ArrayList<>(ids)));
    List<Object[]> kept = batches(file, ALL, predicate);
    TreeSet<Integer> seen = new TreeSet<>();
    for (Object[] row : kept) {
      int id = (Integer) row[0];
      seen.add(id);
      assertThat(row).as("kept row %d", id).containsExactly(byValue.get(id));
    }
    assertThat(seen).containsAll(ids);
  }

  /** Invalid UTF-8, on a PLAIN or a dictionary page, fails as with the column readers. */
  @ParameterizedTest
  @EnumSource(Variant.class)
  void invalidUtf8FailsAsTheColumnReadersDo(Variant variant) throws IOException {
    MessageType schema =
        MessageTypeParser.parseMessageType(
            "message t { required int32 id; optional binary s (STRING); }");
    SimpleGroupFactory factory = new SimpleGroupFactory(schema);
    List<Group> groups = new ArrayList<>();
    byte[][] invalid = {
      {'a', (byte) 0xFF, 'b'},
      {(byte) 0xC3},
      {'x', (byte) 0xE2, (byte) 0x82},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}
    };
    int bad = 1_234;
    for (int i = 0; i < 2_000; i++) {
      Group g = factory.newGroup().append("id", i);
      if (i == bad) {
        g.append("s", Binary.fromConstantByteArray(invalid[variant.ordinal() % invalid.length]));
      } else if (i % 3 > 0) {
        g.append("s", "v\uFFFD" + (variant.dictionary ? i % 5 : i));
      }
      groups.add(g);
    }
    ParquetDataFile file = LateFilterFiles.file("strings", write(variant, groups, schema));
    int[] both = {0, 1};
    Throwable byPage = catchThrowable(() -> batches(file, both, ScanPredicate.all()));
    System.setProperty("bucketsql.parquet.pageDecoder", "false");
    Throwable byValue = catchThrowable(() -> batches(file, both, ScanPredicate.all()));
    System.clearProperty("bucketsql.parquet.pageDecoder");
    assertThat(byValue).isInstanceOf(FormatException.class);
    assertThat(byPage)
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("is not valid UTF-8")
        .hasMessageContaining("the file is damaged");
    assertThat(byPage.getCause())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(byValue.getCause().getMessage());
  }

  private static String string(Random random, boolean few) {
    if (random.nextInt(15) == 0) {
      return "";
    }
    if (few) {
      return "few " + new String(Character.toChars(CODE_POINTS[random.nextInt(6) + 4]));
    }
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(random.nextBoolean() ? 4 : 40);
    boolean ascii = random.nextBoolean();
    for (int k = 0; k < n; k++) {
      if (ascii) {
        b.append((char) (' ' + random.nextInt(95)));
      } else {
        b.appendCodePoint(CODE_POINTS[random.nextInt(CODE_POINTS.length)]);
      }
    }
    return b.toString();
  }

  private static String stringOf(Group g, String field) {
    if (g.getFieldRepetitionCount(field) == 0) {
      return null;
    }
    byte[] bytes = g.getBinary(field, 0).getBytes();
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static byte[] write(Variant variant, List<Group> groups, MessageType schema)
      throws IOException {
    Layout layout =
        new Layout(
            variant.version == WriterVersion.PARQUET_1_0 ? 1 : 2,
            variant.dictionaryPageSize,
            variant.dictionary,
            true,
            1_700,
            251);
    return LateFilterFiles.write(schema, groups, layout, variant.codec);
  }

  private static List<Group> readWithParquetJava(byte[] bytes) throws IOException {
    List<Group> read = new ArrayList<>();
    try (ParquetFileReader reader =
        new ParquetFileReader(
            LateFilterFiles.inputFile(bytes),
            HadoopFreeReadOptions.create(new ParquetCodecFactory()))) {
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        RecordReader<Group> records =
            new ColumnIOFactory()
                .getColumnIO(SCHEMA)
                .getRecordReader(pages, new GroupRecordConverter(SCHEMA));
        for (long k = 0; k < pages.getRowCount(); k++) {
          read.add(records.read());
        }
      }
    }
    return read;
  }

  /** Rows read in batches of 1000, so that batches straddle pages and row groups. */
  private static List<Object[]> batches(
      ParquetDataFile file, int[] projection, ScanPredicate predicate) {
    return LateFilterFiles.batches(file, projection, predicate, 1000);
  }
}
