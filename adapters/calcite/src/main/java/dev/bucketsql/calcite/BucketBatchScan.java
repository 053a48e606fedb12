package dev.bucketsql.calcite;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.ColumnBatch;
import dev.bucketsql.format.ColumnType;
import dev.bucketsql.format.DataFile;
import dev.bucketsql.format.PrunableCursor;
import dev.bucketsql.format.PruningStats;
import dev.bucketsql.format.RowCursor;
import dev.bucketsql.format.ScanSpec;
import dev.bucketsql.format.TableSchema;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One scan of a table read batch by batch through {@link RowCursor#nextBatch}, for operators that
 * take millions of rows column by column. Nothing is fetched before the first {@link #next}; every
 * batch checks the statement's cancel flag and deadline, like the row scans of {@link
 * CursorEnumerator}, and closing stops the scan and aborts its requests.
 */
public final class BucketBatchScan implements AutoCloseable {
  private final DataFile file;
  private final ScanSpec spec;
  private final ScanGuard guard;
  private final ColumnType[] types;
  private volatile @Nullable RowCursor cursor;
  private volatile long rows;
  private boolean done;
  private final @Nullable Consumer<BucketBatchScan> onClose;

  BucketBatchScan(
      DataFile file, ScanSpec spec, @Nullable AtomicBoolean cancelFlag, long timeoutMillis) {
    this(file, spec, cancelFlag, timeoutMillis, ScanGuard.deadline(timeoutMillis), null);
  }

  /**
   * A scan whose deadline was set earlier: a piece of a scan run by several threads.
   *
   * @param onClose told once when the scan closes, before it lets go of its cursor
   */
  BucketBatchScan(
      DataFile file,
      ScanSpec spec,
      @Nullable AtomicBoolean cancelFlag,
      long timeoutMillis,
      long deadlineNanos,
      @Nullable Consumer<BucketBatchScan> onClose) {
    this.onClose = onClose;
    this.file = requireNonNull(file, "file is null");
    this.spec = requireNonNull(spec, "spec is null");
    this.guard = new ScanGuard(file, cancelFlag, timeoutMillis, deadlineNanos, this::close);
    TableSchema schema = file.schema();
    int[] projection = spec.projection();
    types = new ColumnType[projection.length];
    for (int i = 0; i < projection.length; i++) {
      types[i] = schema.column(projection[i]).type();
    }
  }

  /** The object read. */
  public String key() {
    return file.key();
  }

  /** A new empty batch for this scan's columns. */
  public ColumnBatch newBatch() {
    return new ColumnBatch(types, ColumnBatch.DEFAULT_CAPACITY);
  }

  /**
   * Fills {@code batch} (made by {@link #newBatch()}) with the next rows.
   *
   * @return the rows read, 0 at the end
   * @throws CancellationException when the statement was cancelled or timed out
   */
  public int next(ColumnBatch batch) {
    guard.check();
    if (done) {
      batch.clear();
      return 0;
    }
    RowCursor c = cursor;
    if (c == null) {
      c = file.scan(spec);
      cursor = c;
    }
    int n = c.nextBatch(batch);
    if (n == 0) {
      done = true;
      c.close();
    }
    rows += n;
    return n;
  }

  /** The cursor, null before the first batch; for scan reports. */
  @Nullable RowCursor cursor() {
    return cursor;
  }

  /** What the cursor pruned and read so far, for scan reports. */
  PruningStats pruningStats() {
    return cursor instanceof PrunableCursor p ? p.pruningStats() : PruningStats.NONE;
  }

  /** Rows read so far. */
  long rows() {
    return rows;
  }

  @Override
  public void close() {
    done = true;
    RowCursor c = cursor;
    if (c != null) {
      c.close();
    }
    if (onClose != null) {
      onClose.accept(this);
      // the owner has its figures: a closed piece keeps none of its reader's buffers
      cursor = null;
    }
  }
}
