package dev.bucketsql.engine.sort;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.spill.Spilling;
import dev.bucketsql.format.ColumnType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link Sort} over a tiny memory limit writes sorted runs and merges them (in several passes
 * when there are more runs than it merges at once) into exactly the stable order of the in-memory
 * sort, and leaves no file behind.
 */
class ExternalSortTest {
  private static final List<ColumnType> TYPES =
      List.of(
          ColumnType.INTEGER,
          ColumnType.VARCHAR,
          ColumnType.DOUBLE,
          ColumnType.DECIMAL,
          ColumnType.BIGINT);

  @TempDir Path dir;

  @Test
  void spilledSortsMatchTheInMemorySort() {
    int mostRuns = 0;
    for (long seed = 1; seed <= 4; seed++) {
      Random random = new Random(seed);
      List<Object[]> rows = numbered(TestData.rows(random, TYPES.subList(0, 4), 3000, 15));
      for (int trial = 0; trial < 3; trial++) {
        List<SortKey> keys =
            List.of(
                new SortKey(random.nextInt(4), random.nextBoolean(), random.nextBoolean()),
                new SortKey(random.nextInt(4), random.nextBoolean(), random.nextBoolean()));
        int batchSize = TestData.BATCH_SIZES[1 + random.nextInt(3)];
        List<Object[]> expected =
            Rows.collect(
                new Sort(
                    TestData.source(TYPES, rows, batchSize),
                    keys,
                    TestData.context(batchSize),
                    "its input"));
        long memory = 2_000 + random.nextInt(20_000);
        ExecContext context = Spilling.context(dir, memory, batchSize);
        Sort sort = new Sort(TestData.source(TYPES, rows, batchSize), keys, context, "its input");
        List<Object[]> actual = Rows.collect(sort);
        assertThat(TestData.sequence(actual))
            .as("seed %d keys %s memory %d", seed, keys, memory)
            .isEqualTo(TestData.sequence(expected));
        assertThat(sort.spilledRuns()).isGreaterThan(1);
        mostRuns = Math.max(mostRuns, sort.spilledRuns());
        assertThat(Spilling.leftUnder(dir)).isEmpty();
        assertThat(context.spill().bytesOnDisk()).isZero();
        assertThat(sort.reservedBytes()).isZero();
      }
    }
    assertThat(mostRuns)
        .as("some sort merged in more than one pass")
        .isGreaterThan(RunMerger.FAN_IN);
  }

  private static List<Object[]> numbered(List<Object[]> rows) {
    List<Object[]> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Object[] r = java.util.Arrays.copyOf(rows.get(i), 5);
      r[4] = (long) i;
      out.add(r);
    }
    return out;
  }
}
