package dev.bucketsql.engine.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.QueryCancelledException;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryLimit;
import dev.bucketsql.engine.memory.MemoryLimitExceededException;
import dev.bucketsql.engine.spill.Spilling;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.SqlStateException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SharedResult} against the naive reference, each consumer reading the input on its own:
 * random batches (NULLs, empty input, one row, batch sizes that cross boundaries), one to three
 * consumers reading in random interleavings, one after the other in both orders, one stopping
 * early; the input opened and read once; spilling past the memory limit and the memory error
 * without it; a failure of the input thrown to every consumer that reads past it; a cancel; readers
 * on several threads.
 */
class SharedResultTest {
  private static final List<ColumnType> TYPES =
      List.of(ColumnType.BIGINT, ColumnType.VARCHAR, ColumnType.DOUBLE, ColumnType.DECIMAL);

  @TempDir Path dir;

  @Test
  void everyConsumerReadsTheInputsRowsInOrderWhateverTheInterleaving() {
    for (long seed = 1; seed <= 60; seed++) {
      Random random = new Random(seed);
      List<Object[]> rows = randomRows(random);
      int inBatch = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
      int outBatch = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
      Counted input = new Counted(TestData.source(TYPES, rows, inBatch), -1);
      int consumers = 1 + random.nextInt(3);
      try (SharedResult result = shared(input, TestData.context(outBatch))) {
        List<List<Object[]>> read = interleaved(result, consumers, random);
        for (List<Object[]> r : read) {
          assertThat(TestData.sequence(r))
              .as("seed %d, %d consumers", seed, consumers)
              .isEqualTo(TestData.sequence(rows));
        }
      }
      assertThat(input.opened).as("seed %d", seed).isEqualTo(1);
      assertThat(input.closed).isEqualTo(input.opened);
      assertThat(input.batches).isEqualTo((rows.size() + inBatch - 1) / inBatch);
    }
  }

