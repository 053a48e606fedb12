package dev.bucketsql.csv;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.RowCursor;
import dev.bucketsql.format.TableSchema;
import dev.bucketsql.storage.ObjectInput;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scan of a large uncompressed object in parallel ranges, rows in object order.
 *
 * <ol>
 *   <li>The head (up to the first split) is streamed with one GET and parsed on the caller's
 *       thread, exactly like a sequential scan; a {@code LIMIT} that ends there fetches nothing
 *       else. Once the head stream passes a ramp point, the splits start.
 *   <li>Each split of {@code splitSize} bytes is fetched with one ranged GET; its first record
 *       boundary is guessed from its own bytes ({@link CsvByteScanner#guessBoundary}); it is parsed
 *       on a worker from that boundary to the next split's guessed boundary.
 *   <li>Guesses are verified in order: the head ends at an exact boundary, which must equal split
 *       1's guess; a split parsed from a verified boundary must end cleanly exactly at the next
 *       guess, which is then verified too. Any disagreement, or a split that failed, switches to
 *       one exact stream from the last verified boundary to the end of the object, so a wrong guess
 *       costs time, never a wrong row; errors then carry their true line.
 * </ol>
 *
 * <p>At most {@code parallelism} splits are in flight (fetching, parsed or waiting to be read), so
 * memory is bounded by about {@code parallelism} times a split's bytes and rows.
 */
final class CsvParallelCursor implements RowCursor {
  private static final Logger LOG = LoggerFactory.getLogger(CsvParallelCursor.class);
  private static final Object[] NO_VALUES = new Object[0];

  private final String key;
  private final ObjectInput input;
  private final CsvDialect dialect;
  private final CsvOptions options;
  private final TableSchema schema;
  private final int[] projection;
  private final long objectSize;
  private final long splitStart;
  private final int splitCount;
  private final CsvScanReport report;
  private final Function<long[], RowCursor> fallbackOpener;
  private final Deque<CompletableFuture<CsvSplitTask.Result>> results = new ArrayDeque<>();
  private CompletableFuture<CsvSplitTask.Bytes> lastDownload;
  private int submitted;
  private volatile boolean rampReached;

  private RowCursor head;
  private CsvHeadStream headStream;
  private RowCursor fallback;
  private int split;
  private long boundary;
  private long line;

  /** Whether the caller reads batches (its first call was {@link #nextBatch}); null before. */
  private Boolean inBatches;

  private List<Object[]> rows;
  private List<ColumnBatch> batches;
  private int batchIndex;
  private int rowIndex;
  private long countLeft;
  private Object[] current;
  private boolean closed;

  /**
   * @param headCursor builds the sequential cursor over the head stream it is given
   * @param fallbackOpener builds a sequential cursor from {boundary, line} to the object's end
   */
  CsvParallelCursor(
      String key,
      ObjectInput input,
      CsvDialect dialect,
      CsvOptions options,
      TableSchema schema,
      int[] projection,
      long objectSize,
      CsvScanReport report,
      Function<CsvHeadStream, RowCursor> headCursor,
      Function<long[], RowCursor> fallbackOpener) {
    this.key = key;
    this.input = input;
    this.dialect = dialect;
    this.options = options;
    this.schema = schema;
    this.projection = projection;
    this.objectSize = objectSize;
    this.report = report;
    this.splitStart = options.splitSize();
    this.splitCount =
        (int) ((objectSize - splitStart + options.splitSize() - 1) / options.splitSize());
    this.fallbackOpener = fallbackOpener;
    long rampAt = Math.min(splitStart / 4, 1024 * 1024);
    this.headStream =
        new CsvHeadStream(
            input,
            dialect,
            dialect.bomLength(),
            splitStart,
            objectSize,
            rampAt,
            () -> rampReached = true);
    this.head = headCursor.apply(headStream);
  }

  @Override
  public boolean moveNext() {
    if (closed) {
      return false;
    }
    if (inBatches == null) {
      inBatches = false;
    }
    try {
      if (nextRow()) {
        return true;
      }
      close();
      return false;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private boolean nextRow() {
    while (true) {
      if (head != null) {
        boolean more = head.moveNext();
        if (rampReached) {
          fill();
        }
        if (more) {
          current = head.current();
          return true;
        }
        if (!headEnded()) {
          return false;
        }
        continue;
      }
      if (fallback != null) {
        if (fallback.moveNext()) {
          current = fallback.current();
          return true;
        }
        return false;
      }
      if (rows != null) {
        if (rowIndex < rows.size()) {
          current = rows.get(rowIndex);
          rows.set(rowIndex++, null);
          return true;
        }
      } else if (batches != null) {
        while (batchIndex < batches.size()) {
          ColumnBatch b = batches.get(batchIndex);
          if (rowIndex < b.size()) {
            Object[] row = new Object[b.columnCount()];
            for (int c = 0; c < row.length; c++) {
              row[c] = b.value(c, rowIndex);
            }
            rowIndex++;
            current = row;
            return true;
          }
          batches.set(batchIndex++, null);
          rowIndex = 0;
        }
      } else if (countLeft > 0) {
        countLeft--;
        current = NO_VALUES;
        return true;
      }
      if (!nextSplit()) {
        return false;
      }
    }
  }

  /**
   * Fills {@code batch} from the head, the splits' batches or the fallback stream, whichever is
   * being read.
   */
  @Override
  public int nextBatch(ColumnBatch batch) {
    batch.clear();
    if (closed) {
      return 0;
    }
    if (inBatches == null) {
      inBatches = true;
    }
    try {
      int n = fillBatch(batch);
      if (n == 0) {
        close();
      }
      return n;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private int fillBatch(ColumnBatch batch) {
    while (true) {
      if (head != null) {
        int n = head.nextBatch(batch);
        if (rampReached) {
          fill();
        }
        if (n > 0) {
          return n;
        }
        if (!headEnded()) {
          return 0;
        }
        continue;
      }
      if (fallback != null) {
        return fallback.nextBatch(batch);
      }
      if (rows != null) {
        while (rowIndex < rows.size() && batch.size() < batch.capacity()) {
          batch.addRow(rows.get(rowIndex));
          rows.set(rowIndex++, null);
        }
        if (batch.size() > 0) {
          return batch.size();
        }
      } else if (batches != null) {
        while (batchIndex < batches.size() && batch.size() < batch.capacity()) {
          ColumnBatch b = batches.get(batchIndex);
          int take = Math.min(batch.capacity() - batch.size(), b.size() - rowIndex);
          batch.append(b, rowIndex, take);
          rowIndex += take;
          if (rowIndex == b.size()) {
            batches.set(batchIndex++, null);
            rowIndex = 0;
          }
        }
        if (batch.size() > 0) {
          return batch.size();
        }
      } else if (countLeft > 0) {
        int n = (int) Math.min(countLeft, batch.capacity());
        countLeft -= n;
        batch.setSize(n);
        return n;
      }
      if (!nextSplit()) {
        return 0;
      }
    }
  }

  /**
   * The head stream ended: its exact end is where the splits start. False when nothing is left;
   * otherwise reading goes on from the splits, or from a fallback stream if the first split's guess
   * disagrees.
   */
  private boolean headEnded() {
    head.close();
    head = null;
    boundary = headStream.end();
    line = 1 + headStream.newlines();
    if (boundary >= objectSize) {
      return false;
    }
    fill();
    if (!verified(boundary)) {
      openFallback();
    }
    return true;
  }

  /**
   * Takes the next split's result: false when none is left; a split that cannot be used opens the
   * fallback stream from its start.
   */
  private boolean nextSplit() {
    if (split >= splitCount) {
      return false;
    }
    fill();
    CsvSplitTask.Result r = await(results.removeFirst());
    split++;
    if (!r.usable()) {
      boundary = r.start();
      openFallback();
      return true;
    }
    report.addAll(r.rejects(), line - 1);
    line += r.newlines();
    rows = r.rows();
    batches = r.batches();
    batchIndex = 0;
    rowIndex = 0;
    countLeft = r.count();
    return true;
  }

  /** Whether split 1's guessed boundary equals the head's exact end. */
  private boolean verified(long exact) {
    CompletableFuture<CsvSplitTask.Bytes> first = firstDownload;
    return first != null && await(first).boundary() == exact;
  }

  private CompletableFuture<CsvSplitTask.Bytes> firstDownload;

  private void openFallback() {
    LOG.debug(
        "CSV object '{}': parallel splits disagree at byte {}; one stream from there",
        key,
        boundary);
    cancelAll();
    fallback = fallbackOpener.apply(new long[] {boundary, line});
    split = splitCount;
  }

  /** Keeps up to {@code parallelism} splits in flight beyond the one being read. */
  private void fill() {
    // Rows for a caller that reads rows, batches for one that reads batches: each converted once,
    // on the split's worker.
    boolean batched = Boolean.TRUE.equals(inBatches);
    int limit = Math.min(splitCount, split + options.parallelism());
    while (submitted < limit) {
      int k = submitted++;
      long start = splitStart + (long) k * options.splitSize();
      long end = Math.min(objectSize, start + options.splitSize());
      CompletableFuture<CsvSplitTask.Bytes> download =
          CompletableFuture.supplyAsync(() -> download(start, end), CsvScanThreads.io());
      if (k == 0) {
        firstDownload = download;
      }
      if (lastDownload != null) {
        CompletableFuture<CsvSplitTask.Bytes> previous = lastDownload;
        results.addLast(
            previous.thenCombineAsync(
                download,
                (a, b) ->
                    CsvSplitTask.parse(key, dialect, options, schema, projection, a, b, batched),
                CsvScanThreads.cpu()));
      }
      if (k == splitCount - 1) {
        results.addLast(
            download.thenApplyAsync(
                a ->
                    CsvSplitTask.parse(key, dialect, options, schema, projection, a, null, batched),
                CsvScanThreads.cpu()));
      }
      lastDownload = download;
    }
  }

  private CsvSplitTask.Bytes download(long start, long end) {
    if (closed) {
      return new CsvSplitTask.Bytes(start, new byte[0], -1);
    }
    byte[] data = new byte[(int) (end - start)];
    input.readFully(start, data);
    int guess = CsvByteScanner.guessBoundary(dialect, data, 0, data.length, schema.size(), 8);
    return new CsvSplitTask.Bytes(start, data, guess < 0 ? -1 : start + guess);
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading a CSV split", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    }
  }

  private void cancelAll() {
    for (CompletableFuture<CsvSplitTask.Result> f : results) {
      f.cancel(false);
    }
    results.clear();
    rows = null;
    batches = null;
    countLeft = 0;
  }

  @Override
  public Object[] current() {
    if (current == null) {
      throw new IllegalStateException("no current row: call moveNext() first");
    }
    return current;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    cancelAll();
    try {
      if (head != null) {
        head.close();
      }
      if (fallback != null) {
        fallback.close();
      }
    } finally {
      input.close();
      report.finish();
    }
  }
}
