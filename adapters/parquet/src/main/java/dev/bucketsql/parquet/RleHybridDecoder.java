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
      int header = readVarInt();
      if ((header & 1) == 0) {
        int run = header >>> 1;
        if (byteWidth > end - position) {
          throw truncated();
        }
        int value = 0;
        for (int i = 0; i < byteWidth; i++) {
          value |= (data[position++] & 0xFF) << (8 * i);
        }
        if ((value & 0xFFFF_FFFFL) > mask) {
          // a value the bit width cannot hold: a reader of dictionary ids relies on the width
          throw new IllegalStateException(
              "RLE run value "
                  + Integer.toUnsignedString(value)
                  + " is wider than "
                  + bitWidth
                  + " bits at byte "
                  + (position - byteWidth));
        }
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
          throw truncated();
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

  private int readVarInt() {
    int value = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (position >= end) {
        throw truncated();
      }
      int b = data[position++] & 0xFF;
      value |= (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new IllegalStateException("malformed run header (varint too long) at byte " + position);
  }

  private IllegalStateException truncated() {
    return new IllegalStateException(
        "RLE/bit-packed data ends early at byte " + position + " of " + end);
  }
}
