package dev.bucketsql.engine.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.QueryCancelledException;
import dev.bucketsql.engine.Rows;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryLimit;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.SqlStateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Exchange} against reading the pieces one after the other on one thread: the same rows in
 * the same order for 1 to 4 workers over random pieces; a failure in one worker thrown unchanged; a
 * cancel and a close after the first batch stopping every worker, each closing what it opened;
 * workers ahead of the consumer waiting rather than buffering past the memory limit.
 */
class ExchangeTest {
  private static final List<ColumnType> TYPES =
      List.of(ColumnType.INTEGER, ColumnType.VARCHAR, ColumnType.DECIMAL);

  @AfterEach
  void noWorkerOutlivesItsExchange() {
    assertThat(Exchange.runningWorkers()).isZero();
  }

  @Test
  void returnsThePiecesRowsInPieceOrder() {
    for (long seed = 1; seed <= 40; seed++) {
      Random random = new Random(seed);
      List<Object[]> rows = TestData.rows(random, TYPES, random.nextInt(400), 10);
      int batchSize = TestData.BATCH_SIZES[random.nextInt(TestData.BATCH_SIZES.length)];
      Pieces pieces = new Pieces(TYPES, rows, random, batchSize);
      for (int threads = 1; threads <= 4; threads++) {
        List<Object[]> out;
        try (Exchange exchange = exchange(pieces, threads, TestData.context(batchSize))) {
          out = Rows.collect(exchange);
        }
        assertThat(TestData.sequence(out))
            .as("seed %d, %d pieces, %d threads", seed, pieces.count(), threads)
            .isEqualTo(TestData.sequence(rows));
        assertThat(pieces.closed.get()).isEqualTo(pieces.opened.get());
      }
    }
  }

  @Test
  void aFailureInOneWorkerIsThrownUnchangedAndStopsTheOthers() {
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      List<Object[]> rows = TestData.rows(random, TYPES, 300 + random.nextInt(300), 10);
      Pieces pieces = new Pieces(TYPES, rows, random, 3);
      pieces.failingPiece = random.nextInt(pieces.count());
      pieces.failure =
          new SqlStateException(SqlStateException.NUMERIC_OUT_OF_RANGE, "overflow in a piece");
      if (pieces.pieces.get(pieces.failingPiece).size() <= 3) {
        continue; // the piece has one batch: it never reaches its failure
      }
      for (int threads = 1; threads <= 4; threads++) {
        Exchange exchange = exchange(pieces, threads, TestData.context(3));
        assertThatThrownBy(() -> Rows.collect(exchange))
            .as("seed %d, %d threads", seed, threads)
            .isSameAs(pieces.failure);
        exchange.close();
        assertThat(pieces.closed.get()).isEqualTo(pieces.opened.get());
      }
    }
  }

  @Test
  void aCancelStopsEveryWorker() {
    Random random = new Random(7);
    List<Object[]> rows = TestData.rows(random, TYPES, 2000, 10);
    Pieces pieces = new Pieces(TYPES, rows, random, 2);
    AtomicBoolean cancel = new AtomicBoolean();
    ExecContext context =
        new ExecContext(new MemoryLimit(1L << 30, MemoryLimit.QUERY_MEMORY), 2, cancel::get);
    for (int threads = 1; threads <= 4; threads++) {
      cancel.set(false);
      Exchange exchange = exchange(pieces, threads, context);
      assertThat(exchange.next()).isNotNull();
      cancel.set(true);
      assertThatThrownBy(() -> Rows.collect(exchange)).isInstanceOf(QueryCancelledException.class);
      exchange.close();
      assertThat(Exchange.runningWorkers()).isZero();
      assertThat(pieces.closed.get()).isEqualTo(pieces.opened.get());
    }
  }

  @Test
  void closingAfterTheFirstBatchStopsEveryWorker() {
    for (long seed = 1; seed <= 10; seed++) {
      Random random = new Random(seed);
      List<Object[]> rows = TestData.rows(random, TYPES, 3000, 10);
      Pieces pieces = new Pieces(TYPES, rows, random, 5);
      for (int threads = 1; threads <= 4; threads++) {
        Exchange exchange = exchange(pieces, threads, TestData.context(5));
        ColumnBatch first = exchange.next();
        assertThat(first).isNotNull();
        exchange.close();
        assertThat(exchange.next()).isNull();
        assertThat(Exchange.runningWorkers()).isZero();
        assertThat(pieces.closed.get()).isEqualTo(pieces.opened.get());
      }
    }
  }

  @Test
  void bufferedBatchesStayWithinTheMemoryLimit() {
    Random random = new Random(3);
    List<Object[]> rows = TestData.rows(random, TYPES, 3000, 10);
    Pieces pieces = new Pieces(TYPES, rows, random, 16);
    for (long limit : new long[] {1000, 5000, 40_000}) {
      ExecContext context =
          new ExecContext(new MemoryLimit(limit, MemoryLimit.QUERY_MEMORY), 16, () -> false);
      for (int threads = 1; threads <= 4; threads++) {
        List<Object[]> out;
        long peak;
        try (Exchange exchange = exchange(pieces, threads, context)) {
          out = Rows.collect(exchange);
          peak = exchange.peakBufferedBytes();
        }
        assertThat(TestData.sequence(out))
            .as("limit %d, %d threads", limit, threads)
            .isEqualTo(TestData.sequence(rows));
        assertThat(peak).isLessThanOrEqualTo(limit);
        assertThat(pieces.closed.get()).isEqualTo(pieces.opened.get());
      }
    }
  }

  @Test
  void aBudgetSharedByThreadsCountsEveryReservation() throws InterruptedException {
    ExecContext context = TestData.context(4);
    var budget = context.budget(HeldBy.AGGREGATE, "its input");
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; i < 100_000; i++) {
                  budget.reserve(3, i);
                  budget.release(1);
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(budget.reserved()).isEqualTo(4 * 100_000 * 2L);
  }

  private static Exchange exchange(Pieces pieces, int threads, ExecContext context) {
    return new Exchange(
        pieces, pieces.count(), threads, TYPES, context, HeldBy.AGGREGATE, "table 't'");
  }
}
