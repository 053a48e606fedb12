package dev.bucketsql.parquet.codec;

import static java.util.Objects.requireNonNull;

import io.airlift.compress.Compressor;
import io.airlift.compress.Decompressor;
import io.airlift.compress.MalformedInputException;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Supplier;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** A block codec of aircompressor (pure Java): raw SNAPPY, ZSTD frames, raw LZ4 blocks. */
final class AirliftPageCodec implements PageCodec {
  private final CompressionCodecName name;
  private final Supplier<Compressor> compressors;
  private final Decompressor decompressor;

  /**
   * Made when first needed: a reader makes one codec per column chunk and never compresses, and a
   * compressor allocates its tables when made.
   */
  private Compressor compressor;

  AirliftPageCodec(
      CompressionCodecName name, Supplier<Compressor> compressors, Decompressor decompressor) {
    this.name = requireNonNull(name, "name is null");
    this.compressors = requireNonNull(compressors, "compressors is null");
    this.decompressor = requireNonNull(decompressor, "decompressor is null");
  }

  @Override
  public CompressionCodecName name() {
    return name;
  }

  @Override
  public byte[] compress(byte[] input, int offset, int length) {
    if (compressor == null) {
      compressor = requireNonNull(compressors.get(), "no compressor");
    }
    byte[] output = new byte[compressor.maxCompressedLength(length)];
    int written = compressor.compress(input, offset, length, output, 0, output.length);
    return Arrays.copyOf(output, written);
  }

  @Override
  public void decompress(
      byte[] input, int offset, int length, byte[] output, int outputOffset, int outputLength)
      throws IOException {
    int written;
    try {
      written = decompressor.decompress(input, offset, length, output, outputOffset, outputLength);
    } catch (MalformedInputException e) {
      throw new IOException(
          "corrupt "
              + name
              + " data at byte "
              + e.getOffset()
              + " of a "
              + length
              + "-byte compressed page: "
              + e.getMessage(),
          e);
    } catch (RuntimeException e) {
      // aircompressor reports some truncations as index errors; they are corrupt data too.
      throw new IOException(
          "corrupt " + name + " data in a " + length + "-byte compressed page: " + e, e);
    }
    if (written != outputLength) {
      throw new IOException(
          name + " page decompressed to " + written + " bytes but its header says " + outputLength);
    }
  }
}
