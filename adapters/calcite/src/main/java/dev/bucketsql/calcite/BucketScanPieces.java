package dev.bucketsql.calcite;

import static java.util.Objects.requireNonNull;

import dev.bucketsql.format.DataFile;
import dev.bucketsql.format.PruningStats;
import dev.bucketsql.format.ScanSpec;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One scan of a table divided into pieces ({@link DataFile#splits}: a folder's objects, a Parquet
 * object's row groups) that workers of a parallel pipeline open one at a time, from any thread.
 * Every piece checks the statement's cancel flag and the scan's one deadline; the scan's report
 * adds up the pieces' rows and pruning.
 */
public final class BucketScanPieces {
  private final List<DataFile> pieces;
  private final ScanSpec spec;
  private final @Nullable AtomicBoolean cancelFlag;
  private final long timeoutMillis;
  private final long deadlineNanos;

  /** The pieces open now; a closed piece leaves its figures in {@link #closedPruning}. */
  private final List<BucketBatchScan> open = new CopyOnWriteArrayList<>();

  private PruningStats closedPruning = PruningStats.NONE;
  private long closedRows;

  BucketScanPieces(
      List<DataFile> pieces,
      ScanSpec spec,
      @Nullable AtomicBoolean cancelFlag,
      long timeoutMillis) {
    this.pieces = List.copyOf(pieces);
    this.spec = requireNonNull(spec, "spec is null");
    this.cancelFlag = cancelFlag;
    this.timeoutMillis = timeoutMillis;
    this.deadlineNanos = ScanGuard.deadline(timeoutMillis);
  }

  /** How many pieces the scan has. */
  public int count() {
    return pieces.size();
  }

  /** A scan of piece {@code piece} alone; nothing is fetched before its first batch. */
  public BucketBatchScan open(int piece) {
    return open(piece, List.of());
  }

  /**
   * A scan of piece {@code piece} alone with {@code attachments} added to its spec (the runtime
   * keys of joins above, which each worker's operators name); nothing is fetched before its first
   * batch.
   */
  public BucketBatchScan open(int piece, List<Object> attachments) {
    ScanSpec pieceSpec = spec;
    for (Object a : attachments) {
      pieceSpec = pieceSpec.with(a);
    }
    BucketBatchScan scan =
        new BucketBatchScan(
            pieces.get(piece), pieceSpec, cancelFlag, timeoutMillis, deadlineNanos, this::closed);
    open.add(scan);
    return scan;
  }

  private synchronized void closed(BucketBatchScan scan) {
    if (open.remove(scan)) {
      closedPruning = add(closedPruning, scan.pruningStats());
      closedRows += scan.rows();
    }
  }

  private static PruningStats add(PruningStats a, PruningStats b) {
    return new PruningStats(
        a.total() + b.total(),
        a.skippedByStatistics() + b.skippedByStatistics(),
        a.skippedByDictionary() + b.skippedByDictionary(),
        a.skippedByBloomFilter() + b.skippedByBloomFilter(),
        a.read() + b.read());
  }

  /** The pieces' pruning so far, added up. */
  synchronized PruningStats pruningStats() {
    PruningStats sum = closedPruning;
    for (BucketBatchScan s : open) {
      sum = add(sum, s.pruningStats());
    }
    return sum;
  }

  /** Rows the pieces read so far. */
  synchronized long rows() {
    long rows = closedRows;
    for (BucketBatchScan s : open) {
      rows += s.rows();
    }
    return rows;
  }
}
