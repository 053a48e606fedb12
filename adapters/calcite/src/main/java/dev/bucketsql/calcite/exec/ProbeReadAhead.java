package dev.bucketsql.calcite.exec;

import dev.bucketsql.calcite.BucketBatchScan;
import dev.bucketsql.format.ColumnBatch;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads the probe input of a join on a thread of its own while the build input is read, so the two
 * scans (two downloads, two parsers) overlap instead of running one after the other. At most {@code
 * slots} batches wait in memory; when they are full the reader waits, so the read-ahead never holds
 * more than {@code slots} batches whatever the object's size. Batches come out in the order read,
 * so sums come out the same as without it. A failure of the scan (malformed data, a cancelled or
 * timed-out statement) is thrown by {@link #next()} on the query's thread; {@link #close()} stops
 * the reader and aborts its requests.
 */
final class ProbeReadAhead implements AutoCloseable {
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ExecutorService READERS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "bucketsql-join-probe-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
  private static final Object END = new Object();

  private final BlockingQueue<Object> queue;
  private final Future<?> reader;
  private volatile boolean stopped;
  private boolean ended;

  ProbeReadAhead(BucketBatchScan scan, int slots) {
    queue = new ArrayBlockingQueue<>(Math.max(1, slots));
    reader = READERS.submit(() -> read(scan));
  }

  /**
   * The memory of a full batch like {@code batch}, estimated: 9 bytes a value of a number or date
   * column (the primitive and its null flag), 80 a value of any other column (a reference, its null
   * flag and a short string or boxed value).
   */
  static long estimatedBytes(ColumnBatch batch) {
    long perRow = 0;
    for (int c = 0; c < batch.columnCount(); c++) {
      perRow += batch.kind(c) == ColumnBatch.Kind.OBJECT ? 80 : 9;
    }
    return Math.max(1, perRow) * batch.capacity();
  }

  /** How many batches of {@code batchBytes} to hold within {@code budgetBytes}: at least 1. */
  static int slots(long budgetBytes, long batchBytes) {
    return (int) Math.max(1, Math.min(4096, budgetBytes / Math.max(1, batchBytes)));
  }

  private void read(BucketBatchScan scan) {
    try (scan) {
      while (!stopped) {
        ColumnBatch batch = scan.newBatch();
        if (scan.next(batch) == 0) {
          queue.put(END);
          return;
        }
        queue.put(batch);
      }
    } catch (InterruptedException e) {
      // closed while waiting for room: the query no longer wants the rows
    } catch (Throwable t) {
      if (!stopped) {
        try {
          queue.put(t);
        } catch (InterruptedException e) {
          // closed meanwhile
        }
      }
    }
  }

  /**
   * The next batch, or null at the end of the input.
   *
   * @throws RuntimeException what the scan threw, as it threw it
   */
  @Nullable ColumnBatch next() {
    if (ended) {
      return null;
    }
    Object item;
    try {
      item = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while waiting for the join's probe input", e);
    }
    if (item == END) {
      ended = true;
      return null;
    }
    if (item instanceof RuntimeException e) {
      ended = true;
      throw e;
    }
    if (item instanceof Error e) {
      ended = true;
      throw e;
    }
    if (item instanceof Throwable t) {
      ended = true;
      throw new IllegalStateException(t.getMessage(), t);
    }
    return (ColumnBatch) item;
  }

  /** Stops the reader, which closes its scan; rows not taken are dropped. */
  @Override
  public void close() {
    stopped = true;
    reader.cancel(true);
    queue.clear();
  }
}
