package dev.bucketsql.parquet;

import static dev.bucketsql.parquet.HybridRunCases.encode;
import static dev.bucketsql.parquet.HybridRunCases.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link HybridIdIndex} reads the ids at chosen positions as {@link RleHybridDecoder} decodes them
 * all: every bit width, repeated and bit-packed runs mixed, the data at an offset in a larger array
 * and at its very end, positions picked sparsely or densely; and it refuses what the decoder
 * refuses (the malformed runs of {@link HybridRunCases#malformed}) and ids outside the dictionary.
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

  @ParameterizedTest
  @MethodSource("dev.bucketsql.parquet.HybridRunCases#malformed")
  void refusesMalformedRuns(HybridRunCases.Malformed runs) {
    int at = 3;
    byte[] data = runs.placedAt(at);
    // the page's first byte is the bit width, the runs follow it
    data[at - 1] = (byte) runs.bitWidth();
    HybridIdIndex index = new HybridIdIndex();
    int end = at + runs.runs().length;
    assertThatThrownBy(() -> index.reset(data, at - 1, end, runs.count(), 1 << runs.bitWidth()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(runs.message().apply(at));
  }
}
