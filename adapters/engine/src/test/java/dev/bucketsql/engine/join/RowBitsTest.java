package dev.bucketsql.engine.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RowBitsTest {
  @Test
  void rowsPastTheIntRangeKeepTheirOwnBits() {
    RowBits bits = new RowBits();
    long high = Integer.MAX_VALUE + 5L;
    bits.set(high);
    bits.set(3L * Integer.MAX_VALUE);
    bits.set(high); // set twice, counted once
    assertTrue(bits.get(high));
    assertTrue(bits.get(3L * Integer.MAX_VALUE));
    assertFalse(bits.get(high - 1));
    assertFalse(bits.get(high + 1));
    // row 2^31 + 4 wrapped into the int range would be row 4
    assertFalse(bits.get(high - (1L << 31)));
    assertEquals(2, bits.count());
  }

  @Test
  void agreesWithBitSetOnRandomRows() {
    for (int seed = 0; seed < 20; seed++) {
      Random random = new Random(seed);
      RowBits bits = new RowBits();
      BitSet reference = new BitSet();
      int range = 1 + random.nextInt(1 << (4 + random.nextInt(18)));
      for (int i = 0; i < 2_000; i++) {
        int row = random.nextInt(range);
        if (random.nextBoolean()) {
          bits.set(row);
          reference.set(row);
        }
        assertEquals(reference.get(row), bits.get(row), "seed " + seed + ", row " + row);
      }
      for (int row = 0; row < Math.min(range, 100_000); row++) {
        assertEquals(reference.get(row), bits.get(row), "seed " + seed + ", row " + row);
      }
      assertEquals(reference.cardinality(), bits.count(), "seed " + seed);
    }
  }
}
