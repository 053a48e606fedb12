package dev.bucketsql.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.format.FormatException;
import dev.bucketsql.format.RowCursor;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.storage.IoStats;
import dev.bucketsql.storage.ObjectInfo;
import dev.bucketsql.storage.memory.InMemoryObjectStore;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;

/**
 * Objects that are not valid Parquet fail with a {@link FormatException} naming the key, the byte
 * offset where one applies, and a fix; never with wrong rows, a hang or a JVM error.
 */
class ParquetBadInputTest {
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message r { required int64 id; optional binary name (STRING); }");

  private final InMemoryObjectStore store = new InMemoryObjectStore("bad");

  private static byte[] validFile(CompressionCodecName codec) {
    SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
    List<Group> rows = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      rows.add(factory.newGroup().append("id", (long) i).append("name", "recipe number " + i));
    }
    return ParquetFixtures.write(SCHEMA, codec, 1000, rows);
  }

  private ParquetDataFile put(String key, byte[] bytes) {
    ObjectInfo info = store.put(key, bytes);
    return new ParquetDataFile(store, info, new ParquetFooterCache(4));
  }

  /** Reads every row, so any failure surfaces, whether at schema time or scan time. */
  private static List<Object[]> readAll(ParquetDataFile file) {
    List<Object[]> rows = new ArrayList<>();
    try (RowCursor cursor = file.scan(ScanSpec.allColumns(file.schema(), new IoStats()))) {
      while (cursor.moveNext()) {
        rows.add(cursor.current());
      }
    }
    return rows;
  }

  @Test
  void zeroLengthObject() {
    ParquetDataFile file = put("empty.parquet", new byte[0]);
    assertThatThrownBy(file::schema)
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("'empty.parquet'")
        .hasMessageContaining("empty (0 bytes)")
        .hasMessageContaining("upload the file again");
  }

  @Test
  void objectTooShortToBeParquet() {
    ParquetDataFile file = put("short.parquet", "PAR1PAR1".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(file::schema)
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("'short.parquet'")
        .hasMessageContaining("only 8 bytes");
  }

  @Test
  void wrongMagicBytes() {
    byte[] csv = "id,name\n1,pancakes\n2,waffles\n".getBytes(StandardCharsets.US_ASCII);
    ParquetDataFile file = put("recipes.parquet", csv);
    assertThatThrownBy(file::schema)
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("'recipes.parquet'")
        .hasMessageContaining("does not end with the magic bytes PAR1")
        .hasMessageContaining("at byte offset " + (csv.length - 4))
        .hasMessageContaining("73 0A"); // "s\n", the CSV's last bytes, in hex
  }

  @Test
  void wrongLeadingMagicWhenTheTrailerLooksRight() {
    byte[] bytes = validFile(CompressionCodecName.UNCOMPRESSED);
    bytes[0] = 'X';
    ParquetDataFile file = put("head.parquet", bytes);
    assertThatThrownBy(file::schema)
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("'head.parquet'")
        .hasMessageContaining("does not start with the magic bytes PAR1")
        .hasMessageContaining("byte offset 0");
  }

  @Test
  void truncatedObject() {
    byte[] bytes = validFile(CompressionCodecName.SNAPPY);
    for (int cut : new int[] {bytes.length - 1, bytes.length - 9, bytes.length / 2, 13}) {
      ParquetDataFile file = put("cut.parquet", Arrays.copyOf(bytes, cut));
      assertThatThrownBy(() -> readAll(file))
          .as("cut at %d", cut)
          .isInstanceOf(FormatException.class)
          .hasMessageContaining("'cut.parquet'")
          .hasMessageContaining("byte offset")
          .hasMessageContaining("truncated");
    }
  }

  @Test
  void impossibleFooterLength() {
    byte[] bytes = validFile(CompressionCodecName.SNAPPY);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length - 8, 1 << 30);
    ParquetDataFile file = put("len.parquet", bytes);
    assertThatThrownBy(file::schema)
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("'len.parquet'")
        .hasMessageContaining("corrupt footer length " + (1 << 30))
        .hasMessageContaining("at byte offset " + (bytes.length - 8));
  }

  @Test
  void corruptFooter() {
    byte[] bytes = validFile(CompressionCodecName.SNAPPY);
    int footerLength =
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(bytes.length - 8);
    int footerStart = bytes.length - 8 - footerLength;
    for (int i = footerStart; i < bytes.length - 8; i++) {
      bytes[i] = (byte) 0xEE; // not a valid Thrift compact field header
    }
    ParquetDataFile file = put("footer.parquet", bytes);
    assertThatThrownBy(file::schema)
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("'footer.parquet'")
        .hasMessageContaining("corrupt footer")
        .hasMessageContaining(footerLength + " bytes at byte offset " + footerStart);
  }

  @Test
  void corruptDataPagesFailInsteadOfGivingWrongRows() {
    byte[] good = validFile(CompressionCodecName.UNCOMPRESSED);
    int footerLength = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).getInt(good.length - 8);
    int dataEnd = good.length - 8 - footerLength;
    // Damage the middle of the data area: page payload, where only checksums can tell.
    int changed = 0;
    for (int at = dataEnd / 3; at < dataEnd * 2 / 3; at += 97) {
      byte[] bytes = good.clone();
      bytes[at] ^= 0x5A;
      ParquetDataFile file = put("data.parquet", bytes);
      assertThatThrownBy(() -> readAll(file))
          .as("byte %d flipped", at)
          .isInstanceOf(FormatException.class)
          .hasMessageContaining("'data.parquet'");
      changed++;
    }
    assertThat(changed).isGreaterThan(10);
  }
}
