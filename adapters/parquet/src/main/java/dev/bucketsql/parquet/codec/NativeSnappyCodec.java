package dev.bucketsql.parquet.codec;

import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import java.io.IOException;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * SNAPPY pages decompressed by Snappy's own C++ library (snappy-java), compressed by aircompressor.
 *
 * <p>Over the pages of TPC-H SF 1 lineitem the native decoder reads 1.2 GB/s where aircompressor
 * reads 0.75 GB/s on this machine (docs/parquet.md, "SNAPPY"); compression is not on a query's path
 * and stays in pure Java. Used only when {@link NativeSnappy#available()}.
 */
final class NativeSnappyCodec implements PageCodec {
  private final AirliftPageCodec writer =
      new AirliftPageCodec(
          CompressionCodecName.SNAPPY, SnappyCompressor::new, new SnappyDecompressor());

  @Override
  public CompressionCodecName name() {
    return CompressionCodecName.SNAPPY;
  }

  @Override
  public byte[] compress(byte[] input, int offset, int length) {
    return writer.compress(input, offset, length);
  }

  /**
   * Decompresses one page. The length the block declares is read and checked first: the native
   * decoder writes at most that many bytes, so a block that declares another size than the page
   * header fails here before anything is written.
   */
  @Override
  public void decompress(
      byte[] input, int offset, int length, byte[] output, int outputOffset, int outputLength)
      throws IOException {
    if (offset < 0 || length < 0 || offset > input.length - length) {
      throw new IOException("SNAPPY page of " + length + " bytes lies outside its buffer");
    }
    if (outputOffset < 0 || outputLength < 0 || outputOffset > output.length - outputLength) {
      throw new IOException("no room for a SNAPPY page of " + outputLength + " bytes");
    }
    int declared;
    try {
      declared = Snappy.uncompressedLength(input, offset, length);
    } catch (IOException e) {
      throw corrupt(length, e);
    }
    if (declared != outputLength) {
      throw new IOException(
          "SNAPPY page declares " + declared + " bytes but its header says " + outputLength);
    }
    int written;
    try {
      written = Snappy.uncompress(input, offset, length, output, outputOffset);
    } catch (IOException e) {
      throw corrupt(length, e);
    }
    if (written != outputLength) {
      throw new IOException(
          "SNAPPY page decompressed to " + written + " bytes but its header says " + outputLength);
    }
  }

  private static IOException corrupt(int length, IOException cause) {
    return new IOException(
        "corrupt SNAPPY data in a " + length + "-byte compressed page: " + cause.getMessage(),
        cause);
  }
}
