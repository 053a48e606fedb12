package dev.bucketsql.engine.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link LongKeyTable} against a {@code HashMap} of boxed keys: keys 0, -1 and the ends of a long
 * (0 is a key, not an empty slot), runs of equal keys (which {@link LongKeyTable#findAll} takes
 * without a lookup), NULL rows and entries numbered without a key, and enough keys for many
 * doublings. {@code findAll} over each batch agrees with the reference as it stood before the
 * batch. Each case runs on a table hashed from the start and on one for grouping ({@link
 * LongKeyTable#forGroups}), over random keys and over keys that increase (runs of ties included)
 * until a key below the last, a NULL row or the end.
 */
class LongKeyTableTest {
  private static final long[] EDGES = {
    0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE - 1
  };

  private static final List<Supplier<LongKeyTable>> TABLES =
      List.of(LongKeyTable::new, LongKeyTable::forGroups);

  @Test
  void numbersKeysAsAMapDoes() {
    for (Supplier<LongKeyTable> made : TABLES) {
      for (long seed = 1; seed <= 6; seed++) {
        numbersKeysAsAMapDoes(made.get(), seed, 0);
        // increasing keys for most of the rows, then random ones
        numbersKeysAsAMapDoes(made.get(), seed, 50_000);
        // increasing keys for all the rows
        numbersKeysAsAMapDoes(made.get(), seed, Integer.MAX_VALUE);
      }
    }
  }

  /**
   * Keys that increase for the first {@code increasing} rows (no NULL among them), random after.
   */
  private static void numbersKeysAsAMapDoes(LongKeyTable table, long seed, int increasing) {
    Random random = new Random(seed);
    long next = increasing > 0 && seed % 2 == 0 ? Long.MIN_VALUE : -3;
    Map<Long, Integer> reference = new HashMap<>();
    int nullId = -1;
    int batchSize = 1 + random.nextInt(200);
    int range = seed % 2 == 0 ? 50 : 200_000;
    int rows = 60_000;
    for (int start = 0; start < rows; start += batchSize) {
      int n = Math.min(batchSize, rows - start);
      long[] values = new long[n];
      boolean[] nulls = new boolean[n];
      for (int r = 0; r < n; r++) {
        if (start + r < increasing) {
          // ties (runs), steps of 1 and gaps, from the least long up in some seeds
          values[r] = next;
          int step = random.nextInt(4);
          next += step == 3 ? 1 + random.nextInt(1000) : step == 2 ? 0 : 1;
        } else if (r > 0 && random.nextInt(3) == 0) {
          values[r] = values[r - 1]; // a run
          nulls[r] = nulls[r - 1];
        } else if (random.nextInt(20) == 0) {
          nulls[r] = true;
          values[r] = random.nextLong(); // a NULL row's value means nothing
        } else {
          values[r] =
              random.nextInt(10) == 0
                  ? EDGES[random.nextInt(EDGES.length)]
                  : random.nextInt(range) * 0x10000L;
        }
      }
      int[] ids = new int[n];
      table.findAll(values, nulls, n, nullId, ids);
      for (int r = 0; r < n; r++) {
        Integer expected = nulls[r] ? (nullId < 0 ? null : nullId) : reference.get(values[r]);
        assertThat(ids[r])
            .as("row %d of seed %d", r, seed)
            .isEqualTo(expected == null ? -1 : expected);
      }
      for (int r = 0; r < n; r++) {
        if (nulls[r]) {
          if (nullId < 0) {
            nullId = table.addUnkeyed();
          }
          continue;
        }
        int found = table.find(values[r]);
        Integer expected = reference.get(values[r]);
        assertThat(found).isEqualTo(expected == null ? -1 : expected);
        if (found < 0) {
          int id = table.add(values[r]);
          assertThat(id).isEqualTo(table.size() - 1);
          reference.put(values[r], id);
          assertThat(table.key(id)).isEqualTo(values[r]);
        }
      }
      // at most four 16-byte slots and two places in the keys by number a key, as KeyTable charges
      assertThat(table.bytes()).isLessThanOrEqualTo((4 * 16 + 2 * 8) * (table.size() + 64L));
    }
    assertThat(table.size()).isEqualTo(reference.size() + (nullId < 0 ? 0 : 1));
    for (Map.Entry<Long, Integer> e : reference.entrySet()) {
      assertThat(table.find(e.getKey())).isEqualTo(e.getValue());
      assertThat(table.key(e.getValue())).isEqualTo(e.getKey());
    }
    assertThat(table.bytes()).isPositive();
  }

  @Test
  void emptyTableFindsNothingAndRefusesADuplicate() {
    for (Supplier<LongKeyTable> made : TABLES) {
      emptyTableFindsNothingAndRefusesADuplicate(made.get());
    }
  }

  @Test
  void aGroupingTableTakesKeysBelowTheLastAndEntriesWithoutAKey() {
    LongKeyTable table = LongKeyTable.forGroups();
    assertThat(table.add(10)).isZero();
    assertThat(table.add(20)).isEqualTo(1);
    assertThat(table.find(20)).isEqualTo(1);
    assertThat(table.find(21)).isEqualTo(-1);
    assertThatThrownBy(() -> table.add(20)).isInstanceOf(IllegalArgumentException.class);
    assertThat(table.find(10)).isZero(); // below the last: the slots are filled
    assertThat(table.find(15)).isEqualTo(-1);
    assertThat(table.add(15)).isEqualTo(2);
    assertThat(table.add(30)).isEqualTo(3);
    assertThat(table.find(15)).isEqualTo(2);
    assertThatThrownBy(() -> table.add(10)).isInstanceOf(IllegalArgumentException.class);

    LongKeyTable unkeyed = LongKeyTable.forGroups();
    assertThat(unkeyed.add(5)).isZero();
    assertThat(unkeyed.addUnkeyed()).isEqualTo(1);
    assertThat(unkeyed.add(6)).isEqualTo(2);
    assertThat(unkeyed.add(1)).isEqualTo(3);
    assertThat(unkeyed.find(5)).isZero();
    assertThat(unkeyed.find(6)).isEqualTo(2);
    assertThat(unkeyed.find(1)).isEqualTo(3);
    assertThat(unkeyed.size()).isEqualTo(4);
  }

  private static void emptyTableFindsNothingAndRefusesADuplicate(LongKeyTable table) {
    int[] ids = new int[3];
    table.findAll(new long[] {0, 0, 5}, new boolean[3], 3, -1, ids);
    assertThat(ids).containsExactly(-1, -1, -1);
    table.findAll(new long[0], new boolean[0], 0, -1, new int[0]);
    assertThat(table.add(0)).isZero();
    assertThat(table.find(0)).isZero();
    assertThatThrownBy(() -> table.add(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
