package dev.bucketsql.engine.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bitmap of a {@link LongKeyTable}'s keys over their range: with it, {@link LongKeyTable#find}
 * answers exactly as without it, for keys held, keys absent inside the range, keys beyond either
 * end and keys whose distance from the range overflows; it is refused where it would not pay, and
 * dropped by the next {@link LongKeyTable#add}.
 */
class LongKeyPresenceTest {
  private static final long[] EDGES = {
    Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, 1, Long.MAX_VALUE - 1, Long.MAX_VALUE
  };

  @Test
  void findsExactlyWhatTheTableFindsWithoutIt() {
    for (long seed = 1; seed <= 200; seed++) {
      Random random = new Random(seed);
      long base = random.nextInt(3) == 0 ? EDGES[random.nextInt(EDGES.length)] : random.nextLong();
      int span = 1 + random.nextInt(random.nextBoolean() ? 100 : 100_000);
      base = Math.min(base, Long.MAX_VALUE - span);
      LongKeyTable table = new LongKeyTable();
      Map<Long, Integer> reference = new HashMap<>();
      int count = 1 + random.nextInt(Math.min(span, 5_000));
      for (int i = 0; i < count; i++) {
        long key = base + random.nextInt(span);
        if (!reference.containsKey(key)) {
          reference.put(key, table.add(key));
        }
      }
      if (random.nextInt(5) == 0) {
        table.addUnkeyed();
      }
      long lo = reference.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();
      long hi = reference.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
      long bitmapBytes = (((hi - lo) >>> 6) + 1) * 8;
      assertThat(table.presenceBytes(1L << 26))
          .as("seed %d: span %d, %d keys", seed, span, reference.size())
          .isEqualTo(bitmapBytes * 4 <= table.bytes() ? bitmapBytes : -1);
      // made even where it would not pay, so that every shape is checked
      table.indexPresence();
      for (int i = 0; i < 20_000; i++) {
        long probe =
            switch (random.nextInt(4)) {
              case 0 -> base + random.nextInt(span);
              case 1 -> base - 1 - random.nextInt(1000);
              case 2 -> base + span + random.nextInt(1000);
              default ->
                  random.nextBoolean() ? EDGES[random.nextInt(EDGES.length)] : random.nextLong();
            };
        assertThat(table.find(probe))
            .as("seed %d: key %d", seed, probe)
            .isEqualTo(reference.getOrDefault(probe, -1));
      }
      long added = base + span + 5_000;
      if (!reference.containsKey(added)) {
        int id = table.add(added);
        assertThat(table.find(added)).as("a key added after the bitmap").isEqualTo(id);
      }
    }
  }

  @Test
  void refusesWhereItWouldNotPay() {
    LongKeyTable empty = new LongKeyTable();
    assertThat(empty.presenceBytes(1L << 26)).isEqualTo(-1);
    LongKeyTable wide = new LongKeyTable();
    wide.add(0);
    wide.add(1L << 40);
    assertThat(wide.presenceBytes(1L << 26)).as("a range past the limit").isEqualTo(-1);
    LongKeyTable extremes = new LongKeyTable();
    extremes.add(Long.MIN_VALUE);
    extremes.add(Long.MAX_VALUE);
    assertThat(extremes.presenceBytes(1L << 26)).as("a range that overflows").isEqualTo(-1);
    LongKeyTable sparse = new LongKeyTable();
    for (int i = 0; i < 100; i++) {
      sparse.add(i * 1_000_000L);
    }
    assertThat(sparse.presenceBytes(1L << 30))
        .as("a bitmap larger than a quarter of the table")
        .isEqualTo(-1);
    LongKeyTable dense = new LongKeyTable();
    for (int i = 0; i < 1000; i++) {
      dense.add(5_000 + i);
    }
    assertThat(dense.presenceBytes(1L << 26)).isEqualTo(16 * 8);
  }
}