  @Test
  void oneConsumerReadsEverythingBeforeTheOtherStartsInBothOrders() {
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      List<Object[]> rows = randomRows(random);
      Counted input = new Counted(TestData.source(TYPES, rows, 7), -1);
      try (SharedResult result = shared(input, TestData.context(3))) {
        Operator first = result.reader(TestData.context(3));
        Operator second = result.reader(TestData.context(64));
        // the reader made second reads first, as a join's build side opened later would
        List<Object[]> a = drain(second, Integer.MAX_VALUE);
        List<Object[]> b = drain(first, Integer.MAX_VALUE);
        assertThat(TestData.sequence(a)).isEqualTo(TestData.sequence(rows));
        assertThat(TestData.sequence(b)).isEqualTo(TestData.sequence(rows));
      }
      assertThat(input.opened).isEqualTo(1);
      assertThat(input.closed).isEqualTo(1);
    }
  }

  @Test
  void aConsumerThatStopsEarlyLeavesTheRestToTheOthers() {
    for (long seed = 1; seed <= 30; seed++) {
      Random random = new Random(seed);
      List<Object[]> rows = TestData.rows(random, TYPES, 50 + random.nextInt(300), 15);
      Counted input = new Counted(TestData.source(TYPES, rows, 3), -1);
      try (SharedResult result = shared(input, TestData.context(7))) {
        Operator early = result.reader(TestData.context(7));
        int stopAfter = random.nextInt(4);
        List<Object[]> part = drain(early, stopAfter);
        early.close();
        assertThat(early.next()).isNull();
        assertThat(TestData.sequence(part))
            .isEqualTo(TestData.sequence(rows.subList(0, part.size())));
        List<Object[]> rest = drain(result.reader(TestData.context(7)), Integer.MAX_VALUE);
        assertThat(TestData.sequence(rest)).isEqualTo(TestData.sequence(rows));
      }
      assertThat(input.opened).isEqualTo(1);
      assertThat(input.closed).isEqualTo(1);
    }
  }

  @Test
  void pastTheMemoryLimitItSpillsTheRestAndReadsItBackInOrder() {
    for (long seed = 1; seed <= 15; seed++) {
      Random random = new Random(seed);
      List<Object[]> rows = TestData.rows(random, TYPES, 500 + random.nextInt(1500), 10);
      int batch = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
      Counted input = new Counted(TestData.source(TYPES, rows, batch), -1);
      ExecContext query = Spilling.context(dir, 2_000 + random.nextInt(20_000), batch);
      try (SharedResult result = shared(input, query)) {
        List<List<Object[]>> read = interleaved(result, 2 + random.nextInt(2), random);
        for (List<Object[]> r : read) {
          assertThat(TestData.sequence(r)).as("seed %d", seed).isEqualTo(TestData.sequence(rows));
        }
        assertThat(result.spilled()).isTrue();
        assertThat(result.reservedBytes()).isLessThanOrEqualTo(query.memory().bytes());
      }
      assertThat(Spilling.leftUnder(dir)).isEmpty();
      assertThat(input.opened).isEqualTo(1);
      assertThat(input.closed).isEqualTo(1);
    }
  }

  @Test
  void withoutSpillingTheMemoryLimitIsTheErrorForEveryConsumer() {
    Random random = new Random(5);
    List<Object[]> rows = TestData.rows(random, TYPES, 2000, 10);
    Counted input = new Counted(TestData.source(TYPES, rows, 64), -1);
    ExecContext query =
        new ExecContext(new MemoryLimit(20_000, MemoryLimit.QUERY_MEMORY), 64, () -> false);
    SharedResult result = shared(input, query);
    Operator a = result.reader(query);
    Operator b = result.reader(query);
    assertThatThrownBy(() -> drain(a, Integer.MAX_VALUE))
        .isInstanceOfSatisfying(
            MemoryLimitExceededException.class,
            e -> {
              assertThat(e.heldBy()).isEqualTo(HeldBy.SHARED);
              assertThat(e.getMessage())
                  .startsWith("the shared subplan (a view or subquery used more than once) holds")
                  .contains("queryMemory=20000");
            });
    // never a partial answer: the other consumer fails too, past the rows held
    assertThatThrownBy(() -> drain(b, Integer.MAX_VALUE))
        .isInstanceOf(MemoryLimitExceededException.class);
    result.close();
    assertThat(result.reservedBytes()).isZero();
    assertThat(input.closed).isEqualTo(1);
    assertThatThrownBy(() -> drain(result.reader(query), 1))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aFailureOfTheInputReachesEveryConsumerThatReadsPastIt() {
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      List<Object[]> rows = TestData.rows(random, TYPES, 100 + random.nextInt(200), 10);
      int failAt = random.nextInt(10);
      Counted input = new Counted(TestData.source(TYPES, rows, 7), failAt);
      try (SharedResult result = shared(input, TestData.context(7))) {
        for (int c = 0; c < 2; c++) {
          Operator reader = result.reader(TestData.context(7));
          List<Object[]> got = new ArrayList<>();
          assertThatThrownBy(() -> collectInto(reader, got)).isSameAs(input.failure);
          // the rows before the failure, exactly, then the same error
          assertThat(TestData.sequence(got))
              .isEqualTo(TestData.sequence(rows.subList(0, failAt * 7)));
        }
      }
      assertThat(input.closed).isEqualTo(1);
    }
  }

  @Test
  void aCancelledConsumerStopsAndTheQuerysCancelStopsTheInput() {
    Random random = new Random(9);
    List<Object[]> rows = TestData.rows(random, TYPES, 400, 10);
    AtomicBoolean query = new AtomicBoolean();
    AtomicBoolean worker = new AtomicBoolean();
    ExecContext queryContext =
        new ExecContext(new MemoryLimit(1L << 30, MemoryLimit.QUERY_MEMORY), 5, query::get);
    Counted input = new Counted(new Checked(TestData.source(TYPES, rows, 5), queryContext), -1);
    try (SharedResult result = shared(input, queryContext)) {
      ExecContext stopped = queryContext.withStop(worker::get);
      Operator a = result.reader(stopped);
      assertThat(a.next()).isNotNull();
      worker.set(true);
      assertThatThrownBy(a::next).isInstanceOf(QueryCancelledException.class);
      // a worker's stop leaves the result whole for the other consumers
      List<Object[]> b = drain(result.reader(queryContext), 20);
      assertThat(TestData.sequence(b)).isEqualTo(TestData.sequence(rows.subList(0, 100)));
      query.set(true);
      Operator c = result.reader(TestData.context(5));
      assertThatThrownBy(() -> drain(c, Integer.MAX_VALUE))
          .isInstanceOf(QueryCancelledException.class);
    }
    assertThat(input.closed).isEqualTo(1);
  }

  @Test
  void readersOnSeveralThreadsEachGetEveryRow() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      for (long seed = 1; seed <= 10; seed++) {
        Random random = new Random(seed);
        List<Object[]> rows = TestData.rows(random, TYPES, 3000, 10);
        Counted input = new Counted(TestData.source(TYPES, rows, 7), -1);
        ExecContext query = Spilling.context(dir, seed % 2 == 0 ? 1L << 30 : 30_000, 7);
        try (SharedResult result = shared(input, query)) {
          List<Future<List<Object[]>>> futures = new ArrayList<>();
          for (int t = 0; t < 3; t++) {
            Operator reader = result.reader(query);
            futures.add(pool.submit(() -> drain(reader, Integer.MAX_VALUE)));
          }
          for (Future<List<Object[]>> f : futures) {
            assertThat(TestData.sequence(f.get())).isEqualTo(TestData.sequence(rows));
          }
        }
        assertThat(input.opened).isEqualTo(1);
        assertThat(Spilling.leftUnder(dir)).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Object[]> randomRows(Random random) {
    int count =
        switch (random.nextInt(5)) {
          case 0 -> 0;
          case 1 -> 1;
          default -> random.nextInt(300);
        };
    return TestData.rows(random, TYPES, count, 20);
  }

  private static SharedResult shared(Counted input, ExecContext context) {
    return new SharedResult(input::open, TYPES, context, "tables 't'");
  }

  /**
   * The rows each of {@code consumers} readers gets when the next batch goes to a random reader
   * until all are done.
   */
  private static List<List<Object[]>> interleaved(
      SharedResult result, int consumers, Random random) {
    List<Operator> readers = new ArrayList<>();
    List<List<Object[]>> rows = new ArrayList<>();
    List<Integer> open = new ArrayList<>();
    for (int c = 0; c < consumers; c++) {
      readers.add(result.reader(TestData.context(TestData.BATCH_SIZES[random.nextInt(4)])));
      rows.add(new ArrayList<>());
      open.add(c);
    }
    while (!open.isEmpty()) {
      int i = random.nextInt(open.size());
      int c = open.get(i);
      ColumnBatch b = readers.get(c).next();
      if (b == null) {
        readers.get(c).close();
        open.remove(i);
      } else {
        addRows(b, rows.get(c));
      }
    }
    return rows;
  }

  private static List<Object[]> drain(Operator reader, int batches) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < batches; i++) {
      ColumnBatch b = reader.next();
      if (b == null) {
        break;
      }
      addRows(b, rows);
    }
    return rows;
  }

  private static void collectInto(Operator reader, List<Object[]> rows) {
    for (ColumnBatch b = reader.next(); b != null; b = reader.next()) {
      addRows(b, rows);
    }
  }

  private static void addRows(ColumnBatch b, List<Object[]> rows) {
    assertThat(b.size()).isPositive();
    for (int r = 0; r < b.size(); r++) {
      Object[] row = new Object[b.columnCount()];
      for (int c = 0; c < row.length; c++) {
        row[c] = b.value(c, r);
      }
      rows.add(row);
    }
  }

  /** An input that counts its openings, batches and closes, and fails at batch {@code failAt}. */
  private static final class Counted implements Operator {
    private final Operator source;
    private final int failAt;
    final SqlStateException failure =
        new SqlStateException(SqlStateException.NUMERIC_OUT_OF_RANGE, "overflow in the input");
    int opened;
    int batches;
    int closed;

    Counted(Operator source, int failAt) {
      this.source = source;
      this.failAt = failAt;
    }

    Operator open() {
      opened++;
      return this;
    }

    @Override
    public List<ColumnType> types() {
      return source.types();
    }

    @Override
    public ColumnBatch next() {
      if (batches == failAt) {
        throw failure;
      }
      ColumnBatch b = source.next();
      if (b != null) {
        batches++;
      }
      return b;
    }

    @Override
    public void close() {
      closed++;
      source.close();
    }
  }

  /** An input that checks the query's cancel flag once per batch, as operators do. */
  private static final class Checked implements Operator {
    private final Operator source;
    private final ExecContext context;

    Checked(Operator source, ExecContext context) {
      this.source = source;
      this.context = context;
    }

    @Override
    public List<ColumnType> types() {
      return source.types();
    }

    @Override
    public ColumnBatch next() {
      context.checkCancelled();
      return source.next();
    }

    @Override
    public void close() {
      source.close();
    }
  }
}
