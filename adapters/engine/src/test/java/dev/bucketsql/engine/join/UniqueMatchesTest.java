package dev.bucketsql.engine.join;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link UniqueMatches} against a loop that keeps the rows found, over random starts and ranges.
 */
class UniqueMatchesTest {
  @Test
  void keepsTheRowsFoundInOrder() {
    Random random = new Random(3);
    for (int round = 0; round < 500; round++) {
      int size = random.nextInt(300);
      int[] starts = new int[size];
      int hit = random.nextInt(11);
      for (int r = 0; r < size; r++) {
        starts[r] = random.nextInt(10) < hit ? random.nextInt(Integer.MAX_VALUE) : -1;
      }
      int from = size == 0 ? 0 : random.nextInt(size + 1);
      int to = from + random.nextInt(size - from + 1);
      List<int[]> expected = new ArrayList<>();
      for (int r = from; r < to; r++) {
        if (starts[r] >= 0) {
          expected.add(new int[] {r, starts[r]});
        }
      }
      int[] probe = new int[to - from];
      int[] build = new int[to - from];
      int n = UniqueMatches.pairs(starts, from, to, probe, build);
      assertThat(n).isEqualTo(expected.size());
      for (int i = 0; i < n; i++) {
        assertThat(new int[] {probe[i], build[i]}).isEqualTo(expected.get(i));
      }
    }
  }
}
