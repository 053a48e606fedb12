package dev.bucketsql.parquet.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputDecompressor;

/** Adapts a {@link PageCodec} to parquet-java's decompressor interface, heap or direct. */
final class PageDecompressor implements BytesInputDecompressor {
  private final PageCodec codec;

  PageDecompressor(PageCodec codec) {
    this.codec = codec;
  }

  /**
   * Decompresses a page's bytes. A page read into a heap array is decompressed where it lies
   * ({@code toByteBuffer} wraps that array): {@code toByteArray} would copy every compressed page
   * once more before decompressing it.
   *
   * <p>The page goes into a new array, or, when it is read through a {@link PageBuffer}, into that
   * buffer's array of a page its reader is done with; the array may then be longer than the page.
   */
  @Override
  public BytesInput decompress(BytesInput bytes, int decompressedSize) throws IOException {
    byte[] output = PageBuffer.take(decompressedSize);
    ByteBuffer in = bytes.toByteBuffer();
    if (in.hasArray()) {
      codec.decompress(
          in.array(),
          in.arrayOffset() + in.position(),
          in.remaining(),
          output,
          0,
          decompressedSize);
    } else {
      byte[] input = bytes.toByteArray();
      codec.decompress(input, 0, input.length, output, 0, decompressedSize);
    }
    return BytesInput.from(output, 0, decompressedSize);
  }

  @Override
  public void decompress(
      ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
      throws IOException {
    if (input.remaining() < compressedSize || output.remaining() < decompressedSize) {
      throw new IllegalArgumentException(
          "buffers too small: "
              + input.remaining()
              + " bytes in for "
              + compressedSize
              + ", "
              + output.remaining()
              + " bytes out for "
              + decompressedSize);
    }
    byte[] in;
    int inOffset;
    if (input.hasArray()) {
      in = input.array();
      inOffset = input.arrayOffset() + input.position();
    } else {
      in = new byte[compressedSize];
      input.duplicate().get(in);
      inOffset = 0;
    }
    if (output.hasArray()) {
      codec.decompress(
          in,
          inOffset,
          compressedSize,
          output.array(),
          output.arrayOffset() + output.position(),
          decompressedSize);
      output.position(output.position() + decompressedSize);
    } else {
      byte[] out = new byte[decompressedSize];
      codec.decompress(in, inOffset, compressedSize, out, 0, decompressedSize);
      output.put(out);
    }
    input.position(input.position() + compressedSize);
  }

  @Override
  public void release() {}
}
