package dev.bucketsql.parquet;

/**
 * The reading of one run of Parquet's RLE / bit-packing hybrid encoding that {@link
 * RleHybridDecoder} (every value) and {@link HybridIdIndex} (values at chosen positions) share: the
 * run header, the value of a repeated run, and their checks, so that both refuse malformed data
 * alike and with the same words.
 *
 * <p>Static and allocation-free: a header comes back with the position after it packed into one
 * {@code long}, so the callers keep their position in a local or a field of their own.
 */
final class HybridRuns {
  private HybridRuns() {}

  /**
   * The run header (an unsigned varint) at {@code data[position, end)}: the header in the low 32
   * bits, the position after it in the high 32 ({@link #header(long)}, {@link #after(long)}). Bit 0
   * of the header tells a bit-packed run (1, the count of groups of 8 above it) from a repeated one
   * (0, the count of repeats above it).
   *
   * @throws IllegalStateException when the data ends inside the header, or it is longer than 5
   *     bytes
   */
  static long readHeader(byte[] data, int position, int end) {
    int value = 0;
    int p = position;
    for (int shift = 0; shift < 35; shift += 7) {
      if (p >= end) {
        throw truncated(p, end);
      }
      int b = data[p++] & 0xFF;
      value |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return (value & 0xFFFF_FFFFL) | (long) p << 32;
      }
    }
    throw new IllegalStateException("malformed run header (varint too long) at byte " + p);
  }

  /** The header of a {@link #readHeader} result. */
  static int header(long read) {
    return (int) read;
  }

  /** The position after the header of a {@link #readHeader} result. */
  static int after(long read) {
    return (int) (read >>> 32);
  }

  /**
   * The value of a repeated run at {@code data[position, end)}: {@code byteWidth} bytes (the bit
   * width rounded up to whole bytes), little-endian, no wider than {@code bitWidth} bits ({@code
   * mask} their mask). The caller moves past the value's {@code byteWidth} bytes.
   *
   * @throws IllegalStateException when the data ends inside the value, or the value is wider than
   *     the bit width (a reader of dictionary ids relies on the width)
   */
  static int readRunValue(
      byte[] data, int position, int end, int byteWidth, int bitWidth, long mask) {
    if (byteWidth > end - position) {
      throw truncated(position, end);
    }
    int value = 0;
    for (int i = 0; i < byteWidth; i++) {
      value |= (data[position + i] & 0xFF) << (8 * i);
    }
    if ((value & 0xFFFF_FFFFL) > mask) {
      throw new IllegalStateException(
          "RLE run value "
              + Integer.toUnsignedString(value)
              + " is wider than "
              + bitWidth
              + " bits at byte "
              + position);
    }
    return value;
  }

  /** The error of data that ends at {@code position} before what it declares. */
  static IllegalStateException truncated(int position, int end) {
    return new IllegalStateException(
        "RLE/bit-packed data ends early at byte " + position + " of " + end);
  }
}
