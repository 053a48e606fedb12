package dev.bucketsql.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.junit.jupiter.api.Test;

/**
 * {@link HybridIdIndex} reads the ids at chosen positions as {@link RleHybridDecoder} decodes them
 * all: every bit width, repeated and bit-packed runs mixed, the data at an offset in a larger array
 * and at its very end, positions picked sparsely or densely; and it refuses what the decoder
 * refuses (data cut short, run values too wide) and ids outside the dictionary.
 */
class HybridIdIndexTest {
  @Test
  void readsAtChosenPositionsWhatTheDecoderDecodes() throws Exception {
    Random random = new Random(29);
    HybridIdIndex index = new HybridIdIndex();
    for (int width = 0; width <= 32; width++) {
      for (int round = 0; round < 10; round++) {
        int count = 1 + random.nextInt(round < 5 ? 70 : 6_000);
        int[] values = values(random, width, count);
        if (width >= 31) {
          // ids are ints at or above zero
          for (int i = 0; i < count; i++) {
            values[i] &= 0x3FFF_FFFF;
          }
        }
        byte[] encoded = encode(width, values);
        int at = random.nextInt(16);
        // the page's bytes may end the array (no room for a word read past them) or not
        int after = round % 2 == 0 ? 0 : random.nextInt(10);
        byte[] data = new byte[at + 1 + encoded.length + after];
        random.nextBytes(data);
        data[at] = (byte) width;
        System.arraycopy(encoded, 0, data, at + 1, encoded.length);
        int[] expected = new int[count];
        new RleHybridDecoder(data, at + 1, at + 1 + encoded.length, width).decode(expected, count);
        assertThat(expected).containsExactly(values);
        int dictionary = width >= 31 ? Integer.MAX_VALUE : 1 << width;
        index.reset(data, at, at + 1 + encoded.length, count, dictionary);
        int step = 1 + random.nextInt(round < 3 ? 3 : 40);
        for (int p = random.nextInt(step); p < count; p += 1 + random.nextInt(step)) {
          assertThat(index.id(p))
              .as("width %d, %d values, position %d", width, count, p)
              .isEqualTo(expected[p]);
        }
        index.reset(data, at, at + 1 + encoded.length, count, dictionary);
        assertThat(index.id(count - 1)).isEqualTo(expected[count - 1]);
      }
    }
  }

  @Test
  void refusesAnIdOutsideTheDictionary() throws Exception {
    int[] values = new int[100];
    Arrays.fill(values, 3);
    values[57] = 9;
    byte[] encoded = encode(4, values);
    byte[] data = new byte[1 + encoded.length];
    data[0] = 4;
    System.arraycopy(encoded, 0, data, 1, encoded.length);
    HybridIdIndex index = new HybridIdIndex();
    index.reset(data, 0, data.length, 100, 5);
    assertThat(index.id(56)).isEqualTo(3);
    assertThatThrownBy(() -> index.id(57))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dictionary id 9 outside the dictionary of 5 values");
  }

  @Test
  void refusesDataThatEndsEarlyAndRunValuesTooWide() throws Exception {
    int[] values = values(new Random(5), 9, 300);
    byte[] encoded = encode(9, values);
    byte[] cut = new byte[1 + encoded.length / 2];
    cut[0] = 9;
    System.arraycopy(encoded, 0, cut, 1, cut.length - 1);
    HybridIdIndex index = new HybridIdIndex();
    assertThatThrownBy(() -> index.reset(cut, 0, cut.length, 300, 1 << 9))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ends early");
    // a repeated run of 10 whose one value byte holds 200, at bit width 3
    byte[] wide = {3, 20, (byte) 200};
    assertThatThrownBy(() -> index.reset(wide, 0, wide.length, 10, 8))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("RLE run value 200 is wider than 3 bits");
  }

  /** Runs of repeats and stretches of random values, within {@code width} bits. */
  private static int[] values(Random random, int width, int count) {
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

  private static byte[] encode(int width, int[] values) throws Exception {
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
