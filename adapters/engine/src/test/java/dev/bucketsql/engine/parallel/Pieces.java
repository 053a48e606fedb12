package dev.bucketsql.engine.parallel;

import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.TestData;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Rows cut into pieces at random places (some pieces empty), as a {@link Fragment} whose operators
 * count their opening and closing, and may fail at a chosen piece.
 */
final class Pieces implements Fragment {
  final List<ColumnType> types;
  final List<List<Object[]>> pieces = new ArrayList<>();
  final int batchSize;
  final AtomicInteger opened = new AtomicInteger();
  final AtomicInteger closed = new AtomicInteger();
  volatile int failingPiece = -1;
  volatile RuntimeException failure;

  Pieces(List<ColumnType> types, List<Object[]> rows, Random random, int batchSize) {
    this.types = types;
    this.batchSize = batchSize;
    int at = 0;
    while (at < rows.size() || pieces.isEmpty()) {
      int n = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(Math.max(1, rows.size() / 3 + 1));
      int end = Math.min(rows.size(), at + n);
      pieces.add(new ArrayList<>(rows.subList(at, end)));
      at = end;
    }
  }

  @Override
  public Operator open(int piece, BooleanSupplier stopped) {
    opened.incrementAndGet();
    Operator source = TestData.source(types, pieces.get(piece), batchSize);
    return new Operator() {
      private int batches;
      private boolean done;

      @Override
      public List<ColumnType> types() {
        return types;
      }

      @Override
      public ColumnBatch next() {
        if (stopped.getAsBoolean()) {
          throw new dev.bucketsql.engine.QueryCancelledException("stopped");
        }
        if (piece == failingPiece && ++batches > 1) {
          throw failure;
        }
        return source.next();
      }

      @Override
      public void close() {
        if (!done) {
          done = true;
          closed.incrementAndGet();
          source.close();
        }
      }
    };
  }

  int count() {
    return pieces.size();
  }
}
