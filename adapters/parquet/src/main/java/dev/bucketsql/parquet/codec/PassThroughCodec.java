package dev.bucketsql.parquet.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputDecompressor;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** UNCOMPRESSED pages: bytes pass through, but sizes are still checked. */
final class PassThroughCodec {
  /** Stateless, so one instance serves every thread. */
  static final BytesInputCompressor COMPRESSOR =
      new BytesInputCompressor() {
        @Override
        public BytesInput compress(BytesInput bytes) {
          return bytes;
        }

        @Override
        public CompressionCodecName getCodecName() {
          return CompressionCodecName.UNCOMPRESSED;
        }

        @Override
        public void release() {}
      };

  /** Stateless, so one instance serves every thread. */
  static final BytesInputDecompressor DECOMPRESSOR =
      new BytesInputDecompressor() {
        @Override
        public BytesInput decompress(BytesInput bytes, int decompressedSize) throws IOException {
          checkSizes(bytes.size(), decompressedSize);
          return bytes;
        }

        @Override
        public void decompress(
            ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
            throws IOException {
          checkSizes(compressedSize, decompressedSize);
          ByteBuffer slice = input.slice();
          slice.limit(compressedSize);
          output.put(slice);
          input.position(input.position() + compressedSize);
        }

        @Override
        public void release() {}
      };

  private PassThroughCodec() {}

  private static void checkSizes(long stored, long expected) throws IOException {
    if (stored != expected) {
      throw new IOException(
          "UNCOMPRESSED page holds " + stored + " bytes but its header says " + expected);
    }
  }
}
