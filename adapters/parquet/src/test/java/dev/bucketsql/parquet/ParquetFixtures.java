package dev.bucketsql.parquet;

import dev.bucketsql.parquet.write.GroupParquetWriters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.schema.MessageType;

/** Writes Parquet files into memory at test time, with parquet-java's writer and no Hadoop. */
final class ParquetFixtures {
  private ParquetFixtures() {}

  /**
   * {@code rows} of {@code schema}, compressed with {@code codec}, {@code rowsPerGroup} a group.
   */
  static byte[] write(
      MessageType schema, CompressionCodecName codec, int rowsPerGroup, List<Group> rows) {
    MemoryOutputFile file = new MemoryOutputFile();
    try (ParquetWriter<Group> writer =
        GroupParquetWriters.builder(file, schema)
            .withCompressionCodec(codec)
            .withRowGroupRowCountLimit(rowsPerGroup)
            .withPageRowCountLimit(Math.max(1, rowsPerGroup / 3))
            .build()) {
      for (Group row : rows) {
        writer.write(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file.bytes.toByteArray();
  }

  /** An output file in memory. */
  static final class MemoryOutputFile implements OutputFile {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public PositionOutputStream create(long blockSizeHint) {
      return new PositionOutputStream() {
        @Override
        public long getPos() {
          return bytes.size();
        }

        @Override
        public void write(int b) {
          bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          bytes.write(b, off, len);
        }
      };
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) {
      bytes.reset();
      return create(blockSizeHint);
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }
  }
}
