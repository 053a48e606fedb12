package dev.bucketsql.engine.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.aggregate.AggregateCall;
import dev.bucketsql.engine.sort.SortKey;
import dev.bucketsql.engine.spill.Spilling;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Window#ranksUpTo} (a window of ranks whose sort keeps only each partition's rows within a
 * limit) against the window's reference ({@link WindowTest}: sorted stably, every rank counted from
 * its definition) cut to the rows whose limited rank is within the limit, as a sequence: the same
 * rows, values and order as the whole window filtered. Random rows with NULL and tied keys, empty
 * input, one row, batch sizes that cut partitions and peers, limits from 0 to beyond every
 * partition, every rank kind limited, and a tiny memory limit whose sort spills and cuts the merged
 * batches instead.
 */
class WindowRanksUpToTest {
  private static final WindowFunction.Kind[] RANKS = {
    WindowFunction.Kind.ROW_NUMBER, WindowFunction.Kind.RANK, WindowFunction.Kind.DENSE_RANK
  };

  @TempDir Path spillDir;

  @Test
  void givesTheWindowsRowsWithinTheLimit() {
    for (long seed = 1; seed <= 15; seed++) {
      Random random = new Random(seed);
      for (int count : new int[] {0, 1, 2, 40, 300}) {
        List<Object[]> rows = TestData.rows(random, WindowTest.TYPES, count, 15);
        for (int trial = 0; trial < 8; trial++) {
          WindowTest.Spec spec = randomSpec(random);
          int limited = random.nextInt(spec.functions().size());
          long limit = random.nextInt(5) == 0 ? random.nextInt(400) : random.nextInt(4);
          int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
          check(
              spec,
              limited,
              limit,
              rows,
              TestData.context(batchSize),
              "seed " + seed + " " + spec + " f" + limited + " <= " + limit);
        }
      }
    }
  }

  @Test
  void cutsTheMergedRunsOfASpilledSortAlike() {
    Random random = new Random(41);
    List<Object[]> rows = new ArrayList<>();
    for (Object[] r : TestData.rows(random, WindowTest.TYPES, 3000, 10)) {
      r[4] = (long) random.nextInt(700); // many partitions, several in each batch
      rows.add(r);
    }
    for (WindowFunction.Kind kind : RANKS) {
      for (long limit : new long[] {1, 2, 5}) {
        WindowTest.Spec spec =
            new WindowTest.Spec(
                new int[] {4},
                List.of(new SortKey(0, true, false), SortKey.asc(1)),
                Frame.ROWS_TO_CURRENT,
                List.of(WindowFunction.ranking(kind), WindowFunction.ranking(RANKS[0])));
        check(spec, 0, limit, rows, Spilling.context(spillDir, 16 * 1024, 64), kind + " " + limit);
        assertThat(Spilling.leftUnder(spillDir)).isEmpty();
      }
    }
  }

  @Test
  void takesOnlyRanks() {
    assertThatThrownBy(
            () ->
                Window.ranksUpTo(
                    TestData.source(WindowTest.TYPES, List.of(), 4),
                    new int[] {0},
                    List.of(SortKey.asc(1)),
                    List.of(WindowFunction.of(AggregateCall.countStar())),
                    0,
                    1,
                    TestData.context(4),
                    "t"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static WindowTest.Spec randomSpec(Random random) {
    WindowTest.Spec any = WindowTest.Spec.random(random);
    List<WindowFunction> functions = new ArrayList<>();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      functions.add(WindowFunction.ranking(RANKS[random.nextInt(RANKS.length)]));
    }
    return new WindowTest.Spec(any.partition(), any.order(), Frame.ROWS_TO_CURRENT, functions);
  }

  private static void check(
      WindowTest.Spec spec,
      int limited,
      long limit,
      List<Object[]> rows,
      ExecContext context,
      String what) {
    int column = WindowTest.TYPES.size() + limited;
    List<Object[]> expected = new ArrayList<>();
    for (Object[] r : WindowTest.reference(spec, rows)) {
      if ((Long) r[column] <= limit) {
        expected.add(r);
      }
    }
    Window w =
        Window.ranksUpTo(
            TestData.source(WindowTest.TYPES, rows, context.batchSize()),
            spec.partition(),
            spec.order(),
            spec.functions(),
            limited,
            limit,
            context,
            "table 't'");
    List<Object[]> actual = Rows.collect(w);
    w.close();
    assertThat(TestData.sequence(actual)).as(what).isEqualTo(TestData.sequence(expected));
  }
}
