package dev.bucketsql.parquet;

/**
 * Decodes Parquet's RLE / bit-packing hybrid encoding (definition levels and dictionary ids) from a
 * byte array into an {@code int[]}, a run at a time: a repeated run is one {@code fill}, a
 * bit-packed run a {@link BitUnpacker} call for its whole groups of 8 values.
 */
final class RleHybridDecoder {
  private final byte[] data;
  private final int end;
  private final int bitWidth;
  private final int byteWidth;
  private final long mask;
  private int position;

  /** Decodes {@code data[offset, end)} of values {@code bitWidth} bits wide (0 to 32). */
  RleHybridDecoder(byte[] data, int offset, int end, int bitWidth) {
    if (bitWidth < 0 || bitWidth > 32) {
      throw new IllegalArgumentException("bit width must be 0 to 32: " + bitWidth);
    }
    if (offset < 0 || end > data.length || offset > end) {
      throw new IllegalArgumentException(
          "encoded range [" + offset + ", " + end + ") outside the page");
    }
    this.data = data;
    this.position = offset;
    this.end = end;
    this.bitWidth = bitWidth;
    this.byteWidth = (bitWidth + 7) / 8;
    this.mask = bitWidth == 32 ? 0xFFFF_FFFFL : (1L << bitWidth) - 1;
  }

  /**
   * Decodes exactly {@code count} values into {@code out[0, count)}.
   *
   * @throws IllegalStateException when the data ends before
   */
  void decode(int[] out, int count) {
    int filled = 0;
    if (bitWidth == 0) {
      java.util.Arrays.fill(out, 0, count, 0);
      return;
    }
    while (filled < count) {
      long read = HybridRuns.readHeader(data, position, end);
      int header = HybridRuns.header(read);
      position = HybridRuns.after(read);
      if ((header & 1) == 0) {
        int run = header >>> 1;
        int value = HybridRuns.readRunValue(data, position, end, byteWidth, bitWidth, mask);
        position += byteWidth;
        int n = Math.min(run, count - filled);
        java.util.Arrays.fill(out, filled, filled + n, value);
        filled += n;
      } else {
        int groups = header >>> 1;
        int values = groups * 8;
        int bytes = groups * bitWidth;
        // the last run may be cut short of its declared groups when the page ends
        int available = Math.min(bytes, end - position);
        int n = Math.min(values, count - filled);
        if ((long) n * bitWidth > (long) available * 8) {
          throw HybridRuns.truncated(position, end);
        }
        unpack(out, filled, n);
        filled += n;
        position += available;
      }
    }
  }

  private void unpack(int[] out, int at, int n) {
    int p = position;
    // Whole groups of 8 values (bitWidth bytes each) through the unpacker of this width, as far as
    // the 8-byte words of the last one stay inside the array.
    int groups = n / 8;
    int room = data.length - BitUnpacker.span(bitWidth) - p;
    int safe = room < 0 ? 0 : Math.min(groups, room / bitWidth + 1);
    BitUnpacker.unpack(data, p, out, at, safe, bitWidth);
    p += safe * bitWidth;
    int i = safe * 8;
    long window = 0;
    int bits = 0;
    for (; i < n; i++) {
      while (bits < bitWidth) {
        window |= (long) (data[p++] & 0xFF) << bits;
        bits += 8;
      }
      out[at + i] = (int) (window & mask);
      window >>>= bitWidth;
      bits -= bitWidth;
    }
  }
}
