package dev.bucketsql.engine.parallel;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.engine.Cells;
import dev.bucketsql.engine.ExecContext;
import dev.bucketsql.engine.Operator;
import dev.bucketsql.engine.QueryCancelledException;
import dev.bucketsql.engine.memory.HeldBy;
import dev.bucketsql.engine.memory.MemoryBudget;
import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a {@link Fragment} once per piece of its scan on up to {@code threads} workers of a shared
 * pool, each taking the next piece when it is done with one, and returns the fragment's batches in
 * piece order: the same rows in the same order as one thread reading the pieces one after the
 * other, so an aggregate above sees its groups appear as they would serially.
 *
 * <p>The batches of the piece the consumer reads go through a queue of {@link #QUEUE_BATCHES}; a
 * worker ahead of the consumer keeps its piece's batches until the consumer reaches it, counted in
 * the exchange's memory budget: a batch that does not fit waits until the consumer has taken
 * enough, so the buffers never pass the limit and the exchange never fails for memory (the piece
 * the consumer reads always moves). No worker starts a piece more than {@code 2 * threads} ahead.
 * Each batch is a copy, owned by the consumer: operators refill their own batches.
 *
 * <p>The first failure of a worker (an overflow, a memory limit, a cancel) stops the others and is
 * thrown unchanged by {@link #next} on the consumer's thread. {@link #close} stops every worker,
 * waits until each has closed its operators (and so its scan and its memory), and drops what is
 * buffered: no worker outlives the exchange.
 */
public final class Exchange implements Operator {
  /** Batches of the current piece in flight between its worker and the consumer. */
  static final int QUEUE_BATCHES = 4;

  /** The workers of every query: threads are made on demand and end when idle for a while. */
  private static final ExecutorService POOL =
      Executors.newCachedThreadPool(
          new java.util.concurrent.ThreadFactory() {
            private final AtomicInteger count = new AtomicInteger();

            @Override
            public Thread newThread(Runnable r) {
              Thread t = new Thread(r, "bucketsql-pipeline-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            }
          });

  /** Workers running now, over all exchanges; for tests that check no worker outlives a query. */
  private static final AtomicInteger RUNNING = new AtomicInteger();

  private final Fragment fragment;
  private final int pieces;
  private final int threads;
  private final List<ColumnType> types;
  private final ExecContext context;
  private final MemoryBudget budget;
  private final Map<Integer, PieceOutput> outputs = new HashMap<>();
  private boolean started;
  private int nextPiece;
  private int consumerPiece;
  private int running;
  private volatile boolean stopped;
  private RuntimeException failure;
  private boolean closed;

  /**
   * @param fragment builds the operators of one piece
   * @param pieces how many pieces the scan has
   * @param threads the most workers, at least 1
   * @param types the fragment's output column types
   * @param heldBy what the buffered batches are held for, for the memory error
   * @param subject what they come from ({@code table 'x'})
   */
  public Exchange(
      Fragment fragment,
      int pieces,
      int threads,
      List<ColumnType> types,
      ExecContext context,
      HeldBy heldBy,
      String subject) {
    this.fragment = requireNonNull(fragment, "fragment is null");
    if (pieces < 0 || threads < 1) {
      throw new IllegalArgumentException("pieces " + pieces + ", threads " + threads);
    }
    this.pieces = pieces;
    this.threads = Math.min(threads, Math.max(1, pieces));
    this.types = List.copyOf(types);
    this.context = requireNonNull(context, "context is null");
    this.budget = context.budget(heldBy, subject);
  }

  /** Workers running now, over all exchanges of the JVM. */
  public static int runningWorkers() {
    return RUNNING.get();
  }

  /** The workers this exchange runs at most. */
  public int threads() {
    return threads;
  }

  @Override
  public List<ColumnType> types() {
    return types;
  }

  @Override
  public ColumnBatch next() {
    try {
      synchronized (this) {
        if (closed) {
          return null;
        }
        if (!started) {
          started = true;
          for (int i = 0; i < threads; i++) {
            running++;
            RUNNING.incrementAndGet();
            POOL.execute(this::work);
          }
        }
        while (true) {
          if (failure != null) {
            throw failure;
          }
          context.checkCancelled();
          if (consumerPiece >= pieces) {
            return null;
          }
          PieceOutput out = outputs.get(consumerPiece);
          if (out != null && !out.batches.isEmpty()) {
            Item item = out.batches.poll();
            budget.release(item.bytes());
            notifyAll();
            return item.batch();
          }
          if (out != null && out.done) {
            outputs.remove(consumerPiece);
            consumerPiece++;
            notifyAll();
            continue;
          }
          // timed, to see a cancel of the statement even while every worker is busy
          wait(20);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
      throw new QueryCancelledException("query cancelled: the thread running it was interrupted");
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
  }

  private void work() {
    try {
      while (true) {
        int piece;
        PieceOutput out;
        synchronized (this) {
          while (!stopped && nextPiece < pieces && nextPiece >= consumerPiece + 2 * threads) {
            wait();
          }
          if (stopped || nextPiece >= pieces) {
            return;
          }
          piece = nextPiece++;
          out = new PieceOutput();
          outputs.put(piece, out);
        }
        runPiece(piece, out);
      }
    } catch (InterruptedException e) {
      fail(new QueryCancelledException("query cancelled: a worker of the query was interrupted"));
    } catch (RuntimeException e) {
      fail(e);
    } catch (Error e) {
      // reaches the consumer as an error of the query rather than killing the pool's thread
      fail(new IllegalStateException("a worker of the query failed: " + e, e));
    } finally {
      synchronized (this) {
        running--;
        RUNNING.decrementAndGet();
        notifyAll();
      }
    }
  }

  private void runPiece(int piece, PieceOutput out) throws InterruptedException {
    try (Operator op = fragment.open(piece, () -> stopped)) {
      for (ColumnBatch b = op.next(); b != null; b = op.next()) {
        ColumnBatch copy = new ColumnBatch(types.toArray(ColumnType[]::new), b.size());
        copy.append(b, 0, b.size());
        // a batch of the piece the consumer reads streams through uncounted: its bytes (every
        // string's header read) are estimated only for a batch that may be held. Read without the
        // lock, consumerPiece may be stale, but only smaller: a piece it names is the consumer's
        long bytes = piece == consumerPiece ? -1 : Cells.batchBytes(copy);
        synchronized (this) {
          long counted = 0;
          while (!stopped) {
            if (piece == consumerPiece) {
              // the consumer reads this piece: its batches stream through the queue
              if (out.batches.size() < QUEUE_BATCHES) {
                break;
              }
            } else {
              if (bytes < 0) {
                // not estimated above (cannot happen while consumerPiece only grows): now
                bytes = Cells.batchBytes(copy);
              }
              if (budget.fits(bytes)) {
                budget.reserve(bytes, b.size());
                counted = bytes;
                break;
              }
            }
            wait();
          }
          if (stopped) {
            budget.release(counted);
            return;
          }
          out.batches.add(new Item(copy, counted));
          notifyAll();
        }
      }
    }
    synchronized (this) {
      out.done = true;
      notifyAll();
    }
  }

  private synchronized void fail(RuntimeException e) {
    // a worker stopped by another's failure or by close fails with a cancel: keep the first cause
    if (failure == null && !stopped) {
      failure = e;
    }
    stopped = true;
    notifyAll();
  }

  private synchronized void stop() {
    stopped = true;
    notifyAll();
  }

  @Override
  public void close() {
    boolean interrupted = false;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      stopped = true;
      notifyAll();
      while (running > 0) {
        try {
          wait();
        } catch (InterruptedException e) {
          // the workers still have to close their scans: wait for them, then keep the flag
          interrupted = true;
        }
      }
      outputs.clear();
    }
    budget.releaseAll();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Bytes the batches of pieces ahead of the consumer held at most, for tests. */
  public long peakBufferedBytes() {
    return budget.peak();
  }

  /** The batches one piece made that the consumer has not taken yet. */
  private static final class PieceOutput {
    private final ArrayDeque<Item> batches = new ArrayDeque<>();
    private boolean done;
  }

  /** A batch handed over, and the bytes it holds in the budget (0 for the consumer's piece). */
  private record Item(ColumnBatch batch, long bytes) {}
}
