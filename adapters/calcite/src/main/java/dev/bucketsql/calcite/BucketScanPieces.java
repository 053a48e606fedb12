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
  private final List<BucketBatchScan> opened = new CopyOnWriteArrayList<>();

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
    BucketBatchScan scan =
        new BucketBatchScan(pieces.get(piece), spec, cancelFlag, timeoutMillis, deadlineNanos);
    opened.add(scan);
    return scan;
  }

  /** The pieces' pruning so far, added up. */
  PruningStats pruningStats() {
    int total = 0;
    int statistics = 0;
    int dictionary = 0;
    int bloom = 0;
    int read = 0;
    for (BucketBatchScan s : opened) {
      PruningStats p = s.pruningStats();
      total += p.total();
      statistics += p.skippedByStatistics();
      dictionary += p.skippedByDictionary();
      bloom += p.skippedByBloomFilter();
      read += p.read();
    }
    return new PruningStats(total, statistics, dictionary, bloom, read);
  }

  /** Rows the pieces read so far. */
  long rows() {
    long rows = 0;
    for (BucketBatchScan s : opened) {
      rows += s.rows();
    }
    return rows;
  }
}
