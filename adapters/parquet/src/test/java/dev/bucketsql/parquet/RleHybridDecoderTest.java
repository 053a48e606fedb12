package dev.bucketsql.parquet;

import static dev.bucketsql.parquet.HybridRunCases.encode;
import static dev.bucketsql.parquet.HybridRunCases.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Random;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link RleHybridDecoder} against parquet-java's own encoder: every bit width, repeated and
 * bit-packed runs mixed, counts that end inside a group of eight, and the malformed runs of {@link
 * HybridRunCases#malformed} (which {@link HybridIdIndexTest} refuses alike).
 */
class RleHybridDecoderTest {
  @Test
  void decodesWhatParquetEncodesAtEveryBitWidth() throws Exception {
    Random random = new Random(11);
    for (int width = 0; width <= 32; width++) {
      for (int count : new int[] {1, 7, 8, 9, 1000, 4099}) {
        int[] values = values(random, width, count);
        byte[] encoded = encode(width, values);
        int[] decoded = new int[count];
        new RleHybridDecoder(encoded, 0, encoded.length, width).decode(decoded, count);
        assertThat(decoded).as("width %d, %d values", width, count).containsExactly(values);
      }
    }
  }

  /**
   * Random runs at every width, placed at a random offset with 0 to 9 bytes after them (so the last
   * groups take the byte-by-byte path), against parquet-java's own decoder.
   */
  @Test
  void agreesWithParquetsDecoderWhereverTheDataLies() throws Exception {
    Random random = new Random(17);
    for (int width = 0; width <= 32; width++) {
      for (int round = 0; round < 12; round++) {
        int count = 1 + random.nextInt(round < 6 ? 64 : 5_000);
        int[] values = values(random, width, count);
        byte[] encoded = encode(width, values);
        int at = random.nextInt(16);
        byte[] data = new byte[at + encoded.length + random.nextInt(10)];
        random.nextBytes(data);
        System.arraycopy(encoded, 0, data, at, encoded.length);
        RunLengthBitPackingHybridDecoder reference =
            new RunLengthBitPackingHybridDecoder(
                width, ByteBufferInputStream.wrap(ByteBuffer.wrap(encoded)));
        int[] expected = new int[count];
        for (int i = 0; i < count; i++) {
          expected[i] = reference.readInt();
        }
        int[] decoded = new int[count];
        new RleHybridDecoder(data, at, at + encoded.length, width).decode(decoded, count);
        assertThat(decoded)
            .as("width %d, %d values at %d", width, count, at)
            .containsExactly(expected);
      }
    }
  }

  /** Each width's unpacker against a bit-by-bit reading of random bytes. */
  @Test
  void unpacksGroupsAsBitByBitReadingDoes() {
    Random random = new Random(23);
    for (int width = 1; width <= 32; width++) {
      int groups = 1 + random.nextInt(20);
      int at = random.nextInt(8);
      byte[] data = new byte[at + groups * width + BitUnpacker.span(width)];
      random.nextBytes(data);
      int[] out = new int[groups * 8 + 2];
      BitUnpacker.unpack(data, at, out, 1, groups, width);
      for (int v = 0; v < groups * 8; v++) {
        long expected = 0;
        for (int b = 0; b < width; b++) {
          long bit = v * (long) width + b;
          int set = (data[at + (int) (bit >>> 3)] >>> (bit & 7)) & 1;
          expected |= (long) set << b;
        }
        assertThat(out[1 + v]).as("width %d, value %d", width, v).isEqualTo((int) expected);
      }
      assertThat(out[0]).isZero();
      assertThat(out[groups * 8 + 1]).isZero();
    }
  }

  @Test
  void decodesFromAnOffsetWithinALargerArray() throws Exception {
    int[] values = values(new Random(3), 5, 500);
    byte[] encoded = encode(5, values);
    byte[] padded = new byte[encoded.length + 20];
    System.arraycopy(encoded, 0, padded, 13, encoded.length);
    int[] decoded = new int[500];
    new RleHybridDecoder(padded, 13, 13 + encoded.length, 5).decode(decoded, 500);
    assertThat(decoded).containsExactly(values);
  }

  @Test
  void decodesARunValueThatFillsTheBitWidth() {
    // a repeated run of 10 (header 10 << 1) whose one value byte holds 7, the most 3 bits hold
    byte[] fits = {20, 7};
    int[] out = new int[10];
    new RleHybridDecoder(fits, 0, fits.length, 3).decode(out, 10);
    assertThat(out).containsOnly(7);
  }

  @ParameterizedTest
  @MethodSource("dev.bucketsql.parquet.HybridRunCases#malformed")
  void refusesMalformedRuns(HybridRunCases.Malformed runs) {
    int at = 3;
    byte[] data = runs.placedAt(at);
    RleHybridDecoder decoder =
        new RleHybridDecoder(data, at, at + runs.runs().length, runs.bitWidth());
    assertThatThrownBy(() -> decoder.decode(new int[runs.count()], runs.count()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(runs.message().apply(at));
  }
}
