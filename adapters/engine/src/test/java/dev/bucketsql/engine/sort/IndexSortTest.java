package dev.bucketsql.engine.sort;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link IndexSort} against {@code List.sort} (stable) over row numbers keyed by few distinct
 * values (many ties), sorted and reversed input, and every length up to a few merge passes.
 */
class IndexSortTest {
  @Test
  void sortsStablyAsListSort() {
    Random random = new Random(11);
    for (int n : new int[] {0, 1, 2, 23, 24, 25, 48, 49, 100, 1000, 10_007}) {
      for (int shape = 0; shape < 4; shape++) {
        int[] keys = new int[n];
        for (int i = 0; i < n; i++) {
          keys[i] =
              switch (shape) {
                case 0 -> random.nextInt(7);
                case 1 -> i / 3;
                case 2 -> (n - i) / 5;
                default -> random.nextInt(Math.max(1, n));
              };
        }
        int[] rows = IntStream.range(0, n).toArray();
        IndexSort.sort(rows, (a, b) -> Integer.compare(keys[a], keys[b]));
        List<Integer> expected = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        expected.sort(Comparator.comparingInt(r -> keys[r]));
        assertThat(rows)
            .as("n %d shape %d", n, shape)
            .containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
      }
    }
  }
}
