package dev.bucketsql.parquet.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.parquet.write.GroupParquetWriters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * parquet-java's own writer and reader run with {@link ParquetCodecFactory} and a {@link
 * PlainParquetConfiguration}, without Hadoop, and agree on every value.
 */
class ParquetCodecFactoryWriterTest {
  private static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          "message recipe { required int64 id; optional binary name (STRING); optional double"
              + " rating; }");

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(
      value = CompressionCodecName.class,
      names = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"})
  void writerAndReaderRoundTripWithoutHadoop(CompressionCodecName codec) throws IOException {
    Path file = dir.resolve("recipes-" + codec + ".parquet");
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    int rows = 5000;
    try (ParquetWriter<Group> writer =
        GroupParquetWriters.builder(new LocalOutputFile(file), SCHEMA)
            .withCompressionCodec(codec)
            .withRowGroupRowCountLimit(1000)
            .withPageSize(8 * 1024)
            .build()) {
      for (int i = 0; i < rows; i++) {
        Group g = groups.newGroup().append("id", (long) i);
        if (i % 10 != 0) {
          g.append("name", "recipe " + i).append("rating", i % 5 + 0.5);
        }
        writer.write(g);
      }
    }

    ParquetReadOptions options = HadoopFreeReadOptions.create(new ParquetCodecFactory());
    List<Group> read = new ArrayList<>();
    try (ParquetFileReader reader = new ParquetFileReader(new LocalInputFile(file), options)) {
      for (BlockMetaData block : reader.getFooter().getBlocks()) {
        for (ColumnChunkMetaData chunk : block.getColumns()) {
          assertThat(chunk.getCodec()).isEqualTo(codec);
        }
      }
      assertThat(reader.getRowGroups()).as("several row groups").hasSize(5);
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        RecordReader<Group> records =
            new ColumnIOFactory()
                .getColumnIO(SCHEMA)
                .getRecordReader(pages, new GroupRecordConverter(SCHEMA));
        for (long r = 0; r < pages.getRowCount(); r++) {
          read.add(records.read());
        }
      }
    }
    assertThat(read).hasSize(rows);
    for (int i = 0; i < rows; i++) {
      Group g = read.get(i);
      assertThat(g.getLong("id", 0)).isEqualTo(i);
      if (i % 10 == 0) {
        assertThat(g.getFieldRepetitionCount("name")).isZero();
        assertThat(g.getFieldRepetitionCount("rating")).isZero();
      } else {
        assertThat(g.getString("name", 0)).isEqualTo("recipe " + i);
        assertThat(g.getDouble("rating", 0)).isEqualTo(i % 5 + 0.5);
      }
    }
  }
}
