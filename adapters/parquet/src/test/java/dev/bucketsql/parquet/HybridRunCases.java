package dev.bucketsql.parquet;

import java.util.Arrays;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;

/**
 * Runs of Parquet's RLE / bit-packing hybrid encoding for the tests of its two readers, {@link
 * RleHybridDecoderTest} and {@link HybridIdIndexTest}: random values with parquet-java's encoding
 * of them, and one source of malformed runs that both must refuse with the same words ({@link
 * #malformed}), since both read runs through {@link HybridRuns}.
 */
final class HybridRunCases {
  private HybridRunCases() {}

  /**
   * Encoded runs a reader must refuse when asked for {@code count} values {@code bitWidth} bits
   * wide; {@code message} is what the error says when the runs start at byte {@code at}.
   */
  record Malformed(String name, int bitWidth, byte[] runs, int count, IntFunction<String> message) {
    /**
     * The runs at byte {@code at} of a larger array, the bytes around them continuation bytes
     * (0xFF) that a reader going past the end would take for more of a header.
     */
    byte[] placedAt(int at) {
      byte[] data = new byte[at + runs.length + 8];
      Arrays.fill(data, (byte) 0xFF);
      System.arraycopy(runs, 0, data, at, runs.length);
      return data;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** The malformed runs both readers refuse: cut at each part of a run, or holding too much. */
  static Stream<Malformed> malformed() throws Exception {
    byte[] encoded = encode(9, values(new Random(5), 9, 300));
    return Stream.of(
        new Malformed("no runs at all", 4, new byte[0], 1, at -> ends(at, at)),
        new Malformed(
            "cut inside a header", 4, new byte[] {(byte) 0x81}, 8, at -> ends(at + 1, at + 1)),
        new Malformed(
            "a header longer than 5 bytes",
            4,
            new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 1},
            8,
            at -> "malformed run header (varint too long) at byte " + (at + 5)),
        // a repeated run of 10 (header 10 << 1), its value two bytes at width 9, one of them there
        new Malformed(
            "cut inside a run value", 9, new byte[] {20, 5}, 10, at -> ends(at + 1, at + 2)),
        // a repeated run of 10 whose one value byte holds 200, at width 3
        new Malformed(
            "a run value wider than the bit width",
            3,
            new byte[] {20, (byte) 200},
            10,
            at -> "RLE run value 200 is wider than 3 bits at byte " + (at + 1)),
        // one group of 8 values of 8 bits (header 1 << 1 | 1), four of its bytes there
        new Malformed(
            "cut inside a bit-packed run",
            8,
            new byte[] {3, 1, 2, 3, 4},
            8,
            at -> ends(at + 1, at + 5)),
        // a repeated run of 5 where 10 values are asked
        new Malformed(
            "runs that end before the values asked",
            3,
            new byte[] {10, 1},
            10,
            at -> ends(at + 2, at + 2)),
        new Malformed(
            "parquet's encoding cut in half",
            9,
            Arrays.copyOf(encoded, encoded.length / 2),
            300,
            at -> "RLE/bit-packed data ends early at byte "));
  }

  private static String ends(int position, int end) {
    return "RLE/bit-packed data ends early at byte " + position + " of " + end;
  }

  /** Runs of repeats and stretches of random values, within {@code width} bits. */
  static int[] values(Random random, int width, int count) {
    long bound = width == 0 ? 1 : 1L << width;
    int[] values = new int[count];
    int i = 0;
    while (i < count) {
      int run = 1 + random.nextInt(40);
      boolean repeat = random.nextBoolean();
      int v = (int) (random.nextLong() & (bound - 1));
      for (int k = 0; k < run && i < count; k++, i++) {
        values[i] = repeat ? v : (int) (random.nextLong() & (bound - 1));
      }
    }
    return values;
  }

  /** {@code values} as parquet-java's encoder writes them at {@code width} bits. */
  static byte[] encode(int width, int[] values) throws Exception {
    try (RunLengthBitPackingHybridEncoder encoder =
        new RunLengthBitPackingHybridEncoder(
            width, 64, 1 << 20, HeapByteBufferAllocator.getInstance())) {
      for (int v : values) {
        encoder.writeInt(v);
      }
      return encoder.toBytes().toByteArray();
    }
  }
}
